//! Print-ready figures (PNG and SVG) of the plots, written to a directory.
//! The drawing is `plot::figure`'s; this module only names and writes files.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::model::{NumberStyle, Report};
use crate::plot::{FigureError, FigureSelection, NamedFigure, report_figures};
use crate::project_file::write_atomically;

#[derive(Debug, thiserror::Error)]
pub enum FiguresError {
    #[error("cannot create the directory ({source}): {}", path.display())]
    CreateDirectory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write ({source}): {}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{source}: {}", path.display())]
    Render { path: PathBuf, source: FigureError },
}

/// The files written for one figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenFigure {
    /// The caption without its number ("CPU usage status and trend"): the
    /// document that takes the image numbers and captions it.
    pub caption: String,
    pub png: PathBuf,
    pub svg: PathBuf,
}

/// The side file that names each image's caption.
pub const CAPTIONS_FILE: &str = "captions.txt";

/// Writes every selected figure of `report` into `dir` (created if missing)
/// as `figure-NN-name.png` and `.svg`, without a caption drawn in (the
/// document captions and numbers its figures; "Figure 4" in the image would
/// not follow its numbering), and [`CAPTIONS_FILE`] with one line per
/// figure: the PNG's name, a tab, the caption without its number. Each file
/// is written atomically; an error stops at the first file that fails.
pub fn write_figures(
    report: &Report,
    dir: &Path,
    style: NumberStyle,
    selection: FigureSelection,
) -> Result<Vec<WrittenFigure>, FiguresError> {
    std::fs::create_dir_all(dir).map_err(|source| FiguresError::CreateDirectory {
        path: dir.to_path_buf(),
        source,
    })?;
    let written = report_figures(report, style, selection)
        .iter()
        .map(|named| write_figure(named, dir))
        .collect::<Result<Vec<_>, _>>()?;
    let captions: String = written
        .iter()
        .map(|figure| {
            let name = figure
                .png
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("{name}\t{}\n", figure.caption)
        })
        .collect();
    write_file(&dir.join(CAPTIONS_FILE), captions.as_bytes())?;
    Ok(written)
}

/// Writes one figure as PNG and SVG into `dir`, without its caption.
pub fn write_figure(named: &NamedFigure, dir: &Path) -> Result<WrittenFigure, FiguresError> {
    let png = dir.join(format!("{}.png", named.file_stem));
    let svg = dir.join(format!("{}.svg", named.file_stem));
    let render_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FiguresError::Render { path, source }
    };
    let caption = crate::export::tables::strip_caption_number(&named.figure.caption, "figure");
    let figure = named.figure.clone().without_caption();
    let png_bytes = figure.png().map_err(render_error(&png))?;
    write_file(&png, &png_bytes)?;
    let svg_text = figure.svg().map_err(render_error(&svg))?;
    write_file(&svg, svg_text.as_bytes())?;
    Ok(WrittenFigure { caption, png, svg })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), FiguresError> {
    write_atomically(path, |file| file.write_all(bytes)).map_err(|source| FiguresError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[test]
    fn writes_png_and_svg_per_figure() {
        let dir = tempfile::tempdir().unwrap();
        let report = Sample::M36.report().unwrap();
        let selection = FigureSelection {
            contributions: false,
            installations: false,
            ..FigureSelection::ALL
        };
        let out = dir.path().join("charts");
        let written = write_figures(&report, &out, NumberStyle::Us, selection).unwrap();
        assert_eq!(written.len(), 3);
        assert_eq!(written[2].png, out.join("figure-03-cpu-usage.png"));
        for figure in &written {
            let metadata = std::fs::metadata(&figure.png).unwrap();
            assert!(metadata.len() > 10_000);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                assert_eq!(metadata.permissions().mode() & 0o777, 0o644);
            }
            let svg = std::fs::read_to_string(&figure.svg).unwrap();
            // No caption, no "Figure N" in the image: the document numbers
            // its figures.
            assert!(!svg.contains(&figure.caption), "{}", figure.caption);
            assert!(!svg.contains("Figure"), "{}", figure.svg.display());
        }
        assert_eq!(written[2].caption, "CPU usage status and trend");
        let captions = std::fs::read_to_string(out.join(CAPTIONS_FILE)).unwrap();
        assert_eq!(
            captions.lines().collect::<Vec<_>>(),
            [
                "figure-01-storage-usage.png\tStorage usage status and trend",
                "figure-02-gpu-usage.png\tGPU usage status and trend",
                "figure-03-cpu-usage.png\tCPU usage status and trend",
            ]
        );
    }

    #[test]
    fn no_chart_of_a_report_carries_a_figure_number() {
        let dir = tempfile::tempdir().unwrap();
        let report = Sample::M36.report().unwrap();
        let written =
            write_figures(&report, dir.path(), NumberStyle::Eu, FigureSelection::ALL).unwrap();
        assert_eq!(written.len(), 17);
        for figure in &written {
            let svg = std::fs::read_to_string(&figure.svg).unwrap();
            assert!(!svg.contains("Figure"), "{}", figure.svg.display());
            assert!(!figure.caption.starts_with("Figure"), "{}", figure.caption);
        }
    }

    #[test]
    fn a_directory_that_cannot_be_made_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        std::fs::write(&file, "x").unwrap();
        let report = Sample::M36.report().unwrap();
        let error = write_figures(
            &report,
            &file.join("charts"),
            NumberStyle::Us,
            FigureSelection::ALL,
        )
        .unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("cannot create the directory"),
            "{message}"
        );
        assert!(message.ends_with("charts"), "{message}");
    }
}
