//! Reading a provider file into grids of cells with their A1 positions.
//!
//! Spreadsheets go through calamine, CSV/TSV through the `csv` crate. Before
//! calamine inflates anything, the zip central directory is checked: a part
//! that would inflate past [`Limits::max_part_bytes`] is refused. Each sheet
//! may hold at most [`Limits::max_cells`] cells and [`Limits::max_text_bytes`]
//! of text (one long shared string referenced from many cells would otherwise
//! be copied into each); cells are kept sparse, so a lone cell at the far
//! corner of a sheet costs one cell, not a billion. A compound file (`.xls`)
//! whose header points past its end is refused before calamine follows it.
//!
//! These checks bound what this module allocates; calamine's own allocations
//! and its panics on damaged files are bounded by reading in a separate
//! process (see [`super::guard`]). There the rows are not kept: they go to a
//! [`RowOutlet`] as they are read, which sends them on to the parent.

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};

use calamine::{
    Data, DataRef, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx, open_workbook_from_rs,
};

/// What one sheet may hold, and what one zip part may inflate to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_part_bytes: u64,
    pub max_cells: usize,
    /// Text bytes one sheet may hold, all its cells together.
    pub max_text_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 512 * 1024 * 1024,
            max_part_bytes: 256 * 1024 * 1024,
            max_cells: 8_000_000,
            max_text_bytes: 256 * 1024 * 1024,
        }
    }
}

/// A cell value as read, before any interpretation.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    /// A date cell: calamine's conversion of the Excel serial date.
    Date {
        year: i32,
        month: u8,
    },
    /// A formula error such as `#DIV/0!`.
    Error(String),
}

/// One row of a sheet: its 0-based index and its non-empty cells by column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub index: u32,
    pub cells: Vec<(u32, Value)>,
}

impl Row {
    pub fn get(&self, column: u32) -> Option<&Value> {
        self.cells
            .binary_search_by_key(&column, |(c, _)| *c)
            .ok()
            .and_then(|i| self.cells.get(i))
            .map(|(_, value)| value)
    }
}

/// A sheet as sparse rows in ascending order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub sheet: String,
    pub rows: Vec<Row>,
}

/// Everything read from one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    pub grids: Vec<Grid>,
    /// Sheets not read, with the reason (hidden sheets, chart sheets).
    pub skipped: Vec<(String, String)>,
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    #[error("the file is empty (zero bytes)")]
    ZeroBytes,
    #[error("the file is larger than {limit_mb} MB")]
    TooLarge { limit_mb: u64 },
    #[error("the workbook is password-protected; save it without a password and import it again")]
    Password,
    #[error("this is a Word document, not a spreadsheet")]
    WordDocument,
    #[error("this is not a spreadsheet ({0})")]
    NotSpreadsheet(String),
    #[error("the file is damaged or truncated ({0})")]
    Damaged(String),
    #[error("part {part} would inflate to {size_mb} MB, more than the {limit_mb} MB allowed")]
    PartTooLarge {
        part: String,
        size_mb: u64,
        limit_mb: u64,
    },
    #[error("sheet {sheet:?} has more than {limit} cells")]
    TooManyCells { sheet: String, limit: usize },
    #[error("sheet {sheet:?} holds more than {limit_mb} MB of text")]
    TooMuchText { sheet: String, limit_mb: u64 },
    /// The reader panicked, or its process died.
    #[error("the file is damaged (reader stopped)")]
    ReaderStopped,
    #[error("the file is damaged (reading took longer than {secs} s)")]
    TimedOut { secs: u64 },
    #[error("the file is damaged (it needs more memory than the {limit_mb} MB allowed)")]
    OutOfMemory { limit_mb: u64 },
    #[error("the reading process could not be started ({0})")]
    WorkerUnavailable(String),
    #[error("the workbook is empty: no sheet holds any cell")]
    Empty,
    #[error("reading was cancelled")]
    Cancelled,
}

/// `A`, `Z`, `AA`, ..., `XFD` for 0, 25, 26, ..., 16383.
pub fn column_name(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// `B7` for row 6, column 1 (both 0-based).
pub fn a1(row: u32, column: u32) -> String {
    format!("{}{}", column_name(column), u64::from(row) + 1)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Xlsx,
    Xlsb,
    Ods,
    Xls,
    Delimited,
}

/// Reads `bytes` (the content of `file_name`) into grids.
pub fn read_bytes(file_name: &str, bytes: &[u8], limits: Limits) -> Result<Workbook, ReadError> {
    read_bytes_cancellable(file_name, bytes, limits, &AtomicBool::new(false))
}

/// [`read_bytes`], stopping early with [`ReadError::Cancelled`] once
/// `cancel` is set.
pub fn read_bytes_cancellable(
    file_name: &str,
    bytes: &[u8],
    limits: Limits,
    cancel: &AtomicBool,
) -> Result<Workbook, ReadError> {
    read_bytes_into(file_name, bytes, limits, cancel, None)
}

/// Where the rows of each sheet go while it is read, when they are not kept
/// in the returned [`Workbook`]. The rows are given in the order read, not
/// yet sorted: pushed into a [`Sink`] in that order they give the grid the
/// file gives in process.
pub trait RowOutlet {
    /// Complete rows of the sheet being read.
    fn rows(&mut self, rows: &[Row]);
    /// The sheet `sheet` is read; the rows since the last sheet were its rows.
    fn sheet_read(&mut self, sheet: &str);
    /// How many rows this outlet was given.
    fn rows_given(&self) -> usize;
}

/// [`read_bytes_cancellable`]; with an `outlet`, the rows go to it and the
/// grids of the returned workbook are empty.
pub fn read_bytes_into(
    file_name: &str,
    bytes: &[u8],
    limits: Limits,
    cancel: &AtomicBool,
    mut outlet: Option<&mut dyn RowOutlet>,
) -> Result<Workbook, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::ZeroBytes);
    }
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            limit_mb: limits.max_file_bytes / (1024 * 1024),
        });
    }
    let workbook = match detect(file_name, bytes, limits)? {
        Format::Delimited => {
            read_delimited(file_name, bytes, limits, cancel, reborrow(&mut outlet))?
        }
        Format::Xlsx => {
            let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::XlsxError| ReadError::Damaged(e.to_string()))?;
            read_streamed(
                &mut book,
                limits,
                cancel,
                reborrow(&mut outlet),
                |book: &mut Xlsx<_>, name: &str, sink: &mut Sink<'_>| {
                    let mut reader = book
                        .worksheet_cells_reader(name)
                        .map_err(|e| ReadError::Damaged(e.to_string()))?;
                    while let Some(cell) = reader
                        .next_cell()
                        .map_err(|e| ReadError::Damaged(e.to_string()))?
                    {
                        let (row, column) = cell.get_position();
                        sink.push(row, column, value_of_ref(cell.get_value()))?;
                    }
                    Ok(())
                },
            )?
        }
        Format::Xlsb => {
            let mut book: Xlsb<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::XlsbError| ReadError::Damaged(e.to_string()))?;
            read_streamed(
                &mut book,
                limits,
                cancel,
                reborrow(&mut outlet),
                |book: &mut Xlsb<_>, name: &str, sink: &mut Sink<'_>| {
                    let mut reader = book
                        .worksheet_cells_reader(name)
                        .map_err(|e| ReadError::Damaged(e.to_string()))?;
                    while let Some(cell) = reader
                        .next_cell()
                        .map_err(|e| ReadError::Damaged(e.to_string()))?
                    {
                        let (row, column) = cell.get_position();
                        sink.push(row, column, value_of_ref(cell.get_value()))?;
                    }
                    Ok(())
                },
            )?
        }
        Format::Ods => {
            let book: Ods<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::OdsError| damaged_or_password(e.to_string()))?;
            read_ranges(book, limits, cancel, reborrow(&mut outlet))?
        }
        Format::Xls => {
            let book: Xls<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::XlsError| damaged_or_password(e.to_string()))?;
            read_ranges(book, limits, cancel, reborrow(&mut outlet))?
        }
    };
    let no_rows = match &outlet {
        Some(outlet) => outlet.rows_given() == 0,
        None => workbook.grids.iter().all(|grid| grid.rows.is_empty()),
    };
    if no_rows && workbook.skipped.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(workbook)
}

/// [`read_bytes_cancellable`] with a panic inside a parser caught and
/// returned as [`ReadError::ReaderStopped`]. This keeps the caller alive
/// when a parser panics, but not when it hangs or exhausts memory: for
/// that, read in a worker process ([`super::guard`]).
pub fn read_bytes_caught(
    file_name: &str,
    bytes: &[u8],
    limits: Limits,
    cancel: &AtomicBool,
    outlet: Option<&mut dyn RowOutlet>,
) -> Result<Workbook, ReadError> {
    crate::caught_panic::catch(|| read_bytes_into(file_name, bytes, limits, cancel, outlet))
        .unwrap_or(Err(ReadError::ReaderStopped))
}

/// calamine's error for a workbook it cannot open: a password, or damage.
fn damaged_or_password(message: String) -> ReadError {
    if message.to_lowercase().contains("password") {
        ReadError::Password
    } else {
        ReadError::Damaged(message)
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn extension(file_name: &str) -> String {
    std::path::Path::new(file_name)
        .extension()
        .map(|ext| ext.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn detect(file_name: &str, bytes: &[u8], limits: Limits) -> Result<Format, ReadError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(b"PK\x05\x06") {
        return detect_zip(bytes, limits);
    }
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted OOXML workbook is a compound file holding an
        // "EncryptedPackage" stream (its name is stored in UTF-16).
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|window| window == marker) {
            return Err(ReadError::Password);
        }
        check_compound_file(bytes)?;
        return Ok(Format::Xls);
    }
    let ext = extension(file_name);
    // Text has no NUL bytes (UTF-16 files are not supported as CSV).
    let looks_textual = !bytes
        .get(..bytes.len().min(4096))
        .unwrap_or(bytes)
        .contains(&0);
    if looks_textual && matches!(ext.as_str(), "csv" | "tsv" | "txt" | "tab" | "") {
        return Ok(Format::Delimited);
    }
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "ods") && bytes.len() < 64 {
        return Err(ReadError::Damaged("too short to be a workbook".to_owned()));
    }
    let what = if bytes.starts_with(b"%PDF") {
        "a PDF document".to_owned()
    } else if looks_textual {
        "plain text".to_owned()
    } else {
        "unknown binary content".to_owned()
    };
    Err(ReadError::NotSpreadsheet(what))
}

fn u16_at(bytes: &[u8], offset: usize) -> Option<u16> {
    let pair = bytes.get(offset..offset.checked_add(2)?)?;
    Some(u16::from_le_bytes(pair.try_into().ok()?))
}

fn u32_at(bytes: &[u8], offset: usize) -> Option<u32> {
    let quad = bytes.get(offset..offset.checked_add(4)?)?;
    Some(u32::from_le_bytes(quad.try_into().ok()?))
}

/// The header of a compound file (MS-CFB 2.2) against the file's real
/// length: sector sizes as the format allows, and the FAT sectors and the
/// first directory sector it names inside the file. A download cut short
/// usually loses the FAT, which the header then points past.
fn check_compound_file(bytes: &[u8]) -> Result<(), ReadError> {
    let damaged = |what: &str| Err(ReadError::Damaged(format!("compound file: {what}")));
    if bytes.len() < 512 {
        return damaged("shorter than its header");
    }
    let (Some(byte_order), Some(sector_shift), Some(mini_shift)) = (
        u16_at(bytes, 0x1C),
        u16_at(bytes, 0x1E),
        u16_at(bytes, 0x20),
    ) else {
        return damaged("unreadable header");
    };
    if byte_order != 0xFFFE || !matches!(sector_shift, 9 | 12) || mini_shift != 6 {
        return damaged("invalid header");
    }
    let sector_size = 1u64 << sector_shift;
    let length = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    // Sector n starts at (n + 1) * sector_size; a partial last sector counts.
    let sectors = length.div_ceil(sector_size).saturating_sub(1);
    let (Some(fat_sectors), Some(directory)) = (u32_at(bytes, 0x2C), u32_at(bytes, 0x30)) else {
        return damaged("unreadable header");
    };
    if fat_sectors == 0 || u64::from(fat_sectors) > sectors {
        return damaged("its allocation table is missing");
    }
    if u64::from(directory) >= sectors {
        return damaged("its directory lies past the end");
    }
    let listed = usize::try_from(fat_sectors.min(109)).unwrap_or(109);
    for index in 0..listed {
        let Some(sector) = u32_at(bytes, 0x4C + 4 * index) else {
            return damaged("unreadable header");
        };
        if u64::from(sector) >= sectors {
            return damaged("its allocation table lies past the end");
        }
    }
    Ok(())
}

fn detect_zip(bytes: &[u8], limits: Limits) -> Result<Format, ReadError> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::Damaged(format!("zip archive: {e}")))?;
    let mut format = None;
    let mut word = false;
    let mut total: u64 = 0;
    for name in archive.file_names_raw() {
        match name {
            b"xl/workbook.xml" => format = Some(Format::Xlsx),
            b"xl/workbook.bin" => format = Some(Format::Xlsb),
            b"content.xml" => format = format.or(Some(Format::Ods)),
            b"word/document.xml" => word = true,
            _ => {}
        }
    }
    // Sizes as the central directory declares them, before inflating anything.
    let mut archive = archive;
    for index in 0..archive.len() {
        let Ok(file) = archive.by_index_raw(index) else {
            return Err(ReadError::Damaged("unreadable zip entry".to_owned()));
        };
        let size = file.size();
        total = total.saturating_add(size);
        if size > limits.max_part_bytes || total > limits.max_part_bytes.saturating_mul(4) {
            return Err(ReadError::PartTooLarge {
                part: file.name().map(|n| n.into_owned()).unwrap_or_default(),
                size_mb: size / (1024 * 1024),
                limit_mb: limits.max_part_bytes / (1024 * 1024),
            });
        }
        if file.encrypted() {
            return Err(ReadError::Password);
        }
    }
    match format {
        Some(format) => Ok(format),
        None if word => Err(ReadError::WordDocument),
        None => Err(ReadError::NotSpreadsheet(
            "a zip archive without a workbook".to_owned(),
        )),
    }
}

/// The outlet again, for a shorter while (one sheet).
fn reborrow<'s>(outlet: &'s mut Option<&mut dyn RowOutlet>) -> Option<&'s mut dyn RowOutlet> {
    match outlet {
        Some(outlet) => Some(&mut **outlet),
        None => None,
    }
}

/// Rows a [`Sink`] with an outlet holds before it gives them on.
const ROWS_HELD: usize = 1024;

/// Never set: for sinks that cannot be cancelled.
static NEVER_CANCELLED: AtomicBool = AtomicBool::new(false);

/// Collects cells of one sheet, refusing more than the limit. With an
/// outlet, complete rows go to it as they come instead of being kept.
pub(crate) struct Sink<'c> {
    cancel: &'c AtomicBool,
    outlet: Option<&'c mut dyn RowOutlet>,
    rows: Vec<Row>,
    count: usize,
    limit: usize,
    text_bytes: u64,
    text_limit: u64,
    sheet: String,
    sorted: bool,
}

impl<'c> Sink<'c> {
    fn new(
        sheet: &str,
        limits: &Limits,
        cancel: &'c AtomicBool,
        outlet: Option<&'c mut dyn RowOutlet>,
    ) -> Self {
        Self {
            cancel,
            outlet,
            rows: Vec::new(),
            count: 0,
            limit: limits.max_cells,
            text_bytes: 0,
            text_limit: limits.max_text_bytes,
            sheet: sheet.to_owned(),
            sorted: true,
        }
    }

    fn push(&mut self, row: u32, column: u32, value: Option<Value>) -> Result<(), ReadError> {
        let Some(value) = value else {
            return Ok(());
        };
        self.count += 1;
        if self.count.is_multiple_of(65_536) && self.cancel.load(Ordering::Relaxed) {
            return Err(ReadError::Cancelled);
        }
        if self.count > self.limit {
            return Err(ReadError::TooManyCells {
                sheet: self.sheet.clone(),
                limit: self.limit,
            });
        }
        if let Value::Text(text) | Value::Error(text) = &value {
            let length = u64::try_from(text.len()).unwrap_or(u64::MAX);
            self.text_bytes = self.text_bytes.saturating_add(length);
            if self.text_bytes > self.text_limit {
                return Err(ReadError::TooMuchText {
                    sheet: self.sheet.clone(),
                    limit_mb: self.text_limit / (1024 * 1024),
                });
            }
        }
        match self.rows.last_mut() {
            Some(last) if last.index == row => {
                if last.cells.last().is_some_and(|(c, _)| *c >= column) {
                    self.sorted = false;
                }
                last.cells.push((column, value));
            }
            last => {
                if last.is_some_and(|last| last.index > row) {
                    self.sorted = false;
                }
                self.rows.push(Row {
                    index: row,
                    cells: vec![(column, value)],
                });
                // All but the row just begun are complete.
                if self.rows.len() > ROWS_HELD
                    && let Some(outlet) = self.outlet.as_mut()
                {
                    let complete = self.rows.len() - 1;
                    outlet.rows(self.rows.get(..complete).unwrap_or_default());
                    self.rows.drain(..complete);
                }
            }
        }
        Ok(())
    }

    /// A sink that takes every cell it is given, in this process.
    pub(crate) fn unlimited(sheet: &str) -> Sink<'static> {
        let unlimited = Limits {
            max_cells: usize::MAX,
            max_text_bytes: u64::MAX,
            ..Limits::default()
        };
        Sink::new(sheet, &unlimited, &NEVER_CANCELLED, None)
    }

    /// The same cell pushed again without a limit (a reply from a worker
    /// carries cells the worker already counted).
    pub(crate) fn push_value(&mut self, row: u32, column: u32, value: Value) {
        let _ = self.push(row, column, Some(value));
    }

    /// The sheet's grid, its rows sorted; with an outlet, the rows go to
    /// it as they are (the receiving sink sorts them) and the grid is empty.
    pub(crate) fn finish(mut self) -> Grid {
        if let Some(outlet) = self.outlet.take() {
            if !self.rows.is_empty() {
                outlet.rows(&self.rows);
            }
            outlet.sheet_read(&self.sheet);
            return Grid {
                sheet: self.sheet,
                rows: Vec::new(),
            };
        }
        if !self.sorted {
            let mut cells: Vec<(u32, u32, Value)> = self
                .rows
                .drain(..)
                .flat_map(|row| {
                    let index = row.index;
                    row.cells.into_iter().map(move |(c, v)| (index, c, v))
                })
                .collect();
            cells.sort_by_key(|(r, c, _)| (*r, *c));
            cells.dedup_by_key(|(r, c, _)| (*r, *c));
            let mut sink = Sink::unlimited(&self.sheet);
            for (r, c, v) in cells {
                sink.push_value(r, c, v);
            }
            self.rows = sink.rows;
        }
        Grid {
            sheet: self.sheet,
            rows: self.rows,
        }
    }
}

fn visible_sheets<RS, R: Reader<RS>>(book: &R) -> (Vec<String>, Vec<(String, String)>)
where
    RS: std::io::Read + std::io::Seek,
{
    let mut names = Vec::new();
    let mut skipped = Vec::new();
    for sheet in book.sheets_metadata() {
        if sheet.visible != SheetVisible::Visible {
            skipped.push((sheet.name.clone(), "hidden sheet".to_owned()));
        } else if sheet.typ != SheetType::WorkSheet {
            skipped.push((sheet.name.clone(), "not a worksheet".to_owned()));
        } else {
            names.push(sheet.name.clone());
        }
    }
    (names, skipped)
}

fn read_streamed<RS, R, F>(
    book: &mut R,
    limits: Limits,
    cancel: &AtomicBool,
    mut outlet: Option<&mut dyn RowOutlet>,
    read: F,
) -> Result<Workbook, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    F: Fn(&mut R, &str, &mut Sink<'_>) -> Result<(), ReadError>,
{
    let (names, skipped) = visible_sheets(book);
    let mut grids = Vec::new();
    for name in names {
        let mut sink = Sink::new(&name, &limits, cancel, reborrow(&mut outlet));
        read(book, &name, &mut sink)?;
        grids.push(sink.finish());
    }
    Ok(Workbook { grids, skipped })
}

fn read_ranges<RS, R>(
    mut book: R,
    limits: Limits,
    cancel: &AtomicBool,
    mut outlet: Option<&mut dyn RowOutlet>,
) -> Result<Workbook, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let (names, skipped) = visible_sheets(&book);
    let mut grids = Vec::new();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| ReadError::Damaged(e.to_string()))?;
        let mut sink = Sink::new(&name, &limits, cancel, reborrow(&mut outlet));
        for (row, column, data) in range.used_cells() {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let row = u32::try_from(row).unwrap_or(u32::MAX).saturating_add(r0);
            let column = u32::try_from(column).unwrap_or(u32::MAX).saturating_add(c0);
            sink.push(row, column, value_of(data))?;
        }
        grids.push(sink.finish());
    }
    Ok(Workbook { grids, skipped })
}

/// A number cell; NaN and infinities (only a damaged file holds them) read
/// as Excel's `#NUM!`.
fn number(n: f64) -> Value {
    if n.is_finite() {
        Value::Number(n)
    } else {
        Value::Error("#NUM!".to_owned())
    }
}

fn date_value(datetime: &calamine::ExcelDateTime) -> Value {
    if datetime.is_datetime() {
        let (year, month, ..) = datetime.to_ymd_hms_milli();
        Value::Date {
            year: i32::from(year),
            month,
        }
    } else {
        Value::Number(datetime.as_f64())
    }
}

fn text_value(text: &str) -> Option<Value> {
    (!text.trim().is_empty()).then(|| Value::Text(text.to_owned()))
}

fn value_of_ref(data: &DataRef<'_>) -> Option<Value> {
    match data {
        DataRef::Int(n) => Some(Value::Number(*n as f64)),
        DataRef::Float(n) => Some(number(*n)),
        DataRef::String(s) => text_value(s),
        DataRef::SharedString(s) => text_value(s),
        DataRef::Bool(b) => Some(Value::Text(b.to_string())),
        DataRef::DateTime(datetime) => Some(date_value(datetime)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_value(s),
        DataRef::Error(error) => Some(Value::Error(error.to_string())),
        DataRef::Empty => None,
    }
}

fn value_of(data: &Data) -> Option<Value> {
    match data {
        Data::Int(n) => Some(Value::Number(*n as f64)),
        Data::Float(n) => Some(number(*n)),
        Data::String(s) => text_value(s),
        Data::Bool(b) => Some(Value::Text(b.to_string())),
        Data::DateTime(datetime) => Some(date_value(datetime)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => text_value(s),
        Data::Error(error) => Some(Value::Error(error.to_string())),
        Data::Empty => None,
    }
}

/// Reads CSV or TSV: the delimiter is the one of `,`, `;`, tab and `|` that
/// splits the first lines most consistently.
fn read_delimited(
    file_name: &str,
    bytes: &[u8],
    limits: Limits,
    cancel: &AtomicBool,
    outlet: Option<&mut dyn RowOutlet>,
) -> Result<Workbook, ReadError> {
    // UTF-8 when valid, else Latin-1 (what older spreadsheet programs write).
    let text: String = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let sheet = std::path::Path::new(file_name)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| file_name.to_owned());
    let mut outlet = outlet;
    let mut sink = Sink::new(&sheet, &limits, cancel, reborrow(&mut outlet));
    let mut record = csv::StringRecord::new();
    let mut row: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => return Err(ReadError::Damaged(error.to_string())),
        }
        for (column, field) in record.iter().enumerate() {
            let column = u32::try_from(column).unwrap_or(u32::MAX);
            sink.push(row, column, text_value(field))?;
        }
        row = row.saturating_add(1);
    }
    Ok(Workbook {
        grids: vec![sink.finish()],
        skipped: Vec::new(),
    })
}

/// The delimiter that gives the most lines with the same number (> 1) of fields.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (b',', 0usize);
    for delimiter in [b'\t', b';', b',', b'|'] {
        let mut counts = std::collections::HashMap::<usize, usize>::new();
        for line in &lines {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(line.as_bytes());
            let fields = reader
                .records()
                .next()
                .and_then(Result::ok)
                .map_or(0, |record| record.len());
            if fields > 1 {
                *counts.entry(fields).or_default() += fields;
            }
        }
        let score = counts.values().copied().max().unwrap_or(0);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 1), "B7");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter("a,b,c\n\"1,000\",2,3\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
    }

    #[test]
    fn csv_reads_into_a_grid_named_after_the_file() {
        let book = read_bytes("INCD.csv", b"Metric;M25-M36\nUsers;5\n", Limits::default()).unwrap();
        let grid = &book.grids[0];
        assert_eq!(grid.sheet, "INCD");
        assert_eq!(grid.rows[1].get(1), Some(&Value::Text("5".to_owned())));
    }

    #[test]
    fn latin1_csv_is_read() {
        let book = read_bytes(
            "a.csv",
            b"Metric;M1-M12\nNombre d'utilisateurs \xe9;5\n",
            Limits::default(),
        )
        .unwrap();
        assert_eq!(
            book.grids[0].rows[1].get(0),
            Some(&Value::Text("Nombre d'utilisateurs é".to_owned()))
        );
    }

    #[test]
    fn bad_bytes_are_named() {
        let limits = Limits::default();
        assert_eq!(read_bytes("a.xlsx", b"", limits), Err(ReadError::ZeroBytes));
        assert!(matches!(
            read_bytes(
                "a.xlsx",
                &[0u8, 1, 2, 3, 255, 254, 0, 0, 9].repeat(20),
                limits
            ),
            Err(ReadError::NotSpreadsheet(_))
        ));
        assert!(matches!(
            read_bytes("a.xlsx", b"PK\x03\x04garbage", limits),
            Err(ReadError::Damaged(_))
        ));
    }
}
