//! New installations and metrics from files: values a file gives for an
//! installation or metric the report lacks can be added with it, as part of
//! the import's one undo step. A new report is filled this way from its
//! providers' files.

use super::text::normalise;
use super::{ImportPlan, totals};
use crate::edit::{Edit, apply};
use crate::model::{CellAddress, Installation, Metric, Report};

/// What the unmatched values of a plan offer to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Addition {
    /// An installation the report lacks, with the metrics the file names
    /// for it and how many values they bring.
    Installation {
        name: String,
        metrics: Vec<String>,
        values: usize,
    },
    /// A metric an installation of the report lacks.
    Metric {
        installation: usize,
        name: String,
        values: usize,
    },
}

impl Addition {
    /// The label of the preview's button.
    pub fn label(&self, report: &Report) -> String {
        let values = |n: usize| {
            if n == 1 {
                "1 value".to_owned()
            } else {
                format!("{n} values")
            }
        };
        match self {
            Self::Installation {
                name,
                metrics,
                values: count,
            } => format!(
                "Add {name:?} as new installation ({} {}, {})",
                metrics.len(),
                if metrics.len() == 1 {
                    "metric"
                } else {
                    "metrics"
                },
                values(*count)
            ),
            Self::Metric {
                installation,
                name,
                values: count,
            } => format!(
                "Add {name:?} as new metric of {} ({})",
                report
                    .installations
                    .get(*installation)
                    .map_or("", |i| i.name.as_str()),
                values(*count)
            ),
        }
    }
}

impl ImportPlan {
    /// The report with this plan's new installations and metrics: what the
    /// plan's addresses refer to.
    pub fn working_report(&self, report: &Report) -> Report {
        let mut working = report.clone();
        for edit in &self.structure {
            // Each was applied once to the same report when it was planned.
            let _ = apply(&mut working, edit.clone());
        }
        working
    }

    /// The new installations and metrics the unmatched values offer: values
    /// with a period or TOT, named by the file, whose installation (or
    /// metric) the report lacks.
    pub fn additions(&self) -> Vec<Addition> {
        let mut additions: Vec<Addition> = Vec::new();
        for entry in &self.unmatched {
            if entry.value.is_none() || entry.guess.column.is_none() {
                continue;
            }
            let names = &entry.names;
            if names.metric.is_empty() {
                continue;
            }
            match (entry.guess.installation, entry.guess.metric) {
                (None, _) if !names.installation.is_empty() => {
                    let found = additions.iter_mut().find_map(|a| match a {
                        Addition::Installation {
                            name,
                            metrics,
                            values,
                        } if normalise(name) == normalise(&names.installation) => {
                            Some((metrics, values))
                        }
                        _ => None,
                    });
                    match found {
                        Some((metrics, values)) => {
                            *values += 1;
                            if !metrics
                                .iter()
                                .any(|m| normalise(m) == normalise(&names.metric))
                            {
                                metrics.push(names.metric.clone());
                            }
                        }
                        None => additions.push(Addition::Installation {
                            name: names.installation.clone(),
                            metrics: vec![names.metric.clone()],
                            values: 1,
                        }),
                    }
                }
                (Some(installation), None) => {
                    let found = additions.iter_mut().find_map(|a| match a {
                        Addition::Metric {
                            installation: i,
                            name,
                            values,
                        } if *i == installation && normalise(name) == normalise(&names.metric) => {
                            Some(values)
                        }
                        _ => None,
                    });
                    match found {
                        Some(values) => *values += 1,
                        None => additions.push(Addition::Metric {
                            installation,
                            name: names.metric.clone(),
                            values: 1,
                        }),
                    }
                }
                _ => {}
            }
        }
        additions
    }

    /// Adds `addition` to the plan: the new installation or metric (applied
    /// before the values) and its values as planned changes. False when the
    /// report would refuse it.
    pub fn add_new(&mut self, report: &Report, addition: &Addition) -> bool {
        let mut working = self.working_report(report);
        let periods = working.periods.len();
        let (edit, installation, metric_names): (Edit, usize, Vec<String>) = match addition {
            Addition::Installation { name, metrics, .. } => {
                let mut new = Installation::new(name.clone());
                new.metrics = metrics
                    .iter()
                    .map(|m| Metric::new(m.clone(), periods))
                    .collect();
                let index = working.installations.len();
                (
                    Edit::InsertInstallation {
                        index,
                        installation: Box::new(new),
                    },
                    index,
                    metrics.clone(),
                )
            }
            Addition::Metric {
                installation, name, ..
            } => {
                let Some(target) = working.installations.get(*installation) else {
                    return false;
                };
                (
                    Edit::InsertMetric {
                        installation: *installation,
                        index: target.metrics.len(),
                        metric: Box::new(Metric::new(name.clone(), periods)),
                    },
                    *installation,
                    vec![name.clone()],
                )
            }
        };
        if apply(&mut working, edit.clone()).is_err() {
            return false;
        }
        self.structure.push(edit);
        let Some(target) = working.installations.get(installation) else {
            return false;
        };
        let first_new = target.metrics.len() - metric_names.len();
        let belongs = |entry: &super::Unmatched| {
            let names = &entry.names;
            let right_installation = match addition {
                Addition::Installation { name, .. } => {
                    entry.guess.installation.is_none()
                        && normalise(&names.installation) == normalise(name)
                }
                Addition::Metric { installation, .. } => {
                    entry.guess.installation == Some(*installation) && entry.guess.metric.is_none()
                }
            };
            right_installation && entry.value.is_some() && entry.guess.column.is_some()
        };
        let mut index = 0;
        while index < self.unmatched.len() {
            let Some(entry) = self.unmatched.get(index) else {
                break;
            };
            let metric = metric_names
                .iter()
                .position(|m| normalise(m) == normalise(&entry.names.metric));
            let (true, Some(metric), Some(column), Some(value)) = (
                belongs(entry),
                metric,
                entry.guess.column,
                entry.value.clone(),
            ) else {
                index += 1;
                continue;
            };
            let entry = self.unmatched.remove(index);
            let address = CellAddress::Metric {
                installation,
                metric: first_new + metric,
                column,
            };
            self.add(
                &working,
                address,
                &entry.file,
                &entry.sheet,
                &entry.cell,
                value,
            );
        }
        self.totals = totals::follow_totals(&working, &self.changes);
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::import::layout::test_support::{half_years, plan};

    #[test]
    fn a_table_of_an_unknown_installation_is_added_with_its_metrics_in_one_undo_step() {
        let report = half_years();
        let csv = "Hydra - Cluster D\nMetric name;M1-M6;M7-M12;M13-M18\nCore hours delivered;10;20,5;1\nJobs run;3;4;\n";
        let mut plan = plan(&report, "cluster-d.csv", csv);
        assert!(plan.changes.is_empty());
        let additions = plan.additions();
        assert_eq!(
            additions,
            [Addition::Installation {
                name: "Hydra - Cluster D".to_owned(),
                metrics: vec!["Core hours delivered".to_owned(), "Jobs run".to_owned()],
                values: 5,
            }]
        );
        assert_eq!(
            additions[0].label(&report),
            "Add \"Hydra - Cluster D\" as new installation (2 metrics, 5 values)"
        );
        assert!(plan.add_new(&report, &additions[0]));
        assert!(plan.unmatched.is_empty(), "{:?}", plan.unmatched);
        assert_eq!(plan.changes.len(), 5);
        assert!(plan.additions().is_empty());
        let mut applied = report.clone();
        let undo = apply(&mut applied, plan.to_edit()).unwrap();
        let new = applied.installations.last().unwrap();
        assert_eq!(new.name, "Hydra - Cluster D");
        assert_eq!(new.metrics[0].values[1].text(), "20.5");
        assert_eq!(new.metrics[1].values[0].text(), "3");
        // The TOT of the new quantity follows its periods; the other's
        // last period is blank, so its TOT is not computed.
        assert_eq!(new.metrics[0].total.text(), "31.5");
        assert_eq!(new.metrics[1].total.text(), "");
        apply(&mut applied, undo).unwrap();
        assert_eq!(applied, report);
    }

    #[test]
    fn an_unknown_metric_of_a_known_installation_is_added() {
        let report = half_years();
        let csv = "Metric name,M13-M18\nCompute time (hours),14000\nGPU hours,1200\n";
        let mut plan = plan(&report, "Hydra - Cluster C.csv", csv);
        let additions = plan.additions();
        assert_eq!(
            additions,
            [Addition::Metric {
                installation: 2,
                name: "GPU hours".to_owned(),
                values: 1,
            }]
        );
        assert!(plan.add_new(&report, &additions[0]));
        let mut applied = report.clone();
        apply(&mut applied, plan.to_edit()).unwrap();
        let metric = applied.installations[2].metrics.last().unwrap();
        assert_eq!(metric.name, "GPU hours");
        assert_eq!(metric.values[2].text(), "1,200");
    }

    #[test]
    fn an_empty_report_is_filled_from_a_stacked_file() {
        let mut report = half_years();
        report.installations.clear();
        let csv = "Installation;Metric;M1-M6;M7-M12\nSite North;Core hours;100;200\nSite South;Core hours;300;400\nSite South;Users;5;6\n";
        let mut plan = plan(&report, "all.csv", csv);
        let additions = plan.additions();
        assert_eq!(additions.len(), 2, "{additions:?}");
        for addition in &additions {
            assert!(plan.add_new(&report, addition));
        }
        let mut applied = report.clone();
        apply(&mut applied, plan.to_edit()).unwrap();
        let names: Vec<&str> = applied
            .installations
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        assert_eq!(names, ["Site North", "Site South"]);
        let south = &applied.installations[1];
        assert_eq!(south.metrics[1].name, "Users");
        assert_eq!(south.metrics[1].values[1].text(), "6");
        assert_eq!(south.metrics[0].values[0].text(), "300");
    }
}
