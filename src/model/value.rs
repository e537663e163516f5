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
//! # Separators and the report's decimal mark
//! A report is written in one convention, its [`DecimalMark`]: with a
//! decimal point, `,` groups thousands and `.` is the decimal mark
//! (`1,234,567.89`); with a decimal comma the other way round
//! (`1.234.567,89`). A single space, no-break space (U+00A0), narrow
//! no-break space (U+202F) or thin space (U+2009) between two digits groups
//! thousands in both. So `0.315` in a decimal-point report is a third, never
//! 315, and `1,752` is 1752.
//!
//! Grouping must be regular: one kind of group separator, a first group of
//! one to three digits not starting with `0`, then groups of exactly three
//! digits; the decimal mark is written at most once, after every group.
//!
//! A text that is no number in the report's convention but is one in the
//! other (`4.000.000` or `43,5` in a decimal-point report) is read in the
//! other convention and marked ([`Quantity::other_convention`]), so that the
//! checks can ask the writer; its value is never silently taken as text.
//! Anything else (`1,23,456`, `12.34.5`) is not a number, and the cell is
//! [`CellValue::Text`].

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
    /// True when the text is not a number in the report's decimal mark and
    /// was read in the other one (`43,5` in a decimal-point report).
    pub other_convention: bool,
}

/// The decimal mark a report is written with; the other mark of `.` and `,`
/// groups thousands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalMark {
    /// `1,234.5`
    #[default]
    Point,
    /// `1.234,5`
    Comma,
}

impl DecimalMark {
    pub const ALL: [Self; 2] = [Self::Point, Self::Comma];

    pub fn decimal_char(self) -> char {
        match self {
            Self::Point => '.',
            Self::Comma => ',',
        }
    }

    pub fn group_char(self) -> char {
        self.other().decimal_char()
    }

    pub fn other(self) -> Self {
        match self {
            Self::Point => Self::Comma,
            Self::Comma => Self::Point,
        }
    }

    /// How the settings name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Point => "Decimal point (1,234.5)",
            Self::Comma => "Decimal comma (1.234,5)",
        }
    }
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

/// Reads what a cell's text means in a report written with `mark`. See the
/// module documentation for the rules; the order is blank, not applicable,
/// number, country list, text.
/// Whether two numbers read from cells are the same figure: equal up to
/// rounding in the last of about six significant digits (a sum of decimals
/// written to fewer places, a value converted between units).
pub fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

pub fn parse_cell(text: &str, mark: DecimalMark) -> CellValue {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        CellValue::Blank
    } else if is_not_applicable(trimmed) {
        CellValue::NotApplicable
    } else if let Some(q) = parse_number(trimmed, mark) {
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

/// Reads a number with optional bound, multiplier and unit, written with
/// `mark` (or, marked as such, with the other mark when it is no number
/// with `mark`); `None` when the text is not a number. See the module
/// documentation for the rules.
pub fn parse_number(text: &str, mark: DecimalMark) -> Option<Quantity> {
    let (bound, rest) = split_bound(text.trim());
    let (negative, rest) = split_sign(rest);
    let (body, suffix) = split_body(rest);
    let (magnitude, decimals, other_convention) = match parse_digits(body, mark) {
        Some((magnitude, decimals)) => (magnitude, decimals, false),
        None => {
            let (magnitude, decimals) = parse_digits(body, mark.other())?;
            (magnitude, decimals, true)
        }
    };
    let (bound, suffix) = trailing_plus(bound, suffix.trim());
    let (exponent, unit) = parse_suffix(suffix)?;
    let value = scale(magnitude, exponent);
    Some(Quantity {
        value: if negative { -value } else { value },
        bound,
        decimals,
        plain: bound == Bound::Exact && suffix.is_empty(),
        unit,
        other_convention,
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

/// Reads digits with separators written with `mark`: the magnitude and the
/// number of decimals; `None` when they are no number with that mark.
fn parse_digits(body: &str, mark: DecimalMark) -> Option<(f64, u8)> {
    let groups: Vec<&str> = body.split(|c: char| !c.is_ascii_digit()).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let seps: Vec<char> = body.chars().filter(|c| !c.is_ascii_digit()).collect();
    let decimal_char = mark.decimal_char();
    let mut decimal_positions = seps
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == decimal_char)
        .map(|(index, _)| index);
    let decimal = match (decimal_positions.next(), decimal_positions.next()) {
        (None, _) => None,
        (Some(only), None) if only + 1 == seps.len() => Some(only),
        _ => return None,
    };
    let integer_end = decimal.unwrap_or(seps.len());
    let integer_groups = groups.get(..=integer_end)?;
    let grouping = seps.get(..integer_end)?;
    if !valid_grouping(integer_groups, grouping, mark) {
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

/// Thousands grouping uses one separator kind (the mark's group character,
/// or spaces), a first group of 1-3 digits not starting with 0, and groups
/// of exactly 3 digits after it.
fn valid_grouping(groups: &[&str], seps: &[char], mark: DecimalMark) -> bool {
    let Some((first_sep, first_group)) = seps.first().zip(groups.first()) else {
        return true;
    };
    let kind = |c: char| if is_group_space(c) { ' ' } else { c };
    let first_kind = kind(*first_sep);
    (first_kind == ' ' || first_kind == mark.group_char())
        && seps.iter().all(|s| kind(*s) == first_kind)
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

    /// (input, value, bound, decimals, unit, plain, other convention), read
    /// in a decimal-point report.
    type NumberRow = (
        &'static str,
        f64,
        Bound,
        u8,
        Option<&'static str>,
        bool,
        bool,
    );

    const NUMBERS: &[NumberRow] = &[
        // Seen in the seeds.
        ("3M", 3_000_000.0, Bound::Exact, 0, None, false, false),
        ("1M", 1_000_000.0, Bound::Exact, 0, None, false, false),
        ("> 15000", 15_000.0, Bound::MoreThan, 0, None, false, false),
        ("> 200", 200.0, Bound::MoreThan, 0, None, false, false),
        ("> 100", 100.0, Bound::MoreThan, 0, None, false, false),
        ("1 PB", 1000.0, Bound::Exact, 0, Some("TB"), false, false),
        ("4.000.000", 4_000_000.0, Bound::Exact, 0, None, true, true),
        ("3,900,000", 3_900_000.0, Bound::Exact, 0, None, true, false),
        (
            "   11,586,723",
            11_586_723.0,
            Bound::Exact,
            0,
            None,
            true,
            false,
        ),
        ("29433.6", 29_433.6, Bound::Exact, 1, None, true, false),
        ("1188", 1188.0, Bound::Exact, 0, None, true, false),
        ("0", 0.0, Bound::Exact, 0, None, true, false),
        (
            "                                                10",
            10.0,
            Bound::Exact,
            0,
            None,
            true,
            false,
        ),
        ("1,752", 1752.0, Bound::Exact, 0, None, true, false),
        ("2.270.601", 2_270_601.0, Bound::Exact, 0, None, true, true),
        ("2,270,601", 2_270_601.0, Bound::Exact, 0, None, true, false),
        // Separators.
        ("29433,6", 29_433.6, Bound::Exact, 1, None, true, true),
        (
            "1.234.567,89",
            1_234_567.89,
            Bound::Exact,
            2,
            None,
            true,
            true,
        ),
        (
            "1,234,567.89",
            1_234_567.89,
            Bound::Exact,
            2,
            None,
            true,
            false,
        ),
        ("1 234 567", 1_234_567.0, Bound::Exact, 0, None, true, false),
        (
            "1\u{2009}234\u{2009}567",
            1_234_567.0,
            Bound::Exact,
            0,
            None,
            true,
            false,
        ),
        (
            "1\u{00A0}234\u{00A0}567",
            1_234_567.0,
            Bound::Exact,
            0,
            None,
            true,
            false,
        ),
        (
            "1\u{202F}234\u{202F}567.5",
            1_234_567.5,
            Bound::Exact,
            1,
            None,
            true,
            false,
        ),
        ("1 234,5", 1234.5, Bound::Exact, 1, None, true, true),
        ("1.500", 1.5, Bound::Exact, 3, None, true, false),
        ("0.125", 0.125, Bound::Exact, 3, None, true, false),
        ("0,500", 0.5, Bound::Exact, 3, None, true, true),
        ("1234.567", 1234.567, Bound::Exact, 3, None, true, false),
        ("1,50", 1.5, Bound::Exact, 2, None, true, true),
        ("2020", 2020.0, Bound::Exact, 0, None, true, false),
        ("007", 7.0, Bound::Exact, 0, None, true, false),
        // Signs.
        ("-5", -5.0, Bound::Exact, 0, None, true, false),
        ("−1,234.5", -1234.5, Bound::Exact, 1, None, true, false),
        ("+7", 7.0, Bound::Exact, 0, None, true, false),
        ("> -5", -5.0, Bound::MoreThan, 0, None, false, false),
        // Units and multipliers.
        ("12%", 12.0, Bound::Exact, 0, Some("%"), false, false),
        ("12.5 %", 12.5, Bound::Exact, 1, Some("%"), false, false),
        ("2k", 2000.0, Bound::Exact, 0, None, false, false),
        ("1.5M", 1_500_000.0, Bound::Exact, 1, None, false, false),
        ("3 Mio", 3_000_000.0, Bound::Exact, 0, None, false, false),
        ("2 bn", 2_000_000_000.0, Bound::Exact, 0, None, false, false),
        (
            "3M CPU-h",
            3_000_000.0,
            Bound::Exact,
            0,
            Some("CPU-h"),
            false,
            false,
        ),
        ("500 GB", 0.5, Bound::Exact, 0, Some("TB"), false, false),
        ("5 GB", 0.005, Bound::Exact, 0, Some("TB"), false, false),
        ("20 TB", 20.0, Bound::Exact, 0, Some("TB"), false, false),
        ("2 TBytes", 2.0, Bound::Exact, 0, Some("TB"), false, false),
        ("1PB", 1000.0, Bound::Exact, 0, Some("TB"), false, false),
        ("10 h", 10.0, Bound::Exact, 0, Some("h"), false, false),
        (
            "100 users",
            100.0,
            Bound::Exact,
            0,
            Some("users"),
            false,
            false,
        ),
        ("5 m", 5.0, Bound::Exact, 0, Some("m"), false, false),
        (
            "12  TB-month",
            12.0,
            Bound::Exact,
            0,
            Some("TB-month"),
            false,
            false,
        ),
        // Bounds.
        (">= 5", 5.0, Bound::AtLeast, 0, None, false, false),
        ("≥ 5", 5.0, Bound::AtLeast, 0, None, false, false),
        ("=>5", 5.0, Bound::AtLeast, 0, None, false, false),
        ("< 3", 3.0, Bound::LessThan, 0, None, false, false),
        ("<= 3", 3.0, Bound::AtMost, 0, None, false, false),
        ("≤3", 3.0, Bound::AtMost, 0, None, false, false),
        ("~100", 100.0, Bound::Approximately, 0, None, false, false),
        ("≈ 100", 100.0, Bound::Approximately, 0, None, false, false),
        (
            "approx. 100",
            100.0,
            Bound::Approximately,
            0,
            None,
            false,
            false,
        ),
        (
            "Approx 100",
            100.0,
            Bound::Approximately,
            0,
            None,
            false,
            false,
        ),
        (
            "ca. 100",
            100.0,
            Bound::Approximately,
            0,
            None,
            false,
            false,
        ),
        ("ca.100", 100.0, Bound::Approximately, 0, None, false, false),
        (
            "about 1,000 users",
            1000.0,
            Bound::Approximately,
            0,
            Some("users"),
            false,
            false,
        ),
        ("more than 50", 50.0, Bound::MoreThan, 0, None, false, false),
        ("at least 2k", 2000.0, Bound::AtLeast, 0, None, false, false),
        ("up to 10", 10.0, Bound::AtMost, 0, None, false, false),
        ("15000+", 15_000.0, Bound::AtLeast, 0, None, false, false),
        (
            "15000+ users",
            15_000.0,
            Bound::AtLeast,
            0,
            Some("users"),
            false,
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
        let &(input, value, bound, decimals, unit, plain, other_convention) = row;
        let expected = Quantity {
            value,
            bound,
            decimals,
            unit: unit.map(str::to_owned),
            plain,
            other_convention,
        };
        assert_eq!(
            parse_number(input, DecimalMark::Point),
            Some(expected),
            "input {input:?}"
        );
    }

    #[test]
    fn numbers_parse() {
        NUMBERS.iter().for_each(check_number);
    }

    #[test]
    fn non_numbers_do_not_parse() {
        for input in NOT_NUMBERS {
            for mark in DecimalMark::ALL {
                assert_eq!(parse_number(input, mark), None, "input {input:?}");
            }
        }
    }

    /// (text, value in a decimal-point report, value in a decimal-comma
    /// report, which of the two readings is in the other convention)
    const BOTH_CONVENTIONS: &[(&str, f64, f64, [bool; 2])] = &[
        ("0.315", 0.315, 0.315, [false, true]),
        ("0,315", 0.315, 0.315, [true, false]),
        ("1,752", 1752.0, 1.752, [false, false]),
        ("1.752", 1.752, 1752.0, [false, false]),
        ("5.876", 5.876, 5876.0, [false, false]),
        ("43,5", 43.5, 43.5, [true, false]),
        ("43.5", 43.5, 43.5, [false, true]),
        ("4.000.000", 4_000_000.0, 4_000_000.0, [true, false]),
        ("3,900,000", 3_900_000.0, 3_900_000.0, [false, true]),
        ("1 234 567", 1_234_567.0, 1_234_567.0, [false, false]),
        ("1 234,5", 1234.5, 1234.5, [true, false]),
        ("1 234.5", 1234.5, 1234.5, [false, true]),
        ("12", 12.0, 12.0, [false, false]),
    ];

    #[test]
    fn a_number_is_read_in_the_reports_convention() {
        for &(text, point, comma, other) in BOTH_CONVENTIONS {
            let in_point = parse_number(text, DecimalMark::Point).unwrap();
            let in_comma = parse_number(text, DecimalMark::Comma).unwrap();
            assert_eq!(in_point.value, point, "{text:?} with a decimal point");
            assert_eq!(in_comma.value, comma, "{text:?} with a decimal comma");
            assert_eq!(
                [in_point.other_convention, in_comma.other_convention],
                other,
                "{text:?}"
            );
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
            assert_eq!(
                &kind(&parse_cell(input, DecimalMark::Point)),
                expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn accessors() {
        let number = parse_cell("1,752", DecimalMark::Point);
        assert_eq!(number.number(), Some(1752.0));
        assert!(number.is_number());
        assert!(number.countries().is_none());
        let list = parse_cell("ES, PT", DecimalMark::Point);
        assert_eq!(list.number(), None);
        assert!(!list.is_number());
        assert_eq!(list.countries().map(|l| l.entries.len()), Some(2));
    }
}
