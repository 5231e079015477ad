//! HTML extraction with the per-block repairs, as the pipeline runs it, on arbitrary markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagewash::batch::content;
use pagewash::decode::repair::{RepairLog, RepairOptions};
use pagewash::record::Kind;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let extracted = content(
        Kind::Html,
        &html,
        Some("http://news.example.cn/2024/0402/a.html"),
        &RepairOptions::default(),
        &mut RepairLog::default(),
    );
    let _ = extracted.text();
});
