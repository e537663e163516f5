//! Updating an untrusted Word document in the guarded worker: the document's
//! bytes, the report and the options go in, the updated document and what
//! changed come out, and nothing of the document is unzipped or parsed in
//! the calling process (the window's included). A document that crashes,
//! exhausts or stalls the worker is one error that names the reason.
//!
//! Both directions are framed the same way: an 8-byte little-endian length,
//! that many bytes of JSON, then raw bytes (the document in, the updated
//! document out), so that a document is never spelled out as JSON.

use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};

use super::ExportOptions;
use super::docx_update::{MAX_DOCUMENT_BYTES, UpdateSummary, update_docx};
use crate::model::Report;

/// The hidden subcommand that updates a document in a worker.
pub const UPDATE_SUBCOMMAND: &str = "update-document";

/// The largest input the worker takes: a document and the report with it.
pub const MAX_UPDATE_INPUT_BYTES: u64 = MAX_DOCUMENT_BYTES * 2;

/// What the worker is asked, as it reads it.
#[derive(Deserialize)]
struct Request {
    report: Report,
    options: ExportOptions,
}

/// [`Request`] as it is sent: borrowed, so the report is not copied.
#[derive(Serialize)]
struct RequestToSend<'a> {
    report: &'a Report,
    options: &'a ExportOptions,
}

/// `bytes` (a document) with `report`'s tables updated, and what changed:
/// in the worker the program configured
/// ([`crate::import::Reader::configured`]), else in this process with a
/// panic caught. Err: why not, in words. Setting `cancel` ends the worker.
pub fn update_guarded(
    bytes: &[u8],
    report: &Report,
    options: &ExportOptions,
    cancel: &AtomicBool,
) -> Result<(Vec<u8>, UpdateSummary), String> {
    match crate::import::Reader::configured() {
        crate::import::Reader::Worker(worker) => {
            update_in_worker(&worker, bytes, report, options, cancel)
        }
        crate::import::Reader::InProcess => update_caught(bytes, report, options),
    }
}

/// [`update_guarded`] in `worker`.
pub fn update_in_worker(
    worker: &crate::import::guard::Worker,
    bytes: &[u8],
    report: &Report,
    options: &ExportOptions,
    cancel: &AtomicBool,
) -> Result<(Vec<u8>, UpdateSummary), String> {
    let header = serde_json::to_vec(&RequestToSend { report, options })
        .map_err(|error| format!("the report could not be handed over ({error})"))?;
    let input = frame(&header, bytes);
    let answer = crate::import::guard::run_job(worker, UPDATE_SUBCOMMAND, &input, cancel)
        .map_err(|error| error.to_string())?;
    decode_answer(&answer)
}

/// [`update_docx`], a panic caught as an error.
pub fn update_caught(
    bytes: &[u8],
    report: &Report,
    options: &ExportOptions,
) -> Result<(Vec<u8>, UpdateSummary), String> {
    match crate::caught_panic::catch(|| update_docx(bytes, report, options)) {
        Ok(Ok(updated)) => Ok(updated),
        Ok(Err(error)) => Err(error.to_string()),
        Err(panic) => Err(format!("the file is damaged (reader stopped: {panic})")),
    }
}

/// The worker's job for [`UPDATE_SUBCOMMAND`]: a framed request in, a
/// framed answer out.
pub fn update_job(input: &[u8]) -> Vec<u8> {
    let result = match unframe(input) {
        Some((header, document)) => match serde_json::from_slice::<Request>(header) {
            Ok(request) => update_caught(document, &request.report, &request.options),
            Err(error) => Err(format!("the report was not handed over ({error})")),
        },
        None => Err("the request was cut short".to_owned()),
    };
    encode_answer(result)
}

fn encode_answer(result: Result<(Vec<u8>, UpdateSummary), String>) -> Vec<u8> {
    let (summary, document): (Result<UpdateSummary, String>, Vec<u8>) = match result {
        Ok((document, summary)) => (Ok(summary), document),
        Err(reason) => (Err(reason), Vec::new()),
    };
    match serde_json::to_vec(&summary) {
        Ok(header) => frame(&header, &document),
        Err(error) => {
            let failed: Result<UpdateSummary, String> =
                Err(format!("the summary could not be written ({error})"));
            frame(&serde_json::to_vec(&failed).unwrap_or_default(), &[])
        }
    }
}

fn decode_answer(answer: &[u8]) -> Result<(Vec<u8>, UpdateSummary), String> {
    let gave_nothing = || "the document reader gave no answer".to_owned();
    let (header, document) = unframe(answer).ok_or_else(gave_nothing)?;
    let summary = serde_json::from_slice::<Result<UpdateSummary, String>>(header)
        .map_err(|error| format!("the document reader gave no answer ({error})"))??;
    Ok((document.to_vec(), summary))
}

/// `header`'s length, `header`, then `rest`.
fn frame(header: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + header.len() + rest.len());
    out.extend_from_slice(&(header.len() as u64).to_le_bytes());
    out.extend_from_slice(header);
    out.extend_from_slice(rest);
    out
}

/// What [`frame`] put together; None when `bytes` is too short for it.
fn unframe(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let (length, rest) = bytes.split_first_chunk::<8>()?;
    let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
    (length <= rest.len()).then(|| rest.split_at(length))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn frames_give_back_what_they_hold_and_short_ones_are_refused() {
        let framed = frame(b"{\"a\":1}", b"PK\x03\x04rest");
        assert_eq!(
            unframe(&framed),
            Some((&b"{\"a\":1}"[..], &b"PK\x03\x04rest"[..]))
        );
        assert_eq!(unframe(&frame(b"", b"")), Some((&b""[..], &b""[..])));
        assert_eq!(unframe(&framed[..5]), None);
        assert_eq!(unframe(&framed[..10]), None);
        let mut too_long = framed.clone();
        too_long[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(unframe(&too_long), None);
    }

    #[test]
    fn an_answer_carries_the_document_or_the_reason() {
        let summary = UpdateSummary::default();
        let answer = encode_answer(Ok((b"updated".to_vec(), summary.clone())));
        assert_eq!(decode_answer(&answer), Ok((b"updated".to_vec(), summary)));
        let answer = encode_answer(Err("not a Word document".to_owned()));
        assert_eq!(
            decode_answer(&answer),
            Err("not a Word document".to_owned())
        );
        assert_eq!(
            decode_answer(b"junk"),
            Err("the document reader gave no answer".to_owned())
        );
    }

    #[test]
    fn the_job_answers_a_bad_request_and_a_bad_document_in_words() {
        let answer = update_job(b"\x05\x00");
        assert_eq!(
            decode_answer(&answer),
            Err("the request was cut short".to_owned())
        );
        let answer = update_job(&frame(b"{}", b""));
        let reason = decode_answer(&answer).unwrap_err();
        assert!(
            reason.starts_with("the report was not handed over"),
            "{reason}"
        );

        let report = Report::empty(
            "A report",
            crate::model::YearMonth {
                year: 2025,
                month: 7,
            },
            6,
        );
        let request = serde_json::to_vec(&RequestToSend {
            report: &report,
            options: &ExportOptions::default(),
        })
        .unwrap();
        let answer = update_job(&frame(&request, b"not a zip at all"));
        let reason = decode_answer(&answer).unwrap_err();
        assert!(reason.contains("not a Word document"), "{reason}");
    }
}
