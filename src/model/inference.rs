//! Guesses a metric's kind and resource from its name and values, and a
//! report's decimal mark from its cells. Guesses only propose: a metric whose
//! kind or resource the user confirmed is never guessed again
//! ([`Report::refresh_guesses`]).

use super::cell::Cell;
use super::cumulative::CumulativeRow;
use super::metric::{Metric, MetricKind};
use super::report::Report;
use super::value::{CellValue, DecimalMark, parse_number};

/// Words (lower-case, matched as word starts) that make a list of names.
const LIST_WORDS: &[&str] = &["names of", "name of", "list of", "which "];
/// Words that make a count.
const COUNT_WORDS: &[&str] = &["number", "count", "how many", "#", "no. of", "nr", "amount"];
/// Words of a stock whose TOT is its largest value.
const LARGEST_LEVEL_WORDS: &[&str] = &["peak", "maximum", "max."];
/// Words of a stock whose TOT is its last value.
const LAST_LEVEL_WORDS: &[&str] = &[
    "cumulative",
    "cumulated",
    "accumulated",
    "accumulative",
    "to date",
    "so far",
    "allocated",
    "capacity",
    "quota",
    "disk space",
    "provisioned",
    "installed",
    "end of period",
    "end of the period",
];
/// Words of things counted once however often they come back.
const DISTINCT_WORDS: &[&str] = &[
    "user",
    "unique",
    "distinct",
    "institution",
    "organisation",
    "organization",
    "researcher",
    "customer",
    "participant",
    "usuari",
    "utilisateur",
    "utent",
    "nutzer",
    "gebruiker",
    "kullanıcı",
    "użytkowni",
];

/// Whether `word` is a whole word of `text` (both lower-case).
fn has_whole_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(index, _)| {
        let before = text.get(..index).and_then(|b| b.chars().next_back());
        let after = text
            .get(index + word.len()..)
            .and_then(|a| a.chars().next());
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether `word` starts a word of `text` (both lower-case).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(index, _)| {
        text.get(..index)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|word| has_word(text, word))
}

/// Whether every filled period cell holds a country list (at least one does).
fn values_are_countries(values: &[Cell]) -> bool {
    let mut filled = values
        .iter()
        .filter(|cell| !matches!(cell.value(), CellValue::Blank | CellValue::NotApplicable))
        .peekable();
    filled.peek().is_some() && filled.all(|cell| cell.value().countries().is_some())
}

/// Guesses a metric's kind from its name and period values: a list of names
/// ("Names of the countries reached") is a country list or text; a row of
/// countries is a country list whatever its name, unless the name says it
/// counts them; a count of countries is a country count; "cumulative",
/// "allocated", "capacity"... make a level, "peak" or "maximum" a level whose
/// TOT is the largest value; users, institutions... a distinct count;
/// anything else a quantity.
pub fn infer_kind(name: &str, values: &[Cell]) -> MetricKind {
    let lower = name.to_lowercase();
    let countries = lower.contains("countr");
    if has_any(&lower, LIST_WORDS) {
        return if countries {
            MetricKind::CountryList
        } else {
            MetricKind::Text
        };
    }
    let counts = COUNT_WORDS.iter().any(|word| has_whole_word(&lower, word));
    if !counts && values_are_countries(values) {
        return MetricKind::CountryList;
    }
    if countries {
        return MetricKind::CountryCount;
    }
    if has_any(&lower, LARGEST_LEVEL_WORDS) {
        return MetricKind::LevelLargest;
    }
    if has_any(&lower, LAST_LEVEL_WORDS) {
        return MetricKind::LevelLast;
    }
    if has_any(&lower, DISTINCT_WORDS) {
        return MetricKind::DistinctCount;
    }
    MetricKind::Quantity
}

/// The broad family of a resource or of what a metric measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Cpu,
    Gpu,
    Storage,
}

/// What a name and unit measure: the family, and for storage whether it is
/// volume over time (TB-month) rather than volume (TB, PB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Measure {
    family: Family,
    per_month: bool,
}

/// Lower-case words of a text (letters and digits).
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

const CPU_WORDS: &[&str] = &[
    "cpu", "vcpu", "cpus", "vcpus", "core", "cores", "node", "hpc",
];
const STORAGE_WORDS: &[&str] = &[
    "storage",
    "disk",
    "tb",
    "pb",
    "gb",
    "tib",
    "pib",
    "tbyte",
    "tbytes",
    "terabyte",
    "terabytes",
    "petabyte",
    "petabytes",
    "gigabyte",
    "gigabytes",
];

/// What a text measures, `Err(())` when it names CPU and GPU together
/// ("CPU+GPU-hours"), which feeds neither.
fn measure(text: &str) -> Result<Option<Measure>, ()> {
    let words = words(text);
    let position = |list: &[&str]| words.iter().position(|w| list.contains(&w.as_str()));
    let gpu = position(&["gpu", "gpus"]);
    let cpu = position(&["cpu", "cpus", "vcpu", "vcpus"]);
    let lower = text.to_lowercase();
    let mixed = [
        "cpu+gpu", "cpu/gpu", "gpu+cpu", "gpu/cpu", "cpu-gpu", "gpu-cpu",
    ]
    .iter()
    .any(|both| lower.contains(both))
        || has_word(&lower, "cpu and gpu")
        || has_word(&lower, "gpu and cpu");
    if mixed {
        return Err(());
    }
    let family = match (cpu, gpu) {
        (Some(c), Some(g)) if g < c => Some(Family::Gpu),
        (Some(_), _) => Some(Family::Cpu),
        (None, Some(_)) => Some(Family::Gpu),
        (None, None) if position(STORAGE_WORDS).is_some() => Some(Family::Storage),
        (None, None) if position(CPU_WORDS).is_some() => Some(Family::Cpu),
        (None, None) => None,
    };
    let per_month = words.iter().any(|w| w == "month" || w == "months");
    Ok(family.map(|family| Measure { family, per_month }))
}

/// Words of a resource that say nothing about which resource it is.
const GENERIC_WORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "per",
    "used",
    "use",
    "usage",
    "hours",
    "hour",
    "month",
    "months",
    "compute",
    "computing",
    "accumulative",
    "cumulative",
    "total",
    "number",
    "served",
    "over",
    "period",
    "resource",
    "resources",
    "consumption",
    "budget",
    "unit",
];

/// The words of a resource that tell it apart ("archive", "jobs", "vcpu").
fn distinctive_words(row: &CumulativeRow) -> Vec<String> {
    let mut found = words(&format!("{} {} {}", row.label, row.name, row.unit));
    found.retain(|w| w.chars().count() >= 3 && !GENERIC_WORDS.contains(&w.as_str()));
    found.sort();
    found.dedup();
    found
}

/// How many of a resource's distinctive words the metric's words name
/// (a word matches its longer forms: "archive" matches "archived").
fn overlap(row_words: &[String], metric_words: &[String]) -> usize {
    row_words
        .iter()
        .filter(|rw| {
            metric_words.iter().any(|mw| {
                mw.starts_with(rw.as_str()) || (mw.len() >= 4 && rw.starts_with(mw.as_str()))
            })
        })
        .count()
}

/// Words that say which kind of CPU a metric means: batch computing on a
/// cluster, or virtual machines in a cloud. A metric naming one kind also
/// names the others of its group, so that "node hours" finds an "HPC"
/// resource measured in "core-hours" and "vCPU hours" a "Cloud" one.
const CPU_KIND_GROUPS: &[&[&str]] = &[
    &[
        "hpc", "node", "nodes", "core", "cores", "cluster", "batch", "slurm",
    ],
    &[
        "cloud",
        "vcpu",
        "vcpus",
        "vm",
        "vms",
        "instance",
        "instances",
        "virtual",
    ],
];

/// The metric's words, with the other words of any CPU kind group it names.
fn with_kind_words(mut metric_words: Vec<String>) -> Vec<String> {
    for group in CPU_KIND_GROUPS {
        if metric_words.iter().any(|w| group.contains(&w.as_str())) {
            metric_words.extend(group.iter().map(|w| (*w).to_owned()));
        }
    }
    metric_words
}

/// The one resource whose distinctive words the metric names most, if one
/// stands out.
fn best_by_words<'a>(
    rows: &[&'a CumulativeRow],
    metric_words: &[String],
) -> Option<&'a CumulativeRow> {
    let scored: Vec<(usize, &CumulativeRow)> = rows
        .iter()
        .map(|row| (overlap(&distinctive_words(row), metric_words), *row))
        .collect();
    let best = scored.iter().map(|(score, _)| *score).max()?;
    let mut top = scored.iter().filter(|(score, _)| *score == best);
    match (best, top.next(), top.next()) {
        (1.., Some((_, row)), None) => Some(row),
        _ => None,
    }
}

/// Guesses which of the report's resources (Table 1 rows) a metric feeds.
/// Only quantities and levels feed one. The metric's name (and its own
/// unit) is compared with each resource's short name, row name and unit:
/// first by what they measure (CPU, GPU or storage time, storage volume),
/// then by the words that tell resources apart; `None` when nothing fits or
/// two resources fit equally (the user decides).
pub fn infer_resource(
    name: &str,
    unit: Option<&str>,
    kind: MetricKind,
    rows: &[CumulativeRow],
) -> Option<String> {
    if !(kind == MetricKind::Quantity || kind.is_level()) || rows.is_empty() {
        return None;
    }
    let text = format!("{name} {}", unit.unwrap_or_default());
    let metric_measure = measure(&text).ok()?;
    let metric_words = with_kind_words(words(&text));
    let chosen = match metric_measure {
        Some(wanted) => {
            let family: Vec<&CumulativeRow> = rows
                .iter()
                .filter(|row| resource_measure(row).is_some_and(|m| m.family == wanted.family))
                .collect();
            let same_time: Vec<&CumulativeRow> = family
                .iter()
                .copied()
                .filter(|row| {
                    resource_measure(row).is_some_and(|m| m.per_month == wanted.per_month)
                })
                .collect();
            match (family.as_slice(), same_time.as_slice()) {
                ([], _) => best_by_words(&rows.iter().collect::<Vec<_>>(), &metric_words),
                ([only], _) => Some(*only),
                (_, [only]) => Some(*only),
                (_, []) => best_by_words(&family, &metric_words),
                (_, several) => best_by_words(several, &metric_words),
            }
        }
        None => best_by_words(&rows.iter().collect::<Vec<_>>(), &metric_words),
    };
    chosen.map(|row| row.id.clone())
}

fn resource_measure(row: &CumulativeRow) -> Option<Measure> {
    measure(&format!("{} {} {}", row.label, row.name, row.unit))
        .ok()
        .flatten()
}

/// Guesses the decimal mark a report's numbers are written with: each text
/// that is a number in one convention only votes for it (`1,234,567` and
/// `29433.6` for a point, `4.000.000` and `43,5` for a comma); texts that
/// read in both (`1,752`, `12`) do not vote. A tie is a decimal point.
pub fn detect_decimal_mark<'a>(texts: impl IntoIterator<Item = &'a str>) -> DecimalMark {
    let (mut point, mut comma) = (0usize, 0usize);
    for text in texts {
        let reads_in = |mark| parse_number(text, mark).is_some_and(|q| !q.other_convention);
        match (reads_in(DecimalMark::Point), reads_in(DecimalMark::Comma)) {
            (true, false) => point += 1,
            (false, true) => comma += 1,
            _ => {}
        }
    }
    if comma > point {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}

impl Report {
    /// Guesses again the kind and resource of every metric whose kind or
    /// resource the user has not confirmed. Pure function of the report:
    /// the same report always gets the same guesses, so undoing an edit
    /// restores the guesses it changed.
    pub fn refresh_guesses(&mut self) {
        let rows = &self.cumulative.rows;
        for installation in &mut self.installations {
            for metric in &mut installation.metrics {
                refresh_metric(metric, rows);
            }
        }
    }

    /// Every cell's text, for [`detect_decimal_mark`].
    pub fn cell_texts(&self) -> impl Iterator<Item = &str> {
        let metric_cells = self.installations.iter().flat_map(|installation| {
            installation.metrics.iter().flat_map(|metric| {
                std::iter::once(&metric.baseline)
                    .chain(&metric.values)
                    .chain(std::iter::once(&metric.total))
            })
        });
        let table_cells = self
            .cumulative
            .rows
            .iter()
            .flat_map(|row| std::iter::once(&row.budget).chain(&row.used));
        metric_cells.chain(table_cells).map(Cell::text)
    }

    /// Reads every cell again with the report's decimal mark.
    pub fn reread_cells(&mut self) {
        let mark = self.decimal_mark;
        for installation in &mut self.installations {
            for metric in &mut installation.metrics {
                metric.baseline.reread(mark);
                metric.total.reread(mark);
                metric.values.iter_mut().for_each(|cell| cell.reread(mark));
            }
        }
        for row in &mut self.cumulative.rows {
            row.budget.reread(mark);
            row.used.iter_mut().for_each(|cell| cell.reread(mark));
        }
    }
}

pub fn refresh_metric(metric: &mut Metric, rows: &[CumulativeRow]) {
    if !metric.kind_confirmed {
        metric.kind = infer_kind(&metric.name, &metric.values);
    }
    if !metric.resource_confirmed {
        metric.resource = infer_resource(
            &metric.name,
            metric.unit_choice.as_deref(),
            metric.kind,
            rows,
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        use MetricKind::*;
        let table = [
            // The seeds' names.
            ("Number of AI models developed", Quantity),
            ("ML training cycles (CPU+GPU-hours)", Quantity),
            ("Number of countries reach", CountryCount),
            ("Names of countries reach", CountryList),
            ("Names of the countries reached over last year", CountryList),
            ("Number of countries reached over the period", CountryCount),
            ("Number of users", DistinctCount),
            ("Number of unique users", DistinctCount),
            ("CPU node/hours served over the period", Quantity),
            ("TB/month served over the period", Quantity),
            ("Names of the partner projects", Text),
            // Other projects' names.
            ("Node hours used", Quantity),
            ("Disk space allocated (TB)", LevelLast),
            ("Registered users, cumulative", LevelLast),
            ("Peak storage capacity (PB)", LevelLargest),
            ("Workflow jobs executed", Quantity),
            ("Notebook sessions", Quantity),
            ("Research institutions served", DistinctCount),
            ("Usuarios únicos", DistinctCount),
            ("Countries of origin", CountryCount),
            ("List of supported communities", Text),
        ];
        for (name, kind) in table {
            assert_eq!(infer_kind(name, &[]), kind, "kind of {name:?}");
        }
    }

    #[test]
    fn a_row_of_countries_is_a_country_list_unless_its_name_counts() {
        let values = [
            Cell::new("Norway, Sweden, FI"),
            Cell::blank(),
            Cell::new("DE"),
        ];
        assert_eq!(
            infer_kind("Countries of origin", &values),
            MetricKind::CountryList
        );
        assert_eq!(
            infer_kind("Origin of users", &values),
            MetricKind::CountryList
        );
        assert_eq!(
            infer_kind("Number of countries reached", &values),
            MetricKind::CountryCount,
            "a count row holding names is a mistake to show, not a list"
        );
        let numbers = [Cell::new("3"), Cell::new("4")];
        assert_eq!(
            infer_kind("Countries of origin", &numbers),
            MetricKind::CountryCount
        );
    }

    fn row(id: &str, label: &str, name: &str, unit: &str) -> CumulativeRow {
        CumulativeRow::new(id, label, name, unit, 0)
    }

    fn seed_rows() -> Vec<CumulativeRow> {
        vec![
            row(
                "storage",
                "Storage",
                "Storage (TB-month) - Accumulative",
                "TB-month",
            ),
            row("gpu", "GPU", "GPU-compute (GPU-h) - Accumulative", "GPU-h"),
            row("cpu", "CPU", "CPU-compute (CPU-h) - Accumulative", "CPU-h"),
        ]
    }

    fn resource_of(name: &str, rows: &[CumulativeRow]) -> Option<String> {
        infer_resource(name, None, infer_kind(name, &[]), rows)
    }

    #[test]
    fn resources_of_the_seed_metric_names() {
        let rows = seed_rows();
        let table = [
            ("CPU node/hours served over the period", Some("cpu")),
            ("CPU/hours served over the period", Some("cpu")),
            ("GPU node/hours served over the period", Some("gpu")),
            (
                "GPU node/hours served over the period with 2 CPU, 40 core and 4 GPU (V100)",
                Some("gpu"),
            ),
            ("ML training cycles (CPU+GPU-hours)", None),
            (
                "ML application usage cycles, measured in CPU/GPU hours",
                None,
            ),
            ("TB/month served over the period", Some("storage")),
            ("Storage served over the period", Some("storage")),
            ("Number of AI models developed", None),
            ("Number of users", None),
        ];
        for (name, expected) in table {
            assert_eq!(resource_of(name, &rows).as_deref(), expected, "{name:?}");
        }
    }

    #[test]
    fn resources_of_another_project() {
        let rows = vec![
            row("hpc", "HPC", "HPC core-hours", "core-hours"),
            row("cloud", "Cloud vCPU", "Cloud vCPU-hours", "vCPU-h"),
            row("object", "Object storage", "Object storage", "TB-month"),
            row("archive", "Archive", "Tape archive", "PB"),
            row("jobs", "Workflow jobs", "Workflow jobs", "jobs"),
        ];
        let table = [
            ("Core hours delivered", Some("hpc")),
            ("Node hours used", Some("hpc")),
            ("VM hours", Some("cloud")),
            ("vCPU hours consumed", Some("cloud")),
            ("Object storage used (TB-month)", Some("object")),
            ("Data archived (PB)", Some("archive")),
            ("Disk space allocated (TB)", Some("archive")),
            ("Workflow jobs executed", Some("jobs")),
            ("Registered users, cumulative", None),
            ("Number of users", None),
            ("GPU hours", None),
        ];
        for (name, expected) in table {
            assert_eq!(resource_of(name, &rows).as_deref(), expected, "{name:?}");
        }
    }

    #[test]
    fn node_hours_feed_the_only_compute_resource() {
        let rows = vec![
            row("compute", "Compute", "Compute (node-hours)", "node-hours"),
            row("store", "Storage", "Storage", "TB"),
        ];
        assert_eq!(
            resource_of("Node hours used", &rows).as_deref(),
            Some("compute")
        );
        assert_eq!(
            resource_of("Used space (TB)", &rows).as_deref(),
            Some("store")
        );
    }

    #[test]
    fn the_decimal_mark_is_what_the_numbers_say() {
        let point = ["1,234,567", "29433.6", "4.000.000", "0.315", "12"];
        assert_eq!(detect_decimal_mark(point), DecimalMark::Point);
        let comma = ["1.234.567", "43,5", "0,315", "1,752"];
        assert_eq!(detect_decimal_mark(comma), DecimalMark::Comma);
        assert_eq!(detect_decimal_mark(["1,752", "12"]), DecimalMark::Point);
    }
}
