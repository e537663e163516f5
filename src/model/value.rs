//! What a cell's written text means: blank, "not applicable", a number with
//! its bound and unit, a list of country codes, or free text.
//!
//! The text itself is never changed here; these functions only read it.
//!
//! # Numbers
//! A number is read as: an optional bound (`>`, `>=`, `≥`, `=>`, `<`, `<=`,
//! `≤`, `=<`, `~`, `≈`, or the words `approx.`, `approx`, `ca.`, `circa`,
//! `about`, `more than`, `over`, `at least`, `less than`, `under`,
//! `at most`, `up to`), an optional sign (`-`, `−`, `+`), the digits with
//! their separators, an optional trailing `+` (meaning "at least"), an
//! optional multiplier (`k`, `K`, `thousand`, `M`, `Mio`, `mn`, `million`,
//! `millions`, `bn`, `billion`; a lower-case `m` is *not* a multiplier, it is
//! kept as a unit word) and an optional unit of at most three words made of
//! letters, `-`, `/` and `.` (no digits), or `%`.
//!
//! Data sizes are converted to terabytes: `MB`, `GB`, `TB`, `PB`, `EB`
//! (case-insensitive, also `TByte`/`TBytes` and the like) give unit `"TB"`.
//! Percentages keep their written value (`12%` is 12 with unit `"%"`).
//!
//! # Separators
//! The digits may be grouped and carry a decimal mark. `.` and `,` are marks;
//! a single space, no-break space (U+00A0), narrow no-break space (U+202F) or
//! thin space (U+2009) between two digits is a thousands separator.
//! - Several of the same mark: thousands grouping (`4.000.000`, `3,900,000`).
//! - Both `.` and `,`: the last one is the decimal mark; it must appear once
//!   and after every other separator (`1.234.567,89`, `1,234,567.89`).
//! - Spaces and one mark: spaces group, the mark is decimal (`1 234,5`).
//! - A single mark followed by exactly three digits, with an integer part of
//!   one to three digits not starting with `0`: thousands (`1,752` = 1752,
//!   `1.500` = 1500).
//! - Any other single mark is the decimal mark (`29433.6`, `29433,6`,
//!   `0.125`).
//!
//! Grouping must be regular: a first group of one to three digits not
//! starting with `0`, then groups of exactly three digits. Anything else
//! (`1,23,456`, `12.34.5`) is not a number, and the cell is [`CellValue::Text`].

use serde::{Deserialize, Serialize};

use super::country::{CountryList, parse_country_list};

/// The meaning of a cell's text.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    /// Empty, or only whitespace.
    Blank,
    /// Explicitly "not applicable": one of [`NOT_APPLICABLE`], compared
    /// case-insensitively after trimming.
    NotApplicable,
    /// A number (see [`parse_number`]).
    Number(Quantity),
    /// A list of country codes (see [`parse_country_list`]).
    Countries(CountryList),
    /// Anything else, e.g. "logs" or "Turkey, National HPC Centre".
    Text,
}

impl CellValue {
    /// The numeric value in the base unit, when the cell holds a number.
    pub fn number(&self) -> Option<f64> {
        self.quantity().map(|q| q.value)
    }

    /// The parsed quantity, when the cell holds a number.
    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            Self::Number(q) => Some(q),
            _ => None,
        }
    }

    /// The country list, when the cell holds one.
    pub fn countries(&self) -> Option<&CountryList> {
        match self {
            Self::Countries(list) => Some(list),
            _ => None,
        }
    }

    /// Whether the cell holds a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Self::Number(_))
    }
}

/// How a written number relates to the real figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bound {
    /// Just the number.
    Exact,
    /// `> 15000`, `more than 15000`, `over 15000`.
    MoreThan,
    /// `>= 5`, `≥ 5`, `at least 5`, `5+`.
    AtLeast,
    /// `< 3`, `less than 3`, `under 3`.
    LessThan,
    /// `<= 3`, `≤ 3`, `at most 3`, `up to 3`.
    AtMost,
    /// `~100`, `≈100`, `approx. 100`, `ca. 100`, `about 100`.
    Approximately,
}

/// A number as read from a cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value in the base unit: `3M` is 3 000 000, `2k` is 2000, `1 PB`
    /// is 1000 (terabytes are the base unit of data sizes).
    pub value: f64,
    /// The bound written before (or `+` after) the number.
    pub bound: Bound,
    /// Digits after the decimal mark as written (`29433.6` has 1).
    pub decimals: u8,
    /// The unit written after the number, normalised: `"TB"` for data sizes,
    /// `"%"` for percentages, otherwise the trimmed unit words as written
    /// (joined by single spaces); `None` when there is none.
    pub unit: Option<String>,
    /// True when the text is just a number with optional separators, sign
    /// and surrounding whitespace (no bound, multiplier or unit). Such
    /// numbers are displayed re-formatted; the others as written.
    pub plain: bool,
}

/// Whole-cell texts meaning "not applicable" (compared case-insensitively).
/// `none` is deliberately absent: it may mean zero, so it stays text and
/// the checks point at it.
pub const NOT_APPLICABLE: &[&str] = &[
    "n/a",
    "n.a.",
    "n.a",
    "na",
    "not applicable",
    "/",
    "-",
    "--",
    "–",
    "—",
];

/// Reads what a cell's text means. See the module documentation for the
/// rules; the order is blank, not applicable, number, country list, text.
pub fn parse_cell(text: &str) -> CellValue {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        CellValue::Blank
    } else if is_not_applicable(trimmed) {
        CellValue::NotApplicable
    } else if let Some(q) = parse_number(trimmed) {
        CellValue::Number(q)
    } else if let Some(list) = parse_country_list(trimmed) {
        CellValue::Countries(list)
    } else {
        CellValue::Text
    }
}

fn is_not_applicable(trimmed: &str) -> bool {
    let lower = trimmed.to_lowercase();
    NOT_APPLICABLE.contains(&lower.as_str())
}

/// Reads a number with optional bound, multiplier and unit; `None` when the
/// text is not a number. See the module documentation for the rules.
pub fn parse_number(text: &str) -> Option<Quantity> {
    let (bound, rest) = split_bound(text.trim());
    let (negative, rest) = split_sign(rest);
    let (body, suffix) = split_body(rest);
    let (magnitude, decimals) = parse_digits(body)?;
    let (bound, suffix) = trailing_plus(bound, suffix.trim());
    let (exponent, unit) = parse_suffix(suffix)?;
    let value = scale(magnitude, exponent);
    Some(Quantity {
        value: if negative { -value } else { value },
        bound,
        decimals,
        plain: bound == Bound::Exact && suffix.is_empty(),
        unit,
    })
}

/// Bound symbols, longest first so that `>=` wins over `>`.
const BOUND_SYMBOLS: &[(&str, Bound)] = &[
    (">=", Bound::AtLeast),
    ("=>", Bound::AtLeast),
    ("≥", Bound::AtLeast),
    ("<=", Bound::AtMost),
    ("=<", Bound::AtMost),
    ("≤", Bound::AtMost),
    (">", Bound::MoreThan),
    ("<", Bound::LessThan),
    ("~", Bound::Approximately),
    ("≈", Bound::Approximately),
];

/// Bound words (case-insensitive). A word not ending in `.` must be
/// followed by whitespace.
const BOUND_WORDS: &[(&str, Bound)] = &[
    ("approx.", Bound::Approximately),
    ("approx", Bound::Approximately),
    ("ca.", Bound::Approximately),
    ("circa", Bound::Approximately),
    ("about", Bound::Approximately),
    ("more than", Bound::MoreThan),
    ("over", Bound::MoreThan),
    ("at least", Bound::AtLeast),
    ("less than", Bound::LessThan),
    ("under", Bound::LessThan),
    ("at most", Bound::AtMost),
    ("up to", Bound::AtMost),
];

fn split_bound(text: &str) -> (Bound, &str) {
    for (symbol, bound) in BOUND_SYMBOLS {
        if let Some(rest) = text.strip_prefix(symbol) {
            return (*bound, rest.trim_start());
        }
    }
    for (word, bound) in BOUND_WORDS {
        if let Some(rest) = strip_word(text, word) {
            return (*bound, rest.trim_start());
        }
    }
    (Bound::Exact, text)
}

/// Strips an ASCII word case-insensitively; a word not ending in `.` must be
/// followed by whitespace.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = text.get(word.len()..)?;
    let separated = word.ends_with('.') || rest.starts_with(char::is_whitespace);
    (head.eq_ignore_ascii_case(word) && separated).then_some(rest)
}

/// Strips a sign directly followed by a digit; true when negative.
fn split_sign(text: &str) -> (bool, &str) {
    let mut chars = text.chars();
    let sign = chars.next();
    let rest = chars.as_str();
    let digit_follows = rest.starts_with(|c: char| c.is_ascii_digit());
    match sign {
        Some('-' | '−') if digit_follows => (true, rest),
        Some('+') if digit_follows => (false, rest),
        _ => (false, text),
    }
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Splits the digits and separators from what follows. A space counts as a
/// separator only between two digits.
fn split_body(text: &str) -> (&str, &str) {
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let accepted = c.is_ascii_digit()
            || c == '.'
            || c == ','
            || (is_group_space(c)
                && previous.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()));
        if !accepted {
            return text.split_at(index);
        }
        previous = Some(c);
    }
    (text, "")
}

/// A separator between two digit groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    Dot,
    Comma,
    Space,
}

impl Sep {
    fn of(c: char) -> Self {
        match c {
            '.' => Self::Dot,
            ',' => Self::Comma,
            _ => Self::Space,
        }
    }

    fn is_mark(self) -> bool {
        self != Self::Space
    }
}

/// Reads digits with separators: the magnitude and the number of decimals.
fn parse_digits(body: &str) -> Option<(f64, u8)> {
    let groups: Vec<&str> = body.split(|c: char| !c.is_ascii_digit()).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let seps: Vec<Sep> = body
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .map(Sep::of)
        .collect();
    let decimal = decimal_index(&groups, &seps)?;
    let integer_end = decimal.unwrap_or(seps.len());
    let integer_groups = groups.get(..=integer_end)?;
    let grouping = seps.get(..integer_end)?;
    if !valid_grouping(integer_groups, grouping) {
        return None;
    }
    let fraction = match decimal {
        Some(index) => groups.get(index + 1).copied()?,
        None => "",
    };
    let digits = format!("{}.{}0", integer_groups.concat(), fraction);
    let value = digits.parse::<f64>().ok()?;
    Some((value, u8::try_from(fraction.len()).unwrap_or(u8::MAX)))
}

/// Which separator is the decimal mark: `None` (outer) when the separators
/// cannot be read, `Some(None)` when there is no decimal mark.
fn decimal_index(groups: &[&str], seps: &[Sep]) -> Option<Option<usize>> {
    let marks: Vec<(usize, Sep)> = seps
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, s)| s.is_mark())
        .collect();
    let Some(&(last_index, last_sep)) = marks.last() else {
        return Some(None);
    };
    let mixed = marks.iter().any(|&(_, s)| s != last_sep);
    let count_of_last = marks.iter().filter(|&&(_, s)| s == last_sep).count();
    let has_spaces = marks.len() < seps.len();
    let grouping_only =
        !mixed && (count_of_last > 1 || (!has_spaces && looks_like_thousands(groups)));
    if grouping_only {
        return Some(None);
    }
    // The last mark is the decimal mark: it must be written once and after
    // every other separator.
    let decimal_ok = count_of_last == 1 && last_index + 1 == seps.len();
    decimal_ok.then_some(Some(last_index))
}

/// A single mark between an integer part of 1-3 digits not starting with 0
/// and exactly three digits reads as thousands (`1,752`, `1.500`).
fn looks_like_thousands(groups: &[&str]) -> bool {
    match groups {
        [head, tail] => (1..=3).contains(&head.len()) && !head.starts_with('0') && tail.len() == 3,
        _ => false,
    }
}

/// Thousands grouping must use one separator kind, a first group of 1-3
/// digits not starting with 0, and groups of exactly 3 digits after it.
fn valid_grouping(groups: &[&str], seps: &[Sep]) -> bool {
    let Some((first_sep, first_group)) = seps.first().zip(groups.first()) else {
        return true;
    };
    seps.iter().all(|s| s == first_sep)
        && (1..=3).contains(&first_group.len())
        && !first_group.starts_with('0')
        && groups.iter().skip(1).all(|g| g.len() == 3)
}

/// A `+` right after the number means "at least" (`15000+`), unless a bound
/// was already written before it.
fn trailing_plus(bound: Bound, suffix: &str) -> (Bound, &str) {
    match suffix.strip_prefix('+') {
        Some(rest) if bound == Bound::Exact => (Bound::AtLeast, rest.trim_start()),
        _ => (bound, suffix),
    }
}

/// Multiplier words and their power of 1000.
const MULTIPLIERS: &[(&str, i32)] = &[
    ("k", 1),
    ("K", 1),
    ("thousand", 1),
    ("M", 2),
    ("Mio", 2),
    ("mn", 2),
    ("million", 2),
    ("millions", 2),
    ("bn", 3),
    ("billion", 3),
];

/// Data-size prefixes and their power of 1000 relative to a terabyte.
const DATA_PREFIXES: &[(&str, i32)] = &[("m", -2), ("g", -1), ("t", 0), ("p", 1), ("e", 2)];

/// Reads what follows the digits: the power of 1000 to scale by and the
/// normalised unit. `None` when the suffix is not a multiplier and/or unit.
fn parse_suffix(suffix: &str) -> Option<(i32, Option<String>)> {
    if suffix.is_empty() {
        return Some((0, None));
    }
    if let Some(rest) = suffix.strip_prefix('%') {
        return rest.trim().is_empty().then(|| (0, Some("%".to_owned())));
    }
    let mut words: Vec<&str> = suffix.split_whitespace().collect();
    let multiplier = words
        .first()
        .and_then(|first| MULTIPLIERS.iter().find(|(m, _)| m == first))
        .map_or(0, |&(_, power)| power);
    if multiplier != 0 {
        words.remove(0);
    }
    let (unit_power, unit) = parse_unit(&words)?;
    Some((multiplier + unit_power, unit))
}

/// Unit words: at most three, each starting with a letter and made of
/// letters, `-`, `/` and `.`. Data sizes become `"TB"` with their power.
fn parse_unit(words: &[&str]) -> Option<(i32, Option<String>)> {
    if words.is_empty() {
        return Some((0, None));
    }
    if words.len() > 3 || !words.iter().all(|w| is_unit_word(w)) {
        return None;
    }
    let unit = words.join(" ");
    Some(match data_size_power(&unit) {
        Some(power) => (power, Some("TB".to_owned())),
        None => (0, Some(unit)),
    })
}

fn is_unit_word(word: &str) -> bool {
    word.starts_with(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '/' | '.'))
}

/// `GB`, `TB`, `PB`, ... (case-insensitive, also `TByte(s)`): the power of
/// 1000 relative to a terabyte.
fn data_size_power(unit: &str) -> Option<i32> {
    let lower = unit.to_ascii_lowercase();
    let prefix = ["bytes", "byte", "b"]
        .iter()
        .find_map(|ending| lower.strip_suffix(ending))?;
    DATA_PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|&(_, power)| power)
}

/// Multiplies by 1000 to the given power, dividing for negative powers so
/// that `5 GB` is exactly `0.005`.
fn scale(value: f64, power: i32) -> f64 {
    let factor = 1000f64.powi(power.abs());
    if power >= 0 {
        value * factor
    } else {
        value / factor
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    /// (input, value, bound, decimals, unit, plain)
    type NumberRow = (&'static str, f64, Bound, u8, Option<&'static str>, bool);

    const NUMBERS: &[NumberRow] = &[
        // Seen in the seeds.
        ("3M", 3_000_000.0, Bound::Exact, 0, None, false),
        ("1M", 1_000_000.0, Bound::Exact, 0, None, false),
        ("> 15000", 15_000.0, Bound::MoreThan, 0, None, false),
        ("> 200", 200.0, Bound::MoreThan, 0, None, false),
        ("> 100", 100.0, Bound::MoreThan, 0, None, false),
        ("1 PB", 1000.0, Bound::Exact, 0, Some("TB"), false),
        ("4.000.000", 4_000_000.0, Bound::Exact, 0, None, true),
        ("3,900,000", 3_900_000.0, Bound::Exact, 0, None, true),
        ("   11,586,723", 11_586_723.0, Bound::Exact, 0, None, true),
        ("29433.6", 29_433.6, Bound::Exact, 1, None, true),
        ("1188", 1188.0, Bound::Exact, 0, None, true),
        ("0", 0.0, Bound::Exact, 0, None, true),
        (
            "                                                10",
            10.0,
            Bound::Exact,
            0,
            None,
            true,
        ),
        ("1,752", 1752.0, Bound::Exact, 0, None, true),
        ("2.270.601", 2_270_601.0, Bound::Exact, 0, None, true),
        ("2,270,601", 2_270_601.0, Bound::Exact, 0, None, true),
        // Separators.
        ("29433,6", 29_433.6, Bound::Exact, 1, None, true),
        ("1.234.567,89", 1_234_567.89, Bound::Exact, 2, None, true),
        ("1,234,567.89", 1_234_567.89, Bound::Exact, 2, None, true),
        ("1 234 567", 1_234_567.0, Bound::Exact, 0, None, true),
        (
            "1\u{2009}234\u{2009}567",
            1_234_567.0,
            Bound::Exact,
            0,
            None,
            true,
        ),
        (
            "1\u{00A0}234\u{00A0}567",
            1_234_567.0,
            Bound::Exact,
            0,
            None,
            true,
        ),
        (
            "1\u{202F}234\u{202F}567.5",
            1_234_567.5,
            Bound::Exact,
            1,
            None,
            true,
        ),
        ("1 234,5", 1234.5, Bound::Exact, 1, None, true),
        ("1.500", 1500.0, Bound::Exact, 0, None, true),
        ("0.125", 0.125, Bound::Exact, 3, None, true),
        ("0,500", 0.5, Bound::Exact, 3, None, true),
        ("1234.567", 1234.567, Bound::Exact, 3, None, true),
        ("1,50", 1.5, Bound::Exact, 2, None, true),
        ("2020", 2020.0, Bound::Exact, 0, None, true),
        ("007", 7.0, Bound::Exact, 0, None, true),
        // Signs.
        ("-5", -5.0, Bound::Exact, 0, None, true),
        ("−1,234.5", -1234.5, Bound::Exact, 1, None, true),
        ("+7", 7.0, Bound::Exact, 0, None, true),
        ("> -5", -5.0, Bound::MoreThan, 0, None, false),
        // Units and multipliers.
        ("12%", 12.0, Bound::Exact, 0, Some("%"), false),
        ("12.5 %", 12.5, Bound::Exact, 1, Some("%"), false),
        ("2k", 2000.0, Bound::Exact, 0, None, false),
        ("1.5M", 1_500_000.0, Bound::Exact, 1, None, false),
        ("3 Mio", 3_000_000.0, Bound::Exact, 0, None, false),
        ("2 bn", 2_000_000_000.0, Bound::Exact, 0, None, false),
        (
            "3M CPU-h",
            3_000_000.0,
            Bound::Exact,
            0,
            Some("CPU-h"),
            false,
        ),
        ("500 GB", 0.5, Bound::Exact, 0, Some("TB"), false),
        ("5 GB", 0.005, Bound::Exact, 0, Some("TB"), false),
        ("20 TB", 20.0, Bound::Exact, 0, Some("TB"), false),
        ("2 TBytes", 2.0, Bound::Exact, 0, Some("TB"), false),
        ("1PB", 1000.0, Bound::Exact, 0, Some("TB"), false),
        ("10 h", 10.0, Bound::Exact, 0, Some("h"), false),
        ("100 users", 100.0, Bound::Exact, 0, Some("users"), false),
        ("5 m", 5.0, Bound::Exact, 0, Some("m"), false),
        (
            "12  TB-month",
            12.0,
            Bound::Exact,
            0,
            Some("TB-month"),
            false,
        ),
        // Bounds.
        (">= 5", 5.0, Bound::AtLeast, 0, None, false),
        ("≥ 5", 5.0, Bound::AtLeast, 0, None, false),
        ("=>5", 5.0, Bound::AtLeast, 0, None, false),
        ("< 3", 3.0, Bound::LessThan, 0, None, false),
        ("<= 3", 3.0, Bound::AtMost, 0, None, false),
        ("≤3", 3.0, Bound::AtMost, 0, None, false),
        ("~100", 100.0, Bound::Approximately, 0, None, false),
        ("≈ 100", 100.0, Bound::Approximately, 0, None, false),
        ("approx. 100", 100.0, Bound::Approximately, 0, None, false),
        ("Approx 100", 100.0, Bound::Approximately, 0, None, false),
        ("ca. 100", 100.0, Bound::Approximately, 0, None, false),
        ("ca.100", 100.0, Bound::Approximately, 0, None, false),
        (
            "about 1,000 users",
            1000.0,
            Bound::Approximately,
            0,
            Some("users"),
            false,
        ),
        ("more than 50", 50.0, Bound::MoreThan, 0, None, false),
        ("at least 2k", 2000.0, Bound::AtLeast, 0, None, false),
        ("up to 10", 10.0, Bound::AtMost, 0, None, false),
        ("15000+", 15_000.0, Bound::AtLeast, 0, None, false),
        (
            "15000+ users",
            15_000.0,
            Bound::AtLeast,
            0,
            Some("users"),
            false,
        ),
    ];

    const NOT_NUMBERS: &[&str] = &[
        "",
        "   ",
        "N/A",
        "/",
        "-",
        "logs",
        "M1-M12",
        "T4.1",
        "2020-2021",
        "2020–2021",
        "1,23,456",
        "12.34.5",
        "1.234,567.8",
        "1,234,56",
        "0,123,456",
        "1234,567,890",
        "1.2.3",
        "12.",
        ".5",
        "1  234",
        "1 23",
        "1e6",
        "10/12",
        "3 x 100",
        "2 CPU, 40 core and 4 GPU (V100)",
        "5%x",
        "caveat 5",
        "over5",
        "- 5",
        "5-",
        "12 users per month here",
    ];

    fn check_number(row: &NumberRow) {
        let &(input, value, bound, decimals, unit, plain) = row;
        let expected = Quantity {
            value,
            bound,
            decimals,
            unit: unit.map(str::to_owned),
            plain,
        };
        assert_eq!(parse_number(input), Some(expected), "input {input:?}");
    }

    #[test]
    fn numbers_parse() {
        NUMBERS.iter().for_each(check_number);
    }

    #[test]
    fn non_numbers_do_not_parse() {
        for input in NOT_NUMBERS {
            assert_eq!(parse_number(input), None, "input {input:?}");
        }
    }

    /// What kind of value a cell should be.
    #[derive(Debug, PartialEq)]
    enum Kind {
        Blank,
        NotApplicable,
        Number(f64),
        Countries(usize),
        Text,
    }

    fn kind(value: &CellValue) -> Kind {
        match value {
            CellValue::Blank => Kind::Blank,
            CellValue::NotApplicable => Kind::NotApplicable,
            CellValue::Number(q) => Kind::Number(q.value),
            CellValue::Countries(list) => Kind::Countries(list.entries.len()),
            CellValue::Text => Kind::Text,
        }
    }

    const CELLS: &[(&str, Kind)] = &[
        ("", Kind::Blank),
        ("   \t ", Kind::Blank),
        ("\u{00A0}", Kind::Blank),
        ("N/A", Kind::NotApplicable),
        ("n/a", Kind::NotApplicable),
        ("NA", Kind::NotApplicable),
        (" na ", Kind::NotApplicable),
        ("n.a.", Kind::NotApplicable),
        ("Not applicable", Kind::NotApplicable),
        ("/", Kind::NotApplicable),
        ("-", Kind::NotApplicable),
        ("–", Kind::NotApplicable),
        ("—", Kind::NotApplicable),
        ("none", Kind::Text),
        ("0", Kind::Number(0.0)),
        ("3M", Kind::Number(3_000_000.0)),
        ("   11,586,723", Kind::Number(11_586_723.0)),
        ("2020", Kind::Number(2020.0)),
        (
            "FR, BE, ES, IE, DE, SK, NL, USA, UK, DK, TR, PT",
            Kind::Countries(12),
        ),
        (
            "SP, PT, FR, US, DE, UK, SK, CZ, CH, AU",
            Kind::Countries(10),
        ),
        ("ES, PT, FR, UK, IT, GE, BE, SK, PL", Kind::Countries(9)),
        ("TR", Kind::Countries(1)),
        ("ES, PT", Kind::Countries(2)),
        ("CN, DE, IT, RO, ES, SE, TR, GB, US", Kind::Countries(9)),
        ("es; pt", Kind::Countries(2)),
        ("logs", Kind::Text),
        ("Logs", Kind::Text),
        ("Collected from local AAI system", Kind::Text),
        ("openstack accounting", Kind::Text),
        ("Turkey, National HPC Centre", Kind::Text),
        ("To be developed", Kind::Text),
        ("No", Kind::Text),
        ("M1-M12", Kind::Text),
        ("T4.1", Kind::Text),
        ("2020-2021", Kind::Text),
        ("1,23,456", Kind::Text),
        ("12.34.5", Kind::Text),
    ];

    #[test]
    fn cells_parse() {
        for (input, expected) in CELLS {
            assert_eq!(&kind(&parse_cell(input)), expected, "input {input:?}");
        }
    }

    #[test]
    fn accessors() {
        let number = parse_cell("1,752");
        assert_eq!(number.number(), Some(1752.0));
        assert!(number.is_number());
        assert!(number.countries().is_none());
        let list = parse_cell("ES, PT");
        assert_eq!(list.number(), None);
        assert!(!list.is_number());
        assert_eq!(list.countries().map(|l| l.entries.len()), Some(2));
    }
}
