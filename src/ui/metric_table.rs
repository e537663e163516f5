//! Draws the metrics table and moves the cell cursor as a spreadsheet does:
//! Enter/Shift+Enter down/up, Tab/Shift+Tab right/left, arrows; typing
//! replaces the selected cell, F2 or a double click edits it in place.

use std::collections::{BTreeSet, HashMap};

use egui::text::{CCursor, CCursorRange};
use egui::{Key, Modifiers};
use egui_extras::{Column, TableBuilder};

use super::actions::{Action, Actions};
use super::grid_paste::is_cell_block;
use super::metric_grid::MetricLink;
use super::metric_grid::{
    CellMark, GridCell, GridColumn, MetricTableView, cell_mark, findings_hover, grid_edit,
};
use super::theme;
use crate::edit::Edit;
use crate::edit::metric_rows::{Direction, move_metrics, remove_metrics};

/// Which cell of which installation's table has the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridCursor {
    pub installation: usize,
    pub row: usize,
    pub column: usize,
    /// Editing in place: Left/Right move the text cursor instead of the cell.
    pub in_place: bool,
    /// Just moved here: take focus and select the text.
    pub fresh: bool,
}

#[derive(Clone, Debug, Default)]
pub struct GridState {
    pub cursor: Option<GridCursor>,
    /// Scroll to the cursor's row on the next frame without taking focus.
    pub reveal: bool,
    /// Rows picked with Ctrl+click or Shift+click, and whose table they are.
    picked: BTreeSet<usize>,
    picked_in: Option<usize>,
    /// Where a Shift+click range starts: the row last clicked or moved to
    /// (the cursor itself is gone once its cell loses the keyboard).
    anchor: Option<(usize, usize)>,
}

impl GridState {
    /// The rows picked in installation `installation`'s table.
    pub fn picked_rows(&self, installation: usize) -> BTreeSet<usize> {
        if self.picked_in == Some(installation) {
            self.picked.clone()
        } else {
            BTreeSet::new()
        }
    }

    fn set_picked(&mut self, installation: usize, rows: BTreeSet<usize>) {
        self.picked = rows;
        self.picked_in = Some(installation);
    }

    /// A click on `row` with `modifiers`: Shift picks the rows from the
    /// cursor's to this one, Ctrl (Cmd) adds or takes away this row, a plain
    /// click drops the picked rows.
    fn pick(&mut self, installation: usize, row: usize, modifiers: Modifiers) {
        let cursor_row = self
            .anchor
            .filter(|(table, _)| *table == installation)
            .map(|(_, anchor)| anchor);
        if modifiers.shift {
            let anchor = cursor_row.unwrap_or(row);
            self.set_picked(installation, (anchor.min(row)..=anchor.max(row)).collect());
        } else if modifiers.command {
            let mut rows = self.picked_rows(installation);
            if rows.is_empty() {
                rows.extend(cursor_row);
            }
            if !rows.remove(&row) {
                rows.insert(row);
            }
            self.set_picked(installation, rows);
        } else {
            self.picked.clear();
        }
        if !modifiers.shift {
            self.anchor = Some((installation, row));
        }
    }

    pub fn select(&mut self, installation: usize, row: usize, column: usize) {
        self.anchor = Some((installation, row));
        self.cursor = Some(GridCursor {
            installation,
            row,
            column,
            in_place: false,
            fresh: true,
        });
    }

    /// Puts the cursor on a cell and scrolls to it, leaving the keyboard
    /// where it is.
    pub fn reveal(&mut self, installation: usize, row: usize, column: usize) {
        self.cursor = Some(GridCursor {
            installation,
            row,
            column,
            in_place: false,
            fresh: false,
        });
        self.reveal = true;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    Up,
    Down,
    Left,
    Right,
    /// Tab: right, wrapping to the next row.
    Next,
    /// Shift+Tab: left, wrapping to the previous row.
    Previous,
}

/// Where the cursor goes from (`row`, `column`) in a `rows` x `columns` grid.
fn moved(row: usize, column: usize, rows: usize, columns: usize, step: Move) -> (usize, usize) {
    let last_row = rows.saturating_sub(1);
    let last_column = columns.saturating_sub(1);
    match step {
        Move::Up => (row.saturating_sub(1), column),
        Move::Down => ((row + 1).min(last_row), column),
        Move::Left => (row, column.saturating_sub(1)),
        Move::Right => (row, (column + 1).min(last_column)),
        Move::Next if column < last_column => (row, column + 1),
        Move::Next if row < last_row => (row + 1, 0),
        Move::Next => (row, column),
        Move::Previous if column > 0 => (row, column - 1),
        Move::Previous if row > 0 => (row - 1, last_column),
        Move::Previous => (row, column),
    }
}

pub fn metric_table_ui(
    ui: &mut egui::Ui,
    installation: usize,
    view: &MetricTableView,
    grid: &mut GridState,
    actions: &mut Actions,
) {
    if let Some(cursor) = grid.cursor
        && (cursor.installation != installation || cursor.row >= view.rows.len())
    {
        grid.cursor = None;
    }
    let reveal = std::mem::take(&mut grid.reveal);
    let scroll_to = grid.cursor.filter(|c| c.fresh || reveal).map(|c| c.row);
    // The name column stays at the left and TOT at the right; the columns
    // between them scroll sideways when the table is wider than the view.
    let part = |wanted: fn(GridColumn) -> bool| -> Vec<usize> {
        view.columns
            .iter()
            .enumerate()
            .filter(|(_, column)| wanted(**column))
            .map(|(index, _)| index)
            .collect()
    };
    let left = part(|c| c == GridColumn::Name);
    let right = part(|c| c == GridColumn::Total);
    let middle = part(|c| c != GridColumn::Name && c != GridColumn::Total);
    let right_width: f32 = right.iter().map(|_| TOTAL_WIDTH + 8.0).sum();
    let room = ui.available_width();
    let widths = period_widths(ui, view, room);
    let picked = grid.picked_rows(installation);
    if picked.len() > 1 {
        picked_rows_bar_ui(ui, installation, &picked, view.rows.len(), grid, actions);
    }
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let parts = TablePart {
            installation,
            view,
            scroll_to,
            picked: &picked,
            widths: &widths,
            room,
        };
        // Each table in a column of its own: a table lays out its header
        // and body one below the other.
        ui.vertical(|ui| parts.show(ui, "names", &left, grid, actions));
        egui::ScrollArea::horizontal()
            .id_salt(("metric-hscroll", installation))
            .max_width((ui.available_width() - right_width).max(120.0))
            .show(ui, |ui| {
                ui.vertical(|ui| parts.show(ui, "values", &middle, grid, actions));
            });
        ui.vertical(|ui| parts.show(ui, "totals", &right, grid, actions));
    });
}

/// What can be done to several picked rows at once.
fn picked_rows_bar_ui(
    ui: &mut egui::Ui,
    installation: usize,
    picked: &BTreeSet<usize>,
    count: usize,
    grid: &mut GridState,
    actions: &mut Actions,
) {
    ui.horizontal(|ui| {
        ui.strong(format!("{} rows picked", picked.len()));
        for (label, direction) in [("Move up", Direction::Up), ("Move down", Direction::Down)] {
            let moved = move_metrics(installation, picked, count, direction);
            if ui
                .add_enabled(moved.is_some(), egui::Button::new(label))
                .on_hover_text("Moves the picked rows together, one place")
                .clicked()
                && let Some((edit, after)) = moved
            {
                actions.edit(edit);
                grid.set_picked(installation, after);
            }
        }
        if ui
            .button(format!("Remove {} metrics", picked.len()))
            .on_hover_text("Removes the picked rows and their values (Ctrl+Z undoes it)")
            .clicked()
            && let Some(edit) = remove_metrics(installation, picked)
        {
            actions.edit(edit);
            grid.picked.clear();
            grid.cursor = None;
        }
        if ui.button("Unpick").clicked() {
            grid.picked.clear();
        }
        ui.weak("Ctrl+click picks a row, Shift+click a range");
    });
}

/// A period column's narrowest starting width: a number's.
const PERIOD_WIDTH: f32 = 95.0;

/// A period column's widest starting width; longer lists are cut, whole on hover.
const PERIOD_WIDTH_MOST: f32 = 180.0;

/// A period column's width if there is room: its longest value's, up to a limit.
fn period_width(ui: &egui::Ui, view: &MetricTableView, column: GridColumn) -> f32 {
    content_width(ui, view, column).clamp(PERIOD_WIDTH, PERIOD_WIDTH_MOST)
}

/// The starting width of each period column in `available` points: wider
/// for long values only as far as the whole table still fits, so that a
/// laptop screen shows every period before a list is shown whole.
fn period_widths(
    ui: &egui::Ui,
    view: &MetricTableView,
    available: f32,
) -> HashMap<GridColumn, f32> {
    let periods: Vec<GridColumn> = view
        .columns
        .iter()
        .copied()
        .filter(|column| matches!(column, GridColumn::Period(_)))
        .collect();
    let wanted: Vec<f32> = periods.iter().map(|c| period_width(ui, view, *c)).collect();
    let extra_wanted: f32 = wanted.iter().map(|w| w - PERIOD_WIDTH).sum();
    let narrowest = narrowest_width(ui, view);
    let spare = (available - narrowest).max(0.0);
    // Every column gets the same share of what it wants beyond a number's.
    let share = if extra_wanted > 0.0 {
        (spare / extra_wanted).min(1.0)
    } else {
        0.0
    };
    periods
        .into_iter()
        .zip(wanted)
        .map(|(column, want)| (column, PERIOD_WIDTH + (want - PERIOD_WIDTH) * share))
        .collect()
}

/// The width the table needs with every period as narrow as a number's.
pub fn narrowest_width(ui: &egui::Ui, view: &MetricTableView) -> f32 {
    let periods = view
        .columns
        .iter()
        .filter(|column| matches!(column, GridColumn::Period(_)));
    let extra: f32 = periods
        .map(|column| period_width(ui, view, *column) - PERIOD_WIDTH)
        .sum();
    natural_width(ui, view) - extra
}

/// The width the whole table takes with every period as wide as it wants.
fn natural_width(ui: &egui::Ui, view: &MetricTableView) -> f32 {
    let spacing = 2.0 * ui.spacing().item_spacing.x;
    view.columns
        .iter()
        .map(|column| match column {
            GridColumn::Name => 190.0 + spacing,
            GridColumn::Method => 110.0 + spacing,
            // With the kind and resource column before it.
            GridColumn::Baseline => 85.0 + 115.0 + 2.0 * spacing,
            GridColumn::Period(_) => period_width(ui, view, *column) + spacing,
            GridColumn::Total => TOTAL_WIDTH + spacing,
        })
        .sum()
}

/// The width the longest text of grid column `column` needs, padding included.
fn content_width(ui: &egui::Ui, view: &MetricTableView, column: GridColumn) -> f32 {
    let Some(index) = view.columns.iter().position(|c| *c == column) else {
        return 0.0;
    };
    let longest = view
        .rows
        .iter()
        .filter_map(|row| row.cells.get(index))
        .map(|cell| cell.display.shown.as_str())
        .max_by_key(|text| text.chars().count())
        .unwrap_or_default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = ui
        .painter()
        .layout_no_wrap(longest.to_owned(), font, egui::Color32::PLACEHOLDER);
    galley.size().x + 2.0 * ui.spacing().item_spacing.x + 8.0
}

/// The TOT column's starting width.
const TOTAL_WIDTH: f32 = 95.0;

/// One of the three side-by-side tables the metrics table is drawn as.
struct TablePart<'a> {
    installation: usize,
    view: &'a MetricTableView,
    scroll_to: Option<usize>,
    picked: &'a BTreeSet<usize>,
    /// The starting width of each period column.
    widths: &'a HashMap<GridColumn, f32>,
    /// The width the whole table had to fit in.
    room: f32,
}

impl TablePart<'_> {
    /// Draws the grid columns `columns` (indices into the view's columns).
    fn show(
        &self,
        ui: &mut egui::Ui,
        name: &str,
        columns: &[usize],
        grid: &mut GridState,
        actions: &mut Actions,
    ) {
        if columns.is_empty() {
            return;
        }
        let (installation, view) = (self.installation, self.view);
        // Starting widths depend on the room; a window made much wider or
        // narrower starts them again.
        let room = (self.room / 100.0).round() as i64;
        let mut table = TableBuilder::new(ui)
            .id_salt(("metric-table", name, installation, room))
            .striped(true)
            .resizable(true)
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        for column in columns.iter().filter_map(|&c| view.columns.get(c)) {
            if *column == GridColumn::Baseline {
                // The kind and resource, just after the name.
                table = table.column(Column::initial(115.0).at_least(80.0).clip(true));
            }
            // Narrow enough that a three-period table and its TOT fit beside
            // the navigation on a 1280-pixel laptop screen; every column resizes.
            table = table.column(match column {
                GridColumn::Name => Column::initial(190.0).at_least(120.0).clip(true),
                GridColumn::Method => Column::initial(110.0).at_least(60.0).clip(true),
                GridColumn::Baseline => Column::initial(85.0).at_least(60.0).clip(true),
                // As wide as its longest value (a list of countries), up to a limit.
                GridColumn::Period(_) => {
                    let width = self.widths.get(column).copied().unwrap_or(PERIOD_WIDTH);
                    Column::initial(width).at_least(60.0).clip(true)
                }
                GridColumn::Total => Column::initial(TOTAL_WIDTH).at_least(60.0).clip(true),
            });
        }
        if let Some(row) = self.scroll_to {
            table = table.scroll_to_row(row, None);
        }
        table
            .header(theme::ROW_HEIGHT, |mut header| {
                for &c in columns {
                    let (Some(column), Some(title)) = (view.columns.get(c), view.headers.get(c))
                    else {
                        continue;
                    };
                    if *column == GridColumn::Baseline {
                        header.col(|ui| {
                            ui.strong("Kind · resource");
                        });
                    }
                    header.col(|ui| {
                        let response = ui.strong(title);
                        if let GridColumn::Period(index) = column {
                            response.context_menu(|ui| {
                                if ui.button("Remove this period column").clicked() {
                                    actions.edit(Edit::RemovePeriod { index: *index });
                                    ui.close();
                                }
                            });
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, view.rows.len(), |mut row| {
                    let row_index = row.index();
                    let Some(grid_row) = view.rows.get(row_index) else {
                        return;
                    };
                    row.set_selected(self.picked.contains(&row_index));
                    for &column_index in columns {
                        let Some(cell) = grid_row.cells.get(column_index) else {
                            continue;
                        };
                        if cell.column == GridColumn::Baseline {
                            row.col(|ui| {
                                link_button_ui(
                                    ui,
                                    installation,
                                    row_index,
                                    grid_row,
                                    view,
                                    actions,
                                );
                            });
                        }
                        row.col(|ui| {
                            let here = GridPosition {
                                installation,
                                row: row_index,
                                column: column_index,
                                rows: view.rows.len(),
                                columns: view.columns.len(),
                            };
                            let response = cell_ui(ui, here, cell, grid, actions);
                            response.context_menu(|ui| {
                                cell_menu_ui(ui, here, cell, grid_row, view, grid, actions);
                            });
                        });
                    }
                });
            });
    }
}

/// The kind and resource of a metric, as a button whose menu changes them.
fn link_button_ui(
    ui: &mut egui::Ui,
    installation: usize,
    row: usize,
    grid_row: &super::metric_grid::GridRow,
    view: &MetricTableView,
    actions: &mut Actions,
) {
    let link = &grid_row.link;
    let dark = ui.visuals().dark_mode;
    let confirmed = link.kind_confirmed && link.resource_confirmed;
    let text = egui::RichText::new(&link.summary).color(if confirmed {
        ui.visuals().text_color()
    } else {
        theme::weak_text(dark)
    });
    let response = ui
        .menu_button(text, |ui| {
            link_menus_ui(ui, installation, row, link, &view.resources, actions);
        })
        .response;
    response
        .on_hover_text(&link.hover)
        .accessible_name(format!("{}, kind and resource", grid_row.metric_name));
}

#[derive(Clone, Copy)]
struct GridPosition {
    installation: usize,
    row: usize,
    column: usize,
    rows: usize,
    columns: usize,
}

fn cell_ui(
    ui: &mut egui::Ui,
    here: GridPosition,
    cell: &GridCell,
    grid: &mut GridState,
    actions: &mut Actions,
) -> egui::Response {
    let active = grid.cursor.filter(|cursor| {
        cursor.installation == here.installation
            && cursor.row == here.row
            && cursor.column == here.column
    });
    match active {
        Some(cursor) => active_cell_ui(ui, here, cell, cursor, grid, actions),
        None => {
            let dark = ui.visuals().dark_mode;
            if let Some(mark) = cell_mark(&cell.findings) {
                paint_mark(ui, mark, dark);
            }
            let mut text = egui::RichText::new(&cell.display.shown);
            // A marked cell's tint already says it; coloured text on it would
            // read badly, so its text is near black or near white.
            if !cell.findings.is_empty() {
                text = text.color(theme::marked_text(dark));
            }
            if cell.display.flagged && cell.findings.is_empty() {
                text = text.color(theme::flagged_value(dark));
            }
            if cell.computed {
                text = text.italics();
            }
            let layout = if cell.display.numeric {
                egui::Layout::right_to_left(egui::Align::Center)
            } else {
                egui::Layout::left_to_right(egui::Align::Center)
            };
            ui.with_layout(layout, |ui| {
                ui.add(egui::Label::new(text).truncate().selectable(false))
            });
            // The whole cell answers the mouse, so a blank cell can be clicked too.
            let area =
                egui::Id::unique(("grid-cell-area", here.installation, here.row, here.column));
            let response = ui.interact(ui.max_rect(), area, egui::Sense::click());
            let (name, value) = (cell.accessible_name.clone(), cell.display.shown.clone());
            ui.ctx().accesskit_node_builder(response.id, move |node| {
                node.set_role(egui::accesskit::Role::Cell);
                node.set_label(name);
                node.set_value(value);
            });
            if response.clicked() || response.double_clicked() {
                let modifiers = ui.input(|input| input.modifiers);
                grid.pick(here.installation, here.row, modifiers);
                grid.cursor = Some(GridCursor {
                    installation: here.installation,
                    row: here.row,
                    column: here.column,
                    in_place: response.double_clicked(),
                    fresh: true,
                });
                actions.push(Action::EndTyping);
            }
            match findings_hover(cell.display.hover.as_deref(), &cell.findings) {
                Some(hover) => response.on_hover_text(hover),
                None if cell.display.shown.chars().count() > 24 => {
                    response.on_hover_text(&cell.display.shown)
                }
                None => response,
            }
        }
    }
}

/// Tints the cell by the severity of its findings and marks its top-right
/// corner, as spreadsheets mark a cell with a comment.
fn paint_mark(ui: &egui::Ui, mark: CellMark, dark: bool) {
    let rect = ui.max_rect().expand2(egui::vec2(4.0, 0.0));
    let (fill, marker) = if mark.acknowledged {
        (
            theme::acknowledged_fill(dark),
            theme::acknowledged_text(dark),
        )
    } else {
        (
            theme::finding_fill(mark.severity, dark),
            theme::finding_marker(mark.severity, dark),
        )
    };
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, fill);
    let size = 8.0;
    let corner = rect.right_top();
    painter.add(egui::Shape::convex_polygon(
        vec![
            corner,
            corner + egui::vec2(0.0, size),
            corner + egui::vec2(-size, 0.0),
        ],
        marker,
        egui::Stroke::NONE,
    ));
}

fn active_cell_ui(
    ui: &mut egui::Ui,
    here: GridPosition,
    cell: &GridCell,
    cursor: GridCursor,
    grid: &mut GridState,
    actions: &mut Actions,
) -> egui::Response {
    let id = egui::Id::unique(("grid-cell", here.installation, here.row, here.column));
    let focused = ui.memory(|memory| memory.has_focus(id));
    let mut step = None;
    let mut start_in_place = false;
    let mut leave = false;
    if focused {
        ui.input_mut(|input| {
            let mut key = |modifiers, key| input.consume_key(modifiers, key);
            if key(Modifiers::SHIFT, Key::Tab) {
                step = Some(Move::Previous);
            } else if key(Modifiers::NONE, Key::Tab) {
                step = Some(Move::Next);
            } else if key(Modifiers::SHIFT, Key::Enter) {
                step = Some(Move::Up);
            } else if key(Modifiers::NONE, Key::Enter) {
                step = Some(Move::Down);
            } else if key(Modifiers::NONE, Key::ArrowUp) {
                step = Some(Move::Up);
            } else if key(Modifiers::NONE, Key::ArrowDown) {
                step = Some(Move::Down);
            } else if !cursor.in_place && key(Modifiers::NONE, Key::ArrowLeft) {
                step = Some(Move::Left);
            } else if !cursor.in_place && key(Modifiers::NONE, Key::ArrowRight) {
                step = Some(Move::Right);
            } else if key(Modifiers::NONE, Key::F2) {
                start_in_place = true;
            } else if key(Modifiers::NONE, Key::Escape) {
                leave = true;
            }
        });
        // A block of cells from a spreadsheet fills the table from here,
        // instead of landing in this one cell.
        let block = ui.input_mut(|input| {
            let position = input.events.iter().position(
                |event| matches!(event, egui::Event::Paste(text) if is_cell_block(text)),
            )?;
            match input.events.remove(position) {
                egui::Event::Paste(text) => Some(text),
                _ => None,
            }
        });
        if let Some(text) = block {
            actions.push(Action::PasteCells {
                installation: here.installation,
                row: here.row,
                column: here.column,
                text,
            });
        }
    }

    let dark = ui.visuals().dark_mode;
    let mut text = cell.written.clone();
    let align = if cell.display.numeric {
        egui::Align::RIGHT
    } else {
        egui::Align::LEFT
    };
    let output = egui::TextEdit::singleline(&mut text)
        .id(id)
        .align(egui::Align2([align, egui::Align::Center]))
        .background_color(theme::active_cell_fill(dark))
        .desired_width(f32::INFINITY)
        .show(ui);
    let response = output.response.response.clone();
    let name = cell.accessible_name.clone();
    ui.ctx()
        .accesskit_node_builder(id, move |node| node.set_label(name));
    if response.changed() {
        if cell.computed {
            actions.edit(Edit::SetTotalFollows {
                installation: here.installation,
                metric: here.row,
                follows: false,
                total: None,
            });
        }
        actions.typed(grid_edit(
            here.installation,
            here.row,
            cell.column,
            text.clone(),
        ));
    }

    if cursor.fresh {
        response.request_focus();
        response.scroll_to_me(None);
        let mut state = output.state;
        let end = CCursor::new(text.chars().count());
        let range = if cursor.in_place {
            CCursorRange::one(end)
        } else {
            CCursorRange::two(CCursor::new(0), end)
        };
        state.cursor.set_char_range(Some(range));
        state.store(ui.ctx(), id);
        if let Some(active) = grid.cursor.as_mut() {
            active.fresh = false;
        }
    }
    if start_in_place && let Some(active) = grid.cursor.as_mut() {
        active.in_place = true;
        active.fresh = true;
    }
    // egui itself takes focus away on Escape, so the key may arrive as a
    // lost focus rather than through the consumed keys above.
    let leave =
        leave || (response.lost_focus() && ui.input(|input| input.key_pressed(Key::Escape)));
    if let Some(step) = step {
        let (row, column) = moved(here.row, here.column, here.rows, here.columns, step);
        actions.push(Action::EndTyping);
        grid.select(here.installation, row, column);
    } else if leave {
        // Escape drops what was typed but keeps the cell selected, so that
        // the arrows go on moving from here.
        let edit = grid_edit(here.installation, here.row, cell.column, String::new());
        if let Some(target) = edit.typing_target() {
            actions.push(Action::CancelTyping(target));
        }
        grid.select(here.installation, here.row, here.column);
    } else if response.lost_focus() {
        actions.push(Action::EndTyping);
        if grid.cursor.is_some_and(|c| !c.fresh) {
            grid.cursor = None;
        }
    }
    match findings_hover(cell.display.hover.as_deref(), &cell.findings) {
        Some(hover) => response.on_hover_text(hover),
        None => response,
    }
}

/// A cell's right-click menu: the cell (copy, paste, clear, its findings'
/// fixes and acknowledgements, where it came from, how its TOT is made),
/// then its metric row.
fn cell_menu_ui(
    ui: &mut egui::Ui,
    here: GridPosition,
    cell: &GridCell,
    grid_row: &super::metric_grid::GridRow,
    view: &MetricTableView,
    grid: &mut GridState,
    actions: &mut Actions,
) {
    if ui.button("Copy").clicked() {
        ui.ctx().copy_text(cell.written.clone());
        actions.push(Action::Status(format!("Copied \"{}\"", cell.written)));
        ui.close();
    }
    if ui.button("Paste").clicked() {
        grid.select(here.installation, here.row, here.column);
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::RequestPaste);
        ui.close();
    }
    if ui
        .add_enabled(!cell.written.is_empty(), egui::Button::new("Clear"))
        .clicked()
    {
        if cell.computed {
            actions.edit(Edit::SetTotalFollows {
                installation: here.installation,
                metric: here.row,
                follows: false,
                total: Some(String::new()),
            });
        } else {
            actions.edit(grid_edit(
                here.installation,
                here.row,
                cell.column,
                String::new(),
            ));
        }
        ui.close();
    }
    for finding in &cell.findings {
        if let Some(fix) = finding.fix.as_ref().filter(|_| !finding.acknowledged)
            && ui
                .button(format!("Fix: {fix}"))
                .on_hover_text(&finding.message)
                .clicked()
        {
            actions.push(Action::FixFinding(finding.index));
            ui.close();
        }
    }
    for finding in cell.findings.iter().filter(|f| !f.acknowledged) {
        let label = if cell.findings.len() == 1 {
            "Acknowledge…".to_owned()
        } else {
            format!("Acknowledge: {}…", short(&finding.message))
        };
        if ui.button(label).on_hover_text(&finding.message).clicked() {
            actions.push(Action::AcknowledgeFinding(finding.index));
            ui.close();
        }
    }
    if ui
        .add_enabled(cell.source.is_some(), egui::Button::new("Show source"))
        .on_disabled_hover_text("Typed or pasted here, not imported")
        .clicked()
    {
        if let Some(source) = &cell.source {
            actions.push(Action::Status(source.clone()));
        }
        ui.close();
    }
    if cell.column == GridColumn::Total {
        let computes = crate::edit::kind_computes_total(grid_row.kind);
        let mut follows = grid_row.total_follows && computes;
        let toggle = ui
            .add_enabled(
                computes,
                egui::Checkbox::new(&mut follows, "TOT follows the periods"),
            )
            .on_hover_text(grid_row.kind.total_rule())
            .on_disabled_hover_text(
                "A distinct count's TOT cannot be computed from its periods: type it",
            );
        if toggle.clicked() {
            actions.edit(Edit::SetTotalFollows {
                installation: here.installation,
                metric: here.row,
                follows,
                total: None,
            });
            ui.close();
        }
    }
    ui.separator();
    metric_menu_ui(
        ui,
        here.installation,
        here.row,
        view,
        &grid_row.link,
        actions,
    );
}

/// The first words of a message, for a menu entry.
fn short(message: &str) -> String {
    let mut words: Vec<&str> = message.split_whitespace().take(6).collect();
    if message.split_whitespace().count() > 6 {
        words.push("…");
    }
    words.join(" ")
}

fn metric_menu_ui(
    ui: &mut egui::Ui,
    installation: usize,
    row: usize,
    view: &MetricTableView,
    link: &MetricLink,
    actions: &mut Actions,
) {
    let count = view.rows.len();
    if ui.button("Duplicate metric").clicked() {
        actions.push(Action::DuplicateMetric {
            installation,
            metric: row,
        });
        ui.close();
    }
    if ui
        .add_enabled(row > 0, egui::Button::new("Move up"))
        .clicked()
    {
        actions.edit(Edit::MoveMetric {
            installation,
            from: row,
            to: row - 1,
        });
        ui.close();
    }
    if ui
        .add_enabled(row + 1 < count, egui::Button::new("Move down"))
        .clicked()
    {
        actions.edit(Edit::MoveMetric {
            installation,
            from: row,
            to: row + 1,
        });
        ui.close();
    }
    link_menus_ui(ui, installation, row, link, &view.resources, actions);
    ui.separator();
    if ui.button("Remove metric").clicked() {
        actions.edit(Edit::RemoveMetric {
            installation,
            index: row,
        });
        ui.close();
    }
}

/// The Kind and Resource menus of one metric: choosing confirms; "Guess"
/// hands the choice back to the guesses.
pub fn link_menus_ui(
    ui: &mut egui::Ui,
    installation: usize,
    metric: usize,
    link: &MetricLink,
    resources: &[(String, String)],
    actions: &mut Actions,
) {
    ui.menu_button("Kind", |ui| {
        for choice in crate::model::MetricKind::ALL {
            let chosen = link.kind == choice && link.kind_confirmed;
            if ui
                .radio(chosen, choice.label())
                .on_hover_text(choice.total_rule())
                .clicked()
            {
                actions.edit(Edit::SetMetricKind {
                    installation,
                    metric,
                    kind: choice,
                    confirmed: true,
                });
                ui.close();
            }
        }
        ui.separator();
        if ui
            .radio(!link.kind_confirmed, "Guess from the name")
            .clicked()
        {
            actions.edit(Edit::SetMetricKind {
                installation,
                metric,
                kind: link.kind,
                confirmed: false,
            });
            ui.close();
        }
    });
    ui.menu_button("Resource", |ui| {
        for (id, label) in resources {
            let chosen = link.resource.as_deref() == Some(id.as_str()) && link.resource_confirmed;
            if ui.radio(chosen, label).clicked() {
                actions.edit(Edit::SetMetricResource {
                    installation,
                    metric,
                    resource: Some(id.clone()),
                    confirmed: true,
                });
                ui.close();
            }
        }
        let none = link.resource.is_none() && link.resource_confirmed;
        if ui.radio(none, "No resource").clicked() {
            actions.edit(Edit::SetMetricResource {
                installation,
                metric,
                resource: None,
                confirmed: true,
            });
            ui.close();
        }
        ui.separator();
        if ui
            .radio(!link.resource_confirmed, "Guess from the name")
            .clicked()
        {
            actions.edit(Edit::SetMetricResource {
                installation,
                metric,
                resource: link.resource.clone(),
                confirmed: false,
            });
            ui.close();
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn the_cursor_moves_like_a_spreadsheet() {
        let table = [
            ((0, 0), Move::Up, (0, 0)),
            ((0, 0), Move::Down, (1, 0)),
            ((2, 0), Move::Down, (2, 0)),
            ((1, 6), Move::Right, (1, 6)),
            ((1, 6), Move::Next, (2, 0)),
            ((2, 6), Move::Next, (2, 6)),
            ((1, 0), Move::Previous, (0, 6)),
            ((0, 0), Move::Previous, (0, 0)),
            ((1, 3), Move::Left, (1, 2)),
        ];
        for ((row, column), step, expected) in table {
            assert_eq!(
                moved(row, column, 3, 7, step),
                expected,
                "{step:?} from {row},{column}"
            );
        }
    }
}
