//! Throughput of the whole per-document pipeline (decode → extract/text → spam → record JSON)
//! on one thread, over the project's fixtures and, when present, `../shared/corpus/zh-news`.

mod common;

use common::load_documents;

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pagewash::batch::{PipelineOptions, process};
use pagewash::input::Document;
use pagewash::output::{JsonLines, RecordFormat};

fn bench_set(c: &mut Criterion, name: &str, docs: Vec<Document>) {
    if docs.is_empty() {
        eprintln!("bench {name}: no documents, skipped");
        return;
    }
    let bytes: u64 = docs.iter().map(|d| d.body.as_ref().map_or(0, |b| b.len() as u64)).sum();
    let opts = PipelineOptions::default();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for doc in &docs {
                JsonLines.encode(&process(doc.clone(), &opts), &mut out);
            }
            out.len()
        })
    });
    group.finish();
}

fn pipeline(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    bench_set(c, "fixtures", load_documents(&root.join("fixtures")));
    bench_set(c, "zh-news", load_documents(&root.join("../shared/corpus/zh-news")));
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
