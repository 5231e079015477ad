//! The plain-text stage (whole-text repairs, then line classification) on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagewash::batch::content;
use pagewash::decode::repair::{RepairLog, RepairOptions};
use pagewash::record::Kind;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let extracted = content(
        Kind::Text,
        &text,
        None,
        &RepairOptions::default(),
        &mut RepairLog::default(),
    );
    assert!(extracted.blocks.iter().all(|block| !block.text.contains('\n')));
});
