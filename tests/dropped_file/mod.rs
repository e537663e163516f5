//! A file dropped on the window in a test: egui's `DroppedFile` for a path
//! on disk.

use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct TestFile(pub PathBuf);

impl egui::DroppedFile for TestFile {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
