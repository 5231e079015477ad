//! The JSONL reader on arbitrary streams: one document per line at most, bodies within
//! `--max-bytes`.
#![no_main]

use std::io::Cursor;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use pagewash::input::{Format, InputOptions, open_reader};

fuzz_target!(|data: &[u8]| {
    let opts = Arc::new(InputOptions {
        format: Format::Jsonl,
        max_bytes: 1 << 20,
        ..InputOptions::default()
    });
    let lines = data.split(|&b| b == b'\n').count();
    let reader = Box::new(Cursor::new(data.to_vec()));
    let mut docs = 0;
    for doc in open_reader(reader, "fuzz.jsonl".to_string(), &opts) {
        docs += 1;
        if let Ok(body) = &doc.body {
            assert!(body.len() as u64 <= opts.max_bytes);
        }
    }
    assert!(docs <= lines, "{docs} documents from {lines} lines");
});
