//! The project calendar: months counted from the project start (M1), and the
//! period columns of the metric tables.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar month. Stored in project files as `"YYYY-MM"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    pub year: i32,
    /// 1 = January ... 12 = December.
    pub month: u8,
}

/// English month names, January first.
pub const FULL_MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl YearMonth {
    pub fn new(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month })
    }

    /// The calendar month of project month `project_month` when this is M1.
    /// M0 and below count backwards (M0 is the month before M1).
    pub fn plus_months(self, months: i32) -> Self {
        let index = self.year * 12 + i32::from(self.month) - 1 + months;
        Self {
            year: index.div_euclid(12),
            month: u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
        }
    }

    /// The calendar month of project month `project_month`, taking `self` as M1.
    pub fn project_month(self, project_month: u32) -> Self {
        let offset = i32::try_from(project_month).unwrap_or(i32::MAX / 24) - 1;
        self.plus_months(offset)
    }

    /// Short English month name: `Sep 2024`.
    pub fn short_name(self) -> String {
        let name = MONTH_NAMES
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("?");
        format!("{name} {}", self.year)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl From<YearMonth> for String {
    fn from(value: YearMonth) -> Self {
        value.to_string()
    }
}

impl TryFrom<String> for YearMonth {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let invalid = || format!("expected a month as YYYY-MM, found {text:?}");
        let (year, month) = text.trim().split_once('-').ok_or_else(invalid)?;
        let year: i32 = year.parse().map_err(|_| invalid())?;
        let month: u8 = month.parse().map_err(|_| invalid())?;
        Self::new(year, month).ok_or_else(invalid)
    }
}

/// An inclusive range of project months, `first..=last` (M13-M24 is 13..=24).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRange {
    #[serde(rename = "first_month")]
    pub first: u32,
    #[serde(rename = "last_month")]
    pub last: u32,
}

impl MonthRange {
    pub fn new(first: u32, last: u32) -> Self {
        Self { first, last }
    }

    pub fn len_months(self) -> u32 {
        (self.last + 1).saturating_sub(self.first)
    }

    /// The canonical label: `M13-M24`.
    pub fn label(self) -> String {
        format!("M{}-M{}", self.first, self.last)
    }

    /// Reads a label of the form `M13-M24` (also `M13 - M24`, `m13-m24`).
    pub fn parse_label(text: &str) -> Option<Self> {
        let (first, last) = text.split_once(['-', '–'])?;
        let month = |part: &str| {
            let part = part.trim();
            let digits = part.strip_prefix(['M', 'm'])?;
            digits.parse::<u32>().ok()
        };
        Some(Self::new(month(first)?, month(last)?))
    }

    /// The same range in calendar terms: `Sep 2024 - Aug 2025`.
    pub fn calendar_label(self, project_start: YearMonth) -> String {
        format!(
            "{} - {}",
            project_start.project_month(self.first).short_name(),
            project_start.project_month(self.last).short_name()
        )
    }
}

/// A period column of the metric tables. Project-file form:
/// `{"label": "M1-M12", "first_month": 1, "last_month": 12}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub label: String,
    #[serde(flatten)]
    pub months: MonthRange,
}

impl Period {
    pub fn new(first: u32, last: u32) -> Self {
        let months = MonthRange::new(first, last);
        Self {
            label: months.label(),
            months,
        }
    }
}

/// Why period `index` may not take `months`, or `None` when it may: a
/// period starts at M1 or later, does not end before it starts, and shares
/// no month with another period. Overlaps already among the other periods
/// are not this change's fault and are left to the checks.
pub fn period_months_refusal(
    periods: &[Period],
    index: usize,
    months: MonthRange,
) -> Option<String> {
    if months.first == 0 {
        return Some("a period starts at M1 or later".to_owned());
    }
    if months.last < months.first {
        return Some(format!(
            "M{} is before the period's first month, M{}",
            months.last, months.first
        ));
    }
    periods
        .iter()
        .enumerate()
        .filter(|(other, _)| *other != index)
        .find(|(_, period)| {
            months.first <= period.months.last && period.months.first <= months.last
        })
        .map(|(_, period)| {
            format!(
                "would overlap period {} ({})",
                period.label,
                period.months.label()
            )
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn period_months_that_overlap_or_reverse_are_refused() {
        let periods = [Period::new(1, 6), Period::new(7, 18), Period::new(19, 24)];
        assert_eq!(
            period_months_refusal(&periods, 1, MonthRange::new(7, 20)),
            Some("would overlap period M19-M24 (M19-M24)".to_owned())
        );
        assert_eq!(
            period_months_refusal(&periods, 1, MonthRange::new(6, 18)),
            Some("would overlap period M1-M6 (M1-M6)".to_owned())
        );
        assert_eq!(
            period_months_refusal(&periods, 1, MonthRange::new(12, 10)),
            Some("M10 is before the period's first month, M12".to_owned())
        );
        assert_eq!(
            period_months_refusal(&periods, 0, MonthRange::new(0, 6)),
            Some("a period starts at M1 or later".to_owned())
        );
        // Shrinking leaves a gap (the checks say so), which is allowed.
        assert_eq!(
            period_months_refusal(&periods, 1, MonthRange::new(8, 18)),
            None
        );
        assert_eq!(
            period_months_refusal(&periods, 2, MonthRange::new(19, 30)),
            None
        );
        // A period may keep the months of itself.
        assert_eq!(
            period_months_refusal(&periods, 1, MonthRange::new(7, 18)),
            None
        );
    }

    #[test]
    fn project_months_map_to_calendar_months() {
        let start = YearMonth::new(2022, 9).unwrap();
        assert_eq!(start.project_month(1).short_name(), "Sep 2022");
        assert_eq!(start.project_month(24).short_name(), "Aug 2024");
        assert_eq!(start.project_month(30).short_name(), "Feb 2025");
        assert_eq!(start.project_month(36).short_name(), "Aug 2025");
    }

    #[test]
    fn ranges_have_calendar_labels() {
        let start = YearMonth::new(2022, 9).unwrap();
        assert_eq!(
            MonthRange::new(25, 36).calendar_label(start),
            "Sep 2024 - Aug 2025"
        );
        assert_eq!(MonthRange::new(13, 18).len_months(), 6);
    }

    #[test]
    fn labels_parse_back() {
        assert_eq!(
            MonthRange::parse_label("M13-M24"),
            Some(MonthRange::new(13, 24))
        );
        assert_eq!(
            MonthRange::parse_label("m1 - m12"),
            Some(MonthRange::new(1, 12))
        );
        assert_eq!(MonthRange::parse_label("TOT"), None);
        assert_eq!(MonthRange::parse_label("PY2"), None);
    }

    #[test]
    fn year_month_reads_and_rejects() {
        assert_eq!(
            YearMonth::try_from("2022-09".to_owned()),
            Ok(YearMonth {
                year: 2022,
                month: 9
            })
        );
        assert!(YearMonth::try_from("2022-13".to_owned()).is_err());
        assert!(YearMonth::try_from("Sep 2022".to_owned()).is_err());
    }
}
