//! Bytes through encoding determination and decoding, then the repairs that run on decoded
//! text: no panic, no hang, and a malformed count only where there were bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagewash::decode::repair::{self, Origin, RepairLog, RepairOptions};
use pagewash::decode::{DecodeOptions, Hints, decode};

/// Transport labels the first byte picks from: none, the common ones, and the odd ones the
/// decoder has its own code for.
const LABELS: &[Option<&str>] = &[
    None,
    Some("gbk"),
    Some("utf-8"),
    Some("shift_jis"),
    Some("big5"),
    Some("euc-kr"),
    Some("iso-2022-jp"),
    Some("utf-16"),
    Some("utf-32"),
    Some("iso-2022-kr"),
    Some("johab"),
    Some("windows-1258"),
    Some("x-user-defined"),
    Some("replacement"),
    Some("ibm037"),
    Some("koi8-r"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let hints = Hints {
        transport: LABELS[usize::from(selector) % LABELS.len()],
        url: (selector & 0x10 != 0).then_some("http://news.example.cn/a.html"),
        html: selector & 0x20 != 0,
    };
    let Ok(decoded) = decode(bytes, &hints, &DecodeOptions::default()) else {
        return;
    };
    assert!(decoded.encoding.malformed <= bytes.len() as u64);
    let origin = if selector & 0x40 != 0 {
        Origin::HtmlText
    } else {
        Origin::PlainText
    };
    let _ = repair::repair(
        &decoded.text,
        origin,
        &RepairOptions::default(),
        &mut RepairLog::default(),
    );
});
