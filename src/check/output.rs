//! Findings written for the command line: grouped text for people, JSON for
//! programs. Names are the report's own; acknowledged findings are listed
//! with their reason and left out of the counts.

use serde_json::{Value, json};

use super::{Finding, Severity, open_counts};
use crate::model::Report;

/// `{"findings": [...], "counts": {"error": N, "warning": N, "info": N}}`.
/// Each finding has `rule`, `severity`, `installation`, `metric`, `column`,
/// `message`, `expected`, `found` (null where a field does not apply) and
/// `acknowledged` (the reason, or null). Counts leave acknowledged findings out.
pub fn to_json(report: &Report, findings: &[Finding]) -> Value {
    let list: Vec<Value> = findings
        .iter()
        .map(|f| {
            let names = f.location.names(report);
            json!({
                "rule": f.rule,
                "severity": f.severity.label(),
                "installation": names.installation,
                "metric": names.metric,
                "column": names.column,
                "message": f.message,
                "expected": f.expected,
                "found": f.found,
                "acknowledged": f.acknowledgement(report).map(|a| a.reason.clone()),
            })
        })
        .collect();
    let [error, warning, info] = open_counts(report, findings);
    json!({
        "findings": list,
        "counts": {"error": error, "warning": warning, "info": info},
    })
}

/// Findings grouped by installation (report-level ones first), one block each.
pub fn to_text(report: &Report, findings: &[Finding]) -> String {
    let [error, warning, info] = open_counts(report, findings);
    let acknowledged = findings
        .iter()
        .filter(|f| f.acknowledgement(report).is_some())
        .count();
    let mut out = format!(
        "{}: {error} error{}, {warning} warning{}, {info} info",
        if report.title.is_empty() {
            "report"
        } else {
            report.title.as_str()
        },
        plural(error),
        plural(warning)
    );
    if acknowledged > 0 {
        out.push_str(&format!(" ({acknowledged} acknowledged)"));
    }
    out.push('\n');
    let mut group: Option<Option<usize>> = None;
    for finding in findings {
        let installation = finding.location.installation();
        if group != Some(installation) {
            group = Some(installation);
            let heading = installation
                .and_then(|i| report.installations.get(i))
                .map_or("Report", |x| x.name.as_str());
            out.push_str(&format!("\n{heading}\n"));
        }
        let names = finding.location.names(report);
        let place: Vec<String> = [names.metric, names.column].into_iter().flatten().collect();
        let acknowledgement = finding.acknowledgement(report);
        out.push_str(&format!(
            "  {:<7} {} [{}]{}\n    {}\n",
            finding.severity.label(),
            place.join(", "),
            finding.rule,
            if acknowledgement.is_some() {
                " (acknowledged)"
            } else {
                ""
            },
            finding.message
        ));
        let mut details = Vec::new();
        if let Some(expected) = &finding.expected {
            details.push(format!("expected {expected}"));
        }
        if let Some(found) = &finding.found {
            details.push(format!("found {found}"));
        }
        if let Some(fix) = &finding.fix {
            details.push(format!("fix: {}", fix.label));
        }
        if let Some(a) = acknowledgement {
            details.push(format!("acknowledged: {}", a.reason));
        }
        if !details.is_empty() {
            out.push_str(&format!("    {}\n", details.join("; ")));
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Whether any error is not acknowledged (the command line exits with 1).
pub fn has_open_error(report: &Report, findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.acknowledgement(report).is_none())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::check_report;
    use super::super::tests::m36;
    use super::*;

    #[test]
    fn json_names_cells_by_the_reports_names() {
        let report = m36();
        let findings = check_report(&report);
        let value = to_json(&report, &findings);
        let list = value["findings"].as_array().unwrap();
        let cpu = list
            .iter()
            .find(|f| {
                f["rule"] == "total-quantity-sum"
                    && f["installation"] == "IFCA-CSIC Scientific Cloud - CPU"
            })
            .unwrap();
        assert_eq!(cpu["metric"], "CPU node/hours served over the period");
        assert_eq!(cpu["column"], "TOT");
        assert_eq!(cpu["expected"], "6,835,002");
        assert_eq!(cpu["found"], "8,381,165");
        let table = list
            .iter()
            .find(|f| f["rule"] == "cumulative-vs-installations")
            .unwrap();
        assert!(table["installation"].is_null());
        assert_eq!(table["metric"], "Storage (TB-month) - Accumulative");
        assert_eq!(table["column"], "USED BY M12 (Aug 2023)");
        assert!(value["counts"]["error"].as_u64().unwrap() > 0);
        assert!(has_open_error(&report, &findings));
    }

    #[test]
    fn text_groups_by_installation() {
        let report = m36();
        let findings = check_report(&report);
        let text = to_text(&report, &findings);
        let report_at = text.find("\nReport\n").unwrap();
        let ifca = text.find("\nIFCA-CSIC Scientific Cloud - CPU\n").unwrap();
        assert!(report_at < ifca);
        assert_eq!(
            text.matches("\nIFCA-CSIC Scientific Cloud - CPU\n").count(),
            1
        );
        assert!(text.contains("TOT 8,381,165 differs from the sum of the periods, 6,835,002"));
    }
}
