//! Near-duplicate fingerprints and `--dedup`: copies of one article (in the other Chinese
//! script, with another spam tail) land within a few bits; unrelated articles do not; the
//! binary drops exactly the later copies.

use std::fs;
use std::path::Path;

use pagewash::batch::{NEAR_DISTANCE, PipelineOptions};
use pagewash::decode::script::{self, Script};
use pagewash::fingerprint::distance;
use pagewash::input::InputOptions;
use pagewash::record::Record;

use crate::util::{fixture_files, records_for, root};

const SEED: &str = "fixtures/text/seed_000_bb0e7e24000132db.txt";

fn bits(record: &Record) -> u64 {
    u64::from_str_radix(&record.fingerprint, 16).unwrap()
}

fn record_of_text(dir: &Path, name: &str, text: &str, pipeline: &PipelineOptions) -> Record {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    records_for(&path, InputOptions::default(), pipeline).remove(0)
}

/// The seed with its appended county list replaced by `tail`.
fn seed_with_tail(seed: &str, tail: &str) -> String {
    let cut = seed.trim_end().rfind('\n').unwrap();
    assert!(
        seed[cut..].contains("玛多县| 新郑市"),
        "the seed ends with its county list"
    );
    format!("{}\n{tail}\n", &seed[..cut])
}

/// Another spam tail: a keyword list and counties the seed's list does not name, in
/// traditional script with other separators.
const OTHER_TAIL: &str = "澳門賭場 / 網上娛樂城 / 真人百家樂 / 體育投注 / 時時彩 / 北京賽車 / 六合彩 / 老虎機 / 捕魚遊戲 / 電子遊藝 / 棋牌遊戲 / 彩票平台";
const OTHER_COUNTIES: &str = "昌平區、順義區、懷柔區、密雲區、延慶區、薊州區、寶坻區、武清區、靜海區、寧河區、正定縣、欒城區、井陘縣、行唐縣、靈壽縣、高邑縣、深澤縣、贊皇縣、無極縣、平山縣、元氏縣、趙縣";

#[test]
fn copies_of_the_seed_are_within_three_bits_and_unrelated_articles_are_not() {
    let root = root();
    let seed = fs::read_to_string(root.join(SEED)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let default = PipelineOptions::default();
    let original = records_for(&root.join(SEED), InputOptions::default(), &default).remove(0);
    let simplified_text = script::convert(&seed, Script::Simplified);
    assert_ne!(simplified_text, seed);
    let simplified = record_of_text(dir.path(), "simplified.txt", &simplified_text, &default);
    let keyword_tail = record_of_text(dir.path(), "keywords.txt", &seed_with_tail(&seed, OTHER_TAIL), &default);
    let county_tail = record_of_text(
        dir.path(),
        "counties.txt",
        &seed_with_tail(&seed, OTHER_COUNTIES),
        &default,
    );
    for copy in [&simplified, &keyword_tail, &county_tail] {
        assert!(!copy.text.is_empty());
        assert!(
            distance(bits(&original), bits(copy)) <= NEAR_DISTANCE,
            "{} {} vs {} {}",
            original.fingerprint,
            original.id,
            copy.fingerprint,
            copy.id
        );
    }

    // Every other fixture article is far from the seed, and from its copies.
    let mut files = Vec::new();
    fixture_files(&root.join("fixtures"), &mut files);
    let mut compared = 0;
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy();
        // The seed itself, and the same page repaired by hand.
        if name.starts_with("seed_") {
            continue;
        }
        for record in records_for(&file, InputOptions::default(), &default) {
            if record.text.chars().count() < 200 {
                continue;
            }
            compared += 1;
            for copy in [&original, &simplified, &keyword_tail, &county_tail] {
                let d = distance(bits(copy), bits(&record));
                assert!(d > NEAR_DISTANCE * 3, "{} is {d} bits from {}", record.id, copy.id);
            }
        }
    }
    assert!(compared >= 30, "{compared} articles compared");
}

/// A mirror site's page of an article: another template (masthead, navigation, related
/// links, footer) around the article's title and lines.
fn mirror_page(record: &Record, site: &str) -> String {
    let mut page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{} - {site}</title></head><body>\
         <div class=\"masthead\"><a href=\"/\">{site}</a></div>\
         <ul class=\"nav\"><li><a href=\"/news\">News</a></li><li><a href=\"/world\">World</a></li>\
         <li><a href=\"/sport\">Sport</a></li></ul><div class=\"content\"><h1>{}</h1>",
        record.title.as_deref().unwrap_or(""),
        record.title.as_deref().unwrap_or("")
    );
    for line in record.text.lines() {
        page.push_str(&format!("<p>{line}</p>"));
    }
    page.push_str(
        "</div><div class=\"sidebar\"><h3>Related</h3><ul><li><a href=\"/a\">Another story</a></li>\
         <li><a href=\"/b\">More news</a></li></ul></div>\
         <div class=\"footer\">Copyright 2024 mirror. All rights reserved.</div></body></html>",
    );
    page
}

/// `--dedup near` drops exactly the planted copies (and the seed repaired by hand, a copy of
/// the seed), whatever the number of threads; the output order is the input's; `--stats`
/// counts them. `--dedup exact` drops only the byte-identical copies.
#[test]
fn dedup_drops_exactly_the_planted_copies() {
    let root = root();
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let mut originals = Vec::new();
    for sub in ["html/en", "html/zh", "text"] {
        fixture_files(&root.join("fixtures").join(sub), &mut originals);
    }
    // One page a file: a JSONL or crawl file holds several documents under other ids.
    originals.retain(|p| p.extension().is_some_and(|e| e == "html" || e == "txt"));
    fs::create_dir_all(&corpus).unwrap();
    let mut expected_kept = Vec::new();
    for path in &originals {
        let rel = path.strip_prefix(root.join("fixtures")).unwrap();
        let name = rel.to_string_lossy().replace('/', "-");
        fs::copy(path, corpus.join(&name)).unwrap();
        if !name.contains("seed_repaired") {
            expected_kept.push(name);
        }
    }
    let record = |rel: &str| {
        records_for(
            &root.join("fixtures").join(rel),
            InputOptions::default(),
            &PipelineOptions::default(),
        )
        .remove(0)
    };
    let seed = fs::read_to_string(root.join(SEED)).unwrap();
    // Copies sort after every original ("zz-"): the first copy, the original, is kept.
    let planted: Vec<(String, String)> = vec![
        (
            "zz-mirror-news.html".into(),
            mirror_page(&record("html/en/news-read-more.html"), "Daily Mirror Wire"),
        ),
        (
            "zz-mirror-docs.html".into(),
            mirror_page(&record("html/en/docs-tutorial.html"), "DocsCopy"),
        ),
        (
            "zz-mirror-portal.html".into(),
            mirror_page(&record("html/zh/gov-trs-editor.html"), "镜像新闻网"),
        ),
        (
            "zz-exact-essay.txt".into(),
            fs::read_to_string(root.join("fixtures/text/en-clean-essay.txt")).unwrap(),
        ),
        (
            "zz-simplified-taiwan.txt".into(),
            script::convert(
                &fs::read_to_string(root.join("fixtures/text/zh-hant-taiwan.txt")).unwrap(),
                Script::Simplified,
            )
            .into_owned(),
        ),
        ("zz-seed-other-tail.txt".into(), seed_with_tail(&seed, OTHER_TAIL)),
    ];
    for (name, text) in &planted {
        fs::write(corpus.join(name), text).unwrap();
    }
    expected_kept.sort();

    let kept_ids = |args: &[&str]| -> (Vec<String>, Vec<u8>, serde_json::Value) {
        let stats = dir.path().join("stats.json");
        let args = [args, &["--stats", "stats.json", "corpus"]].concat();
        let stdout = crate::util::run_ok_stdout(&args, dir.path());
        let ids = crate::util::parse_records(&stdout)
            .iter()
            .map(|r| r["id"].as_str().unwrap().trim_start_matches("corpus/").to_string())
            .collect();
        let stats = serde_json::from_slice(&fs::read(stats).unwrap()).unwrap();
        (ids, stdout, stats)
    };
    let (ids, one_thread, stats) = kept_ids(&["--dedup", "near", "-j", "1"]);
    assert_eq!(ids, expected_kept);
    assert_eq!(stats["duplicates"], planted.len() + 1);
    assert_eq!(stats["documents"], originals.len() + planted.len());
    let (_, three_threads, _) = kept_ids(&["--dedup", "near", "-j", "3"]);
    assert_eq!(one_thread, three_threads);

    // Exact: the copies whose text is byte for byte the original's: the mirrors (the same
    // lines in another template), the essay, the seed repaired by hand, and the seed with
    // another spam tail (the tail is stripped whole, the rest is the seed's); not the simplified
    // copy.
    let (ids, _, stats) = kept_ids(&["--dedup", "exact", "-j", "2"]);
    let dropped: Vec<&str> = ids_missing(&expected_kept, &planted, &ids);
    assert_eq!(
        dropped,
        [
            "text-seed_repaired_by_hand.txt",
            "zz-exact-essay.txt",
            "zz-mirror-docs.html",
            "zz-mirror-news.html",
            "zz-mirror-portal.html",
            "zz-seed-other-tail.txt"
        ]
    );
    assert_eq!(stats["duplicates"], dropped.len());
    // Without --dedup, everything is written, in input order.
    let (all, _, stats) = kept_ids(&["-j", "2"]);
    assert_eq!(all.len(), originals.len() + planted.len());
    assert_eq!(stats["duplicates"], 0);
}

/// The documents of the corpus (originals, the seed repaired by hand, planted copies) missing
/// from `ids`, sorted.
fn ids_missing<'a>(originals: &'a [String], planted: &'a [(String, String)], ids: &[String]) -> Vec<&'a str> {
    let mut all: Vec<&str> = originals.iter().map(String::as_str).collect();
    all.push("text-seed_repaired_by_hand.txt");
    all.extend(planted.iter().map(|(name, _)| name.as_str()));
    let mut missing: Vec<&str> = all
        .into_iter()
        .filter(|name| !ids.iter().any(|id| id == name))
        .collect();
    missing.sort_unstable();
    missing
}
