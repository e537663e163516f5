//! From grids to values for report cells: metric tables found by their
//! header row, and long records summed into the report's periods.

use std::collections::{BTreeSet, HashMap};

use calamine::{ExcelDateTime, ExcelDateTimeType};

use super::read::{Grid, Row, Value, a1};
use super::text::{
    Calendar, Convention, HeaderKind, header_kind, month_label, normalise, parse_plain_number,
    project_month, sniff_convention, words,
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
}

/// At most this many stray numbers are listed per sheet.
const STRAY_LIMIT: usize = 20;

/// Finds the installation named by `text`: the same words, or the words of
/// exactly one installation within the text, or the text's words within
/// exactly one installation's name.
pub fn match_installation(report: &Report, text: &str) -> Option<usize> {
    best_match(report.installations.iter().map(|i| i.name.as_str()), text)
}

/// Finds the metric of `installation` named by `text`, the same way.
pub fn match_metric(report: &Report, installation: usize, text: &str) -> Option<usize> {
    let installation = report.installations.get(installation)?;
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
fn cell_text(
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

fn text_of(value: &Value) -> Option<&str> {
    match value {
        Value::Text(text) => Some(text.as_str()),
        _ => None,
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::Number(n) => number_text(*n, crate::model::DecimalMark::Point),
        Value::Text(text) => text.trim().to_owned(),
        Value::Date { year, month } => format!("{year:04}-{month:02}"),
        Value::Error(error) => error.clone(),
    }
}

/// Header words of a records sheet, in English and the providers' usual
/// languages (Spanish, Portuguese, Italian, French, German, Dutch, Turkish,
/// Polish). Hints: a word matches a whole word of the header.
const INSTALLATION_WORDS: &[&str] = &[
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
const RECORD_METRIC_WORDS: &[&str] = &[
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
const MONTH_WORDS: &[&str] = &[
    "month", "date", "day", "mes", "fecha", "mês", "data", "mese", "giorno", "mois", "jour",
    "monat", "datum", "tag", "maand", "dag", "ay", "tarih", "gün", "miesiąc", "miesiac", "dzień",
];
const VALUE_WORDS: &[&str] = &[
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

/// Header of a records sheet: which columns hold what.
#[derive(Clone, Copy, Debug, Default)]
struct RecordColumns {
    installation: Option<u32>,
    metric: u32,
    month: u32,
    value: Option<u32>,
    identity: Option<u32>,
}

fn record_columns(row: &Row) -> Option<RecordColumns> {
    let mut installation = None;
    let mut metric = None;
    let mut month = None;
    let mut value = None;
    let mut identity = None;
    for (column, cell) in &row.cells {
        let Some(text) = text_of(cell) else { continue };
        let n = normalise(text);
        let has = |words: &[&str]| words.iter().any(|w| n.split(' ').any(|x| x == *w));
        if installation.is_none() && has(INSTALLATION_WORDS) {
            installation = Some(*column);
        } else if metric.is_none() && has(RECORD_METRIC_WORDS) {
            metric = Some(*column);
        } else if month.is_none() && has(MONTH_WORDS) {
            month = Some(*column);
        } else if value.is_none() && has(VALUE_WORDS) {
            value = Some(*column);
        } else if identity.is_none()
            && has(&[
                "user",
                "users",
                "id",
                "identity",
                "country",
                "organisation",
                "login",
            ])
        {
            identity = Some(*column);
        }
    }
    let (metric, month) = (metric?, month?);
    (value.is_some() || identity.is_some()).then_some(RecordColumns {
        installation,
        metric,
        month,
        value,
        identity,
    })
}

/// Header of a metric table: the metric-name column and the others.
#[derive(Clone, Debug)]
struct TableColumns {
    name: u32,
    columns: Vec<(u32, HeaderKind, String)>,
}

fn table_columns(row: &Row, calendar: Calendar<'_>) -> Option<TableColumns> {
    let mut name = None;
    let mut columns = Vec::new();
    for (column, cell) in &row.cells {
        let Some(text) = text_of(cell) else { continue };
        match header_kind(text, calendar) {
            Some(HeaderKind::MetricName) if name.is_none() => name = Some(*column),
            Some(HeaderKind::MetricName) | None => {}
            Some(kind) => columns.push((*column, kind, text.trim().to_owned())),
        }
    }
    let name = name?;
    columns.retain(|(c, _, _)| *c > name);
    (!columns.is_empty()).then_some(TableColumns { name, columns })
}

fn is_note(text: &str) -> bool {
    let n = normalise(text);
    let t = text.trim_start();
    t.starts_with('*')
        || t.starts_with('(')
        || ["note", "notes", "source", "comment", "comments", "remark"]
            .iter()
            .any(|w| n == *w || n.starts_with(&format!("{w} ")))
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
    let calendar = Calendar::new(report.project_start, &report.periods);
    // Header rows, in order.
    enum Header {
        Table(TableColumns),
        Records(RecordColumns),
    }
    let mut headers: Vec<(usize, Header)> = Vec::new();
    for (position, row) in grid.rows.iter().enumerate() {
        if row.cells.len() < 2 || row.cells.len() > 64 {
            continue;
        }
        if let Some(columns) = record_columns(row) {
            headers.push((position, Header::Records(columns)));
            // One records header per sheet: the rest is data.
            break;
        }
        if let Some(columns) = table_columns(row, calendar) {
            headers.push((position, Header::Table(columns)));
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
    for (i, (position, header)) in headers.iter().enumerate() {
        let end = headers
            .get(i + 1)
            .map_or(grid.rows.len(), |(next, _)| *next);
        // Title rows: the text-only rows right above the header.
        let above = grid
            .rows
            .get(previous_header..*position)
            .unwrap_or_default();
        let from_title = above
            .iter()
            .rev()
            .take_while(|row| row.cells.iter().all(|(_, v)| matches!(v, Value::Text(_))))
            .find_map(|row| {
                row.cells
                    .iter()
                    .filter_map(|(_, v)| text_of(v))
                    .find_map(|text| match_installation(report, text))
            });
        let installation = from_title.or_else(|| match_installation(report, &grid.sheet));
        let data = grid.rows.get(position + 1..end).unwrap_or_default();
        for flag in covered.get_mut(*position..end).into_iter().flatten() {
            *flag = Some(i);
        }
        table_columns_of.push(match header {
            Header::Table(columns) => std::iter::once(columns.name)
                .chain(columns.columns.iter().map(|(c, _, _)| *c))
                .collect(),
            Header::Records(_) => grid
                .rows
                .get(*position)
                .map(|row| row.cells.iter().map(|(c, _)| *c).collect())
                .unwrap_or_default(),
        });
        previous_header = position + 1;
        let context = Context {
            report,
            file,
            sheet: &grid.sheet,
            convention,
        };
        match header {
            Header::Table(columns) => {
                table_rows(&context, installation, columns, data, &mut result);
            }
            Header::Records(columns) => {
                records(&context, installation, *columns, data, &mut result);
            }
        }
    }
    // Numbers outside every table: listed, so nothing is silently ignored.
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
            if stray <= STRAY_LIMIT {
                result.unmatched.push(Unmatched {
                    file: file.to_owned(),
                    sheet: grid.sheet.clone(),
                    cell: a1(row.index, *column),
                    text: shown(value),
                    reason: "a value outside any recognised table".to_owned(),
                    value: cell_text(value, convention, report.decimal_mark).ok(),
                    guess: Guess::default(),
                });
            }
        }
    }
    if stray > STRAY_LIMIT {
        result.unmatched.push(Unmatched {
            file: file.to_owned(),
            sheet: grid.sheet.clone(),
            cell: String::new(),
            text: format!("{} more values", stray - STRAY_LIMIT),
            reason: "values outside any recognised table".to_owned(),
            value: None,
            guess: Guess::default(),
        });
    }
    result
}

struct Context<'a> {
    report: &'a Report,
    file: &'a str,
    sheet: &'a str,
    convention: Convention,
}

impl Context<'_> {
    fn unmatched(
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
        }
    }
}

fn period_index(report: &Report, months: crate::model::MonthRange) -> Option<usize> {
    report.periods.iter().position(|p| p.months == months)
}

fn table_rows(
    context: &Context<'_>,
    installation: Option<usize>,
    columns: &TableColumns,
    data: &[Row],
    result: &mut GridResult,
) {
    let report = context.report;
    for row in data {
        let name = row.get(columns.name).map(shown).unwrap_or_default();
        let values: Vec<(u32, &HeaderKind, &str, &Value)> = columns
            .columns
            .iter()
            .filter(|(_, kind, _)| *kind != HeaderKind::Method)
            .filter_map(|(c, kind, header)| row.get(*c).map(|v| (*c, kind, header.as_str(), v)))
            .collect();
        if values.is_empty() || is_note(&name) {
            continue;
        }
        let metric = installation.and_then(|i| match_metric(report, i, &name));
        for (column, kind, header, value) in values {
            let cell = a1(row.index, column);
            let target = match kind {
                HeaderKind::Baseline => Some(MetricColumn::Baseline),
                HeaderKind::Total => Some(MetricColumn::Total),
                HeaderKind::Months(months) => {
                    period_index(report, *months).map(MetricColumn::Period)
                }
                HeaderKind::MetricName | HeaderKind::Method | HeaderKind::TotalOver(_) => None,
            };
            let guess = Guess {
                installation,
                metric,
                column: target,
            };
            let text = match cell_text(value, context.convention, context.report.decimal_mark) {
                Ok(text) => text,
                Err(reason) => {
                    result.unmatched.push(context.unmatched(
                        cell,
                        shown(value),
                        reason,
                        None,
                        guess,
                    ));
                    continue;
                }
            };
            let reason = match (installation, metric, target) {
                (None, _, _) => Some(format!(
                    "no installation of the report is named by a title above the table or by the sheet name {:?}",
                    context.sheet
                )),
                (Some(i), None, _) => Some(format!(
                    "{} has no metric called {:?}",
                    report
                        .installations
                        .get(i)
                        .map(|i| i.name.as_str())
                        .unwrap_or(""),
                    name.trim()
                )),
                (_, _, None) => Some(match kind {
                    HeaderKind::TotalOver(months) => format!(
                        "a total over {} is not the report's TOT{}",
                        months.label(),
                        Calendar::new(report.project_start, &report.periods)
                            .span()
                            .map(|span| format!(" ({})", span.label()))
                            .unwrap_or_default()
                    ),
                    _ => format!("the report has no period column {header}"),
                }),
                _ => None,
            };
            match (reason, installation, metric, target) {
                (None, Some(installation), Some(metric), Some(column)) => {
                    result.found.push(Found {
                        installation,
                        metric,
                        column,
                        text,
                        sheet: context.sheet.to_owned(),
                        cell,
                    });
                }
                (reason, ..) => {
                    let label = if name.trim().is_empty() {
                        header.to_owned()
                    } else {
                        format!("{} ({header})", name.trim())
                    };
                    result.unmatched.push(context.unmatched(
                        cell,
                        label,
                        reason.unwrap_or_default(),
                        Some(text),
                        guess,
                    ));
                }
            }
        }
    }
}

/// Sum, distinct identities, rows, and the project months the rows cover.
#[derive(Default)]
struct Bucket {
    sum: f64,
    identities: BTreeSet<String>,
    first_row: u32,
    last_row: u32,
    months: BTreeSet<u32>,
}

/// The metric of installation `installation` that a records row names: by
/// its name, else by the report resource it names ("CPU", "core-hours")
/// when exactly one quantity metric of the installation feeds it.
fn record_metric(report: &Report, installation: usize, text: &str) -> Option<usize> {
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
fn month_names(report: &Report, months: impl Iterator<Item = u32>) -> String {
    months
        .map(|m| report.project_start.project_month(m).short_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The month of a records row: a date cell, an Excel serial number, or text.
fn row_month(value: &Value) -> Option<YearMonth> {
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

fn records(
    context: &Context<'_>,
    fixed_installation: Option<usize>,
    columns: RecordColumns,
    data: &[Row],
    result: &mut GridResult,
) {
    let report = context.report;
    let mut installations: HashMap<String, Option<usize>> = HashMap::new();
    let mut metrics: Vec<HashMap<String, Option<usize>>> = Vec::new();
    let mut buckets: HashMap<(usize, usize, usize), Bucket> = HashMap::new();
    let mut problems: HashMap<String, (String, String, usize)> = HashMap::new();
    let mut note = |key: String, cell: String, reason: String| {
        problems
            .entry(key)
            .and_modify(|entry| entry.2 += 1)
            .or_insert((cell, reason, 1));
    };
    let periods: Vec<_> = report.periods.iter().map(|p| p.months).collect();
    for row in data {
        let installation = match columns.installation.and_then(|c| row.get(c)) {
            Some(Value::Text(text)) => match installations.get(text.as_str()) {
                Some(found) => *found,
                None => {
                    let found = match_installation(report, text);
                    installations.insert(text.clone(), found);
                    found
                }
            },
            Some(_) => None,
            None => fixed_installation,
        };
        let Some(Value::Text(metric_text)) = row.get(columns.metric) else {
            continue;
        };
        let Some(installation) = installation else {
            let text = columns
                .installation
                .and_then(|c| row.get(c))
                .map(shown)
                .unwrap_or_else(|| context.sheet.to_owned());
            note(
                text.clone(),
                a1(row.index, columns.installation.unwrap_or(0)),
                format!("no installation of the report is called {text:?}"),
            );
            continue;
        };
        if metrics.len() <= installation {
            metrics.resize_with(installation + 1, HashMap::new);
        }
        let Some(known) = metrics.get_mut(installation) else {
            continue;
        };
        let metric = match known.get(metric_text.as_str()) {
            Some(found) => *found,
            None => {
                let found = record_metric(report, installation, metric_text);
                known.insert(metric_text.clone(), found);
                found
            }
        };
        let Some(metric) = metric else {
            note(
                metric_text.clone(),
                a1(row.index, columns.metric),
                format!(
                    "{} has no metric called {:?}",
                    report
                        .installations
                        .get(installation)
                        .map(|i| i.name.as_str())
                        .unwrap_or(""),
                    metric_text
                ),
            );
            continue;
        };
        let month_value = row.get(columns.month);
        let Some(month) = month_value.and_then(row_month) else {
            note(
                format!("month {}", a1(row.index, columns.month)),
                a1(row.index, columns.month),
                "not a month or date".to_owned(),
            );
            continue;
        };
        let project = project_month(month, report.project_start);
        let period =
            project.and_then(|m| periods.iter().position(|p| (p.first..=p.last).contains(&m)));
        let (Some(period), Some(project)) = (period, project) else {
            note(
                format!("outside {}", month.short_name()),
                a1(row.index, columns.month),
                format!("{} is outside the report's periods", month.short_name()),
            );
            continue;
        };
        let bucket = buckets
            .entry((installation, metric, period))
            .or_insert(Bucket {
                first_row: row.index,
                ..Bucket::default()
            });
        bucket.last_row = row.index;
        bucket.months.insert(project);
        if let Some(identity) = columns.identity.and_then(|c| row.get(c)) {
            bucket.identities.insert(shown(identity));
        }
        if let Some(value) = columns.value.and_then(|c| row.get(c)) {
            let number = match value {
                Value::Number(n) => Some(*n),
                Value::Text(text) => parse_plain_number(text, context.convention),
                _ => None,
            };
            match number {
                Some(n) => bucket.sum += n,
                None => note(
                    format!("value {}", a1(row.index, columns.value.unwrap_or(0))),
                    a1(row.index, columns.value.unwrap_or(0)),
                    match value {
                        Value::Error(error) => format!("formula error {error}"),
                        _ => "not a number".to_owned(),
                    },
                ),
            }
        }
    }
    let mut keys: Vec<_> = buckets.keys().copied().collect();
    keys.sort_unstable();
    let mut refused: BTreeSet<(usize, usize)> = BTreeSet::new();
    for key in keys {
        let (installation, metric, period) = key;
        let Some(bucket) = buckets.get(&key) else {
            continue;
        };
        let Some(target) = report
            .installations
            .get(installation)
            .and_then(|i| i.metrics.get(metric))
        else {
            continue;
        };
        let column = columns.value.or(columns.identity).unwrap_or(columns.month);
        let cell = format!(
            "{}:{}",
            a1(bucket.first_row, column),
            a1(bucket.last_row, column)
        );
        // Whole periods only: a period is summed when records cover every
        // one of its months.
        let Some(months) = periods.get(period) else {
            continue;
        };
        let missing: Vec<u32> = (months.first..=months.last)
            .filter(|m| !bucket.months.contains(m))
            .collect();
        if !missing.is_empty() {
            let partial = (target.kind() == MetricKind::Quantity && columns.value.is_some())
                .then(|| number_text(bucket.sum, context.report.decimal_mark));
            result.unmatched.push(context.unmatched(
                cell,
                format!("{} ({})", target.name, months.label()),
                format!(
                    "the records cover {} of {} months of {}; missing: {}{}",
                    bucket.months.len(),
                    months.len_months(),
                    months.label(),
                    month_names(report, missing.into_iter()),
                    partial
                        .as_ref()
                        .map(|sum| format!(" (the covered months add up to {sum}: map it by hand to take this partial sum)"))
                        .unwrap_or_default()
                ),
                partial,
                Guess {
                    installation: Some(installation),
                    metric: Some(metric),
                    column: Some(MetricColumn::Period(period)),
                },
            ));
            continue;
        }
        let text = match (target.kind(), columns.identity) {
            (MetricKind::Quantity, _) if columns.value.is_some() => {
                number_text(bucket.sum, context.report.decimal_mark)
            }
            (kind, Some(_)) if kind.is_distinct_count() => {
                number_text(bucket.identities.len() as f64, context.report.decimal_mark)
            }
            (MetricKind::CountryList, Some(_)) => bucket
                .identities
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            (kind, _) => {
                if refused.insert((installation, metric)) {
                    let reason = match kind {
                        MetricKind::DistinctCount
                        | MetricKind::CountryCount
                        | MetricKind::CountryList => format!(
                            "{:?} is a distinct count: monthly figures cannot be added up; records need one row per user or country",
                            target.name
                        ),
                        _ => format!("{:?} cannot be summed from records", target.name),
                    };
                    result.unmatched.push(context.unmatched(
                        cell,
                        target.name.clone(),
                        reason,
                        None,
                        Guess {
                            installation: Some(installation),
                            metric: Some(metric),
                            column: Some(MetricColumn::Period(period)),
                        },
                    ));
                }
                continue;
            }
        };
        result.found.push(Found {
            installation,
            metric,
            column: MetricColumn::Period(period),
            text,
            sheet: context.sheet.to_owned(),
            cell,
        });
    }
    let mut problems: Vec<_> = problems.into_iter().collect();
    problems.sort_by(|a, b| a.1.0.cmp(&b.1.0));
    for (text, (cell, reason, count)) in problems {
        let reason = if count > 1 {
            format!("{reason} ({count} rows)")
        } else {
            reason
        };
        result
            .unmatched
            .push(context.unmatched(cell, text, reason, None, Guess::default()));
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
}
