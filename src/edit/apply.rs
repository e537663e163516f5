//! Applying an edit to a report, and computing its inverse.

use super::Edit;
use crate::model::source::source_key;
use crate::model::{
    Cell, CellAddress, CellSource, CumulativeColumn, Installation, Metric, MetricColumn, Report,
    TextAddress,
};

/// An edit that does not fit the report it is applied to (an index past the
/// end). The report is left unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {what} number {index}")]
    NoSuch { what: &'static str, index: usize },
}

fn no_such(what: &'static str, index: usize) -> EditError {
    EditError::NoSuch {
        what,
        index: index + 1,
    }
}

/// Applies `edit` to `report` and returns the edit that undoes it. On error
/// the report is unchanged. Afterwards every cell the edit brought in is
/// read with the report's decimal mark and the guesses it can change are
/// refreshed ([`settle`]).
pub fn apply(report: &mut Report, edit: Edit) -> Result<Edit, EditError> {
    let scope = Scope::of(&edit);
    let inverse = apply_one(report, edit)?;
    settle(report, scope);
    Ok(inverse)
}

/// What an edit can change beyond its own target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// Nothing a guess depends on.
    Nothing,
    /// One metric's guesses (its name or a cell changed).
    Metric { installation: usize, metric: usize },
    /// Any cell or guess.
    Everything,
}

impl Scope {
    fn of(edit: &Edit) -> Self {
        match edit {
            Edit::SetCell {
                address:
                    CellAddress::Metric {
                        installation,
                        metric,
                        ..
                    },
                ..
            }
            | Edit::SetText {
                address:
                    TextAddress::MetricName {
                        installation,
                        metric,
                    },
                ..
            }
            | Edit::SetMetricKind {
                installation,
                metric,
                ..
            }
            | Edit::SetMetricResource {
                installation,
                metric,
                ..
            }
            | Edit::SetTotalFollows {
                installation,
                metric,
                ..
            } => Self::Metric {
                installation: *installation,
                metric: *metric,
            },
            Edit::SetCell { .. } | Edit::SetCellSource { .. } => Self::Nothing,
            Edit::SetText { address, .. } => match address {
                TextAddress::CumulativeRowName(_)
                | TextAddress::CumulativeRowLabel(_)
                | TextAddress::CumulativeRowUnit(_) => Self::Everything,
                _ => Self::Nothing,
            },
            Edit::InsertAcknowledgement { .. }
            | Edit::RemoveAcknowledgement { .. }
            | Edit::InsertImportMapping { .. }
            | Edit::RemoveImportMapping { .. }
            | Edit::SetProjectStart(_)
            | Edit::MoveInstallation { .. }
            | Edit::MoveMetric { .. }
            | Edit::MoveSection { .. }
            | Edit::MoveDescriptionField { .. }
            | Edit::InsertSection { .. }
            | Edit::RemoveSection { .. }
            | Edit::RemoveInstallation { .. }
            | Edit::RemoveMetric { .. }
            | Edit::SetPeriodMonths { .. }
            | Edit::SetCheckpointMonth { .. }
            | Edit::InsertDescriptionField { .. }
            | Edit::RemoveDescriptionField { .. } => Self::Nothing,
            _ => Self::Everything,
        }
    }
}

/// Restores the report's invariants after an edit of `scope`: cells read
/// with the report's decimal mark, unconfirmed kinds and resources guessed.
fn settle(report: &mut Report, scope: Scope) {
    match scope {
        Scope::Nothing => {}
        Scope::Metric {
            installation,
            metric,
        } => {
            let mark = report.decimal_mark;
            let rows = report.cumulative.rows.clone();
            if let Some(target) = report
                .installations
                .get_mut(installation)
                .and_then(|i| i.metrics.get_mut(metric))
            {
                target.baseline.reread(mark);
                target.total.reread(mark);
                target.values.iter_mut().for_each(|cell| cell.reread(mark));
                crate::model::inference::refresh_metric(target, &rows);
                super::total::settle_total(target, mark);
            }
        }
        Scope::Everything => {
            report.reread_cells();
            report.refresh_guesses();
            let mark = report.decimal_mark;
            report
                .installations
                .iter_mut()
                .flat_map(|installation| &mut installation.metrics)
                .for_each(|metric| super::total::settle_total(metric, mark));
        }
    }
}

fn apply_one(report: &mut Report, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::SetCell { address, text } => {
            let mark = report.decimal_mark;
            let cell = cell_mut(report, address)?;
            let old = std::mem::replace(cell, Cell::parsed(text, mark));
            Ok(Edit::SetCell {
                address,
                text: old.into(),
            })
        }
        Edit::SetText { address, text } => {
            let field = text_mut(report, address)?;
            let old = std::mem::replace(field, text);
            Ok(Edit::SetText { address, text: old })
        }
        Edit::SetMetricKind {
            installation,
            metric,
            kind,
            confirmed,
        } => {
            let target = metric_mut(report, installation, metric)?;
            let old_kind = std::mem::replace(&mut target.kind, kind);
            let old_confirmed = std::mem::replace(&mut target.kind_confirmed, confirmed);
            Ok(Edit::SetMetricKind {
                installation,
                metric,
                kind: old_kind,
                confirmed: old_confirmed,
            })
        }
        Edit::SetMetricResource {
            installation,
            metric,
            resource,
            confirmed,
        } => {
            let target = metric_mut(report, installation, metric)?;
            let old_resource = std::mem::replace(&mut target.resource, resource);
            let old_confirmed = std::mem::replace(&mut target.resource_confirmed, confirmed);
            Ok(Edit::SetMetricResource {
                installation,
                metric,
                resource: old_resource,
                confirmed: old_confirmed,
            })
        }
        Edit::SetTotalFollows {
            installation,
            metric,
            follows,
            total,
        } => {
            let mark = report.decimal_mark;
            let target = metric_mut(report, installation, metric)?;
            let old_follows = std::mem::replace(&mut target.total_follows, follows);
            let old_total = target.total.text().to_owned();
            if let Some(text) = total {
                target.total = Cell::parsed(text, mark);
            }
            Ok(Edit::SetTotalFollows {
                installation,
                metric,
                follows: old_follows,
                total: Some(old_total),
            })
        }
        Edit::SetProjectStart(start) => {
            let old = std::mem::replace(&mut report.project_start, start);
            Ok(Edit::SetProjectStart(old))
        }
        Edit::SetDecimalMark(mark) => {
            let old = std::mem::replace(&mut report.decimal_mark, mark);
            Ok(Edit::SetDecimalMark(old))
        }
        Edit::InsertDescriptionField {
            index,
            field,
            values,
        } => {
            if index > report.description_fields.len() {
                return Err(no_such("description field", index));
            }
            report.description_fields.insert(index, field);
            for (i, installation) in report.installations.iter_mut().enumerate() {
                let text = values.get(i).cloned().unwrap_or_default();
                let at = index.min(installation.description.len());
                installation.description.insert(at, text);
            }
            Ok(Edit::RemoveDescriptionField { index })
        }
        Edit::RemoveDescriptionField { index } => {
            if index >= report.description_fields.len() {
                return Err(no_such("description field", index));
            }
            let field = report.description_fields.remove(index);
            let values = report
                .installations
                .iter_mut()
                .map(|installation| {
                    if index < installation.description.len() {
                        installation.description.remove(index)
                    } else {
                        String::new()
                    }
                })
                .collect();
            Ok(Edit::InsertDescriptionField {
                index,
                field,
                values,
            })
        }
        Edit::MoveDescriptionField { from, to } => {
            move_item(
                &mut report.description_fields,
                from,
                to,
                "description field",
            )?;
            for installation in &mut report.installations {
                let count = installation.description.len();
                if from < count && to < count {
                    let text = installation.description.remove(from);
                    installation.description.insert(to, text);
                }
            }
            Ok(Edit::MoveDescriptionField { from: to, to: from })
        }
        Edit::MoveSection { from, to } => {
            move_item(&mut report.sections, from, to, "section")?;
            Ok(Edit::MoveSection { from: to, to: from })
        }
        Edit::InsertInstallation {
            index,
            mut installation,
        } => {
            if index > report.installations.len() {
                return Err(no_such("installation", index));
            }
            let period_count = report.periods.len();
            for metric in &mut installation.metrics {
                metric.values.resize(period_count, Cell::blank());
            }
            installation
                .description
                .resize(report.description_fields.len(), String::new());
            report.installations.insert(index, *installation);
            Ok(Edit::RemoveInstallation { index })
        }
        Edit::RemoveInstallation { index } => {
            if index >= report.installations.len() {
                return Err(no_such("installation", index));
            }
            let installation = report.installations.remove(index);
            Ok(Edit::InsertInstallation {
                index,
                installation: Box::new(installation),
            })
        }
        Edit::MoveInstallation { from, to } => {
            move_item(&mut report.installations, from, to, "installation")?;
            Ok(Edit::MoveInstallation { from: to, to: from })
        }
        Edit::InsertMetric {
            installation,
            index,
            mut metric,
        } => {
            let period_count = report.periods.len();
            let target = installation_mut(report, installation)?;
            if index > target.metrics.len() {
                return Err(no_such("metric", index));
            }
            metric.values.resize(period_count, Cell::blank());
            target.metrics.insert(index, *metric);
            Ok(Edit::RemoveMetric {
                installation,
                index,
            })
        }
        Edit::RemoveMetric {
            installation,
            index,
        } => {
            let target = installation_mut(report, installation)?;
            if index >= target.metrics.len() {
                return Err(no_such("metric", index));
            }
            let metric = target.metrics.remove(index);
            Ok(Edit::InsertMetric {
                installation,
                index,
                metric: Box::new(metric),
            })
        }
        Edit::MoveMetric {
            installation,
            from,
            to,
        } => {
            let target = installation_mut(report, installation)?;
            move_item(&mut target.metrics, from, to, "metric")?;
            Ok(Edit::MoveMetric {
                installation,
                from: to,
                to: from,
            })
        }
        Edit::InsertPeriod {
            index,
            period,
            values,
        } => {
            if index > report.periods.len() {
                return Err(no_such("period", index));
            }
            report.periods.insert(index, period);
            for (i, installation) in report.installations.iter_mut().enumerate() {
                for (m, metric) in installation.metrics.iter_mut().enumerate() {
                    let cell = values
                        .get(i)
                        .and_then(|row| row.get(m))
                        .cloned()
                        .unwrap_or_default();
                    let at = index.min(metric.values.len());
                    metric.values.insert(at, cell);
                }
            }
            Ok(Edit::RemovePeriod { index })
        }
        Edit::RemovePeriod { index } => {
            if index >= report.periods.len() {
                return Err(no_such("period", index));
            }
            let period = report.periods.remove(index);
            let values = report
                .installations
                .iter_mut()
                .map(|installation| {
                    installation
                        .metrics
                        .iter_mut()
                        .map(|metric| {
                            if index < metric.values.len() {
                                metric.values.remove(index)
                            } else {
                                Cell::blank()
                            }
                        })
                        .collect()
                })
                .collect();
            Ok(Edit::InsertPeriod {
                index,
                period,
                values,
            })
        }
        Edit::SetPeriodMonths { index, months } => {
            let period = report
                .periods
                .get_mut(index)
                .ok_or_else(|| no_such("period", index))?;
            let old = std::mem::replace(&mut period.months, months);
            Ok(Edit::SetPeriodMonths { index, months: old })
        }
        Edit::InsertSection { index, section } => {
            if index > report.sections.len() {
                return Err(no_such("section", index));
            }
            report.sections.insert(index, section);
            Ok(Edit::RemoveSection { index })
        }
        Edit::RemoveSection { index } => {
            if index >= report.sections.len() {
                return Err(no_such("section", index));
            }
            let section = report.sections.remove(index);
            Ok(Edit::InsertSection { index, section })
        }
        Edit::InsertCumulativeRow { index, mut row } => {
            if index > report.cumulative.rows.len() {
                return Err(no_such("resource row", index));
            }
            row.used
                .resize(report.cumulative.checkpoints.len(), Cell::blank());
            report.cumulative.rows.insert(index, row);
            Ok(Edit::RemoveCumulativeRow { index })
        }
        Edit::RemoveCumulativeRow { index } => {
            if index >= report.cumulative.rows.len() {
                return Err(no_such("resource row", index));
            }
            let row = report.cumulative.rows.remove(index);
            Ok(Edit::InsertCumulativeRow { index, row })
        }
        Edit::InsertCheckpoint {
            index,
            checkpoint,
            values,
        } => {
            let table = &mut report.cumulative;
            if index > table.checkpoints.len() {
                return Err(no_such("checkpoint", index));
            }
            table.checkpoints.insert(index, checkpoint);
            for (r, row) in table.rows.iter_mut().enumerate() {
                let cell = values.get(r).cloned().unwrap_or_default();
                let at = index.min(row.used.len());
                row.used.insert(at, cell);
            }
            Ok(Edit::RemoveCheckpoint { index })
        }
        Edit::RemoveCheckpoint { index } => {
            let table = &mut report.cumulative;
            if index >= table.checkpoints.len() {
                return Err(no_such("checkpoint", index));
            }
            let checkpoint = table.checkpoints.remove(index);
            let values = table
                .rows
                .iter_mut()
                .map(|row| {
                    if index < row.used.len() {
                        row.used.remove(index)
                    } else {
                        Cell::blank()
                    }
                })
                .collect();
            Ok(Edit::InsertCheckpoint {
                index,
                checkpoint,
                values,
            })
        }
        Edit::SetCheckpointMonth { index, month } => {
            let checkpoint = report
                .cumulative
                .checkpoints
                .get_mut(index)
                .ok_or_else(|| no_such("checkpoint", index))?;
            let old = std::mem::replace(&mut checkpoint.month, month);
            Ok(Edit::SetCheckpointMonth { index, month: old })
        }
        Edit::InsertAcknowledgement {
            index,
            acknowledgement,
        } => {
            if index > report.acknowledgements.len() {
                return Err(no_such("acknowledgement", index));
            }
            report.acknowledgements.insert(index, acknowledgement);
            Ok(Edit::RemoveAcknowledgement { index })
        }
        Edit::RemoveAcknowledgement { index } => {
            if index >= report.acknowledgements.len() {
                return Err(no_such("acknowledgement", index));
            }
            let acknowledgement = report.acknowledgements.remove(index);
            Ok(Edit::InsertAcknowledgement {
                index,
                acknowledgement,
            })
        }
        Edit::InsertImportMapping { index, mapping } => {
            if index > report.import_mappings.len() {
                return Err(no_such("import mapping", index));
            }
            report.import_mappings.insert(index, mapping);
            Ok(Edit::RemoveImportMapping { index })
        }
        Edit::RemoveImportMapping { index } => {
            if index >= report.import_mappings.len() {
                return Err(no_such("import mapping", index));
            }
            let mapping = report.import_mappings.remove(index);
            Ok(Edit::InsertImportMapping { index, mapping })
        }
        Edit::SetCellSource { address, source } => set_cell_source(report, address, source),
        Edit::Batch { label, edits } => apply_batch(report, label, edits),
    }
}

/// Applies every edit or none: on the first failure the ones already applied
/// are undone.
fn apply_batch(report: &mut Report, label: String, edits: Vec<Edit>) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match apply_one(report, edit) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    // Each inverse was produced against the state it now meets.
                    let _ = apply_one(report, inverse);
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch {
        label,
        edits: inverses,
    })
}

fn set_cell_source(
    report: &mut Report,
    address: CellAddress,
    source: Option<CellSource>,
) -> Result<Edit, EditError> {
    let CellAddress::Metric {
        installation,
        metric,
        column,
    } = address
    else {
        // Only metric cells keep a source; the cumulative table is typed in.
        return Ok(Edit::SetCellSource {
            address,
            source: None,
        });
    };
    let key = source_key(column, &report.periods).ok_or_else(|| match column {
        MetricColumn::Period(p) => no_such("period", p),
        _ => no_such("column", 0),
    })?;
    let target = metric_mut(report, installation, metric)?;
    let old = match source {
        Some(source) => target.sources.insert(key, source),
        None => target.sources.remove(&key),
    };
    Ok(Edit::SetCellSource {
        address,
        source: old,
    })
}

fn move_item<T>(
    items: &mut Vec<T>,
    from: usize,
    to: usize,
    what: &'static str,
) -> Result<(), EditError> {
    if from >= items.len() {
        return Err(no_such(what, from));
    }
    if to >= items.len() {
        return Err(no_such(what, to));
    }
    let item = items.remove(from);
    items.insert(to, item);
    Ok(())
}

fn installation_mut(report: &mut Report, index: usize) -> Result<&mut Installation, EditError> {
    report
        .installations
        .get_mut(index)
        .ok_or_else(|| no_such("installation", index))
}

fn metric_mut(
    report: &mut Report,
    installation: usize,
    metric: usize,
) -> Result<&mut Metric, EditError> {
    installation_mut(report, installation)?
        .metrics
        .get_mut(metric)
        .ok_or_else(|| no_such("metric", metric))
}

fn cell_mut(report: &mut Report, address: CellAddress) -> Result<&mut Cell, EditError> {
    match address {
        CellAddress::Metric {
            installation,
            metric,
            column,
        } => {
            let metric = metric_mut(report, installation, metric)?;
            match column {
                MetricColumn::Baseline => Ok(&mut metric.baseline),
                MetricColumn::Total => Ok(&mut metric.total),
                MetricColumn::Period(p) => {
                    metric.values.get_mut(p).ok_or_else(|| no_such("period", p))
                }
            }
        }
        CellAddress::Cumulative { row, column } => {
            let row = report
                .cumulative
                .rows
                .get_mut(row)
                .ok_or_else(|| no_such("resource row", row))?;
            match column {
                CumulativeColumn::Budget => Ok(&mut row.budget),
                CumulativeColumn::Checkpoint(c) => {
                    row.used.get_mut(c).ok_or_else(|| no_such("checkpoint", c))
                }
            }
        }
    }
}

fn text_mut(report: &mut Report, address: TextAddress) -> Result<&mut String, EditError> {
    Ok(match address {
        TextAddress::Title => &mut report.title,
        TextAddress::DeliverableId => &mut report.deliverable_id,
        TextAddress::Project => &mut report.project,
        TextAddress::InstallationName(i) => &mut installation_mut(report, i)?.name,
        TextAddress::Description(i, field) => installation_mut(report, i)?
            .description
            .get_mut(field)
            .ok_or_else(|| no_such("description field", field))?,
        TextAddress::DescriptionLabel(field) => {
            &mut report
                .description_fields
                .get_mut(field)
                .ok_or_else(|| no_such("description field", field))?
                .label
        }
        TextAddress::Assessment(i) => &mut installation_mut(report, i)?.assessment,
        TextAddress::MetricName {
            installation,
            metric,
        } => &mut metric_mut(report, installation, metric)?.name,
        TextAddress::MetricMethod {
            installation,
            metric,
        } => &mut metric_mut(report, installation, metric)?.method,
        TextAddress::SectionTitle(s) => {
            &mut report
                .sections
                .get_mut(s)
                .ok_or_else(|| no_such("section", s))?
                .title
        }
        TextAddress::SectionText(s) => {
            &mut report
                .sections
                .get_mut(s)
                .ok_or_else(|| no_such("section", s))?
                .text
        }
        TextAddress::PeriodLabel(p) => {
            &mut report
                .periods
                .get_mut(p)
                .ok_or_else(|| no_such("period", p))?
                .label
        }
        TextAddress::CumulativeCaption => &mut report.cumulative.caption,
        TextAddress::CumulativeRowName(r) => {
            &mut report
                .cumulative
                .rows
                .get_mut(r)
                .ok_or_else(|| no_such("resource row", r))?
                .name
        }
        TextAddress::CumulativeRowLabel(r) => {
            &mut report
                .cumulative
                .rows
                .get_mut(r)
                .ok_or_else(|| no_such("resource row", r))?
                .label
        }
        TextAddress::CumulativeRowUnit(r) => {
            &mut report
                .cumulative
                .rows
                .get_mut(r)
                .ok_or_else(|| no_such("resource row", r))?
                .unit
        }
        TextAddress::CheckpointLabel(c) => {
            &mut report
                .cumulative
                .checkpoints
                .get_mut(c)
                .ok_or_else(|| no_such("checkpoint", c))?
                .label
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::{Acknowledgement, YearMonth};

    fn acknowledgement(reason: &str) -> Acknowledgement {
        Acknowledgement {
            rule: "below-baseline".to_owned(),
            installation: Some("INCD - GPU".to_owned()),
            metric: Some("GPU node/hours".to_owned()),
            column: Some("TOT".to_owned()),
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn acknowledging_and_undoing_restores_the_list() {
        let mut report = Report::empty("x", YearMonth::new(2022, 9).unwrap(), 3);
        let before = report.clone();
        let inverse = apply(
            &mut report,
            Edit::InsertAcknowledgement {
                index: 0,
                acknowledgement: acknowledgement("the site joined late"),
            },
        )
        .unwrap();
        assert_eq!(report.acknowledgements.len(), 1);
        assert_eq!(inverse, Edit::RemoveAcknowledgement { index: 0 });
        let redo = apply(&mut report, inverse).unwrap();
        assert_eq!(report, before);
        apply(&mut report, redo).unwrap();
        assert_eq!(report.acknowledgements[0].reason, "the site joined late");
    }

    #[test]
    fn acknowledgement_indices_past_the_end_are_refused() {
        let mut report = Report::empty("x", YearMonth::new(2022, 9).unwrap(), 3);
        let error = apply(
            &mut report,
            Edit::InsertAcknowledgement {
                index: 1,
                acknowledgement: acknowledgement("x"),
            },
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "there is no acknowledgement number 2");
        assert!(apply(&mut report, Edit::RemoveAcknowledgement { index: 0 }).is_err());
        assert!(report.acknowledgements.is_empty());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod total_tests {
    use crate::edit::{Document, Edit};
    use crate::model::{CellAddress, MetricColumn};
    use crate::samples::Sample;

    #[test]
    fn a_following_total_moves_with_its_periods_in_the_same_undo_step() {
        let report = Sample::M36.report().unwrap();
        let (installation, metric) = (5, 0);
        let typed = report.installations[installation].metrics[metric]
            .total
            .text()
            .to_owned();
        let mut document = Document::new(report.clone());
        document
            .apply(Edit::SetTotalFollows {
                installation,
                metric,
                follows: true,
                total: None,
            })
            .unwrap();
        let computed = document.report().installations[installation].metrics[metric]
            .total
            .clone();
        assert!(computed.number().is_some(), "{computed:?}");
        document
            .apply(Edit::SetCell {
                address: CellAddress::Metric {
                    installation,
                    metric,
                    column: MetricColumn::Period(0),
                },
                text: "0".to_owned(),
            })
            .unwrap();
        let after = &document.report().installations[installation].metrics[metric];
        let before = &report.installations[installation].metrics[metric];
        let drop = before.values[0].number().unwrap();
        assert!((after.total.number().unwrap() - (computed.number().unwrap() - drop)).abs() < 1e-6);
        document.undo();
        assert_eq!(
            document.report().installations[installation].metrics[metric].total,
            computed
        );
        document.undo();
        assert_eq!(
            document.report().installations[installation].metrics[metric]
                .total
                .text(),
            typed
        );
        assert_eq!(document.report(), &report);
    }
}
