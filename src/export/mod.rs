//! Everything va-report writes for other programs: figures, documents,
//! workbooks, clipboard tables. Knows nothing of egui.

pub mod figures;
