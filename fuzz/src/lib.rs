//! The library of `../src/` without the window: every module but `ui`,
//! compiled from its own source with only the crates those modules use, so
//! that a fuzz build does not compile egui. The targets for the project
//! file and the Word document use it.

#![allow(dead_code, unused_imports)]

#[path = "../../src/caught_panic.rs"]
pub mod caught_panic;
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

/// Reads `data` as the file `name` both ways the program can: in process,
/// and with the rows given on as they are read and rebuilt from the
/// worker's reply. Any difference between the two is a defect, like a
/// panic: the guarded worker must give exactly what the reader gives.
pub fn read_both_ways(name: &str, data: &[u8]) {
    use std::sync::atomic::AtomicBool;

    use import::guard::{ReplyWriter, decode_reply};
    use import::read::{self, Limits};

    let never = AtomicBool::new(false);
    let in_process = read::read_bytes_into(name, data, Limits::default(), &never, None);
    let mut stream = Vec::new();
    let mut writer = ReplyWriter::new(&mut stream);
    let streamed =
        read::read_bytes_into(name, data, Limits::default(), &never, Some(&mut writer));
    if writer.finish(&streamed).is_err() {
        panic!("{name}: a reply written to memory failed");
    }
    let mut rest = stream.as_slice();
    let rebuilt = decode_reply(&mut rest);
    assert!(rest.is_empty(), "{name}: bytes after the reply");
    assert_eq!(rebuilt, Some(in_process), "{name}");
}
