//! One document through every stage, as a worker runs it: one record, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagewash::batch::{PipelineOptions, process};
use pagewash::input::{Document, Fetch};
use pagewash::record::Kind;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kind = match selector % 3 {
        0 => None,
        1 => Some(Kind::Html),
        _ => Some(Kind::Text),
    };
    let doc = Document {
        id: "fuzz".to_string(),
        url: (selector & 0x10 != 0).then(|| "http://news.example.cn/a.html".to_string()),
        kind,
        charset: (selector & 0x20 != 0).then(|| "gbk".to_string()),
        body: Ok(bytes.to_vec()),
        fetch: Fetch::default(),
    };
    let record = process(doc, &PipelineOptions::default());
    assert_eq!(record.id, "fuzz");
});
