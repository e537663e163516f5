//! Provider templates: a workbook a provider fills in for one new period.
//! An instructions sheet, then one sheet per installation in the report's
//! own layout: title, header row, one row per metric. Names, baselines and
//! earlier periods are filled and locked (sheet protection); the new period
//! and TOT cells are empty and unlocked, numbers >= 0 where the metric is a
//! number. The importer reads a filled template with no manual step.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatBorder, Workbook, XlsxError,
};

use super::text::period_label;
use crate::model::{MetricKind, Report};

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("the report has no period {0:?}")]
    NoPeriod(String),
    #[error("the report has no installation {0:?}")]
    NoInstallation(String),
    #[error("no installation chosen")]
    NoInstallations,
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("cannot write the template: {0}: {1}")]
    Write(String, String),
}

/// The index of the period `label` names (`M25-M36`, `PY3`, ...).
pub fn find_period(report: &Report, label: &str) -> Option<usize> {
    if let Some(index) = report.periods.iter().position(|p| p.label == label.trim()) {
        return Some(index);
    }
    let calendar = super::text::Calendar::new(report.project_start, &report.periods);
    let months = period_label(label, calendar)?;
    report.periods.iter().position(|p| p.months == months)
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let base: String = clean.trim().chars().take(31).collect();
    let base = if base.is_empty() {
        "Sheet".to_owned()
    } else {
        base
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        let suffix = format!(" ({n})");
        candidate = base.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    candidate
}

/// Writes the template for `installations` (report names, or names the
/// importer matches) and the period `period_label` as XLSX bytes.
pub fn template_bytes(
    report: &Report,
    installations: &[String],
    period: &str,
) -> Result<Vec<u8>, TemplateError> {
    let period_index =
        find_period(report, period).ok_or_else(|| TemplateError::NoPeriod(period.to_owned()))?;
    let Some(new_period) = report.periods.get(period_index) else {
        return Err(TemplateError::NoPeriod(period.to_owned()));
    };
    if installations.is_empty() {
        return Err(TemplateError::NoInstallations);
    }
    let chosen: Vec<usize> = installations
        .iter()
        .map(|name| {
            super::recognise::match_installation(report, name)
                .ok_or_else(|| TemplateError::NoInstallation(name.clone()))
        })
        .collect::<Result<_, _>>()?;
    let earlier: Vec<usize> = (0..report.periods.len())
        .filter(|&p| {
            report
                .periods
                .get(p)
                .is_some_and(|q| q.months.last < new_period.months.first)
        })
        .collect();

    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("#D9E2F3");
    let locked = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let open = Format::new()
        .set_unlocked()
        .set_border(FormatBorder::Thin)
        .set_background_color("#FFF2CC");

    let instructions = workbook.add_worksheet().set_name("Instructions")?;
    let lines = [
        format!("{} — figures for {}", report.title, new_period.label),
        String::new(),
        format!(
            "Please fill in the yellow cells of each installation sheet: the period {} ({}) and, if you can, TOT.",
            new_period.label,
            new_period.months.calendar_label(report.project_start)
        ),
        "Numbers may be typed as numbers; country lists as ISO codes separated by commas (ES, PT, FR).".to_owned(),
        "Names, baselines and earlier periods are locked: they are what the report holds today.".to_owned(),
        "Leave a cell empty when the figure is not known. Send the file back as it is: it is read automatically.".to_owned(),
    ];
    instructions.set_column_width(0, 110)?;
    for (row, line) in (0u32..).zip(&lines) {
        if row == 0 {
            instructions.write_string_with_format(row, 0, line, &title)?;
        } else {
            instructions.write_string(row, 0, line)?;
        }
    }

    let mut taken = vec!["Instructions".to_owned()];
    for index in chosen {
        let Some(installation) = report.installations.get(index) else {
            continue;
        };
        let name = sheet_name(&installation.name, &taken);
        taken.push(name.clone());
        let sheet = workbook.add_worksheet().set_name(&name)?;
        sheet.write_string_with_format(0, 0, &installation.name, &title)?;
        let mut headers = vec![
            "Metric name".to_owned(),
            "Baseline".to_owned(),
            "Define how measurement is done".to_owned(),
        ];
        headers.extend(
            earlier
                .iter()
                .filter_map(|&p| report.periods.get(p).map(|q| q.label.clone())),
        );
        headers.push(new_period.label.clone());
        headers.push("TOT".to_owned());
        let header_row = 2u32;
        for (column, text) in (0u16..).zip(&headers) {
            sheet.write_string_with_format(header_row, column, text, &header)?;
        }
        sheet.set_column_width(0, 48)?;
        sheet.set_column_width(1, 14)?;
        sheet.set_column_width(2, 30)?;
        let new_column = u16::try_from(3 + earlier.len()).unwrap_or(u16::MAX);
        for column in 3..=new_column.saturating_add(1) {
            sheet.set_column_width(column, 16)?;
        }
        for (row, metric) in (header_row + 1..).zip(&installation.metrics) {
            sheet.write_string_with_format(row, 0, &metric.name, &locked)?;
            sheet.write_string_with_format(row, 1, metric.baseline.text(), &locked)?;
            sheet.write_string_with_format(row, 2, &metric.method, &locked)?;
            for (column, &p) in (3u16..).zip(&earlier) {
                let text = metric.values.get(p).map(|c| c.text()).unwrap_or("");
                sheet.write_string_with_format(row, column, text, &locked)?;
            }
            for column in [new_column, new_column.saturating_add(1)] {
                sheet.write_blank(row, column, &open)?;
                if matches!(
                    metric.kind(),
                    MetricKind::Quantity
                        | MetricKind::LevelLast
                        | MetricKind::LevelLargest
                        | MetricKind::DistinctCount
                        | MetricKind::CountryCount
                ) {
                    let validation = DataValidation::new()
                        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                        .set_error_message("Please enter a number of 0 or more")?;
                    sheet.add_data_validation(row, column, row, column, &validation)?;
                }
            }
        }
        let note_row = header_row + 2 + u32::try_from(installation.metrics.len()).unwrap_or(0);
        sheet.write_string_with_format(note_row, 0, "Notes", &bold)?;
        sheet.protect();
    }
    Ok(workbook.save_to_buffer()?)
}

/// Writes the template to `path` (atomically: a failed write leaves no half file).
pub fn write_template(
    path: &std::path::Path,
    report: &Report,
    installations: &[String],
    period: &str,
) -> Result<(), TemplateError> {
    let bytes = template_bytes(report, installations, period)?;
    crate::project_file::write_atomically(path, |file| std::io::Write::write_all(file, &bytes))
        .map_err(|error| TemplateError::Write(error.to_string(), path.display().to_string()))
}

/// The report's providers and their installations, in report order. A
/// provider is named by the installation's "Provider"/"Providers"
/// description field when it is filled; an installation without one is a
/// provider of its own.
pub fn provider_groups(report: &Report) -> Vec<(String, Vec<String>)> {
    let field = crate::model::description::field_index(&report.description_fields, "Providers")
        .or_else(|| crate::model::description::field_index(&report.description_fields, "Provider"));
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for installation in &report.installations {
        let named = field
            .map(|f| installation.description_text(f).trim())
            .filter(|text| !text.is_empty());
        let provider = named.unwrap_or(installation.name.trim()).to_owned();
        match groups.iter_mut().find(|(name, _)| *name == provider) {
            Some((_, names)) => names.push(installation.name.clone()),
            None => groups.push((provider, vec![installation.name.clone()])),
        }
    }
    groups
}

/// A file name made from a provider's name: letters, digits, `-` and `_`.
pub fn provider_file_name(provider: &str, period: &str) -> String {
    let clean = |text: &str| -> String {
        let mapped: String = text
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        mapped.trim_matches('_').chars().take(60).collect()
    };
    let name = clean(provider);
    let name = if name.is_empty() {
        "provider".to_owned()
    } else {
        name
    };
    format!("{name}-{}.xlsx", clean(period))
}

/// Writes one template per provider into `directory`, named after it;
/// returns the files written.
pub fn write_provider_templates(
    directory: &std::path::Path,
    report: &Report,
    period: &str,
) -> Result<Vec<std::path::PathBuf>, TemplateError> {
    let mut written = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    for (provider, installations) in provider_groups(report) {
        let mut file_name = provider_file_name(&provider, period);
        let mut n = 2;
        while taken.contains(&file_name.to_lowercase()) {
            file_name = provider_file_name(&format!("{provider} {n}"), period);
            n += 1;
        }
        taken.push(file_name.to_lowercase());
        let path = directory.join(file_name);
        write_template(&path, report, &installations, period)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[test]
    fn templates_are_grouped_by_provider() {
        let mut report = Sample::M36.report().unwrap();
        let groups = provider_groups(&report);
        let sizes: Vec<(String, usize)> =
            groups.iter().map(|(p, i)| (p.clone(), i.len())).collect();
        assert_eq!(sizes.len(), groups.len());
        assert_eq!(
            groups.iter().map(|(_, i)| i.len()).sum::<usize>(),
            report.installations.len()
        );
        // Without a providers field, each installation is its own provider.
        report.description_fields.clear();
        for installation in &mut report.installations {
            installation.description.clear();
        }
        assert_eq!(provider_groups(&report).len(), report.installations.len());
        assert_eq!(
            provider_file_name("CSIC / IFCA", "M25-M36"),
            "CSIC___IFCA-M25-M36.xlsx"
        );
        let dir = tempfile::tempdir().unwrap();
        let written = write_provider_templates(dir.path(), &report, "M25-M36").unwrap();
        assert_eq!(written.len(), report.installations.len());
        assert!(written.iter().all(|path| path.exists()));
    }

    #[test]
    fn sheet_names_are_legal_and_distinct() {
        assert_eq!(sheet_name("A/B: c", &[]), "A-B- c");
        let long = "iMagine - AI Application Development Service";
        assert_eq!(sheet_name(long, &[]).chars().count(), 31);
        let first = sheet_name(long, &[]);
        assert_ne!(sheet_name(long, std::slice::from_ref(&first)), first);
    }

    #[test]
    fn periods_by_any_label() {
        let report = Sample::M36.report().unwrap();
        assert_eq!(find_period(&report, "M25-M36"), Some(2));
        assert_eq!(find_period(&report, "PY2"), Some(1));
        assert_eq!(find_period(&report, "M37-M48"), None);
    }

    #[test]
    fn unknown_installations_are_refused() {
        let report = Sample::M36.report().unwrap();
        let error = template_bytes(&report, &["Nowhere".to_owned()], "M25-M36").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the report has no installation \"Nowhere\""
        );
    }
}
