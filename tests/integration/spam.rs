//! The spam stage: the seed's appended list, every spam fixture against its hand-written gold
//! spans, every negative fixture quiet, `--keep-spam`.

use std::fs;
use std::path::Path;

use pagewash::batch::PipelineOptions;
use pagewash::content::Extracted;
use pagewash::decode::repair::RepairLog;
use pagewash::decode::{self, DecodeOptions, Hints};
use pagewash::input::{self, InputOptions};
use pagewash::record::Kind;
use pagewash::spam::{self, SpamOptions};

use crate::util::{fixture_files, pagewash, records_for, root};

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The seed page's last line is the 40-name list: one run, at the tail, stripped whole.
#[test]
fn seed_tail_list() {
    let path = root().join("../shared/seed/000_bb0e7e24000132db.txt");
    let Ok(seed) = fs::read_to_string(&path) else {
        eprintln!("seed not found at {}; skipped", path.display());
        return;
    };
    // Its tail line reaches the spam stage as one block, whatever the text stage does above it.
    let mut doc = pagewash::text::extract(&seed);
    let tail = doc.blocks.last().expect("blocks").text.clone();
    let article = doc.blocks[..doc.blocks.len() - 1].to_vec();
    let reports = spam::scrub(&mut doc, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    let run = &reports[0];
    assert_eq!((run.kind, run.location, run.items), ("place-list", "tail", 40));
    assert!(run.known >= 38, "known {}", run.known);
    assert!(run.confidence >= 0.9, "confidence {}", run.confidence);
    assert_eq!(run.text, tail);
    let text = doc.text();
    for name in ["玛多县", "和林格尔县", "阿拉善左旗", "乌鲁木齐市", "平江县"] {
        assert!(!text.contains(name), "{name} left in the text");
    }
    assert_eq!(doc.blocks, article, "the article stays whole");
}

/// What the content stage hands the spam stage for `file`, as `batch::process` builds it.
fn handed_to_spam(file: &Path) -> Extracted {
    let bytes = fs::read(file).unwrap();
    let kind = input::sniff_kind(&bytes);
    let hints = Hints {
        transport: None,
        url: None,
        html: kind == Kind::Html,
    };
    let opts = DecodeOptions::default();
    let decoded = decode::decode(&bytes, &hints, &opts).unwrap();
    pagewash::batch::content(kind, &decoded.text, None, &opts.repairs, &mut RepairLog::default())
}

/// Every spam fixture reports exactly its gold spans (kind and text), and their text is gone.
/// The spam stage answers for the spans that reach it: a span the content stage dropped without
/// setting it aside cannot be reported, only must not come back.
#[test]
fn spam_fixtures_match_their_gold_spans() {
    let root = root();
    let gold: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root.join("tests/expected/spam/gold.json")).unwrap()).unwrap();
    let mut files = Vec::new();
    fixture_files(&root.join("fixtures/spam"), &mut files);
    assert!(files.len() >= 12, "at least 12 spam shapes");
    let mut dropped_upstream = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        let spans = gold[&rel]
            .as_array()
            .unwrap_or_else(|| panic!("no gold spans for {rel}"));
        let records = records_for(&file, InputOptions::default(), &PipelineOptions::default());
        let record = &records[0];
        let handed = handed_to_spam(&file);
        let seen = squash(
            &handed
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .chain(handed.asides.iter().map(|a| a.text.as_str()))
                .collect::<String>(),
        );
        let mut reported: Vec<(String, String)> = record
            .spam
            .iter()
            .map(|r| (r.kind.to_owned(), squash(&r.text)))
            .collect();
        reported.sort();
        for span in spans {
            let text = squash(span["text"].as_str().unwrap());
            assert!(!squash(&record.text).contains(&text), "{rel}: spam left in text");
            // A hidden block or a chrome link block is reported as such once the HTML stage sets
            // it aside; before, it reaches this stage as visible text.
            let kinds: Vec<&str> = [span["kind"].as_str(), span["until_asides"].as_str()]
                .into_iter()
                .flatten()
                .collect();
            match reported
                .iter()
                .position(|(k, t)| kinds.contains(&k.as_str()) && *t == text)
            {
                Some(index) => {
                    reported.remove(index);
                }
                None if !seen.contains(&text) => dropped_upstream.push(format!("{rel}: {text}")),
                None => panic!(
                    "{rel}: gold span reached the spam stage but was not reported: {text}\nreported {reported:?}"
                ),
            }
        }
        assert!(reported.is_empty(), "{rel}: runs beyond the gold spans: {reported:?}");
    }
    if !dropped_upstream.is_empty() {
        eprintln!(
            "{} gold spans never reached the spam stage (the content stage dropped them without setting them aside):\n{}",
            dropped_upstream.len(),
            dropped_upstream.join("\n")
        );
    }
}

/// Legitimate lists: no run, and the text is untouched by the spam stage.
#[test]
fn negative_fixtures_stay_quiet() {
    let root = root();
    let mut files = Vec::new();
    fixture_files(&root.join("fixtures/negative"), &mut files);
    assert!(files.len() >= 12, "at least 12 legitimate-list negatives");
    let keep = PipelineOptions {
        spam: SpamOptions { keep: true },
        ..PipelineOptions::default()
    };
    for file in files {
        let stripped = records_for(&file, InputOptions::default(), &PipelineOptions::default());
        let kept = records_for(&file, InputOptions::default(), &keep);
        assert_eq!(stripped[0].spam, vec![], "{}", file.display());
        assert_eq!(stripped[0].text, kept[0].text, "{}", file.display());
    }
}

#[test]
fn keep_spam_reports_without_stripping() {
    let fixture = "fixtures/spam/keyword-gambling-tail.txt";
    let out = pagewash()
        .current_dir(root())
        .args(["--keep-spam", fixture])
        .output()
        .unwrap();
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["spam"].as_array().unwrap().len(), 1);
    assert!(record["text"].as_str().unwrap().ends_with("体育投注app"));

    let out = pagewash().current_dir(root()).arg(fixture).output().unwrap();
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["spam"][0]["kind"], "keyword-list");
    assert!(!record["text"].as_str().unwrap().contains("时时彩"));
}

/// A large document that is nothing but list-shaped text stays linear and quiet enough.
#[test]
fn long_lists_do_not_blow_up() {
    let names = [
        "玛多县",
        "新郑市",
        "东安县",
        "精河县",
        "盐池县",
        "静乐县",
        "漠河县",
        "五常市",
    ];
    let line: Vec<&str> = names.iter().copied().cycle().take(20_000).collect();
    let mut doc = pagewash::text::extract(&line.join("|"));
    let reports = spam::scrub(&mut doc, &SpamOptions::default());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].items, 20_000);
    assert_eq!(doc.text(), "");
}
