//! The provider-file reader on arbitrary bytes named `.xls`: any panic,
//! hang or allocation storm found here is one the guarded worker must catch.
#![no_main]

#[path = "../../src/import/read.rs"]
#[allow(dead_code)]
mod read;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = read::read_bytes("fuzz.xls", data, read::Limits::default());
});
