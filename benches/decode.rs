//! What decoding and repair cost, measured in the same process as the whole pipeline:
//!
//! - `zh-news` (`../shared/corpus/zh-news`): the time of decode + repairs (as `batch::process`
//!   applies them: whole text for plain text, per block and metadata field for HTML) against the
//!   time of the whole per-document pipeline, on one thread; the budget is 10 %.
//! - `char-dataset` (`../shared/corpus/encoding/char-dataset`): `decode` alone, ms per file, to
//!   set beside the peers' detection times in `scripts/eval-encoding`.
//!
//! `cargo bench --bench decode`. Skips a set whose folder is absent. With
//! `PAGEWASH_BENCH_FAMILIES=1` it first breaks the cost down: the parts of decoding, the slowest
//! documents, and each repair family alone over zh-news's blocks.

mod common;

use common::load_documents;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use pagewash::batch::{PipelineOptions, process};
use pagewash::decode::repair::{self, Origin, RepairLog, RepairOptions};
use pagewash::decode::{self, DecodeOptions, Hints};
use pagewash::input::{Document, sniff_kind};
use pagewash::record::Kind;

/// Best of `runs` timings of `f`.
fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The document's bytes, its kind and the hints decoding gets, as the pipeline derives them.
fn decode_input(doc: &Document) -> (&[u8], Kind, Hints<'_>) {
    let bytes = doc.body.as_deref().expect("loaded documents have bodies");
    let kind = doc.kind.unwrap_or_else(|| sniff_kind(bytes));
    let hints = Hints {
        transport: doc.charset.as_deref(),
        url: doc.url.as_deref(),
        html: kind == Kind::Html,
    };
    (bytes, kind, hints)
}

/// Decode + repairs as the pipeline applies them; extraction (which the repairs need for HTML)
/// is done up front and not timed.
fn decode_and_repair_time(docs: &[Document], runs: usize) -> Duration {
    let opts = DecodeOptions::default();
    let repairs = RepairOptions::default();
    let mut decode_time = Duration::MAX;
    let mut repair_time = Duration::MAX;
    for _ in 0..runs {
        let mut decode_run = Duration::ZERO;
        let mut repair_run = Duration::ZERO;
        for doc in docs {
            let (bytes, kind, h) = decode_input(doc);
            let start = Instant::now();
            let decoded = decode::decode(bytes, &h, &opts);
            decode_run += start.elapsed();
            let Ok(decoded) = decoded else { continue };
            let mut log = RepairLog::default();
            if kind == Kind::Html {
                let extracted = pagewash::extract::extract(&decoded.text, doc.url.as_deref());
                let start = Instant::now();
                for block in &extracted.blocks {
                    black_box(repair::repair(&block.text, Origin::HtmlText, &repairs, &mut log));
                }
                let meta = &extracted.meta;
                for value in [&meta.title, &meta.author, &meta.site, &meta.source]
                    .into_iter()
                    .flatten()
                {
                    black_box(repair::repair(value, Origin::HtmlText, &repairs, &mut log));
                }
                for crumb in &meta.breadcrumbs {
                    black_box(repair::repair(crumb, Origin::HtmlText, &repairs, &mut log));
                }
                repair_run += start.elapsed();
            } else {
                let start = Instant::now();
                black_box(repair::repair(&decoded.text, Origin::PlainText, &repairs, &mut log));
                repair_run += start.elapsed();
            }
        }
        decode_time = decode_time.min(decode_run);
        repair_time = repair_time.min(repair_run);
    }
    eprintln!(
        "  decode {:.1} ms, repair {:.1} ms",
        decode_time.as_secs_f64() * 1e3,
        repair_time.as_secs_f64() * 1e3
    );
    decode_time + repair_time
}

fn zh_news(docs: &[Document]) {
    if docs.is_empty() {
        eprintln!("zh-news: not found, skipped");
        return;
    }
    let opts = PipelineOptions::default();
    // Warm the lazily built tables first.
    for doc in docs {
        black_box(process(doc.clone(), &opts));
    }
    let total = best_of(5, || {
        for doc in docs {
            black_box(process(doc.clone(), &opts));
        }
    });
    let part = decode_and_repair_time(docs, 5);
    println!(
        "zh-news: {} documents, whole pipeline {:.1} ms ({:.2} ms/doc), decode + repair {:.1} ms = {:.1} % of it",
        docs.len(),
        total.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3 / docs.len() as f64,
        part.as_secs_f64() * 1e3,
        100.0 * part.as_secs_f64() / total.as_secs_f64()
    );
}

fn char_dataset(root: &Path) {
    let docs = load_documents(&root.join("../shared/corpus/encoding/char-dataset"));
    if docs.is_empty() {
        eprintln!("char-dataset: not found, skipped");
        return;
    }
    let opts = DecodeOptions::default();
    let time = best_of(5, || {
        for doc in &docs {
            let bytes = doc.body.as_ref().expect("loaded documents have bodies");
            black_box(decode::decode(bytes, &Hints::default(), &opts).ok());
        }
    });
    println!(
        "char-dataset: {} files, decode {:.3} ms/file",
        docs.len(),
        time.as_secs_f64() * 1e3 / docs.len() as f64
    );
}

/// The documents that take longest to decode, with the decision.
fn slowest_decodes(docs: &[Document]) {
    let mut times = Vec::new();
    for doc in docs {
        let (bytes, _, h) = decode_input(doc);
        let mut info = None;
        let time = best_of(3, || {
            info = decode::decode(bytes, &h, &DecodeOptions::default())
                .ok()
                .map(|d| d.encoding)
        });
        times.push((time, doc.id.clone(), bytes.len(), info));
    }
    times.sort_by_key(|t| std::cmp::Reverse(t.0));
    for (time, id, len, info) in times.iter().take(8) {
        println!("  {:.2} ms {id} {len} bytes {info:?}", time.as_secs_f64() * 1e3);
    }
}

/// One part of decoding, run over a document's bytes.
type DecodePart = dyn Fn(&[u8]);

/// The parts of decoding, each over all of zh-news.
fn decode_parts(docs: &[Document]) {
    let bodies: Vec<&[u8]> = docs.iter().map(|d| d.body.as_deref().expect("body")).collect();
    let parts: [(&str, &DecodePart); 5] = [
        ("binary::sniff", &|b| {
            black_box(decode::binary::sniff(b));
        }),
        ("from_utf8", &|b| {
            black_box(std::str::from_utf8(b).is_ok());
        }),
        ("decode_counting", &|b| {
            black_box(decode::decode_counting(encoding_rs::UTF_8, b));
        }),
        ("prescan", &|b| {
            black_box(decode::prescan::prescan(b));
        }),
        ("memcpy", &|b| {
            black_box(b.to_vec());
        }),
    ];
    for (name, part) in parts {
        let t = best_of(5, || bodies.iter().for_each(|b| part(b)));
        println!("  {name} {:.2} ms", t.as_secs_f64() * 1e3);
    }
}

/// Time of each repair family alone over the HTML blocks of zh-news (to find hot spots), after
/// the parts of decoding and the slowest documents.
fn per_family(docs: &[Document]) {
    decode_parts(docs);
    slowest_decodes(docs);
    let mut blocks = Vec::new();
    for doc in docs {
        let (bytes, kind, h) = decode_input(doc);
        if let (Ok(decoded), Kind::Html) = (decode::decode(bytes, &h, &DecodeOptions::default()), kind) {
            blocks.extend(
                pagewash::extract::extract(&decoded.text, doc.url.as_deref())
                    .blocks
                    .into_iter()
                    .map(|b| b.text),
            );
        }
    }
    for kind in repair::KINDS {
        let opts = RepairOptions {
            disabled: repair::KINDS
                .iter()
                .filter(|k| *k != kind)
                .map(|k| k.to_string())
                .collect(),
        };
        let time = best_of(3, || {
            let mut log = RepairLog::default();
            for block in &blocks {
                black_box(repair::repair(block, Origin::HtmlText, &opts, &mut log));
            }
        });
        println!(
            "  {kind}: {:.1} ms over {} blocks",
            time.as_secs_f64() * 1e3,
            blocks.len()
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported and ignored.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zh_news_docs = load_documents(&root.join("../shared/corpus/zh-news"));
    if std::env::var_os("PAGEWASH_BENCH_FAMILIES").is_some() {
        per_family(&zh_news_docs);
    }
    zh_news(&zh_news_docs);
    char_dataset(root);
}
