//! Project files of earlier format versions, brought to the current one
//! before they are read. Each step is a pure function on the JSON of the
//! report, so that a file is never read with the wrong meaning.
//!
//! Version 1 to 2:
//! - Table 1 rows named their resource with a fixed word (`cpu`, `gpu`,
//!   `storage`, `other`); they become the report's resources with an id and
//!   a short name.
//! - A metric's `kind` and `resource`, when present, were the user's
//!   choices: they stay, confirmed (a resource by its row's id; `other` is
//!   none). Absent ones are guessed afresh.
//! - The description was a fixed set of twelve fields; it becomes one text
//!   per field of the report's list of fields, the twelve in their order.
//! - The decimal mark did not exist: it is detected from the cells
//!   (`project_file::from_json`).

use serde_json::{Map, Value};

/// The twelve description fields of version 1, in order.
const V1_DESCRIPTION_KEYS: [&str; 12] = [
    "description",
    "task",
    "url",
    "service_category",
    "service_catalogue",
    "providers",
    "location",
    "duration",
    "modality_of_access",
    "support_offered",
    "operational_since",
    "user_definition",
];

fn v1_resource_label(word: &str) -> &str {
    match word {
        "cpu" => "CPU",
        "gpu" => "GPU",
        "storage" => "Storage",
        "other" => "Other",
        other => other,
    }
}

/// Brings a version 1 report object to version 2.
pub fn report_v1_to_v2(report: &mut Value) {
    let Some(report) = report.as_object_mut() else {
        return;
    };
    let ids = migrate_cumulative_rows(report);
    if let Some(installations) = report
        .get_mut("installations")
        .and_then(Value::as_array_mut)
    {
        for installation in installations {
            let Some(installation) = installation.as_object_mut() else {
                continue;
            };
            migrate_description(installation);
            if let Some(metrics) = installation
                .get_mut("metrics")
                .and_then(Value::as_array_mut)
            {
                for metric in metrics.iter_mut().filter_map(Value::as_object_mut) {
                    migrate_metric(metric, &ids);
                }
            }
        }
    }
}

/// Gives each Table 1 row an id and a short name; returns (old resource
/// word, id) for the first row of each word.
fn migrate_cumulative_rows(report: &mut Map<String, Value>) -> Vec<(String, String)> {
    let mut ids: Vec<(String, String)> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    let Some(rows) = report
        .get_mut("cumulative")
        .and_then(|c| c.get_mut("rows"))
        .and_then(Value::as_array_mut)
    else {
        return ids;
    };
    for row in rows.iter_mut().filter_map(Value::as_object_mut) {
        let word = row
            .remove("resource")
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "other".to_owned());
        // A row of no named resource is named by its own row name.
        let label = match word.as_str() {
            "other" => short_name(row.get("name").and_then(Value::as_str).unwrap_or_default()),
            known => v1_resource_label(known).to_owned(),
        };
        let base = match word.as_str() {
            "other" => crate::model::cumulative::id_from_label(&label),
            known => known.to_owned(),
        };
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.push(id.clone());
        if !ids.iter().any(|(w, _)| *w == word) {
            ids.push((word.clone(), id.clone()));
        }
        row.insert("id".to_owned(), Value::String(id));
        row.insert("label".to_owned(), Value::String(label));
    }
    ids
}

/// "Datasets (datasets) - Accumulative" -> "Datasets": the row name without
/// its unit in parentheses and what follows a dash.
fn short_name(row_name: &str) -> String {
    let before_dash = row_name.split(" - ").next().unwrap_or(row_name);
    let before_paren = before_dash.split('(').next().unwrap_or(before_dash).trim();
    if before_paren.is_empty() {
        "Other".to_owned()
    } else {
        before_paren.to_owned()
    }
}

fn migrate_description(installation: &mut Map<String, Value>) {
    let Some(Value::Object(fields)) = installation.remove("description") else {
        return;
    };
    let texts = V1_DESCRIPTION_KEYS
        .iter()
        .map(|key| {
            let text = fields.get(*key).and_then(Value::as_str).unwrap_or_default();
            Value::String(text.to_owned())
        })
        .collect();
    installation.insert("description".to_owned(), Value::Array(texts));
}

fn migrate_metric(metric: &mut Map<String, Value>, ids: &[(String, String)]) {
    if metric.contains_key("kind") {
        metric.insert("kind_confirmed".to_owned(), Value::Bool(true));
    }
    if let Some(word) = metric.remove("resource") {
        let word = word.as_str().unwrap_or("other");
        let id = match word {
            "other" => Value::Null,
            _ => Value::String(
                ids.iter()
                    .find(|(w, _)| w == word)
                    .map_or_else(|| word.to_owned(), |(_, id)| id.clone()),
            ),
        };
        metric.insert("resource".to_owned(), id);
        metric.insert("resource_confirmed".to_owned(), Value::Bool(true));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn version_1_rows_choices_and_descriptions_are_carried_over() {
        let mut report = json!({
            "cumulative": {"rows": [
                {"name": "CPU (CPU-h)", "resource": "cpu", "unit": "CPU-h"},
                {"name": "Jobs", "resource": "other", "unit": "jobs"},
                {"name": "More jobs", "resource": "other", "unit": "jobs"}
            ]},
            "installations": [{
                "name": "A",
                "description": {"task": "T1", "url": "https://a"},
                "metrics": [
                    {"name": "Core hours", "resource": "cpu"},
                    {"name": "Users", "kind": "distinct_count", "resource": "other"},
                    {"name": "Jobs run"}
                ]
            }]
        });
        report_v1_to_v2(&mut report);
        let rows = &report["cumulative"]["rows"];
        assert_eq!(rows[0]["id"], "cpu");
        assert_eq!(rows[0]["label"], "CPU");
        assert_eq!(rows[1]["id"], "jobs");
        assert_eq!(rows[1]["label"], "Jobs");
        assert_eq!(rows[2]["id"], "more-jobs");
        let installation = &report["installations"][0];
        assert_eq!(installation["description"][1], "T1");
        assert_eq!(installation["description"][2], "https://a");
        assert_eq!(installation["description"].as_array().unwrap().len(), 12);
        let metrics = &installation["metrics"];
        assert_eq!(metrics[0]["resource"], "cpu");
        assert_eq!(metrics[0]["resource_confirmed"], true);
        assert!(metrics[0].get("kind_confirmed").is_none());
        assert_eq!(metrics[1]["resource"], Value::Null);
        assert_eq!(metrics[1]["kind_confirmed"], true);
        assert!(metrics[2].get("resource").is_none());
    }
}
