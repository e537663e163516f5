//! Edits: every change to a report is an [`Edit`], applied by [`apply`],
//! which returns the edit that undoes it. [`Document`] keeps the history.

mod apply;
mod document;
pub mod metric_rows;
mod next_period;
mod total;

pub use apply::{EditError, apply};
pub use document::Document;
pub use next_period::start_next_period;
pub use total::{computed_total, kind_computes_total};

use crate::model::{
    Acknowledgement, Cell, CellAddress, CellSource, Checkpoint, CumulativeRow, DecimalMark,
    DescriptionField, ImportMapping, Installation, Metric, MetricKind, MonthRange, Period, Section,
    TextAddress, YearMonth,
};

/// One change to a report. Indices refer to the report as it is when the edit
/// is applied.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetCell {
        address: CellAddress,
        text: String,
    },
    SetText {
        address: TextAddress,
        text: String,
    },
    /// Sets a metric's kind; `confirmed: false` hands it back to guessing.
    SetMetricKind {
        installation: usize,
        metric: usize,
        kind: MetricKind,
        confirmed: bool,
    },
    /// Sets the resource (by id, or none) a metric feeds; `confirmed: false`
    /// hands it back to guessing.
    SetMetricResource {
        installation: usize,
        metric: usize,
        resource: Option<String>,
        confirmed: bool,
    },
    /// Makes a metric's TOT follow its periods (computed by its kind) or
    /// be typed; `total`, when given, is the TOT text written with it (an
    /// undo restores the typed TOT this way).
    SetTotalFollows {
        installation: usize,
        metric: usize,
        follows: bool,
        total: Option<String>,
    },
    SetProjectStart(YearMonth),
    /// Changes how the report's numbers are written; every cell is read
    /// again, no text changes.
    SetDecimalMark(DecimalMark),
    /// Inserts a description field; `values[i]` is installation `i`'s text.
    InsertDescriptionField {
        index: usize,
        field: DescriptionField,
        values: Vec<String>,
    },
    RemoveDescriptionField {
        index: usize,
    },
    MoveDescriptionField {
        from: usize,
        to: usize,
    },
    InsertInstallation {
        index: usize,
        installation: Box<Installation>,
    },
    RemoveInstallation {
        index: usize,
    },
    MoveInstallation {
        from: usize,
        to: usize,
    },
    InsertMetric {
        installation: usize,
        index: usize,
        metric: Box<Metric>,
    },
    RemoveMetric {
        installation: usize,
        index: usize,
    },
    MoveMetric {
        installation: usize,
        from: usize,
        to: usize,
    },
    /// Inserts a period column. `values[i][m]` is the cell of metric `m` of
    /// installation `i`; missing cells are blank.
    InsertPeriod {
        index: usize,
        period: Period,
        values: Vec<Vec<Cell>>,
    },
    RemovePeriod {
        index: usize,
    },
    SetPeriodMonths {
        index: usize,
        months: MonthRange,
    },
    InsertSection {
        index: usize,
        section: Section,
    },
    RemoveSection {
        index: usize,
    },
    MoveSection {
        from: usize,
        to: usize,
    },
    InsertCumulativeRow {
        index: usize,
        row: CumulativeRow,
    },
    RemoveCumulativeRow {
        index: usize,
    },
    /// Inserts a checkpoint column; `values[r]` is the cell of row `r`.
    InsertCheckpoint {
        index: usize,
        checkpoint: Checkpoint,
        values: Vec<Cell>,
    },
    RemoveCheckpoint {
        index: usize,
    },
    SetCheckpointMonth {
        index: usize,
        month: u32,
    },
    /// Accepts a finding of the checks, with a reason; `index` in the list
    /// of acknowledgements.
    InsertAcknowledgement {
        index: usize,
        acknowledgement: Acknowledgement,
    },
    RemoveAcknowledgement {
        index: usize,
    },
    /// Remembers a provider's name mapped by hand in an import; `index` in
    /// the report's list of import mappings.
    InsertImportMapping {
        index: usize,
        mapping: ImportMapping,
    },
    RemoveImportMapping {
        index: usize,
    },
    /// Records (or forgets, with `None`) where a metric cell was imported from.
    SetCellSource {
        address: CellAddress,
        source: Option<CellSource>,
    },
    /// Several edits as one undo step, applied in order.
    Batch {
        label: String,
        edits: Vec<Edit>,
    },
}

/// What a typing burst is typing into: consecutive text edits of the same
/// target merge into one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypingTarget {
    Cell(CellAddress),
    Text(TextAddress),
}

impl Edit {
    /// A short description for the Undo/Redo menu entries.
    pub fn label(&self) -> String {
        match self {
            Self::SetCell { .. } => "edit cell".to_owned(),
            Self::SetText { address, .. } => format!("edit {}", text_label(*address)),
            Self::SetMetricKind { .. } => "change metric kind".to_owned(),
            Self::SetMetricResource { .. } => "change metric resource".to_owned(),
            Self::SetTotalFollows { follows: true, .. } => "compute TOT".to_owned(),
            Self::SetTotalFollows { follows: false, .. } => "type TOT".to_owned(),
            Self::SetProjectStart(_) => "change project start".to_owned(),
            Self::SetDecimalMark(_) => "change decimal mark".to_owned(),
            Self::InsertDescriptionField { .. } => "add description field".to_owned(),
            Self::RemoveDescriptionField { .. } => "remove description field".to_owned(),
            Self::MoveDescriptionField { .. } => "move description field".to_owned(),
            Self::MoveSection { .. } => "move section".to_owned(),
            Self::InsertInstallation { .. } => "add installation".to_owned(),
            Self::RemoveInstallation { .. } => "remove installation".to_owned(),
            Self::MoveInstallation { .. } => "move installation".to_owned(),
            Self::InsertMetric { .. } => "add metric".to_owned(),
            Self::RemoveMetric { .. } => "remove metric".to_owned(),
            Self::MoveMetric { .. } => "move metric".to_owned(),
            Self::InsertPeriod { .. } => "add period".to_owned(),
            Self::RemovePeriod { .. } => "remove period".to_owned(),
            Self::SetPeriodMonths { .. } => "change period months".to_owned(),
            Self::InsertSection { .. } => "add section".to_owned(),
            Self::RemoveSection { .. } => "remove section".to_owned(),
            Self::InsertCumulativeRow { .. } => "add resource row".to_owned(),
            Self::RemoveCumulativeRow { .. } => "remove resource row".to_owned(),
            Self::InsertCheckpoint { .. } => "add checkpoint".to_owned(),
            Self::RemoveCheckpoint { .. } => "remove checkpoint".to_owned(),
            Self::SetCheckpointMonth { .. } => "change checkpoint month".to_owned(),
            Self::InsertAcknowledgement { .. } => "acknowledge finding".to_owned(),
            Self::RemoveAcknowledgement { .. } => "withdraw acknowledgement".to_owned(),
            Self::SetCellSource { .. } => "record cell source".to_owned(),
            Self::InsertImportMapping { .. } => "remember import mapping".to_owned(),
            Self::RemoveImportMapping { .. } => "forget import mapping".to_owned(),
            Self::Batch { label, .. } => label.clone(),
        }
    }

    /// The target when this edit is a keystroke of typing.
    pub fn typing_target(&self) -> Option<TypingTarget> {
        match self {
            Self::SetCell { address, .. } => Some(TypingTarget::Cell(*address)),
            Self::SetText { address, .. } => Some(TypingTarget::Text(*address)),
            _ => None,
        }
    }
}

fn text_label(address: TextAddress) -> &'static str {
    match address {
        TextAddress::Title => "title",
        TextAddress::DeliverableId => "deliverable id",
        TextAddress::Project => "project name",
        TextAddress::InstallationName(_) => "installation name",
        TextAddress::Description(..) => "description",
        TextAddress::DescriptionLabel(_) => "description field label",
        TextAddress::Assessment(_) => "assessment",
        TextAddress::MetricName { .. } => "metric name",
        TextAddress::MetricMethod { .. } => "measurement method",
        TextAddress::SectionTitle(_) => "section title",
        TextAddress::SectionText(_) => "section text",
        TextAddress::PeriodLabel(_) => "period label",
        TextAddress::CumulativeCaption => "caption",
        TextAddress::CumulativeRowName(_) => "resource row name",
        TextAddress::CumulativeRowLabel(_) => "resource name",
        TextAddress::CumulativeRowUnit(_) => "resource unit",
        TextAddress::CheckpointLabel(_) => "checkpoint label",
    }
}
