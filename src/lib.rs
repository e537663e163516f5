//! va-report: an editor for periodic Virtual Access assessment reports.
//!
//! `model` is the report; `edit` changes it with undo; `project_file` saves
//! and loads it; `samples` holds the built-in reports; `ui` is the window.

pub mod caught_panic;
pub mod check;
pub mod edit;
pub mod export;
pub mod import;
pub mod migration;
pub mod model;
pub mod plot;
pub mod project_file;
pub mod samples;
pub mod ui;
