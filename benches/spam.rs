//! The spam stage's costs, one thread: loading the gazetteer (once per process), and `scrub` over
//! the content of every `../shared/corpus/zh-news` page (when present) and of the spam fixtures.
//! Compare `spam/scrub/zh-news` with `pipeline/zh-news` (benches/pipeline.rs) for the share of
//! run time the stage adds.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pagewash::content::Extracted;
use pagewash::decode::{self, DecodeOptions, Hints};
use pagewash::input::{self, Documents, Input, InputOptions};
use pagewash::record::Kind;
use pagewash::spam::{self, SpamOptions};

/// The content-stage output of every document under `dir`, as the spam stage receives it.
fn contents(dir: &Path) -> Vec<Extracted> {
    if !dir.exists() {
        return Vec::new();
    }
    let input = Input::Path(dir.to_string_lossy().into_owned());
    Documents::new(vec![input], None, InputOptions::default())
        .expect("no input list")
        .filter_map(Result::ok)
        .filter_map(|doc| {
            let bytes = doc.body.ok()?;
            let kind = doc.kind.unwrap_or_else(|| input::sniff_kind(&bytes));
            let hints = Hints {
                transport: doc.charset.as_deref(),
                url: doc.url.as_deref(),
                html: kind == Kind::Html,
            };
            let decoded = decode::decode(&bytes, &hints, &DecodeOptions::default()).ok()?;
            Some(match kind {
                Kind::Html => pagewash::extract::extract(&decoded.text),
                Kind::Text => pagewash::text::extract(&decoded.text),
            })
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

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("spam");
    group.sample_size(20);
    group.bench_function("gazetteer-load", |b| b.iter(spam::gazetteer_parse_cost));
    group.finish();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    spam::warm_up();
    scrub_set(c, "fixtures-spam", contents(&root.join("fixtures/spam")));
    scrub_set(c, "zh-news", contents(&root.join("../shared/corpus/zh-news")));
}

criterion_group!(spam_benches, benches);
criterion_main!(spam_benches);
