//! Spreadsheet-grade editing driven headlessly: paste that grows the table,
//! a TOT that follows the periods, the cell menu, Escape and the arrows.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use egui::{Key, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, UiCommand, VaReportApp, View};

fn harness() -> Harness<'static, VaReportApp> {
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
    Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app)
}

fn paste(harness: &mut Harness<'static, VaReportApp>, text: &str) {
    harness
        .input_mut()
        .events
        .push(egui::Event::Paste(text.to_owned()));
    harness.run();
}

/// Six columns (name, baseline, method, three periods) by five metrics.
const BLOCK: &str = "CPU hours served\t100000\tAccounting\t1,000\t2,000\t3,000\n\
Number of users\t50\tLogins\t10\t20\t25\n\
Disk space allocated (TB)\t\tQuota\t10\t12\t15\n\
Names of the countries reached\t\tLogins\tES, PT\tPT, DE\tFR\n\
Jobs run\t\tScheduler\t5\t\t7\n";

#[test]
fn pasting_a_6x5_block_into_a_new_installations_empty_table_fills_it_in_one_step() {
    let mut harness = harness();
    harness.state_mut().run_command(UiCommand::AddInstallation);
    harness.run();
    let View::Installation(index) = harness.state().view() else {
        panic!("no installation shown");
    };
    let before = harness.state().report().clone();
    assert!(before.installations[index].metrics.is_empty());
    harness.get_by_label_contains("No metrics yet: paste cells");

    paste(&mut harness, BLOCK);

    let metrics = &harness.state().report().installations[index].metrics;
    let names: Vec<_> = metrics.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CPU hours served",
            "Number of users",
            "Disk space allocated (TB)",
            "Names of the countries reached",
            "Jobs run"
        ]
    );
    assert_eq!(metrics[0].baseline.text(), "100000");
    assert_eq!(metrics[4].method, "Scheduler");
    // TOT follows each kind: a sum, a level's last value, a union; a
    // distinct count cannot be computed, so it waits to be typed.
    let totals: Vec<_> = metrics.iter().map(|m| m.total.text()).collect();
    assert_eq!(totals, ["6,000", "", "15", "DE, ES, FR, PT", "12"]);
    assert_eq!(
        harness.state().document().undo_label(),
        Some("paste 5 x 6 cells, 5 new rows")
    );
    assert!(harness.state().status().contains("paste 5 x 6 cells"));
    // The table shows the computed TOTs as such; the distinct count's is typed.
    assert_eq!(harness.get_all_by_label_contains("TOT computed").count(), 4);

    // Changing a period moves its TOT in the same step.
    let cell =
        harness.state().report().installations[index].name.clone() + ", CPU hours served, M1-M12";
    harness.get_by_label(&cell).click();
    harness.run();
    harness.get_by_label(&cell).type_text("4000");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let metric = &harness.state().report().installations[index].metrics[0];
    assert_eq!(metric.values[0].text(), "4000");
    assert_eq!(metric.total.text(), "9,000");
    harness.state_mut().run_command(UiCommand::Undo);
    harness.run();
    assert_eq!(
        harness.state().report().installations[index].metrics[0]
            .total
            .text(),
        "6,000"
    );

    harness.state_mut().run_command(UiCommand::Undo);
    harness.run();
    assert_eq!(harness.state().report(), &before);
}

#[test]
fn a_block_wider_than_the_table_adds_period_columns_only_when_asked() {
    let mut harness = harness();
    harness.state_mut().run_command(UiCommand::AddInstallation);
    harness.run();
    let before = harness.state().report().clone();
    // Name, baseline, method, four periods and a TOT: one column too many.
    paste(&mut harness, "Jobs run\t\t\t1\t2\t3\t4\t10\n");
    assert_eq!(
        harness.state().report(),
        &before,
        "nothing before the answer"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().report(), &before);

    paste(&mut harness, "Jobs run\t\t\t1\t2\t3\t4\t10\n");
    harness.get_by_label("Add 1 period column").click();
    harness.run();
    let report = harness.state().report();
    assert_eq!(report.periods.len(), before.periods.len() + 1);
    let View::Installation(index) = harness.state().view() else {
        panic!("no installation shown");
    };
    let metric = &report.installations[index].metrics[0];
    assert_eq!(metric.values[3].text(), "4");
    assert_eq!(metric.total.text(), "10");
    harness.state_mut().run_command(UiCommand::Undo);
    harness.run();
    assert_eq!(harness.state().report(), &before);

    paste(&mut harness, "Jobs run\t\t\t1\t2\t3\t4\t10\n");
    harness.get_by_label("Paste what fits").click();
    harness.run();
    let report = harness.state().report();
    assert_eq!(report.periods.len(), before.periods.len());
    assert_eq!(report.installations[index].metrics[0].total.text(), "4");
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
fn escape_leaves_editing_but_keeps_the_cell_so_the_arrows_go_on() {
    let mut harness = harness();
    let index = select_installation(&mut harness, "INCD - CPU");
    let cell = "INCD - CPU, CPU/hours served over the period, M1-M12";
    let before = harness.state().report().clone();
    harness.get_by_label(cell).click();
    harness.run();
    harness.get_by_label(cell).type_text("999");
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().report(), &before, "Escape drops the typing");
    assert_eq!(harness.state().selected_cell(), Some((index, 0, 3)));
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().selected_cell(), Some((index, 1, 3)));
}

#[test]
fn up_and_down_walk_the_installation_list() {
    let mut harness = harness();
    let first = select_installation(&mut harness, "INCD - CPU");
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().view(), View::Installation(first + 1));
    harness.key_press(Key::ArrowUp);
    harness.run();
    harness.key_press(Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().view(), View::Installation(first - 1));
}

#[test]
fn the_cell_menu_clears_fixes_and_makes_a_tot_follow() {
    let mut harness = harness();
    let index = select_installation(&mut harness, "INCD - CPU");
    let total = "INCD - CPU, CPU/hours served over the period, TOT";
    harness.get_by_label(total).click_secondary();
    harness.run();
    harness.get_by_label("TOT follows the periods").click();
    harness.run();
    let report = harness.state().report();
    let metric = &report.installations[index].metrics[0];
    assert!(metric.total_follows);
    let sum: f64 = metric.values.iter().filter_map(|c| c.number()).sum();
    assert_eq!(metric.total.number(), Some(sum));
    assert_eq!(harness.state().document().undo_label(), Some("compute TOT"));

    // Clear a period: the TOT follows in the same step.
    let cell = "INCD - CPU, CPU/hours served over the period, M1-M12";
    harness.get_by_label(cell).click_secondary();
    harness.run();
    harness.get_by_label("Clear").click();
    harness.run();
    let metric = &harness.state().report().installations[index].metrics[0];
    assert!(metric.values[0].is_blank());
    let rest: f64 = metric.values.iter().filter_map(|c| c.number()).sum();
    assert_eq!(metric.total.number(), Some(rest));
    assert!(
        harness.state().status().contains("Ctrl+Z"),
        "{}",
        harness.state().status()
    );

    // Duplicate the metric from the same menu.
    let count = metric_count(&harness, index);
    harness.get_by_label(cell).click_secondary();
    harness.run();
    harness.get_by_label("Duplicate metric").click();
    harness.run();
    assert_eq!(metric_count(&harness, index), count + 1);
    let copy = &harness.state().report().installations[index].metrics[1];
    assert_eq!(copy.name, "CPU/hours served over the period (copy)");
}

fn metric_count(harness: &Harness<'static, VaReportApp>, index: usize) -> usize {
    harness.state().report().installations[index].metrics.len()
}

#[test]
fn a_cell_with_a_finding_offers_its_fix_and_acknowledge_in_its_menu() {
    let mut harness = harness();
    let index = select_installation(&mut harness, "IFCA-CSIC Scientific Cloud - CPU");
    let total = "IFCA-CSIC Scientific Cloud - CPU, CPU node/hours served over the period, TOT";
    harness.get_by_label(total).click_secondary();
    harness.run();
    harness.get_by_label("Acknowledge…").click();
    harness.run();
    // The reason field has the keyboard: typing goes there.
    harness.run();
    harness
        .input_mut()
        .events
        .push(egui::Event::Text("a".to_owned()));
    harness.run();
    assert_eq!(harness.state().acknowledging_reason(), Some("a"));
    harness.get_by_label("Cancel").click();
    harness.run();

    let before = harness.state().report().installations[index].metrics[0]
        .total
        .text()
        .to_owned();
    harness.get_by_label(total).click_secondary();
    harness.run();
    harness.get_by_label_contains("Fix: Set TOT").click();
    harness.run();
    let after = harness.state().report().installations[index].metrics[0]
        .total
        .text()
        .to_owned();
    assert_ne!(before, after);
    let status = harness.state().status().to_owned();
    assert!(status.starts_with("Done: set TOT"), "{status}");
}

#[test]
fn ctrl_f_finds_a_number_in_any_installation_and_selects_the_cell() {
    let mut harness = harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find text").type_text("2270601");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let (open, hits, current) = harness.state().search_state();
    assert!(open);
    assert!(!hits.is_empty());
    assert_eq!(current, Some(0));
    let incd = harness
        .state()
        .report()
        .installations
        .iter()
        .position(|i| i.name == "INCD - CPU")
        .unwrap();
    let (installation, _, _) = harness.state().selected_cell().unwrap();
    assert_eq!(installation, incd);
    assert_eq!(harness.state().view(), View::Installation(incd));
    harness.get_by_label_contains("1 of ");

    // Words in prose are found too; F3 steps on.
    harness.get_by_label("Find text").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Find text")
        .type_text("virtual access");
    harness.run();
    harness.key_press(Key::F3);
    harness.run();
    let (_, hits, current) = harness.state().search_state();
    assert!(hits.len() > 1);
    assert_eq!(current, Some(0));
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::F3);
    harness.run();
    let (_, hits, current) = harness.state().search_state();
    assert_eq!(current, Some(hits.len() - 1));
}

#[test]
fn f1_lists_every_command_and_the_palette_runs_one_by_name() {
    let mut harness = harness();
    harness.key_press(Key::F1);
    harness.run();
    for command in UiCommand::ALL {
        if command == UiCommand::RedoAlternative {
            continue;
        }
        let label = format!("{} › {}", command.menu(), command.label());
        harness.get_by_label(&label);
    }

    let mut harness = self::harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::P);
    harness.run();
    harness.get_by_label("Command").type_text("dupl inst");
    harness.run();
    let before = harness.state().report().installations.len();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().report().installations.len(), before + 1);
}

#[test]
fn the_help_menu_opens_the_shortcuts_and_the_view_menu_zooms() {
    let mut harness = harness();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label_contains("Keyboard shortcuts").click();
    harness.run();
    harness.get_by_label("Edit › Find…");

    let mut harness = self::harness();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Zoom in").click();
    harness.run();
    harness.run();
    assert!(harness.ctx.zoom_factor() > 1.0);
}

#[test]
fn findings_read_plainly_and_a_fix_keeps_its_line_and_names_its_undo() {
    let mut harness = harness();
    harness.run();
    // Counts beside the severity filters agree with the open counts.
    let [errors, warnings, _] = harness.state_mut().findings().counts;
    // The panel's line and the status bar say the same.
    assert_eq!(
        harness
            .get_all_by_label_contains(&format!("{errors} errors · {warnings} warnings"))
            .count(),
        2
    );
    harness.get_by_label("Show warnings").click();
    harness.run();
    harness.get_by_label("Show info").click();
    harness.run();
    harness.get_by_label("Rule filter").click();
    harness.run();
    // Rules by plain names, not ids.
    assert!(harness.query_by_label("total-quantity-sum").is_none());
    harness.get_by_label("TOT is not the sum").click();
    harness.run();
    let shown = harness
        .state_mut()
        .findings()
        .entries
        .iter()
        .filter(|e| {
            e.rule == "total-quantity-sum" && e.severity == va_report::check::Severity::Error
        })
        .count();
    harness.get_by_label_contains(&format!("Showing {shown} of "));
    let fixes: Vec<_> = harness
        .get_all_by_label_contains("Fix: ")
        .map(|node| node.rect().center())
        .collect();
    assert!(fixes.len() >= 2, "{fixes:?}");
    harness
        .get_all_by_label_contains("Fix: ")
        .next()
        .unwrap()
        .click();
    harness.run();
    let status = harness.state().status().to_owned();
    assert!(
        status.starts_with("Done: set TOT to ") && status.ends_with("(Ctrl+Z undoes it)"),
        "{status}"
    );
    // The fixed finding's line stays, saying so; the next Fix has not moved.
    harness.get_by_label_contains("Fixed: Set TOT to");
    let after: Vec<_> = harness
        .get_all_by_label_contains("Fix: ")
        .map(|node| node.rect().center())
        .collect();
    assert_eq!(after.first(), fixes.get(1));
}

#[test]
fn the_project_start_and_period_months_are_picked_from_month_lists() {
    let mut harness = harness();
    harness.get_by_label("Report and periods").click();
    harness.run();
    harness.get_by_label("Project start month").click();
    harness.run();
    harness.get_by_label("October").click();
    harness.run();
    let start = harness.state().report().project_start;
    assert_eq!((start.year, start.month), (2022, 10));
    assert_eq!(
        harness.state().document().undo_label(),
        Some("change project start")
    );

    harness.get_by_label("Period 1 last month").click();
    harness.run();
    // Named by project month and calendar month (M1 is now October 2022).
    harness.get_by_label("M11 · Aug 2023").click();
    harness.run();
    let period = &harness.state().report().periods[0];
    assert_eq!((period.months.first, period.months.last), (1, 11));
}

#[test]
fn a_period_month_that_would_overlap_the_next_period_is_refused_in_the_picker() {
    let mut harness = harness();
    harness.get_by_label("Report and periods").click();
    harness.run();
    let before = harness.state().report().periods[0].months;
    let next = harness.state().report().periods[1].months;
    let start = harness.state().report().project_start;
    harness.get_by_label("Period 1 last month").click();
    harness.run();
    let overlapping = next.first;
    let option = format!(
        "M{overlapping} · {}",
        start.project_month(overlapping).short_name()
    );
    let node = harness.get_by_label(&option);
    assert!(
        node.accesskit_node().is_disabled(),
        "{option} should be refused"
    );
    node.click();
    harness.run();
    assert_eq!(harness.state().report().periods[0].months, before);
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn typing_in_the_installation_list_goes_to_the_installation_of_that_name() {
    let mut harness = harness();
    select_installation(&mut harness, "INCD - CPU");
    let index_of = |harness: &Harness<'static, VaReportApp>, name: &str| {
        harness
            .state()
            .report()
            .installations
            .iter()
            .position(|i| i.name == name)
            .unwrap()
    };
    for letter in ["w", "a", "l"] {
        harness.event(egui::Event::Text(letter.to_owned()));
        harness.run();
    }
    let walton = index_of(&harness, "WaltonCloud - CPU");
    assert_eq!(harness.state().view(), View::Installation(walton));
    // No cell was typed into on the way.
    assert!(!harness.state().document().is_dirty());

    // After a pause the letters start a new name; a name held inside counts too.
    harness.state_mut().forget_typed_in_list();
    for letter in ["u", "l", "a", "k"] {
        harness.event(egui::Event::Text(letter.to_owned()));
        harness.run();
    }
    let ulakbim = index_of(&harness, "TR-FC1-ULAKBIM");
    assert_eq!(harness.state().view(), View::Installation(ulakbim));
}

#[test]
fn rows_picked_with_ctrl_and_shift_move_and_go_together_in_one_step() {
    let mut harness = harness();
    let index = select_installation(&mut harness, "INCD - CPU");
    let names = |harness: &Harness<'static, VaReportApp>| -> Vec<String> {
        harness.state().report().installations[index]
            .metrics
            .iter()
            .map(|m| m.name.clone())
            .collect()
    };
    let before = names(&harness);
    assert!(before.len() >= 4, "{before:?}");
    let cell = |row: usize| format!("INCD - CPU, {}, M1-M12", before[row]);

    harness.get_by_label(&cell(0)).click();
    harness.run();
    click_holding(&mut harness, &cell(2), egui::Modifiers::COMMAND);
    harness.get_by_label("2 rows picked");
    harness.get_by_label("Move down").click();
    harness.run();
    let moved = names(&harness);
    assert_eq!(moved[1], before[0]);
    assert_eq!(moved[3], before[2]);
    assert_eq!(
        harness.state().document().undo_label(),
        Some("move 2 metrics")
    );
    // The rows stay picked where they went.
    harness.get_by_label("2 rows picked");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(names(&harness), before);

    // Shift+click picks the range from the cursor's row.
    harness.get_by_label(&cell(1)).click();
    harness.run();
    click_holding(&mut harness, &cell(3), egui::Modifiers::SHIFT);
    harness.get_by_label("3 rows picked");
    harness.get_by_label("Remove 3 metrics").click();
    harness.run();
    let left = names(&harness);
    assert_eq!(left.len(), before.len() - 3);
    assert_eq!(left[0], before[0]);
    assert_eq!(
        harness.state().document().undo_label(),
        Some("remove 3 metrics")
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(names(&harness), before);
}

/// Clicks the node labelled `label` while `modifiers` are held down, as a
/// person does: pressed before the click, released after it.
fn click_holding(
    harness: &mut Harness<'static, VaReportApp>,
    label: &str,
    modifiers: egui::Modifiers,
) {
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn the_findings_panel_is_docked_per_kind_of_view() {
    let mut harness = harness();
    select_installation(&mut harness, "INCD - CPU");
    let below = harness.get_by_label("Hide list").rect();
    assert!(below.top() > 450.0, "below the view: {below:?}");

    harness.get_by_label("Dock").click();
    harness.run();
    harness.get_by_label("At the right").click();
    harness.run();
    let right = harness.get_by_label("Hide list").rect();
    assert!(
        right.left() > 800.0 && right.top() < 200.0,
        "at the right: {right:?}"
    );
    // Another installation keeps the choice.
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert!(harness.get_by_label("Hide list").rect().left() > 800.0);

    // The plots need the height: no panel there until asked for.
    harness.get_by_label("Plots").click();
    harness.run();
    assert!(harness.query_by_label("Hide list").is_none());
    harness
        .state_mut()
        .run_command(va_report::ui::UiCommand::ToggleFindingsPanel);
    harness.run();
    assert!(
        harness.get_by_label("Hide list").rect().left() > 800.0,
        "shown where it was last shown"
    );
    assert_eq!(
        harness.state().settings().findings_docks.of(View::Plots),
        va_report::ui::FindingsDock::Right
    );
}

#[test]
fn on_a_wide_window_the_description_sits_open_beside_the_metrics_table() {
    let sized = |width: f32, height: f32| {
        let app =
            VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
        Harness::builder()
            .with_size(Vec2::new(width, height))
            .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app)
    };
    let mut wide = sized(1920.0, 1080.0);
    select_installation(&mut wide, "INCD - CPU");
    let total = wide
        .get_by_label("INCD - CPU, CPU/hours served over the period, TOT")
        .rect();
    // The header is the topmost "Description" (a field has that name too).
    let header = |harness: &Harness<'static, VaReportApp>| {
        harness
            .get_all_by_label("Description")
            .map(|node| node.rect())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .unwrap()
    };
    let header_rect = header(&wide);
    assert!(
        header_rect.left() > total.right(),
        "beside: {header_rect:?} vs {total:?}"
    );
    assert!(header_rect.top() < total.bottom());
    // Open there: its fields show without a click.
    wide.get_by_label("INCD - CPU, Task");

    let mut laptop = sized(1280.0, 720.0);
    select_installation(&mut laptop, "INCD - CPU");
    let total = laptop
        .get_by_label("INCD - CPU, CPU/hours served over the period, TOT")
        .rect();
    let header_rect = header(&laptop);
    assert!(
        header_rect.top() > total.bottom(),
        "below: {header_rect:?} vs {total:?}"
    );
    assert!(
        laptop.query_by_label("INCD - CPU, Task").is_none(),
        "closed below"
    );
}

#[test]
fn description_fields_and_sections_are_added_moved_and_removed_in_the_report_view() {
    let mut harness = harness();
    harness.get_by_label("Report and periods").click();
    harness.run();
    let fields = |h: &Harness<'static, VaReportApp>| {
        h.state()
            .report()
            .description_fields
            .iter()
            .map(|f| f.label.clone())
            .collect::<Vec<_>>()
    };
    let before = fields(&harness);
    harness.get_by_label("Add field").click_accesskit();
    harness.run();
    let added = fields(&harness);
    assert_eq!(added.len(), before.len() + 1);
    assert_eq!(added.last().map(String::as_str), Some("New field"));
    let last = format!("Description field {}", added.len());
    harness.get_by_label(&last);
    // Up moves it one place.
    harness
        .get_all_by_label("Up")
        .nth(added.len() - 1)
        .unwrap()
        .click_accesskit();
    harness.run();
    let moved = fields(&harness);
    assert_eq!(moved[moved.len() - 2], "New field");

    let sections = harness.state().report().sections.len();
    harness.get_by_label("Add section").click_accesskit();
    harness.run();
    assert_eq!(harness.state().report().sections.len(), sections + 1);
    let last_section = format!("Section {}", sections + 1);
    harness.get_by_label(&last_section);
    // Remove of the last section (the last Remove button on the page).
    harness
        .get_all_by_label("Remove")
        .last()
        .unwrap()
        .click_accesskit();
    harness.run();
    assert_eq!(harness.state().report().sections.len(), sections);
    assert_eq!(
        harness.state().document().undo_label(),
        Some("remove section")
    );
}

#[test]
fn a_long_country_list_wraps_in_a_taller_row_that_the_name_and_tot_share() {
    let mut harness = harness();
    let index = select_installation(&mut harness, "IFCA-CSIC Scientific Cloud - CPU");
    let report = harness.state().report();
    let installation = &report.installations[index];
    let (row, metric) = installation
        .metrics
        .iter()
        .enumerate()
        .find(|(_, m)| m.values.iter().any(|v| v.text().matches(',').count() >= 8))
        .map(|(row, m)| (row, m.name.clone()))
        .unwrap();
    let number_row = (0..installation.metrics.len()).find(|r| *r != row).unwrap();
    let number_metric = installation.metrics[number_row].name.clone();
    let period = report.periods[1].label.clone();
    let cell = |metric: &str, column: &str| {
        harness
            .get_by_label(&format!(
                "IFCA-CSIC Scientific Cloud - CPU, {metric}, {column}"
            ))
            .rect()
    };
    let list = cell(&metric, &period);
    let single = cell(&number_metric, &period);
    assert!(
        list.height() > 2.0 * single.height(),
        "{list:?} vs {single:?}"
    );
    // The pinned TOT of the same row is as tall, so the rows stay level.
    let total = cell(&metric, "TOT");
    assert!(
        (total.height() - list.height()).abs() < 1.0,
        "{total:?} vs {list:?}"
    );
    assert!((total.top() - list.top()).abs() < 1.0);
}

#[test]
fn a_status_message_takes_the_place_of_the_keys_hint_and_stays_within_the_bar() {
    let mut harness = harness();
    harness.get_by_label_contains("F2: edit in place");
    let long = format!(
        "Done: {} (Ctrl+Z undoes it)",
        "a very long change ".repeat(20)
    );
    harness.state_mut().set_status(&long);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("F2: edit in place")
            .is_none()
    );
    let status = harness.get_by_label(&long).rect();
    assert!(status.right() <= 1440.0 + 0.5, "{status:?}");
}
