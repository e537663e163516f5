//! The report and everything in it. No egui, no file system: plain data with
//! serde derives and the pure functions that interpret it.

pub mod acknowledgement;
pub mod address;
pub mod calendar;
pub mod cell;
pub mod consumption;
pub mod country;
pub mod cumulative;
pub mod description;
pub mod import_mapping;
pub mod inference;
pub mod installation;
pub mod metric;
pub mod new_report;
pub mod number_format;
pub mod report;
pub mod section;
pub mod source;
pub mod value;

pub use acknowledgement::Acknowledgement;
pub use address::{CellAddress, CumulativeColumn, MetricColumn, TextAddress};
pub use calendar::{MonthRange, Period, YearMonth, period_months_refusal};
pub use cell::Cell;
pub use country::{CountryEntry, CountryList, CountryNote};
pub use cumulative::{Checkpoint, CumulativeRow, CumulativeTable};
pub use description::DescriptionField;
pub use import_mapping::ImportMapping;
pub use installation::Installation;
pub use metric::{Metric, MetricKind};
pub use number_format::NumberStyle;
pub use report::{Report, ShapeError};
pub use section::{Section, SectionKind};
pub use source::CellSource;
pub use value::{Bound, CellValue, DecimalMark, Quantity};
