//! The fuzz targets (`fuzz/`, built with a nightly toolchain, not by `cargo
//! test`) compile the library's modules from their own source with the
//! crates those modules use, listed again in `fuzz/Cargo.toml`. A crate the
//! library starts to use must be listed there too, at the same version, or
//! the fuzz build breaks unnoticed.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::Path;

/// Crates only the window and the command line use: `fuzz/src/lib.rs`
/// leaves out `ui`, `main.rs` and the CLI modules.
const WINDOW_AND_CLI_ONLY: &[&str] = &[
    "eframe",
    "egui",
    "egui_extras",
    "egui_plot",
    "rfd",
    "clap",
    "anyhow",
    "directories",
    "arboard",
];

fn dependencies(manifest: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(manifest)).unwrap();
    let table: toml::Table = text.parse().unwrap();
    let mut found = Vec::new();
    let sections = [
        table.get("dependencies"),
        table
            .get("target")
            .and_then(|target| target.get("cfg(unix)"))
            .and_then(|unix| unix.get("dependencies")),
    ];
    for section in sections.into_iter().flatten() {
        for (name, spec) in section.as_table().unwrap() {
            let version = match spec {
                toml::Value::String(version) => version.clone(),
                other => other
                    .get("version")
                    .and_then(toml::Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            };
            found.push((name.clone(), version));
        }
    }
    found
}

#[test]
fn the_fuzz_build_lists_every_crate_the_library_uses_at_the_same_version() {
    let fuzz = dependencies("fuzz/Cargo.toml");
    let library = dependencies("Cargo.toml");
    assert!(library.len() > 10, "{library:?}");
    for (name, version) in &library {
        if WINDOW_AND_CLI_ONLY.contains(&name.as_str()) {
            continue;
        }
        let listed = fuzz.iter().find(|(fuzz_name, _)| fuzz_name == name);
        assert_eq!(
            listed.map(|(_, version)| version.as_str()),
            Some(version.as_str()),
            "{name} {version} is used by the library but fuzz/Cargo.toml lists {listed:?}"
        );
    }
}
