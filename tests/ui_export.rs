//! The window's export features driven headlessly: Copy table, pasting a
//! block of spreadsheet cells into a metric table, File > Export….

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, UiCommand, VaReportApp, View};

fn harness_with(settings: Settings) -> Harness<'static, VaReportApp> {
    let app = VaReportApp::with_sample(Sample::M36, settings, AppEnvironment::default());
    Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app)
}

fn select_installation(harness: &mut Harness<'static, VaReportApp>, name: &str) -> usize {
    harness.get_by_label(name).click();
    harness.run();
    match harness.state().view() {
        View::Installation(index) => index,
        other => panic!("expected an installation view, got {other:?}"),
    }
}

#[test]
fn copy_table_copies_the_metrics_table_as_html_and_tsv() {
    let mut harness = harness_with(Settings::default());
    select_installation(&mut harness, "INCD - CPU");
    let buttons: Vec<_> = harness.get_all_by_label("Copy table").collect();
    // The metrics table's; the description's is in its section, closed at first.
    assert_eq!(buttons.len(), 1);
    buttons[0].click();
    harness.run();
    let copied = harness.state().last_copied().unwrap();
    assert_eq!(copied.name, "INCD - CPU metrics");
    assert!(
        copied
            .html
            .contains("<th valign=\"top\" style=\"text-align:left"),
        "{}",
        copied.html
    );
    assert!(copied.tsv.contains("2,270,601"), "{}", copied.tsv);
    assert_eq!(
        harness.state().status(),
        "Copied the INCD - CPU metrics table"
    );
}

#[test]
fn copy_table_on_table_1() {
    let mut harness = harness_with(Settings::default());
    harness.get_by_label("Cumulative consumption").click();
    harness.run();
    harness.get_by_label("Copy table").click();
    harness.run();
    let copied = harness.state().last_copied().unwrap();
    assert_eq!(copied.name, "Cumulative");
    // The caption as the deliverable numbers it, then the table.
    let mut lines = copied.tsv.lines();
    assert_eq!(
        lines.next(),
        Some("Table 1 Cumulative resource consumption during project lifetime")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("UNIT\tTOTAL BUDGETED IN THE PROJECT\t")
    );
    assert!(copied.html.contains(
        "<caption style=\"text-align:left;font-weight:bold\">Table 1 Cumulative resource consumption during project lifetime</caption>"
    ));
}

#[test]
fn a_block_pasted_from_a_spreadsheet_fills_cells_as_one_undo_step() {
    let mut harness = harness_with(Settings::default());
    let index = select_installation(&mut harness, "INCD - CPU");
    let before = harness.state().report().clone();
    let first = "INCD - CPU, CPU/hours served over the period, M1-M12";
    harness.get_by_label(first).click();
    harness.run();
    harness.input_mut().events.push(egui::Event::Paste(
        "1,000\t2.000\t3000\r\nFR\tDE\tPT\r\n".to_owned(),
    ));
    harness.run();
    let metrics = &harness.state().report().installations[index].metrics;
    assert_eq!(metrics[0].values[0].text(), "1,000");
    // The report writes decimal points: "2.000" is two.
    assert_eq!(metrics[0].values[1].value().number(), Some(2.0));
    assert_eq!(metrics[0].values[2].text(), "3000");
    assert_eq!(metrics[1].values[0].text(), "FR");
    assert_eq!(metrics[1].values[2].text(), "PT");
    assert_eq!(
        harness.state().document().undo_label(),
        Some("paste 2 x 3 cells")
    );

    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().report(), &before);
}

#[test]
fn file_export_writes_the_chosen_files_and_remembers_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::default();
    settings.export.docx.path = dir.path().join("d.docx").display().to_string();
    settings.export.xlsx.path = dir.path().join("w.xlsx").display().to_string();
    settings.export.csv.path = dir.path().join("tables").display().to_string();
    let mut harness = harness_with(settings);
    harness.state_mut().run_command(UiCommand::Export);
    harness.run();
    assert!(harness.state().is_export_dialog_open());
    harness.get_by_label("CSV files, one per table").click();
    harness.run();
    harness.get_by_label("1.234.567").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    assert!(!harness.state().is_export_dialog_open());
    assert!(dir.path().join("d.docx").is_file());
    assert!(dir.path().join("w.xlsx").is_file());
    let status = harness.state().status().to_owned();
    assert!(status.starts_with("Exported "), "{status}");
    let remembered = &harness.state().settings().export;
    assert!(remembered.csv.enabled);
    assert_eq!(
        remembered.options.number_style,
        va_report::model::NumberStyle::Eu
    );
    let metrics =
        std::fs::read_to_string(dir.path().join("tables").join("incd-cpu-metrics.csv")).unwrap();
    // European CSV: `;` between cells, plain numbers other programs read.
    assert!(metrics.starts_with('\u{feff}'), "{metrics}");
    assert!(metrics.contains(";2270601;"), "{metrics}");
}

#[test]
fn the_export_dialog_says_how_many_errors_are_open_before_exporting() {
    let mut harness = harness_with(Settings::default());
    harness.state_mut().run_command(UiCommand::Export);
    harness.run();
    let errors = harness.state_mut().findings().counts[0];
    assert_eq!(errors, 16);
    assert!(
        harness
            .query_by_label(&format!(
                "The report still has {errors} open errors (see the findings panel); the numbers go out as they are"
            ))
            .is_some()
    );

    // A report without errors says nothing of them.
    let clean = va_report::samples::generated(3, 2);
    let app = VaReportApp::new(
        clean,
        None,
        "Generated",
        Settings::default(),
        AppEnvironment::default(),
    );
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app);
    assert_eq!(harness.state_mut().findings().counts[0], 0);
    harness.state_mut().run_command(UiCommand::Export);
    harness.run();
    assert!(harness.state().is_export_dialog_open());
    assert!(harness.query_by_label_contains("open error").is_none());
}

/// The DOCX's `docProps/core.xml`.
fn core_properties(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("docProps/core.xml").unwrap(),
        &mut core,
    )
    .unwrap();
    core
}

#[test]
fn the_author_typed_in_the_export_dialog_goes_into_the_docx_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::default();
    settings.export.docx.path = dir.path().join("d.docx").display().to_string();
    settings.export.xlsx.enabled = false;
    let mut harness = harness_with(settings);

    // No author set: none is written, no placeholder.
    assert_eq!(harness.state().settings().export.options.author, "");
    harness.state_mut().run_command(UiCommand::Export);
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    let core = core_properties(&dir.path().join("d.docx"));
    assert!(!core.contains("dc:creator"), "{core}");
    assert!(!core.contains("lastModifiedBy"), "{core}");

    harness.state_mut().run_command(UiCommand::Export);
    harness.run();
    harness.get_by_label("Document author").click();
    harness.run();
    harness
        .get_by_label("Document author")
        .type_text("Ana Lead");
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    let core = core_properties(&dir.path().join("d.docx"));
    assert!(core.contains("<dc:creator>Ana Lead</dc:creator>"), "{core}");
    assert_eq!(harness.state().settings().export.options.author, "Ana Lead");
}

#[test]
fn the_export_dialog_is_in_the_file_menu_and_cancels() {
    let mut harness = harness_with(Settings::default());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Export…").click();
    harness.run();
    assert!(harness.state().is_export_dialog_open());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_export_dialog_open());
}
