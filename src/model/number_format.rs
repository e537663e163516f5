//! Numbers written for the reader: thousands separators and decimal mark in
//! the chosen style, for display and export.

use serde::{Deserialize, Serialize};

use super::value::Quantity;

/// How numbers are written for the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberStyle {
    /// `1,234,567.8`
    #[default]
    Us,
    /// `1.234.567,8`
    Eu,
    /// `1 234 567.8`, grouped with U+202F narrow no-break space.
    Si,
}

impl NumberStyle {
    /// The thousands separator.
    pub fn group_separator(self) -> char {
        match self {
            Self::Us => ',',
            Self::Eu => '.',
            Self::Si => '\u{202F}',
        }
    }

    /// The decimal mark.
    pub fn decimal_mark(self) -> char {
        match self {
            Self::Us | Self::Si => '.',
            Self::Eu => ',',
        }
    }

    /// The report convention this style writes numbers in.
    pub fn convention(self) -> super::value::DecimalMark {
        match self {
            Self::Us | Self::Si => super::value::DecimalMark::Point,
            Self::Eu => super::value::DecimalMark::Comma,
        }
    }

    /// The style that writes numbers in a report's convention: what a fix
    /// or an import types into the report.
    pub fn of_convention(mark: super::value::DecimalMark) -> Self {
        match mark {
            super::value::DecimalMark::Point => Self::Us,
            super::value::DecimalMark::Comma => Self::Eu,
        }
    }
}

/// A value as a report written with `mark` types it, exactly: the fewest
/// decimals (up to six) that keep the value, with thousands separators.
/// What fixes and imports write into cells, so that the cell reads back as
/// the value.
pub fn exact_text(value: f64, mark: super::value::DecimalMark) -> String {
    let decimals = (0u8..=6)
        .find(|&d| {
            let scale = 10f64.powi(i32::from(d));
            ((value * scale).round() / scale - value).abs() <= value.abs() * 1e-12
        })
        .unwrap_or(6);
    format_number(value, decimals, NumberStyle::of_convention(mark))
}

/// Writes `value` rounded to `decimals` digits after the mark, with
/// thousands separators. Rounding is half away from zero on the shortest
/// decimal form of the value, as a reader expects (`2.5` -> `3`, `1.005` ->
/// `1.01`). A minus sign is only written when the rounded value is not zero
/// (`-0` prints `0`). NaN prints `NaN`, infinities `∞` and `-∞`.
pub fn format_number(value: f64, decimals: u8, style: NumberStyle) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value.is_infinite() {
        return format!("{sign}∞");
    }
    let (integer, fraction) = round_digits(value.abs(), usize::from(decimals));
    let is_zero = integer.chars().chain(fraction.chars()).all(|c| c == '0');
    let mut out = String::with_capacity(integer.len() * 2 + fraction.len() + 2);
    if !is_zero {
        out.push_str(sign);
    }
    push_grouped(&mut out, &integer, style.group_separator());
    if !fraction.is_empty() {
        out.push(style.decimal_mark());
        out.push_str(&fraction);
    }
    out
}

/// The integer and fraction digits of a finite, non-negative value rounded
/// half away from zero to `decimals` digits.
fn round_digits(magnitude: f64, decimals: usize) -> (String, String) {
    // `Display` writes the shortest form that reads back exactly, never in
    // exponent notation.
    let shortest = magnitude.to_string();
    let (integer, fraction) = shortest.split_once('.').unwrap_or((&shortest, ""));
    let kept = fraction.get(..decimals).unwrap_or(fraction);
    let round_up = fraction
        .as_bytes()
        .get(decimals)
        .is_some_and(|&digit| digit >= b'5');
    let mut digits: Vec<u8> = integer.bytes().chain(kept.bytes()).collect();
    digits.resize(integer.len() + decimals, b'0');
    if round_up {
        increment(&mut digits);
    }
    let split = digits.len().saturating_sub(decimals);
    let (int_digits, frac_digits) = digits.split_at(split);
    (ascii(int_digits), ascii(frac_digits))
}

/// Adds one to a run of ASCII digits, growing it on carry (`999` -> `1000`).
fn increment(digits: &mut Vec<u8>) {
    for digit in digits.iter_mut().rev() {
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            return;
        }
    }
    digits.insert(0, b'1');
}

fn ascii(digits: &[u8]) -> String {
    digits.iter().map(|&d| char::from(d)).collect()
}

/// Appends integer digits, inserting `separator` between groups of three.
fn push_grouped(out: &mut String, integer: &str, separator: char) {
    let len = integer.len();
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (len - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
}

/// Writes a quantity's value with its written number of decimals.
pub fn format_quantity(q: &Quantity, style: NumberStyle) -> String {
    format_number(q.value, q.decimals, style)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::value::{Bound, parse_number};
    use super::*;

    /// (value, decimals, US, EU, SI)
    type Row = (f64, u8, &'static str, &'static str, &'static str);

    const ROWS: &[Row] = &[
        (0.0, 0, "0", "0", "0"),
        (-0.0, 0, "0", "0", "0"),
        (-0.0, 2, "0.00", "0,00", "0.00"),
        (-0.001, 2, "0.00", "0,00", "0.00"),
        (5.0, 0, "5", "5", "5"),
        (999.0, 0, "999", "999", "999"),
        (1000.0, 0, "1,000", "1.000", "1\u{202F}000"),
        (1752.0, 0, "1,752", "1.752", "1\u{202F}752"),
        (29_433.6, 1, "29,433.6", "29.433,6", "29\u{202F}433.6"),
        (
            1_234_567.8,
            1,
            "1,234,567.8",
            "1.234.567,8",
            "1\u{202F}234\u{202F}567.8",
        ),
        (
            11_586_723.0,
            0,
            "11,586,723",
            "11.586.723",
            "11\u{202F}586\u{202F}723",
        ),
        (
            -1_234_567.891,
            2,
            "-1,234,567.89",
            "-1.234.567,89",
            "-1\u{202F}234\u{202F}567.89",
        ),
        (
            999_999.5,
            0,
            "1,000,000",
            "1.000.000",
            "1\u{202F}000\u{202F}000",
        ),
        (1.25, 1, "1.3", "1,3", "1.3"),
        (0.125, 3, "0.125", "0,125", "0.125"),
        (0.125, 2, "0.13", "0,13", "0.13"),
        (1.005, 2, "1.01", "1,01", "1.01"),
        (9.995, 2, "10.00", "10,00", "10.00"),
        (999.5, 0, "1,000", "1.000", "1\u{202F}000"),
        (2.5, 0, "3", "3", "3"),
        (-2.5, 0, "-3", "-3", "-3"),
        (0.4, 0, "0", "0", "0"),
        (-0.4, 0, "0", "0", "0"),
        (7.0, 2, "7.00", "7,00", "7.00"),
        (1e-7, 7, "0.0000001", "0,0000001", "0.0000001"),
        (
            1e21,
            0,
            "1,000,000,000,000,000,000,000",
            "1.000.000.000.000.000.000.000",
            "1\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000",
        ),
        (-5.0, 0, "-5", "-5", "-5"),
        (f64::NAN, 2, "NaN", "NaN", "NaN"),
        (f64::INFINITY, 0, "∞", "∞", "∞"),
        (f64::NEG_INFINITY, 0, "-∞", "-∞", "-∞"),
    ];

    fn check_row(row: &Row) {
        let &(value, decimals, us, eu, si) = row;
        let cases = [
            (NumberStyle::Us, us),
            (NumberStyle::Eu, eu),
            (NumberStyle::Si, si),
        ];
        for (style, expected) in cases {
            assert_eq!(
                format_number(value, decimals, style),
                expected,
                "{value} with {decimals} decimals in {style:?}"
            );
        }
    }

    #[test]
    fn formats_numbers() {
        ROWS.iter().for_each(check_row);
    }

    #[test]
    fn formats_quantities() {
        let q = Quantity {
            value: 4_000_000.0,
            bound: Bound::MoreThan,
            decimals: 0,
            unit: None,
            plain: false,
            other_convention: false,
        };
        assert_eq!(format_quantity(&q, NumberStyle::Eu), "4.000.000");
        assert_eq!(format_quantity(&q, NumberStyle::Us), "4,000,000");
    }

    #[test]
    fn large_decimals_do_not_panic() {
        let text = format_number(1.0, u8::MAX, NumberStyle::Us);
        assert_eq!(text.len(), 2 + usize::from(u8::MAX));
    }

    /// A formatted number reads back (plain, same decimals, in the style's
    /// own convention) as the value Rust reads from the same digits without
    /// separators.
    fn check_round_trip(value: f64, decimals: u8, style: NumberStyle) {
        let us = format_number(value, decimals, NumberStyle::Us);
        let rounded: f64 = us.replace(',', "").parse().unwrap_or(f64::NAN);
        let text = format_number(value, decimals, style);
        let parsed = parse_number(&text, style.convention()).filter(|q| !q.other_convention);
        assert_eq!(
            parsed.as_ref().map(|q| (q.value, q.decimals, q.plain)),
            Some((rounded, decimals, true)),
            "{value} with {decimals} decimals in {style:?}: {text:?}"
        );
    }

    fn round_trip_values() -> Vec<f64> {
        let mut values = vec![0.0, 0.5, 0.125, 1.0, 7.25, 12.0, 999.0, 1000.0];
        let mut v = 1.0_f64;
        for _ in 0..12 {
            v = v * 7.3 + 0.61;
            values.push(v);
            values.push(-v);
        }
        values.extend([29_433.6, 1_752.0, 2_270_601.0, 11_586_723.0, 1e12 + 0.5]);
        values
    }

    #[test]
    fn round_trips_through_parse() {
        let styles = [NumberStyle::Us, NumberStyle::Eu, NumberStyle::Si];
        for value in round_trip_values() {
            for decimals in 0..=4 {
                for style in styles {
                    check_round_trip(value, decimals, style);
                }
            }
        }
    }

    #[test]
    fn three_decimals_read_back_in_their_convention() {
        let cases = [(NumberStyle::Us, "1.500"), (NumberStyle::Eu, "1,500")];
        for (style, text) in cases {
            assert_eq!(format_number(1.5, 3, style), text);
            let read = parse_number(text, style.convention()).map(|q| q.value);
            assert_eq!(read, Some(1.5));
        }
    }
}
