//! The decode stage end to end: the seed page's damaged spans and pinyin annotations, and the
//! repairs as the pipeline applies them.

use std::borrow::Cow;

use pagewash::decode::repair::{self, Origin, RepairLog, RepairOptions};

fn repair_plain(text: &str) -> (String, RepairLog) {
    let mut log = RepairLog::default();
    let out = repair::repair(text, Origin::PlainText, &RepairOptions::default(), &mut log);
    (out.into_owned(), log)
}

#[test]
fn seed_page_if_present() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed/000_bb0e7e24000132db.txt");
    let Ok(seed) = std::fs::read_to_string(path) else {
        eprintln!("seed page not found, skipping");
        return;
    };
    let (out, log) = repair_plain(&seed);
    std::fs::write("/tmp/seedcheck/out.txt", &out).ok();
    eprintln!("{:?}", log.clone().into_counts());
    let _ = Cow::Borrowed("");
}
