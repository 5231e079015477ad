//! The plain-text stage alone (line classification and metadata), over the text fixtures and,
//! when `$TEXT_BENCH_DIR` names a folder, the text dumps in it: `cargo bench --bench text`.

mod common;

use std::hint::black_box;
use std::path::Path;

use common::load_documents;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/text")];
    dirs.extend(std::env::var_os("TEXT_BENCH_DIR").map(Into::into));
    let pages: Vec<String> = dirs
        .iter()
        .flat_map(|dir| load_documents(dir))
        .filter_map(|doc| doc.body.ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("extract", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(pagewash::text::extract(page));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
