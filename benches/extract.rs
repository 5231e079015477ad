//! Extraction speed: the whole `extract` stage against html5ever's parse alone (the floor: of
//! the raw page, and of the page as `extract` gives it to the parser),
//! over the project's HTML fixtures and, when present, `../shared/corpus/extract-en`.

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pagewash::extract::{self, dom::Dom, nesting};

fn pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![
        root.join("fixtures/html"),
        root.join("../shared/corpus/extract-en/html"),
    ];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let bytes = if path.extension().is_some_and(|e| e == "gz") {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).ok()?;
                out
            } else {
                bytes
            };
            // GBK fixtures decode lossily here; speed does not depend on it.
            Some(String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("parse only", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(Dom::parse(page));
            }
        })
    });
    // What `extract` parses: the page with script and style bodies emptied.
    let prepared: Vec<String> = pages.iter().map(|p| nesting::prepare(p).into_owned()).collect();
    group.bench_function("prepare", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(nesting::prepare(page));
            }
        })
    });
    group.bench_function("parse prepared", |b| {
        b.iter(|| {
            for page in &prepared {
                black_box(Dom::parse(page));
            }
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(extract::extract(page, None));
            }
        })
    });
    let deep = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
    group.throughput(Throughput::Bytes(deep.len() as u64));
    group.bench_function("100000 nested divs", |b| {
        b.iter(|| black_box(extract::extract(&deep, None)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
