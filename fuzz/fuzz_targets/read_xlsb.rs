//! The provider-file reader on arbitrary bytes named `.xlsb`: any panic,
//! hang or allocation storm found here is one the guarded worker must catch,
//! and the rows streamed from the worker must rebuild what it read.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    va_report_fuzz::read_both_ways("fuzz.xlsb", data);
});
