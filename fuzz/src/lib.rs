//! The library of `../src/` without the window: every module but `ui`,
//! compiled from its own source with only the crates those modules use, so
//! that a fuzz build does not compile egui. The targets for the project
//! file and the Word document use it.

#![allow(dead_code, unused_imports)]

#[path = "../../src/check/mod.rs"]
pub mod check;
#[path = "../../src/edit/mod.rs"]
pub mod edit;
#[path = "../../src/export/mod.rs"]
pub mod export;
#[path = "../../src/import/mod.rs"]
pub mod import;
#[path = "../../src/migration.rs"]
pub mod migration;
#[path = "../../src/model/mod.rs"]
pub mod model;
#[path = "../../src/plot/mod.rs"]
pub mod plot;
#[path = "../../src/project_file.rs"]
pub mod project_file;
#[path = "../../src/samples.rs"]
pub mod samples;
