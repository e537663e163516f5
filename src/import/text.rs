//! Reading what providers write: names, numbers in either convention, period
//! labels and months.

use crate::model::{MonthRange, Period, YearMonth};

/// The report's calendar, against which a file's period labels are read:
/// its start month and its own period columns.
#[derive(Clone, Copy, Debug)]
pub struct Calendar<'a> {
    pub start: YearMonth,
    pub periods: &'a [Period],
}

impl<'a> Calendar<'a> {
    pub fn new(start: YearMonth, periods: &'a [Period]) -> Self {
        Self { start, periods }
    }

    /// The months the report's TOT covers: from its first period's first
    /// month to its last period's last.
    pub fn span(&self) -> Option<MonthRange> {
        let first = self.periods.first()?.months.first;
        let last = self.periods.last()?.months.last;
        Some(MonthRange::new(first, last))
    }
}

/// Lower case, words of letters and digits only, anything in parentheses
/// dropped: `CSIC/IFCA Scientific Cloud – CPU (Spain)` becomes
/// `csic ifca scientific cloud cpu`.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0u32;
    let mut space = true;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => {
                out.extend(c.to_lowercase());
                space = false;
            }
            _ => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
        }
    }
    out.trim_end().to_owned()
}

/// The words of a normalised name, sorted and without duplicates.
pub fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = normalise(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// How a file writes numbers as text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Convention {
    /// Nothing in the file tells: read as the report's cells are read
    /// (`1,752` and `1.752` are both 1752).
    #[default]
    Unsure,
    /// `2,270,601` and `29433.6`.
    DotDecimal,
    /// `2.270.601` and `29433,6`.
    CommaDecimal,
}

/// Guesses the convention from texts that only one convention can read.
pub fn sniff_convention<'a>(texts: impl IntoIterator<Item = &'a str>) -> Convention {
    let (mut dot, mut comma) = (0usize, 0usize);
    for text in texts {
        let t = text.trim();
        if !t
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-')
        {
            continue;
        }
        let dots = t.matches('.').count();
        let commas = t.matches(',').count();
        let after = |mark: char| t.rsplit(mark).next().map_or(0, str::len);
        match (dots, commas) {
            (0, 1) if after(',') != 3 => comma += 1,
            (1, 0) if after('.') != 3 => dot += 1,
            (d, 0) if d > 1 => comma += 1,
            (0, c) if c > 1 => dot += 1,
            (d, c) if d > 0 && c > 0 => {
                if t.rfind(',') > t.rfind('.') {
                    comma += 1;
                } else {
                    dot += 1;
                }
            }
            _ => {}
        }
    }
    match comma.cmp(&dot) {
        std::cmp::Ordering::Greater => Convention::CommaDecimal,
        std::cmp::Ordering::Less => Convention::DotDecimal,
        std::cmp::Ordering::Equal => Convention::Unsure,
    }
}

/// A plain number that reads the same whichever mark is decimal (`12`,
/// `2.270.601`, `1,234.5`); `None` for `1,752` or `0.315`, which mean
/// different numbers in the two conventions, and for anything else.
fn unambiguous_plain_number(text: &str) -> Option<f64> {
    use crate::model::DecimalMark;
    use crate::model::value::parse_number;
    let exact = |mark| {
        parse_number(text, mark)
            .filter(|q| q.plain && q.unit.is_none() && q.bound == crate::model::Bound::Exact)
    };
    let point = exact(DecimalMark::Point)?;
    let comma = exact(DecimalMark::Comma)?;
    (point.value == comma.value).then_some(point.value)
}

impl Convention {
    /// This file's convention, or the report's when the file does not show
    /// its own (`1,752` alone reads either way): a value is then read as the
    /// report would read it typed in.
    pub fn or_report(self, mark: crate::model::DecimalMark) -> Self {
        match (self, mark) {
            (Self::Unsure, crate::model::DecimalMark::Point) => Self::DotDecimal,
            (Self::Unsure, crate::model::DecimalMark::Comma) => Self::CommaDecimal,
            (known, _) => known,
        }
    }
}

/// A plain number written with `convention`: optional sign, digits grouped
/// by threes or not, an optional decimal part. None for anything else.
pub fn parse_plain_number(text: &str, convention: Convention) -> Option<f64> {
    let t = text.trim().replace(['\u{a0}', '\u{202f}', '\u{2009}'], " ");
    let (group, decimal) = match convention {
        Convention::DotDecimal => (',', '.'),
        Convention::CommaDecimal => ('.', ','),
        Convention::Unsure => return unambiguous_plain_number(&t),
    };
    let (sign, body) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => ("-", rest.trim_start()),
        None => ("", t.strip_prefix('+').unwrap_or(&t)),
    };
    let (whole, fraction) = match body.split_once(decimal) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let groups: Vec<&str> = whole.split([group, ' ']).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let grouped_ok = match groups.as_slice() {
        [single] => digits(single),
        [first, rest @ ..] => {
            digits(first) && first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g))
        }
        [] => false,
    };
    if !grouped_ok || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    let mut canonical = format!("{sign}{}", groups.concat());
    if let Some(fraction) = fraction {
        canonical.push('.');
        canonical.push_str(fraction);
    }
    canonical.parse().ok()
}

/// What a header cell of a metric table names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderKind {
    MetricName,
    Baseline,
    Method,
    Total,
    /// A total over other months than the report's TOT (`TOT (M1-M36)` in a
    /// report that ends at M30): not the report's TOT.
    TotalOver(MonthRange),
    Months(MonthRange),
}

/// Words for the metric-name column, in English and the providers' usual
/// languages (Spanish, Portuguese, Italian, French, German, Dutch, Turkish,
/// Polish).
pub const METRIC_WORDS: &[&str] = &[
    "metric",
    "metrics",
    "metric name",
    "metric names",
    "name of metric",
    "indicator",
    "indicators",
    "kpi",
    "kpi name",
    "indicator name",
    "métrica",
    "metrica",
    "métricas",
    "indicador",
    "indicadores",
    "indicatore",
    "indicatori",
    "metrica nome",
    "indicateur",
    "indicateurs",
    "métrique",
    "metrique",
    "kennzahl",
    "kennzahlen",
    "indikator",
    "metriek",
    "indicatoren",
    "gösterge",
    "gosterge",
    "metrik",
    "wskaźnik",
    "wskaznik",
    "miara",
];
/// Words for a total column.
pub const TOTAL_WORDS: &[&str] = &[
    "tot",
    "total",
    "totals",
    "sum",
    "cumulative",
    "grand total",
    "totale",
    "somme",
    "summe",
    "gesamt",
    "insgesamt",
    "totaal",
    "toplam",
    "suma",
    "razem",
    "totaal generaal",
];

/// Reads a header cell: `Metric name`, `Baseline`, `Define how measurement
/// is done`, `TOT`/`Total` (and their usual translations), or a period
/// label read against the report's calendar.
pub fn header_kind(text: &str, calendar: Calendar<'_>) -> Option<HeaderKind> {
    let n = normalise(text);
    if METRIC_WORDS.contains(&n.as_str()) {
        return Some(HeaderKind::MetricName);
    }
    match n.as_str() {
        "baseline" | "target" | "baseline target" | "objetivo" | "meta" | "obiettivo" | "cible"
        | "ziel" | "doel" | "hedef" | "cel" => return Some(HeaderKind::Baseline),
        _ => {}
    }
    if TOTAL_WORDS.contains(&n.as_str()) {
        // "TOT (M1-M36)": the months in parentheses say which total it is.
        let inside = text
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(inside, _)| inside);
        return Some(
            match inside.and_then(|inside| period_label(inside, calendar)) {
                Some(range) if Some(range) != calendar.span() => HeaderKind::TotalOver(range),
                _ => HeaderKind::Total,
            },
        );
    }
    if n.starts_with("define how") || n.contains("measurement") || n == "method" {
        return Some(HeaderKind::Method);
    }
    period_label(text, calendar).map(HeaderKind::Months)
}

/// The project months a period label stands for, read against the report's
/// calendar: `M25-M36`; a project year `PY3`, `Year 3`; one of the report's
/// own periods `Period 4`, `P4`, `RP2` (in a half-year report, `Period 4` is
/// its fourth half-year; a period the report does not have is no period);
/// a calendar half `S2 2024`, `H1 2025`; a calendar range
/// `Sep 2024 - Aug 2025`; a project year as calendar years `2024/25`.
pub fn period_label(text: &str, calendar: Calendar<'_>) -> Option<MonthRange> {
    let start = calendar.start;
    let t = text.trim();
    if let Some(range) = MonthRange::parse_label(t) {
        return (range.first >= 1 && range.last >= range.first).then_some(range);
    }
    let n = normalise(t);
    let numbered = |prefixes: &[&str]| {
        prefixes
            .iter()
            .find_map(|prefix| {
                let rest = n.strip_prefix(prefix)?.trim();
                rest.parse::<u32>().ok()
            })
            .filter(|number| (1..=50).contains(number))
    };
    if let Some(year) = numbered(&[
        "py",
        "project year",
        "year",
        "y",
        "año",
        "anno",
        "jahr",
        "jaar",
        "yıl",
        "rok",
    ]) {
        return Some(MonthRange::new(year * 12 - 11, year * 12));
    }
    if let Some(period) = numbered(&[
        "reporting period",
        "period",
        "rp",
        "p",
        "periodo",
        "période",
        "periode",
        "dönem",
        "okres",
    ]) {
        let index = usize::try_from(period).ok()?.checked_sub(1)?;
        return calendar.periods.get(index).map(|p| p.months);
    }
    // "S2 2024", "H1 2025": a calendar half-year.
    if let Some((half, year)) = n.split_once(' ')
        && let (Some(which), Ok(year)) = (
            match half {
                "s1" | "h1" => Some(1u8),
                "s2" | "h2" => Some(7u8),
                _ => None,
            },
            year.parse::<i32>(),
        )
    {
        let first = project_month(YearMonth::new(year, which)?, start)?;
        return Some(MonthRange::new(first, first + 5));
    }
    // "Sep 2024 - Aug 2025", "09/2024 - 08/2025"
    if let Some((left, right)) = split_range(t)
        && let (Some(first), Some(last)) = (month_label(left), month_label(right))
    {
        let first = project_month(first, start)?;
        let last = project_month(last, start)?;
        return (last >= first).then(|| MonthRange::new(first, last));
    }
    // "2024/25", "2024/2025", "2024-25"
    let (a, b) = t.split_once(['/', '-'])?;
    let a: i32 = a.trim().parse().ok()?;
    let b: i32 = b.trim().parse().ok()?;
    let next = if b < 100 { a - a % 100 + b } else { b };
    if !(1900..2200).contains(&a) || next != a + 1 {
        return None;
    }
    let first = YearMonth::new(a, start.month)?;
    let first = project_month(first, start)?;
    Some(MonthRange::new(first, first + 11))
}

fn split_range(t: &str) -> Option<(&str, &str)> {
    for separator in [" - ", " – ", " — ", " to ", "–", "—"] {
        if let Some(pair) = t.split_once(separator) {
            return Some(pair);
        }
    }
    None
}

/// The project month of a calendar month (M1 = `start`); None before M1.
pub fn project_month(month: YearMonth, start: YearMonth) -> Option<u32> {
    let index = |m: YearMonth| m.year * 12 + i32::from(m.month) - 1;
    u32::try_from(index(month) - index(start) + 1)
        .ok()
        .filter(|m| *m >= 1)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A calendar month written as `2024-09`, `2024-09-15`, `Sep 2024`,
/// `September 2024`, `09/2024` or `15/09/2024`.
pub fn month_label(text: &str) -> Option<YearMonth> {
    let t = text.trim();
    let t = t
        .split(['T', ' '])
        .next()
        .filter(|_| t.contains('T'))
        .unwrap_or(t);
    let parts: Vec<&str> = t
        .split(['-', '/', ' ', '.', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let number = |s: &str| s.parse::<i32>().ok();
    let name = |s: &str| {
        let lower = s.to_lowercase();
        MONTHS
            .iter()
            .position(|m| lower.starts_with(m))
            .and_then(|i| u8::try_from(i + 1).ok())
    };
    let year_ok = |y: i32| (1900..2200).contains(&y);
    match parts.as_slice() {
        [y, m] | [y, m, _] if number(y).is_some_and(year_ok) => {
            let month = u8::try_from(number(m)?).ok()?;
            YearMonth::new(number(y)?, month)
        }
        [m, y] if number(y).is_some_and(year_ok) => match name(m) {
            Some(month) => YearMonth::new(number(y)?, month),
            None => YearMonth::new(number(y)?, u8::try_from(number(m)?).ok()?),
        },
        [_, m, y] if number(y).is_some_and(year_ok) => {
            let month = name(m).or_else(|| u8::try_from(number(m)?).ok())?;
            YearMonth::new(number(y)?, month)
        }
        _ => None,
    }
}

/// Header words of a records sheet, in English and the providers' usual
/// languages (Spanish, Portuguese, Italian, French, German, Dutch, Turkish,
/// Polish). Hints: a word matches a whole word of the header.
pub const INSTALLATION_WORDS: &[&str] = &[
    "installation",
    "service",
    "site",
    "infrastructure",
    "instalación",
    "instalacion",
    "servicio",
    "serviço",
    "servico",
    "servizio",
    "installazione",
    "service",
    "dienst",
    "anlage",
    "installatie",
    "hizmet",
    "usługa",
    "usluga",
    "instalacja",
];
pub const RECORD_METRIC_WORDS: &[&str] = &[
    "metric",
    "indicator",
    "kpi",
    "resource",
    "measure",
    "item",
    "métrica",
    "metrica",
    "indicador",
    "recurso",
    "risorsa",
    "indicatore",
    "ressource",
    "indicateur",
    "métrique",
    "kennzahl",
    "ressource",
    "indikator",
    "metriek",
    "bron",
    "gösterge",
    "kaynak",
    "metrik",
    "wskaźnik",
    "zasób",
    "zasob",
];
pub const MONTH_WORDS: &[&str] = &[
    "month", "date", "day", "mes", "fecha", "mês", "data", "mese", "giorno", "mois", "jour",
    "monat", "datum", "tag", "maand", "dag", "ay", "tarih", "gün", "miesiąc", "miesiac", "dzień",
];
pub const VALUE_WORDS: &[&str] = &[
    "value",
    "amount",
    "quantity",
    "usage",
    "hours",
    "valor",
    "cantidad",
    "horas",
    "uso",
    "quantidade",
    "valore",
    "quantità",
    "ore",
    "utilizzo",
    "valeur",
    "quantité",
    "heures",
    "wert",
    "menge",
    "stunden",
    "nutzung",
    "waarde",
    "hoeveelheid",
    "uren",
    "değer",
    "deger",
    "miktar",
    "saat",
    "wartość",
    "wartosc",
    "ilość",
    "godziny",
];

/// Header words of a column of identities (one row per user or country).
pub const IDENTITY_WORDS: &[&str] = &[
    "user",
    "users",
    "id",
    "identity",
    "country",
    "organisation",
    "login",
];

/// True when a whole word of `header` is one of `words` (or the normalised
/// header is one of them).
pub fn has_word(header: &str, words: &[&str]) -> bool {
    let n = normalise(header);
    words
        .iter()
        .any(|w| n == *w || n.split(' ').any(|x| x == *w))
}

/// Header words of a column that says the period of each row.
pub const PERIOD_WORDS: &[&str] = &[
    "period",
    "reporting period",
    "periodo",
    "período",
    "période",
    "periode",
    "zeitraum",
    "berichtszeitraum",
    "dönem",
    "donem",
    "okres",
];

/// A single project month as a column header: a date cell's month,
/// `M13`, `2025-02`, `Jan 2025`, `01/2025`. None for a range (`M13-M24`).
pub fn single_month(text: &str, start: YearMonth) -> Option<u32> {
    let t = text.trim();
    if let Some(digits) = t.strip_prefix(['M', 'm'])
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
    {
        return digits.parse().ok().filter(|m| *m >= 1);
    }
    project_month(month_label(t)?, start)
}

/// One of the report's periods named somewhere in a title, sheet or file
/// name: `Usage Sep 2024 - Aug 2025`, `PY3 figures`, `report_M25-M36`.
/// Only a period the report has counts.
pub fn period_in_text(text: &str, calendar: Calendar<'_>) -> Option<MonthRange> {
    let own = |range: MonthRange| calendar.periods.iter().any(|p| p.months == range);
    if let Some(range) = period_label(text, calendar).filter(|r| own(*r)) {
        return Some(range);
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '_' | ':' | ',' | ';' | '(' | ')'))
        .filter(|t| !t.is_empty())
        .collect();
    for width in (1..=5.min(tokens.len())).rev() {
        for window in tokens.windows(width) {
            let candidate = window.join(" ");
            if let Some(range) = period_label(&candidate, calendar).filter(|r| own(*r)) {
                return Some(range);
            }
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    fn start() -> YearMonth {
        YearMonth::new(2022, 9).unwrap()
    }

    #[test]
    fn names_normalise() {
        assert_eq!(
            normalise("CSIC/IFCA Scientific Cloud – CPU (Spain)"),
            "csic ifca scientific cloud cpu"
        );
        assert_eq!(normalise("  INCD - GPU "), "incd gpu");
        assert_eq!(
            words("IFCA-CSIC Scientific Cloud - CPU"),
            words("CSIC/IFCA scientific cloud: CPU")
        );
    }

    #[test]
    fn numbers_in_both_conventions() {
        use Convention::*;
        let table = [
            ("2,270,601", DotDecimal, Some(2_270_601.0)),
            ("2.270.601", CommaDecimal, Some(2_270_601.0)),
            ("29433,6", CommaDecimal, Some(29433.6)),
            ("29433.6", DotDecimal, Some(29433.6)),
            ("1 234,5", CommaDecimal, Some(1234.5)),
            ("-12", DotDecimal, Some(-12.0)),
            ("12,34,5", DotDecimal, None),
            ("3M", DotDecimal, None),
            ("", DotDecimal, None),
        ];
        for (text, convention, expected) in table {
            assert_eq!(parse_plain_number(text, convention), expected, "{text}");
        }
    }

    #[test]
    fn conventions_are_sniffed() {
        assert_eq!(
            sniff_convention(["2.270.601", "29433,6", "12"]),
            Convention::CommaDecimal
        );
        assert_eq!(
            sniff_convention(["2,270,601", "1,752"]),
            Convention::DotDecimal
        );
        assert_eq!(sniff_convention(["1,752"]), Convention::Unsure);
        // 9.12 or 9120: a file that does not say is not guessed.
        assert_eq!(parse_plain_number("9.120", Convention::Unsure), None);
        assert_eq!(
            parse_plain_number("2.270.601", Convention::Unsure),
            Some(2_270_601.0)
        );
        assert_eq!(
            parse_plain_number("29433,6", Convention::Unsure),
            Some(29433.6)
        );
        assert_eq!(parse_plain_number("3M", Convention::Unsure), None);
    }

    #[test]
    fn period_labels() {
        let py3 = Some(MonthRange::new(25, 36));
        let yearly = [Period::new(1, 12), Period::new(13, 24), Period::new(25, 36)];
        let calendar = Calendar::new(start(), &yearly);
        for label in [
            "M25-M36",
            "M25 - M36",
            "PY3",
            "Year 3",
            "Period 3",
            "P3",
            "Sep 2024 - Aug 2025",
            "September 2024 – August 2025",
            "2024/25",
            "2024/2025",
        ] {
            assert_eq!(period_label(label, calendar), py3, "{label}");
        }
        assert_eq!(period_label("Number of users", calendar), None);
        assert_eq!(period_label("2024", calendar), None);
    }

    #[test]
    fn period_numbers_are_the_reports_own_periods() {
        // A half-year report from M13: Period 4 is M31-M36, never M37-M48.
        let halves = [
            Period::new(13, 18),
            Period::new(19, 24),
            Period::new(25, 30),
            Period::new(31, 36),
        ];
        let calendar = Calendar::new(start(), &halves);
        assert_eq!(
            period_label("Period 4", calendar),
            Some(MonthRange::new(31, 36))
        );
        assert_eq!(period_label("P2", calendar), Some(MonthRange::new(19, 24)));
        assert_eq!(period_label("Periodo 5", calendar), None);
        assert_eq!(period_label("PY2", calendar), Some(MonthRange::new(13, 24)));
        // The sample starts in September 2022: S2 2024 is M23-M28.
        assert_eq!(
            period_label("S2 2024", calendar),
            Some(MonthRange::new(23, 28))
        );
        assert_eq!(
            period_label("H1 2025", calendar),
            Some(MonthRange::new(29, 34))
        );
    }

    #[test]
    fn a_total_over_other_months_is_not_the_reports_tot() {
        let to_m30 = [Period::new(1, 12), Period::new(13, 24), Period::new(25, 30)];
        let calendar = Calendar::new(start(), &to_m30);
        assert_eq!(
            header_kind("TOT (M1-M36)", calendar),
            Some(HeaderKind::TotalOver(MonthRange::new(1, 36)))
        );
        assert_eq!(
            header_kind("TOT (M1-M30)", calendar),
            Some(HeaderKind::Total)
        );
        assert_eq!(header_kind("Total", calendar), Some(HeaderKind::Total));
        assert_eq!(header_kind("Gesamt", calendar), Some(HeaderKind::Total));
        assert_eq!(
            header_kind("Indicador", calendar),
            Some(HeaderKind::MetricName)
        );
    }

    #[test]
    fn headers() {
        let calendar = Calendar::new(start(), &[]);
        assert_eq!(
            header_kind("Metric name", calendar),
            Some(HeaderKind::MetricName)
        );
        assert_eq!(header_kind("TOT", calendar), Some(HeaderKind::Total));
        assert_eq!(
            header_kind("Define how measurement is done", calendar),
            Some(HeaderKind::Method)
        );
        assert_eq!(
            header_kind("PY2", calendar),
            Some(HeaderKind::Months(MonthRange::new(13, 24)))
        );
    }

    #[test]
    fn months() {
        let sep = YearMonth::new(2024, 9);
        for text in [
            "2024-09",
            "2024-09-15",
            "Sep 2024",
            "September 2024",
            "09/2024",
            "15/09/2024",
            "2024-09-01T00:00:00",
        ] {
            assert_eq!(month_label(text), sep, "{text}");
        }
        assert_eq!(month_label("users"), None);
        assert_eq!(
            project_month(YearMonth::new(2024, 9).unwrap(), start()),
            Some(25)
        );
        assert_eq!(
            project_month(YearMonth::new(2022, 8).unwrap(), start()),
            None
        );
    }

    #[test]
    fn single_months_as_column_headers() {
        for (text, expected) in [
            ("M13", Some(13)),
            ("m7", Some(7)),
            ("Sep 2023", Some(13)),
            ("2023-09", Some(13)),
            ("09/2023", Some(13)),
            ("Aug 2022", None),
            ("M13-M24", None),
            ("PY2", None),
            ("Metric", None),
        ] {
            assert_eq!(single_month(text, start()), expected, "{text}");
        }
    }

    #[test]
    fn a_period_named_in_a_title_sheet_or_file() {
        let halves = [Period::new(1, 6), Period::new(7, 12), Period::new(13, 18)];
        let calendar = Calendar::new(YearMonth::new(2024, 1).unwrap(), &halves);
        let m7 = Some(MonthRange::new(7, 12));
        for text in [
            "Usage S2 2024",
            "usage_M7-M12",
            "Figures for Period 2",
            "Jul 2024 - Dec 2024: usage",
        ] {
            assert_eq!(period_in_text(text, calendar), m7, "{text}");
        }
        // Only the report's own periods: a year is not a half-year.
        assert_eq!(period_in_text("Usage 2024/25", calendar), None);
        assert_eq!(period_in_text("Usage report", calendar), None);
    }
}
