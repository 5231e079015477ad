//! The WARC reader (and the compression sniffing before it) on arbitrary streams: every record
//! read ends, and the stream yields a bounded number of documents.
#![no_main]

use std::io::Cursor;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use pagewash::input::{Format, InputOptions, open_reader};

fuzz_target!(|data: &[u8]| {
    let opts = Arc::new(InputOptions {
        format: Format::Warc,
        max_bytes: 1 << 20,
        ..InputOptions::default()
    });
    let reader = Box::new(Cursor::new(data.to_vec()));
    for doc in open_reader(reader, "fuzz.warc".to_string(), &opts) {
        if let Ok(body) = &doc.body {
            assert!(body.len() as u64 <= opts.max_bytes);
        }
    }
});
