//! The window: an eframe app that reads the model and changes it only by
//! sending edits to its [`crate::edit::Document`].

mod actions;
mod app;
mod check_runner;
mod commands;
mod cumulative_view;
mod dialogs;
mod export_dialog;
mod fields;
mod file_dialogs;
mod findings_dock;
mod findings_panel;
mod grid_paste;
mod import_preview;
mod installation_view;
mod metric_grid;
mod metric_table;
mod metrics_view;
mod new_report_dialog;
mod next_period_dialog;
mod palette;
mod plots_view;
mod report_view;
mod search;
mod section_view;
mod settings;
mod sidebar;
mod template_dialog;
mod theme;
mod word_dialog;
mod word_task;

pub use app::{AppEnvironment, VaReportApp, View};
pub use check_runner::{CheckRunner, FRAME_SHARE};
pub use commands::UiCommand;
pub use export_dialog::ExportSettings;
pub use findings_dock::{FindingsDock, FindingsDocks};
pub use findings_panel::{FindingEntry, FindingsView};
pub use grid_paste::paste_edits;
pub use import_preview::{ImportSource, summary as import_summary};
pub use metric_grid::{GridColumn, MetricLink, MetricTableView, metric_table_view};
pub use new_report_dialog::{NewReportDraft, SchemeChoice};
pub use plots_view::{PlotsModel, cumulative_labels};
pub use search::{SearchHit, SearchTarget, search};
pub use settings::{SETTINGS_KEY, Settings, ThemeChoice};
pub use sidebar::filtered_installations;
pub use word_dialog::{UpdateResultView, open_errors_line};
