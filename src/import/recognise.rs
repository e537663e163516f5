//! From grids to values for report cells. Each grid is offered, row by
//! row, to the layouts of [`super::layout::LAYOUTS`]; the first that takes
//! a row as a header reads the rows below it. What is shared by the layouts
//! lives here: matching names to the report, reading a cell's value, the
//! month of a cell, whole periods from monthly sums, and the nearest miss
//! of a name that matched nothing.

use std::collections::{BTreeMap, BTreeSet};

use calamine::{ExcelDateTime, ExcelDateTimeType};

use super::layout::{LAYOUTS, Table};
use super::read::{Grid, Value, a1};
use super::text::{
    Calendar, Convention, month_label, normalise, parse_plain_number, sniff_convention, words,
};
use super::{Guess, Unmatched};
use crate::model::{MetricColumn, MetricKind, Report, YearMonth};

/// A value found for one report cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub installation: usize,
    pub metric: usize,
    pub column: MetricColumn,
    /// The cell text to write.
    pub text: String,
    pub sheet: String,
    pub cell: String,
}

/// What one grid gave.
#[derive(Debug, Default)]
pub struct GridResult {
    pub found: Vec<Found>,
    pub unmatched: Vec<Unmatched>,
    /// The sheet held no table or records, with the reason.
    pub skipped: Option<String>,
    /// Every table found, in order: what the per-file account says.
    pub tables: Vec<TableAccount>,
    /// Values outside every table: how many, the first one's cell, and
    /// whether it lies far (more than 100 rows or 26 columns) from any table.
    pub stray: usize,
    pub first_stray: Option<String>,
    pub far_stray: bool,
}

/// One table a layout found in a grid, and what it gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableAccount {
    /// The layout's name (`report table`, `records`...).
    pub layout: &'static str,
    /// The header row, 1-based as a spreadsheet shows it.
    pub row: u32,
    /// The installation the title or sheet name gave, if any.
    pub installation: Option<String>,
    /// Values it found for report cells, and values it could not place.
    pub found: usize,
    pub unmatched: usize,
    /// Why it gave nothing, with the nearest name when one is close.
    pub miss: Option<String>,
}

/// At most this many stray numbers are listed per sheet.
const STRAY_LIMIT: usize = 20;

/// Finds the installation named by `text`: the same words, or the words of
/// exactly one installation within the text, or the text's words within
/// exactly one installation's name.
/// A name mapped by hand in an earlier import comes first.
pub fn match_installation(report: &Report, text: &str) -> Option<usize> {
    if !report.import_mappings.is_empty() {
        let wanted = normalise(text);
        let mapped = report.import_mappings.iter().find(|m| {
            m.source_metric.is_empty()
                && !m.source_installation.is_empty()
                && normalise(&m.source_installation) == wanted
        });
        if let Some(index) = mapped.and_then(|m| {
            report
                .installations
                .iter()
                .position(|i| i.name == m.installation)
        }) {
            return Some(index);
        }
    }
    best_match(report.installations.iter().map(|i| i.name.as_str()), text)
}

/// Finds the metric of `installation` named by `text`, the same way.
pub fn match_metric(report: &Report, installation: usize, text: &str) -> Option<usize> {
    let installation = report.installations.get(installation)?;
    if !report.import_mappings.is_empty() {
        let wanted = normalise(text);
        let mapped = report.import_mappings.iter().find(|m| {
            m.installation == installation.name
                && !m.source_metric.is_empty()
                && normalise(&m.source_metric) == wanted
        });
        if let Some(index) =
            mapped.and_then(|m| installation.metrics.iter().position(|x| x.name == m.metric))
        {
            return Some(index);
        }
    }
    best_match(installation.metrics.iter().map(|m| m.name.as_str()), text)
}

fn best_match<'a>(names: impl Iterator<Item = &'a str>, text: &str) -> Option<usize> {
    let wanted = normalise(text);
    if wanted.is_empty() {
        return None;
    }
    let wanted_words = words(text);
    let names: Vec<(String, Vec<String>)> = names.map(|n| (normalise(n), words(n))).collect();
    if let Some(index) = names.iter().position(|(n, _)| *n == wanted) {
        return Some(index);
    }
    if let Some(index) = names.iter().position(|(_, w)| *w == wanted_words) {
        return Some(index);
    }
    let contains = |outer: &[String], inner: &[String]| {
        !inner.is_empty() && inner.iter().all(|w| outer.binary_search(w).is_ok())
    };
    // A name whose words all appear in the text (a title with extra words).
    let within: Vec<usize> = (0..names.len())
        .filter(|&i| {
            names
                .get(i)
                .is_some_and(|(_, w)| contains(&wanted_words, w))
        })
        .collect();
    let longest = within
        .iter()
        .filter_map(|&i| names.get(i).map(|(_, w)| w.len()))
        .max();
    let best: Vec<usize> = within
        .iter()
        .copied()
        .filter(|&i| names.get(i).map(|(_, w)| w.len()) == longest)
        .collect();
    if let [only] = best.as_slice() {
        return Some(*only);
    }
    if wanted_words.len() >= 2 {
        let around: Vec<usize> = (0..names.len())
            .filter(|&i| {
                names
                    .get(i)
                    .is_some_and(|(_, w)| contains(w, &wanted_words))
            })
            .collect();
        if let [only] = around.as_slice() {
            return Some(*only);
        }
    }
    None
}

/// The canonical text of a number: US grouping, the decimals it has.
/// A number as the report types it (see [`exact_text`]).
pub fn number_text(value: f64, mark: crate::model::DecimalMark) -> String {
    crate::model::number_format::exact_text(value, mark)
}

/// What a value cell means for a report cell: text to write, or why not.
pub(crate) fn cell_text(
    value: &Value,
    convention: Convention,
    mark: crate::model::DecimalMark,
) -> Result<String, String> {
    match value {
        Value::Number(n) => Ok(number_text(*n, mark)),
        Value::Text(text) => Ok(match parse_plain_number(text, convention.or_report(mark)) {
            Some(n) => number_text(n, mark),
            None => text.trim().to_owned(),
        }),
        Value::Date { year, month } => Ok(format!("{year:04}-{month:02}")),
        Value::Error(error) => Err(format!("formula error {error}")),
    }
}

/// Why a value of metric `name` could not go into installation
/// `installation`: the installation has no metric of that name.
pub(crate) fn no_metric_called(report: &Report, installation: usize, name: &str) -> String {
    let installation = report
        .installations
        .get(installation)
        .map_or("", |i| i.name.as_str());
    format!("{installation} has no metric called {name:?}")
}

/// Why a total over `months` is not taken for the report's TOT.
pub(crate) fn not_the_total(months: crate::model::MonthRange, calendar: Calendar<'_>) -> String {
    format!(
        "a total over {} is not the report's TOT{}",
        months.label(),
        calendar
            .span()
            .map(|span| format!(" ({})", span.label()))
            .unwrap_or_default()
    )
}

pub(crate) fn text_of(value: &Value) -> Option<&str> {
    match value {
        Value::Text(text) => Some(text.as_str()),
        _ => None,
    }
}

pub(crate) fn shown(value: &Value) -> String {
    match value {
        Value::Number(n) => number_text(*n, crate::model::DecimalMark::Point),
        Value::Text(text) => text.trim().to_owned(),
        Value::Date { year, month } => format!("{year:04}-{month:02}"),
        Value::Error(error) => error.clone(),
    }
}

/// A note or source line below a table, not a metric row.
pub(crate) fn is_note(text: &str) -> bool {
    let n = normalise(text);
    let t = text.trim_start();
    t.starts_with('*')
        || t.starts_with('(')
        || ["note", "notes", "source", "comment", "comments", "remark"]
            .iter()
            .any(|w| n == *w || n.starts_with(&format!("{w} ")))
}

/// The texts of the text-only rows right above row `position` (down to row
/// `from`): a table's title, nearest first.
pub(crate) fn title_texts(grid: &Grid, from: usize, position: usize) -> Vec<&str> {
    grid.rows
        .get(from..position)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|row| row.cells.iter().all(|(_, v)| matches!(v, Value::Text(_))))
        .flat_map(|row| row.cells.iter().filter_map(|(_, v)| text_of(v)))
        .collect()
}

/// Everything recognised in one grid.
pub fn recognise_grid(report: &Report, file: &str, grid: &Grid) -> GridResult {
    let mut result = GridResult::default();
    let convention = sniff_convention(
        grid.rows
            .iter()
            .flat_map(|row| row.cells.iter())
            .filter_map(|(_, value)| text_of(value))
            .take(5000),
    );
    let context = Context {
        report,
        file,
        sheet: &grid.sheet,
        grid,
        convention,
        calendar: Calendar::new(report.project_start, &report.periods),
        words: NameWords::new(report),
    };
    // Header rows, in order, with the layout that took each.
    let mut headers: Vec<(usize, &'static str, Box<dyn Table>)> = Vec::new();
    'rows: for position in 0..grid.rows.len() {
        let Some(row) = grid.rows.get(position) else {
            break;
        };
        if row.cells.len() < 2 || row.cells.len() > 64 {
            continue;
        }
        for layout in LAYOUTS {
            if let Some(table) = layout.header(&context, position) {
                let rest = table.takes_rest_of_sheet();
                headers.push((position, layout.name(), table));
                if rest {
                    // One records header per sheet: the rest is data.
                    break 'rows;
                }
                continue 'rows;
            }
        }
    }
    if headers.is_empty() {
        result.skipped = Some(if grid.rows.is_empty() {
            "empty sheet".to_owned()
        } else {
            "no metric table or records found".to_owned()
        });
    }
    // For each row, the header whose table it belongs to.
    let mut covered: Vec<Option<usize>> = vec![None; grid.rows.len()];
    let mut table_columns_of: Vec<Vec<u32>> = Vec::with_capacity(headers.len());
    let mut previous_header = 0usize;
    for (i, (position, layout, table)) in headers.iter().enumerate() {
        let end = headers
            .get(i + 1)
            .map_or(grid.rows.len(), |(next, _, _)| *next);
        let titles = title_texts(grid, previous_header, *position);
        let from_title = titles
            .iter()
            .find_map(|text| match_installation(report, text));
        let installation = from_title.or_else(|| match_installation(report, &grid.sheet));
        let data = grid.rows.get(position + 1..end).unwrap_or_default();
        for flag in covered.get_mut(*position..end).into_iter().flatten() {
            *flag = Some(i);
        }
        table_columns_of.push(table.columns());
        previous_header = position + 1;
        let (found_before, unmatched_before) = (result.found.len(), result.unmatched.len());
        let miss = table.read(&context, installation, data, &mut result);
        let found = result.found.len() - found_before;
        let unmatched = result.unmatched.len() - unmatched_before;
        // What a hand mapping of these values remembers as the file's name
        // for the installation: the title, else the sheet.
        if !table.names_installations() {
            let named = titles.first().copied().unwrap_or(&grid.sheet);
            for entry in result.unmatched.iter_mut().skip(unmatched_before) {
                if entry.names.installation.is_empty() {
                    entry.names.installation = named.trim().to_owned();
                }
            }
        }
        let miss = (found == 0).then(|| {
            miss.or_else(|| {
                (installation.is_none() && !table.names_installations()).then(|| {
                    let mut named: Vec<&str> = titles.clone();
                    named.push(&grid.sheet);
                    installation_miss(report, &named)
                })
            })
            .or_else(|| {
                result
                    .unmatched
                    .get(unmatched_before)
                    .map(|u| format!("{}: {}", u.text, u.reason))
            })
            .unwrap_or_else(|| "no values below the header".to_owned())
        });
        result.tables.push(TableAccount {
            layout,
            row: grid.rows.get(*position).map_or(0, |r| r.index + 1),
            installation: installation
                .and_then(|i| report.installations.get(i))
                .map(|i| i.name.clone()),
            found,
            unmatched,
            miss,
        });
    }
    // Numbers outside every table: listed, so nothing is silently ignored.
    let header_cells: Vec<(u32, u32)> = headers
        .iter()
        .filter_map(|(position, _, table)| {
            let row = grid.rows.get(*position)?;
            Some((row.index, table.columns().first().copied().unwrap_or(0)))
        })
        .collect();
    let mut stray = 0usize;
    for (row, table) in grid.rows.iter().zip(&covered) {
        let inside = table.and_then(|t| table_columns_of.get(t));
        for (column, value) in &row.cells {
            if inside.is_some_and(|columns| columns.contains(column)) {
                continue;
            }
            let number = matches!(value, Value::Number(_))
                || text_of(value).is_some_and(|t| parse_plain_number(t, convention).is_some());
            if !number && !matches!(value, Value::Error(_)) {
                continue;
            }
            stray += 1;
            if stray == 1 {
                result.first_stray = Some(a1(row.index, *column));
                // Far from a table: a sheet without any has nothing to be far from.
                result.far_stray = !header_cells.is_empty()
                    && header_cells
                        .iter()
                        .all(|(r, c)| row.index.abs_diff(*r) > 100 || column.abs_diff(*c) > 26);
            }
            if stray <= STRAY_LIMIT {
                result.unmatched.push(Unmatched {
                    file: file.to_owned(),
                    sheet: grid.sheet.clone(),
                    cell: a1(row.index, *column),
                    text: shown(value),
                    reason: "a value outside any recognised table".to_owned(),
                    value: cell_text(value, convention, report.decimal_mark).ok(),
                    guess: Guess::default(),
                    names: super::SourceNames::default(),
                });
            }
        }
    }
    result.stray = stray;
    if stray > STRAY_LIMIT {
        result.unmatched.push(Unmatched {
            file: file.to_owned(),
            sheet: grid.sheet.clone(),
            cell: String::new(),
            text: format!("{} more values", stray - STRAY_LIMIT),
            reason: "values outside any recognised table".to_owned(),
            value: None,
            guess: Guess::default(),
            names: super::SourceNames::default(),
        });
    }
    result
}

/// What a layout sees of one grid: the report, the file and sheet, how the
/// file writes numbers, and the report's calendar.
pub struct Context<'a> {
    pub report: &'a Report,
    pub file: &'a str,
    pub sheet: &'a str,
    pub grid: &'a Grid,
    pub convention: Convention,
    pub calendar: Calendar<'a>,
    /// The words of the report's names, to rule texts out cheaply.
    pub words: NameWords,
}

/// Every word of the report's installation names and of its metric and
/// resource names (and of the names remembered from earlier imports). A
/// text that shares no word with them cannot match one, so layouts ask
/// this before the costlier matching.
#[derive(Clone, Debug, Default)]
pub struct NameWords {
    installations: std::collections::HashSet<String>,
    metrics: std::collections::HashSet<String>,
}

impl NameWords {
    pub fn new(report: &Report) -> Self {
        let mut installations = std::collections::HashSet::new();
        let mut metrics = std::collections::HashSet::new();
        for installation in &report.installations {
            installations.extend(words(&installation.name));
            for metric in &installation.metrics {
                metrics.extend(words(&metric.name));
            }
        }
        for row in &report.cumulative.rows {
            for name in [&row.label, &row.unit, &row.id] {
                metrics.extend(words(name));
            }
        }
        for mapping in &report.import_mappings {
            installations.extend(words(&mapping.source_installation));
            metrics.extend(words(&mapping.source_metric));
        }
        Self {
            installations,
            metrics,
        }
    }

    /// False when `text` cannot name an installation of the report.
    pub fn may_be_installation(&self, text: &str) -> bool {
        words(text).iter().any(|w| self.installations.contains(w))
    }

    /// False when `text` cannot name a metric or resource of the report.
    pub fn may_be_metric(&self, text: &str) -> bool {
        words(text).iter().any(|w| self.metrics.contains(w))
    }
}

impl Context<'_> {
    /// The text `value` (at `cell`) writes into a report cell, or `None`
    /// once `unmatched` says why it cannot (a formula error).
    pub(crate) fn cell_text_or_note(
        &self,
        unmatched: &mut Vec<Unmatched>,
        value: &Value,
        cell: &str,
        guess: Guess,
    ) -> Option<String> {
        match cell_text(value, self.convention, self.report.decimal_mark) {
            Ok(text) => Some(text),
            Err(reason) => {
                unmatched.push(self.unmatched(cell.to_owned(), shown(value), reason, None, guess));
                None
            }
        }
    }

    pub(crate) fn unmatched(
        &self,
        cell: String,
        text: String,
        reason: String,
        value: Option<String>,
        guess: Guess,
    ) -> Unmatched {
        Unmatched {
            file: self.file.to_owned(),
            sheet: self.sheet.to_owned(),
            cell,
            text,
            reason,
            value,
            guess,
            names: super::SourceNames::default(),
        }
    }

    /// A found value for a report cell.
    pub(crate) fn found(
        &self,
        installation: usize,
        metric: usize,
        column: MetricColumn,
        text: String,
        cell: String,
    ) -> Found {
        Found {
            installation,
            metric,
            column,
            text,
            sheet: self.sheet.to_owned(),
            cell,
        }
    }
}

/// The report's period column covering exactly `months`.
pub(crate) fn period_index(report: &Report, months: crate::model::MonthRange) -> Option<usize> {
    report.periods.iter().position(|p| p.months == months)
}

/// The name among `names` nearest to one of `texts` (by edit distance of
/// the normalised names), with its similarity between 0 and 1.
pub fn nearest<'a>(
    names: impl Iterator<Item = &'a str> + Clone,
    texts: &[&str],
) -> Option<(&'a str, f64)> {
    let mut best: Option<(&'a str, f64)> = None;
    for text in texts {
        let wanted = normalise(text);
        if wanted.is_empty() {
            continue;
        }
        for name in names.clone() {
            let score = strsim::normalized_levenshtein(&wanted, &normalise(name));
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((name, score));
            }
        }
    }
    best
}

/// Below this similarity a name is too far to be called the nearest.
const NEAR: f64 = 0.5;

/// Why a table named no installation: the names it had, and the nearest
/// installation name when one is close.
pub(crate) fn installation_miss(report: &Report, texts: &[&str]) -> String {
    let named = texts
        .iter()
        .map(|t| format!("{:?}", t.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let names = report.installations.iter().map(|i| i.name.as_str());
    match nearest(names, texts) {
        Some((name, score)) if score >= NEAR => {
            format!("named {named}, which matches no installation; nearest: {name:?}")
        }
        _ => format!("named {named}, which matches no installation of the report"),
    }
}

/// Why no row named a metric of the installation: the first names, and the
/// nearest metric name when one is close.
pub(crate) fn metric_miss(report: &Report, installation: usize, texts: &[&str]) -> String {
    let Some(inst) = report.installations.get(installation) else {
        return String::new();
    };
    let named = texts
        .iter()
        .take(3)
        .map(|t| format!("{:?}", t.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    match nearest(inst.metrics.iter().map(|m| m.name.as_str()), texts) {
        Some((name, score)) if score >= NEAR => format!(
            "{named} match no metric of {}; nearest: {name:?}",
            inst.name
        ),
        _ => format!("{named} match no metric of {}", inst.name),
    }
}

/// Sum, distinct identities, rows, and the project months the rows cover.
#[derive(Default)]
pub(crate) struct Bucket {
    pub sum: f64,
    pub identities: BTreeSet<String>,
    /// The first and last cells (row, column) that went into it.
    pub first: (u32, u32),
    pub last: (u32, u32),
    pub months: BTreeSet<u32>,
    /// Months with a value that is no number: not covered.
    pub unreadable: BTreeSet<u32>,
}

impl Bucket {
    pub(crate) fn at(row: u32, column: u32) -> Self {
        Self {
            first: (row, column),
            last: (row, column),
            ..Self::default()
        }
    }
}

/// The metric of installation `installation` that a records row names: by
/// its name, else by the report resource it names ("CPU", "core-hours")
/// when exactly one quantity metric of the installation feeds it.
pub(crate) fn record_metric(report: &Report, installation: usize, text: &str) -> Option<usize> {
    if let Some(metric) = match_metric(report, installation, text) {
        return Some(metric);
    }
    let wanted = normalise(text);
    let resource = report.cumulative.rows.iter().find(|row| {
        [&row.label, &row.unit, &row.id]
            .iter()
            .any(|name| !name.trim().is_empty() && normalise(name) == wanted)
    })?;
    let metrics = &report.installations.get(installation)?.metrics;
    let mut feeding = metrics
        .iter()
        .enumerate()
        .filter(|(_, metric)| metric.consumes(&resource.id));
    match (feeding.next(), feeding.next()) {
        (Some((index, _)), None) => Some(index),
        _ => None,
    }
}

/// "Sep 2025, Oct 2025" for project months 37 and 38.
pub(crate) fn month_names(report: &Report, months: impl Iterator<Item = u32>) -> String {
    months
        .map(|m| report.project_start.project_month(m).short_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The month of a cell: a date cell, an Excel serial number, or text.
pub(crate) fn row_month(value: &Value) -> Option<YearMonth> {
    match value {
        Value::Date { year, month } => YearMonth::new(*year, *month),
        Value::Number(n) if (1.0..2_958_466.0).contains(n) => {
            let (year, month, ..) =
                ExcelDateTime::new(*n, ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
            YearMonth::new(i32::from(year), month)
        }
        Value::Text(text) => month_label(text),
        _ => None,
    }
}

/// What a bucket holds: sums of values, distinct identities, or both.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sums {
    pub values: bool,
    pub identities: bool,
    /// What the months came from, for messages: `records`, `month columns`.
    pub source: &'static str,
}

/// Monthly figures into the report's periods: a period is filled only when
/// the months cover every one of its months, otherwise the plan says which
/// are missing (and offers the partial sum of a quantity to map by hand).
/// A quantity is summed, a distinct count counts distinct identities, a
/// country list unites them; anything else is refused once per metric.
pub(crate) fn whole_periods(
    context: &Context<'_>,
    buckets: &BTreeMap<(usize, usize, usize), Bucket>,
    sums: Sums,
    result: &mut GridResult,
) {
    let report = context.report;
    let mut refused: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (&(installation, metric, period), bucket) in buckets {
        let Some(target) = report
            .installations
            .get(installation)
            .and_then(|i| i.metrics.get(metric))
        else {
            continue;
        };
        let cell = format!(
            "{}:{}",
            a1(bucket.first.0, bucket.first.1),
            a1(bucket.last.0, bucket.last.1)
        );
        let Some(months) = report.periods.get(period).map(|p| p.months) else {
            continue;
        };
        let guess = Guess {
            installation: Some(installation),
            metric: Some(metric),
            column: Some(MetricColumn::Period(period)),
        };
        let missing: Vec<u32> = (months.first..=months.last)
            .filter(|m| !bucket.months.contains(m) || bucket.unreadable.contains(m))
            .collect();
        if !missing.is_empty() {
            let partial = (target.kind() == MetricKind::Quantity && sums.values)
                .then(|| number_text(bucket.sum, report.decimal_mark));
            result.unmatched.push(context.unmatched(
                cell,
                format!("{} ({})", target.name, months.label()),
                format!(
                    "the {} cover {} of {} months of {}; missing: {}{}",
                    sums.source,
                    months.len_months() as usize - missing.len(),
                    months.len_months(),
                    months.label(),
                    month_names(report, missing.into_iter()),
                    partial
                        .as_ref()
                        .map(|sum| format!(" (the covered months add up to {sum}: map it by hand to take this partial sum)"))
                        .unwrap_or_default()
                ),
                partial,
                guess,
            ));
            continue;
        }
        let text = match target.kind() {
            MetricKind::Quantity if sums.values => number_text(bucket.sum, report.decimal_mark),
            kind if kind.is_distinct_count() && sums.identities => {
                number_text(bucket.identities.len() as f64, report.decimal_mark)
            }
            MetricKind::CountryList if sums.identities => bucket
                .identities
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            kind => {
                if refused.insert((installation, metric)) {
                    let reason = match kind {
                        MetricKind::DistinctCount
                        | MetricKind::CountryCount
                        | MetricKind::CountryList => format!(
                            "{:?} is a distinct count: monthly figures cannot be added up; records need one row per user or country",
                            target.name
                        ),
                        _ => format!("{:?} cannot be summed from {}", target.name, sums.source),
                    };
                    result.unmatched.push(context.unmatched(
                        cell,
                        target.name.clone(),
                        reason,
                        None,
                        guess,
                    ));
                }
                continue;
            }
        };
        result.found.push(context.found(
            installation,
            metric,
            MetricColumn::Period(period),
            text,
            cell,
        ));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[test]
    fn installations_by_title_or_sheet_name() {
        let report = Sample::M36.report().unwrap();
        let name = |i: Option<usize>| i.map(|i| report.installations[i].name.clone());
        let table = [
            ("INCD - GPU", Some("INCD - GPU")),
            ("incd gpu", Some("INCD - GPU")),
            (
                "CSIC/IFCA Scientific Cloud – CPU (Spain)",
                Some("IFCA-CSIC Scientific Cloud - CPU"),
            ),
            ("TR-FC1-ULAKBIM usage report 2025", Some("TR-FC1-ULAKBIM")),
            ("INCD", None),
            ("Walton Cloud", None),
            ("WaltonCloud - Storage", Some("WaltonCloud - Storage")),
        ];
        for (text, expected) in table {
            assert_eq!(
                name(match_installation(&report, text)).as_deref(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn metrics_by_name() {
        let report = Sample::M36.report().unwrap();
        let incd = match_installation(&report, "INCD - CPU").unwrap();
        let m = |text| {
            match_metric(&report, incd, text)
                .map(|m| report.installations[incd].metrics[m].name.clone())
        };
        assert_eq!(m("Number of users").as_deref(), Some("Number of users"));
        assert_eq!(
            m("number of users (unique)").as_deref(),
            Some("Number of users")
        );
        assert_eq!(
            m("CPU hours served over the period").as_deref(),
            Some("CPU/hours served over the period")
        );
        assert_eq!(m("GPU hours"), None);
    }

    #[test]
    fn numbers_get_canonical_text() {
        use crate::model::DecimalMark::{Comma, Point};
        assert_eq!(number_text(2_270_601.0, Point), "2,270,601");
        assert_eq!(number_text(29433.6, Point), "29,433.6");
        assert_eq!(number_text(29433.6, Comma), "29.433,6");
        assert_eq!(number_text(5.876, Point), "5.876");
        assert_eq!(number_text(0.0, Point), "0");
    }

    #[test]
    fn the_nearest_name_and_when_it_is_too_far() {
        let names = ["Centre X", "Cluster North", "Archive"];
        let (name, score) = nearest(names.iter().copied(), &["Centro X"]).unwrap();
        assert_eq!(name, "Centre X");
        assert!(score >= NEAR, "{score}");
        let (_, far) = nearest(names.iter().copied(), &["Quarterly totals"]).unwrap();
        assert!(far < NEAR, "{far}");
        assert_eq!(nearest(names.iter().copied(), &[""]), None);
    }
}
