//! The worker's reply to one request, streamed as frames while the file is
//! read, so that the parent rebuilds the grids while the worker is still
//! parsing (the two run on different cores).
//!
//! A frame is its length (u64, little-endian), then one of:
//! - `R` and complete rows of the sheet being read, in the order read;
//! - `S` and a sheet's name: the rows since the last `S` were that sheet's;
//! - `K` and the sheets not read: the reply ends, the file was read;
//! - `E` and the read error as JSON: the reply ends, the rows are void.
//!
//! Rows are compact: counts, indices, lengths and whole numbers are LEB128
//! varints (zigzag when signed), so a typical cell takes 3 to 10 bytes; a
//! text seen before in the reply (names repeated down a column of records)
//! is sent as its index in a table both sides build the same way.

use std::collections::HashMap;
use std::io::Write;

use crate::import::read::{Grid, ReadError, Row, RowOutlet, Sink, Value, Workbook};

const FRAME_ROWS: u8 = b'R';
const FRAME_SHEET: u8 = b'S';
const FRAME_READ: u8 = b'K';
const FRAME_ERROR: u8 = b'E';

const TAG_NUMBER: u8 = 0;
const TAG_TEXT: u8 = 1;
const TAG_DATE: u8 = 2;
const TAG_ERROR: u8 = 3;
const TAG_INTEGER: u8 = 4;
const TAG_TEXT_AGAIN: u8 = 5;
/// Texts up to this length are remembered for [`TAG_TEXT_AGAIN`] ...
const REPEATED_TEXT_MAX_BYTES: usize = 256;
/// ... up to this many of them per reply.
const REPEATED_TEXT_MAX_COUNT: usize = 1 << 16;
/// Whole numbers within this magnitude are sent as varints, exactly.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0; // 2^53
/// A rows frame is sent once it holds this much.
const FRAME_BYTES: usize = 32 * 1024;
/// The length that starts every frame.
const LENGTH_BYTES: usize = 8;

/// Writes one reply to `out`: rows as the reader gives them
/// ([`RowOutlet`]), then [`ReplyWriter::finish`] with the result.
pub struct ReplyWriter<W: Write> {
    out: W,
    texts: HashMap<String, u32>,
    /// The rows frame being filled: room for its length, `R`, rows.
    frame: Vec<u8>,
    rows_given: usize,
    /// The first write that failed; nothing more is written after it.
    failed: Option<std::io::Error>,
}

impl<W: Write> ReplyWriter<W> {
    pub fn new(out: W) -> Self {
        let mut writer = Self {
            out,
            texts: HashMap::new(),
            frame: Vec::with_capacity(FRAME_BYTES * 2),
            rows_given: 0,
            failed: None,
        };
        writer.start_rows_frame();
        writer
    }

    fn start_rows_frame(&mut self) {
        self.frame.clear();
        self.frame.extend_from_slice(&[0; LENGTH_BYTES]);
        self.frame.push(FRAME_ROWS);
    }

    fn send_rows(&mut self) {
        if self.frame.len() > LENGTH_BYTES + 1 {
            let frame = std::mem::take(&mut self.frame);
            self.send(frame);
            self.start_rows_frame();
        }
    }

    /// Sends `frame` (its first [`LENGTH_BYTES`] are for its length) and
    /// keeps its allocation for the next one.
    fn send(&mut self, mut frame: Vec<u8>) {
        let length = u64::try_from(frame.len() - LENGTH_BYTES).unwrap_or(u64::MAX);
        if let Some(head) = frame.get_mut(..LENGTH_BYTES) {
            head.copy_from_slice(&length.to_le_bytes());
        }
        if self.failed.is_none()
            && let Err(error) = self.out.write_all(&frame).and_then(|()| self.out.flush())
        {
            self.failed = Some(error);
        }
        self.frame = frame;
    }

    fn send_frame(&mut self, tag: u8, payload: impl FnOnce(&mut Vec<u8>)) {
        self.send_rows();
        let mut frame = std::mem::take(&mut self.frame);
        frame.clear();
        frame.extend_from_slice(&[0; LENGTH_BYTES]);
        frame.push(tag);
        payload(&mut frame);
        self.send(frame);
        self.start_rows_frame();
    }

    /// Ends the reply with `result` (its grids were given as rows). An
    /// error voids the rows sent before it.
    pub fn finish(mut self, result: &Result<Workbook, ReadError>) -> std::io::Result<()> {
        match result {
            Ok(workbook) => self.send_frame(FRAME_READ, |out| {
                put_count(out, workbook.skipped.len());
                for (sheet, reason) in &workbook.skipped {
                    put_str(out, sheet);
                    put_str(out, reason);
                }
            }),
            Err(error) => self.send_frame(FRAME_ERROR, |out| {
                out.extend(serde_json::to_vec(error).unwrap_or_default());
            }),
        }
        self.failed.map_or(Ok(()), Err)
    }

    fn put_row(&mut self, row: &Row) {
        let out = &mut self.frame;
        put_varint(out, u64::from(row.index));
        put_count(out, row.cells.len());
        for (column, value) in &row.cells {
            put_varint(out, u64::from(*column));
            match value {
                Value::Number(n) => match as_exact_integer(*n) {
                    Some(integer) => {
                        out.push(TAG_INTEGER);
                        put_varint(out, zigzag(integer));
                    }
                    None => {
                        out.push(TAG_NUMBER);
                        out.extend_from_slice(&n.to_le_bytes());
                    }
                },
                Value::Text(text) => {
                    if let Some(&index) = self.texts.get(text.as_str()) {
                        out.push(TAG_TEXT_AGAIN);
                        put_varint(out, u64::from(index));
                    } else {
                        out.push(TAG_TEXT);
                        put_str(out, text);
                        if remembered(text, self.texts.len()) {
                            let index = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
                            self.texts.insert(text.clone(), index);
                        }
                    }
                }
                Value::Date { year, month } => {
                    out.push(TAG_DATE);
                    put_varint(out, zigzag(i64::from(*year)));
                    out.push(*month);
                }
                Value::Error(text) => {
                    out.push(TAG_ERROR);
                    put_str(out, text);
                }
            }
        }
    }
}

impl<W: Write> RowOutlet for ReplyWriter<W> {
    fn rows(&mut self, rows: &[Row]) {
        for row in rows {
            self.put_row(row);
            if self.frame.len() >= FRAME_BYTES {
                self.send_rows();
            }
        }
        self.rows_given += rows.len();
    }

    fn sheet_read(&mut self, sheet: &str) {
        self.send_frame(FRAME_SHEET, |out| put_str(out, sheet));
    }

    fn rows_given(&self) -> usize {
        self.rows_given
    }
}

/// The whole reply for `result`, as a worker that read it would send it.
pub fn encode_reply(result: &Result<Workbook, ReadError>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut writer = ReplyWriter::new(&mut out);
    if let Ok(workbook) = result {
        for grid in &workbook.grids {
            writer.rows(&grid.rows);
            writer.sheet_read(&grid.sheet);
        }
    }
    // Writing to memory cannot fail.
    let _ = writer.finish(result);
    out
}

/// Takes one reply from the front of `stream`; None when it is malformed
/// or cut short.
pub fn decode_reply(stream: &mut &[u8]) -> Option<Result<Workbook, ReadError>> {
    let mut reader = ReplyReader::new();
    loop {
        let (length, rest) = stream.split_first_chunk::<LENGTH_BYTES>()?;
        let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
        let (frame, rest) = rest.split_at_checked(length)?;
        *stream = rest;
        if let Some(result) = reader.frame(frame)? {
            return Some(result);
        }
    }
}

/// Rebuilds one reply from its frames, as they arrive.
pub struct ReplyReader {
    /// The texts remembered so far, in the writer's order.
    texts: Vec<String>,
    sheet: Sink<'static>,
    grids: Vec<Grid>,
}

impl Default for ReplyReader {
    fn default() -> Self {
        Self::new()
    }
}

impl ReplyReader {
    pub fn new() -> Self {
        Self {
            texts: Vec::new(),
            sheet: Sink::unlimited(""),
            grids: Vec::new(),
        }
    }

    /// Takes one frame: Some(None) while the reply goes on, Some(Some(result))
    /// at its end, None when the frame is malformed.
    pub fn frame(&mut self, frame: &[u8]) -> Option<Option<Result<Workbook, ReadError>>> {
        let (&tag, rest) = frame.split_first()?;
        let mut input = Input {
            rest,
            texts: &mut self.texts,
        };
        match tag {
            FRAME_ROWS => {
                while !input.rest.is_empty() {
                    let index = input.u32()?;
                    let cell_count = input.count(3)?;
                    for _ in 0..cell_count {
                        let column = input.u32()?;
                        let value = input.value()?;
                        self.sheet.push_value(index, column, value);
                    }
                }
                Some(None)
            }
            FRAME_SHEET => {
                let name = input.string()?;
                input.rest.is_empty().then_some(())?;
                let sheet = std::mem::replace(&mut self.sheet, Sink::unlimited(""));
                let mut grid = sheet.finish();
                grid.sheet = name;
                self.grids.push(grid);
                Some(None)
            }
            FRAME_READ => {
                let skipped_count = input.count(2)?;
                let mut skipped = Vec::with_capacity(skipped_count);
                for _ in 0..skipped_count {
                    skipped.push((input.string()?, input.string()?));
                }
                input.rest.is_empty().then_some(())?;
                let grids = std::mem::take(&mut self.grids);
                Some(Some(Ok(Workbook { grids, skipped })))
            }
            FRAME_ERROR => serde_json::from_slice(rest)
                .ok()
                .map(|error| Some(Err(error))),
            _ => None,
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_count(out: &mut Vec<u8>, n: usize) {
    put_varint(out, u64::try_from(n).unwrap_or(u64::MAX));
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_count(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

/// Whether `text` goes into the table of repeated texts, given its size; the
/// writer and the reader ask the same question.
fn remembered(text: &str, table_len: usize) -> bool {
    text.len() <= REPEATED_TEXT_MAX_BYTES && table_len < REPEATED_TEXT_MAX_COUNT
}

/// A whole number that survives the trip through i64 bit for bit.
fn as_exact_integer(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < EXACT_INTEGER && !(n == 0.0 && n.is_sign_negative()))
        .then_some(n as i64)
}

struct Input<'a> {
    rest: &'a [u8],
    texts: &'a mut Vec<String>,
}

impl Input<'_> {
    fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.rest.split_first_chunk::<N>()?;
        self.rest = rest;
        Some(*head)
    }

    fn u8(&mut self) -> Option<u8> {
        let (&byte, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(byte)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            let bits = u64::from(byte & 0x7f);
            // The tenth byte holds the 64th bit only.
            if shift == 63 && bits > 1 {
                return None;
            }
            n |= bits << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }

    /// A count of items each at least `min_bytes` long, checked against what
    /// is left, so a bad count cannot reserve memory.
    fn count(&mut self, min_bytes: usize) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n.checked_mul(min_bytes)? <= self.rest.len()).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let length = self.count(1)?;
        let (head, rest) = self.rest.split_at_checked(length)?;
        self.rest = rest;
        std::str::from_utf8(head).ok().map(str::to_owned)
    }

    fn value(&mut self) -> Option<Value> {
        Some(match self.u8()? {
            TAG_NUMBER => Value::Number(f64::from_le_bytes(self.bytes()?)),
            TAG_INTEGER => Value::Number(unzigzag(self.varint()?) as f64),
            TAG_TEXT => {
                let text = self.string()?;
                if remembered(&text, self.texts.len()) {
                    self.texts.push(text.clone());
                }
                Value::Text(text)
            }
            TAG_TEXT_AGAIN => {
                let index = usize::try_from(self.varint()?).ok()?;
                Value::Text(self.texts.get(index)?.clone())
            }
            TAG_DATE => Value::Date {
                year: i32::try_from(unzigzag(self.varint()?)).ok()?,
                month: self.u8()?,
            },
            TAG_ERROR => Value::Error(self.string()?),
            _ => return None,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    fn workbook() -> Workbook {
        Workbook {
            grids: vec![
                Grid {
                    sheet: "Sheet 1 é".to_owned(),
                    rows: vec![
                        Row {
                            index: 0,
                            cells: vec![
                                (0, Value::Text("Metric".to_owned())),
                                (3, Value::Number(-1.5e300)),
                                (4, Value::Number(-0.0)),
                                (5, Value::Number(-42.0)),
                                (6, Value::Number(9_007_199_254_740_993.0)),
                                (7, Value::Number(0.1)),
                                (8, Value::Text("x".repeat(300))),
                            ],
                        },
                        Row {
                            index: 9,
                            cells: vec![
                                (
                                    1,
                                    Value::Date {
                                        year: 2024,
                                        month: 9,
                                    },
                                ),
                                (2, Value::Error("#DIV/0!".to_owned())),
                            ],
                        },
                        Row {
                            index: 70_000,
                            cells: vec![
                                (0, Value::Text("Metric".to_owned())),
                                (2, Value::Text(String::new())),
                                (
                                    3,
                                    Value::Date {
                                        year: -1,
                                        month: 12,
                                    },
                                ),
                                (u32::MAX, Value::Text("x".repeat(300))),
                            ],
                        },
                    ],
                },
                Grid {
                    sheet: "Empty".to_owned(),
                    rows: Vec::new(),
                },
                Grid {
                    sheet: "Second".to_owned(),
                    rows: vec![Row {
                        index: 3,
                        cells: vec![(1, Value::Text("Metric".to_owned()))],
                    }],
                },
            ],
            skipped: vec![("Hidden".to_owned(), "hidden sheet".to_owned())],
        }
    }

    #[test]
    fn replies_round_trip() {
        let ok = Ok(workbook());
        assert_eq!(decode_reply(&mut encode_reply(&ok).as_slice()), Some(ok));
        let err = Err(ReadError::TooManyCells {
            sheet: "A".to_owned(),
            limit: 3,
        });
        assert_eq!(decode_reply(&mut encode_reply(&err).as_slice()), Some(err));
    }

    #[test]
    fn numbers_cross_bit_for_bit() {
        for n in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            2_270_601.0,
            29_433.6,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            9_007_199_254_740_991.0,
            -9_007_199_254_740_992.0,
            1e300,
        ] {
            let book = Workbook {
                grids: vec![Grid {
                    sheet: String::new(),
                    rows: vec![Row {
                        index: 0,
                        cells: vec![(0, Value::Number(n))],
                    }],
                }],
                skipped: Vec::new(),
            };
            let Some(Ok(back)) = decode_reply(&mut encode_reply(&Ok(book)).as_slice()) else {
                panic!("{n} did not cross");
            };
            let Some(Value::Number(m)) = back.grids[0].rows[0].get(0) else {
                panic!("{n} is not a number");
            };
            assert_eq!(m.to_bits(), n.to_bits(), "{n}");
        }
    }

    #[test]
    fn names_repeated_down_a_column_cross_once() {
        let rows = (0..10_000u32)
            .map(|index| Row {
                index,
                cells: vec![
                    (0, Value::Text(format!("Installation {}", index % 7))),
                    (1, Value::Number(f64::from(index % 1000))),
                ],
            })
            .collect();
        let book = Workbook {
            grids: vec![Grid {
                sheet: "Records".to_owned(),
                rows,
            }],
            skipped: Vec::new(),
        };
        let reply = encode_reply(&Ok(book.clone()));
        // Row index, count, two columns, two tags and two short varints: at
        // most 10 bytes a row, where the names alone would take 14.
        assert!(reply.len() < 10 * 10_000, "{} bytes", reply.len());
        // The rows went in several frames.
        assert!(reply.len() > 2 * FRAME_BYTES);
        assert_eq!(decode_reply(&mut reply.as_slice()), Some(Ok(book)));
    }

    #[test]
    fn damaged_replies_are_refused_without_panic() {
        let reply = encode_reply(&Ok(workbook()));
        for cut in 0..reply.len() {
            assert_eq!(decode_reply(&mut &reply[..cut]), None, "cut at {cut}");
        }
        let frame = |payload: &[u8]| {
            let mut out = u64::try_from(payload.len()).unwrap().to_le_bytes().to_vec();
            out.extend_from_slice(payload);
            out
        };
        let mut huge_count = vec![FRAME_READ];
        put_varint(&mut huge_count, u64::MAX);
        assert_eq!(decode_reply(&mut frame(&huge_count).as_slice()), None);
        assert_eq!(decode_reply(&mut frame(b"?").as_slice()), None);
        // A text named by an index never sent.
        let mut stream = frame(&[FRAME_ROWS, 0, 1, 0, TAG_TEXT_AGAIN, 0]);
        stream.extend(frame(&[FRAME_SHEET, 0]));
        stream.extend(frame(&[FRAME_READ, 0]));
        assert_eq!(decode_reply(&mut stream.as_slice()), None);
        stream[12] = TAG_TEXT;
        assert!(matches!(
            decode_reply(&mut stream.as_slice()),
            Some(Ok(book)) if book.grids.len() == 1
        ));
    }

    #[test]
    fn rows_out_of_order_are_sorted_as_in_process() {
        // Cells in the order a damaged file may give them: rows and columns
        // going back, one cell twice.
        let cells: Vec<(u32, u32, Value)> = (0..5_000u32)
            .map(|i| {
                (
                    (i * 7919) % 3_000,
                    (i * 31) % 5,
                    Value::Number(f64::from(i)),
                )
            })
            .collect();
        let mut in_process = Sink::unlimited("Sheet");
        for (row, column, value) in &cells {
            in_process.push_value(*row, *column, value.clone());
        }
        let expected = in_process.finish();
        // The worker gives the rows as read, unsorted; the reader sorts.
        let mut out = Vec::new();
        let mut writer = ReplyWriter::new(&mut out);
        let mut rows = Vec::new();
        let mut last: Option<Row> = None;
        for (row, column, value) in cells {
            match &mut last {
                Some(current) if current.index == row => current.cells.push((column, value)),
                _ => {
                    rows.extend(last.take());
                    last = Some(Row {
                        index: row,
                        cells: vec![(column, value)],
                    });
                }
            }
        }
        rows.extend(last);
        writer.rows(&rows);
        writer.sheet_read("Sheet");
        writer.finish(&Ok(Workbook::default())).unwrap();
        let book = decode_reply(&mut out.as_slice()).unwrap().unwrap();
        assert_eq!(book.grids, vec![expected]);
    }

    #[test]
    fn replies_follow_one_another_in_a_stream() {
        let mut stream = encode_reply(&Ok(workbook()));
        stream.extend(encode_reply(&Err(ReadError::Password)));
        stream.extend(encode_reply(&Ok(workbook())));
        let mut rest = stream.as_slice();
        assert_eq!(decode_reply(&mut rest), Some(Ok(workbook())));
        assert_eq!(decode_reply(&mut rest), Some(Err(ReadError::Password)));
        assert_eq!(decode_reply(&mut rest), Some(Ok(workbook())));
        assert!(rest.is_empty());
    }

    #[test]
    fn varints_hold_64_bits_and_no_more() {
        for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, n);
            let mut texts = Vec::new();
            let mut input = Input {
                rest: &out,
                texts: &mut texts,
            };
            assert_eq!(input.varint(), Some(n));
            assert!(input.rest.is_empty());
        }
        // 9 x 7 bits, then 7 more: past 64 bits.
        let mut texts = Vec::new();
        let mut too_long = Input {
            rest: &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
            texts: &mut texts,
        };
        assert_eq!(too_long.varint(), None);
        let mut texts = Vec::new();
        let mut endless = Input {
            rest: &[0x80; 11],
            texts: &mut texts,
        };
        assert_eq!(endless.varint(), None);
        assert_eq!(unzigzag(zigzag(i64::MIN)), i64::MIN);
        assert_eq!(unzigzag(zigzag(-1)), -1);
    }
}
