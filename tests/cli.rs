//! The command line run as a program: `va-report export --charts DIR`.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

fn va_report() -> Command {
    Command::new(env!("CARGO_BIN_EXE_va-report"))
}

fn png_size(path: &Path) -> (u32, u32) {
    let file = std::fs::File::open(path).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    (frame.width, frame.height)
}

#[test]
fn export_charts_writes_every_figure_as_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let charts = dir.path().join("charts");
    let output = va_report()
        .args(["export", "--sample", "m36", "--charts"])
        .arg(&charts)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // One per resource of Table 1; the deliverable's captions, without
    // their numbers, in a side file and not in the images (the document
    // numbers its figures).
    let captions = std::fs::read_to_string(charts.join("captions.txt")).unwrap();
    for (stem, caption) in [
        (
            "figure-01-storage-usage",
            "Figure 1 Storage usage status and trend",
        ),
        ("figure-02-gpu-usage", "Figure 2 GPU usage status and trend"),
        ("figure-03-cpu-usage", "Figure 3 CPU usage status and trend"),
    ] {
        assert_eq!(png_size(&charts.join(format!("{stem}.png"))), (1600, 810));
        let svg = std::fs::read_to_string(charts.join(format!("{stem}.svg"))).unwrap();
        assert!(svg.starts_with("<svg"), "{stem}");
        assert!(svg.contains(r#"width="1600""#), "{stem}");
        assert!(!svg.contains("Figure"), "{stem}");
        let caption = caption
            .split_once(' ')
            .unwrap()
            .1
            .split_once(' ')
            .unwrap()
            .1;
        assert!(
            captions.contains(&format!("{stem}.png\t{caption}\n")),
            "{captions}"
        );
        assert!(svg.trim_end().ends_with("</svg>"), "{stem}");
    }
    let cpu = std::fs::read_to_string(charts.join("figure-03-cpu-usage.svg")).unwrap();
    assert!(cpu.contains("11,113,730") && cpu.contains("Budget: 6,000,000 CPU-h"));

    // One per installation (11 in the M36 sample), every PNG print-sized.
    let mut pngs = 0;
    let mut svgs = 0;
    for entry in std::fs::read_dir(&charts).unwrap() {
        let path = entry.unwrap().path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("png") => {
                let (width, height) = png_size(&path);
                assert!(width >= 1600 && height >= 800, "{}", path.display());
                pngs += 1;
            }
            Some("svg") => svgs += 1,
            Some("txt") => assert_eq!(path, charts.join("captions.txt")),
            _ => panic!("unexpected file {}", path.display()),
        }
    }
    assert_eq!(
        (pngs, svgs),
        (17, 17),
        "3 usage, 3 per-installation use, 11 installations"
    );
    let incd = std::fs::read_to_string(charts.join("figure-12-incd-cpu.svg")).unwrap();
    assert!(captions.contains("figure-12-incd-cpu.png\tINCD - CPU metrics per period\n"));
    assert!(incd.contains("2,270,601"));
    assert!(incd.contains("Baseline: 3,900,000"));
}

#[test]
fn export_reads_a_project_file_and_names_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("m24.json");
    let status = va_report()
        .args(["sample", "--m24", "--out"])
        .arg(&project)
        .status()
        .unwrap();
    assert!(status.success());
    let charts = dir.path().join("m24-charts");
    let output = va_report()
        .arg("export")
        .arg(&project)
        .arg("--charts")
        .arg(&charts)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(charts.join("figure-03-cpu-usage.png").exists());
    // Its metric tables were lost: only the three usage figures have numbers.
    assert_eq!(std::fs::read_dir(&charts).unwrap().count(), 7);

    let missing = dir.path().join("missing.json");
    let output = va_report()
        .arg("export")
        .arg(&missing)
        .arg("--charts")
        .arg(&charts)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("missing.json"), "{message}");

    let output = va_report()
        .args(["export", "--sample", "m36"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--charts"));
}

/// Without a report or --sample, a command says so and exits 2: it never
/// works on a sample the user did not ask for.
#[test]
fn commands_without_a_report_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.xlsx");
    let commands: [Vec<&str>; 4] = [
        vec!["check"],
        vec!["export", "--xlsx", out.to_str().unwrap()],
        vec!["import", "nothing.csv"],
        vec![
            "template",
            "--installation",
            "A",
            "--period",
            "M1-M12",
            "--out",
            out.to_str().unwrap(),
        ],
    ];
    for args in commands {
        let output = va_report().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("--sample m36"), "{args:?}: {message}");
    }
    assert!(!out.exists());
}

/// `new` makes a report of one's own; `next-period` starts its next period
/// in a new file, with one provider template per provider.
#[test]
fn new_and_next_period_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("hydronet.vareport.json");
    let output = va_report()
        .args([
            "new",
            "--out",
            report.to_str().unwrap(),
            "--project",
            "HydroNet",
            "--start",
            "2024-03",
            "--period-months",
            "6",
            "--periods",
            "2",
            "--resource",
            "HPC:core-hours:2.500.000",
            "--resource",
            "Archive:PB",
            "--installation",
            "Basin HPC",
            "--installation",
            "Basin Archive",
            "--decimal-comma",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let made = va_report::project_file::load(&report).unwrap();
    assert_eq!(made.project, "HydroNet");
    assert_eq!(made.periods.len(), 2);
    assert_eq!(made.periods[1].label, "M7-M12");
    assert_eq!(made.decimal_mark, va_report::model::DecimalMark::Comma);
    assert_eq!(made.resources()[0].budget.number(), Some(2_500_000.0));
    assert_eq!(made.installations.len(), 2);

    let next = dir.path().join("hydronet-m18.vareport.json");
    let templates = dir.path().join("templates");
    let output = va_report()
        .args([
            "next-period",
            report.to_str().unwrap(),
            "--out",
            next.to_str().unwrap(),
        ])
        .arg("--templates")
        .arg(&templates)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = va_report::project_file::load(&next).unwrap();
    assert_eq!(after.periods[2].label, "M13-M18");
    assert_eq!(
        after.cumulative.checkpoints[2].label,
        "USED BY M18 (Aug 2025)"
    );
    assert_eq!(std::fs::read_dir(&templates).unwrap().count(), 2);
    assert_eq!(
        va_report::project_file::load(&report).unwrap(),
        made,
        "the input is not changed"
    );

    let output = va_report()
        .args([
            "new",
            "--out",
            report.to_str().unwrap(),
            "--project",
            "X",
            "--start",
            "2024-03",
        ])
        .args(["--resource", "GPU:"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("NAME:UNIT"));
}
