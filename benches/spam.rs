//! The spam stage's costs, one thread: loading the gazetteer (once per process), and `scrub` over
//! the content of every `../shared/corpus/zh-news` page (when present) and of the spam fixtures.
//! `spam/share` prints the share of the whole per-document pipeline's time that `scrub` takes on
//! zh-news: both timed in the same process, alternating, median of 15 rounds.

mod common;

use common::load_documents;

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pagewash::batch::{PipelineOptions, process};
use pagewash::content::Extracted;
use pagewash::decode::repair::RepairLog;
use pagewash::decode::{self, DecodeOptions, Hints};
use pagewash::input::{self, Document};
use pagewash::record::Kind;
use pagewash::spam::{self, SpamOptions};

/// The content-stage output of every document under `dir`, as the spam stage receives it.
fn contents(docs: &[Document]) -> Vec<Extracted> {
    docs.iter()
        .cloned()
        .filter_map(|doc| {
            let bytes = doc.body.ok()?;
            let kind = doc.kind.unwrap_or_else(|| input::sniff_kind(&bytes));
            let hints = Hints {
                transport: doc.charset.as_deref(),
                url: doc.url.as_deref(),
                html: kind == Kind::Html,
            };
            let opts = DecodeOptions::default();
            let decoded = decode::decode(&bytes, &hints, &opts).ok()?;
            let mut log = RepairLog::default();
            Some(pagewash::batch::content(
                kind,
                &decoded.text,
                doc.url.as_deref(),
                &opts.repairs,
                &mut log,
            ))
        })
        .collect()
}

fn scrub_set(c: &mut Criterion, name: &str, docs: Vec<Extracted>) {
    if docs.is_empty() {
        eprintln!("bench spam/scrub/{name}: no documents, skipped");
        return;
    }
    let bytes: u64 = docs
        .iter()
        .map(|d| d.blocks.iter().map(|b| b.text.len() as u64).sum::<u64>())
        .sum();
    let mut group = c.benchmark_group("spam/scrub");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    group.bench_function(name, |b| {
        b.iter_batched(
            || docs.clone(),
            |mut docs| {
                docs.iter_mut()
                    .map(|d| spam::scrub(d, &SpamOptions::default()).len())
                    .sum::<usize>()
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// The share of pipeline time spent in `scrub`, on the same documents in the same process.
fn share(dir: &Path, docs: &[Document]) {
    let extracted = contents(docs);
    if docs.is_empty() {
        eprintln!("spam/share: no documents under {}, skipped", dir.display());
        return;
    }
    let opts = PipelineOptions::default();
    let mut pipeline = Vec::new();
    let mut scrubbing = Vec::new();
    for _ in 0..15 {
        let copies = docs.to_vec();
        let start = std::time::Instant::now();
        for doc in copies {
            std::hint::black_box(process(doc, &opts));
        }
        pipeline.push(start.elapsed().as_secs_f64());
        let mut copies = extracted.clone();
        let start = std::time::Instant::now();
        for doc in &mut copies {
            std::hint::black_box(spam::scrub(doc, &SpamOptions::default()));
        }
        scrubbing.push(start.elapsed().as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (p, s) = (median(&mut pipeline), median(&mut scrubbing));
    println!(
        "spam/share/{}: pipeline {:.1} ms, scrub {:.2} ms, share {:.1}% ({} documents)",
        dir.file_name().unwrap_or_default().to_string_lossy(),
        p * 1e3,
        s * 1e3,
        100.0 * s / p,
        docs.len()
    );
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("spam");
    group.sample_size(20);
    group.bench_function("gazetteer-load", |b| b.iter(spam::gazetteer_parse_cost));
    group.bench_function("keywords-load", |b| b.iter(spam::keywords_build_cost));
    group.finish();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    spam::warm_up();
    scrub_set(
        c,
        "fixtures-spam",
        contents(&load_documents(&root.join("fixtures/spam"))),
    );
    let zh_news = root.join("../shared/corpus/zh-news");
    let zh_news_docs = load_documents(&zh_news);
    scrub_set(c, "zh-news", contents(&zh_news_docs));
    share(&zh_news, &zh_news_docs);
}

criterion_group!(spam_benches, benches);
criterion_main!(spam_benches);
