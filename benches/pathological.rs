//! Time of the whole per-document pipeline on hostile page shapes at three sizes (n, 2n, 4n).
//! Every stage must be linear: a time that more than doubles when the size doubles names a
//! quadratic path. Each shape here once was one (see the commits that fixed them), so they stay
//! measured: `cargo bench --bench pathological`.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pagewash::batch::{PipelineOptions, process};
use pagewash::input::Document;
use pagewash::record::Kind;

/// (name, head, repeated unit, tail, units at the smallest size)
const SHAPES: &[(&str, &str, &str, &str, usize)] = &[
    ("svg-unclosed-script", "<svg>", "<script>", "", 4_000),
    ("frameset-style", "<frameset>", "<style>", "</style>", 4_000),
    ("ampersands-without-semicolon", "<p>", "& x ", "</p>", 20_000),
    ("nested-lists", "", "<ul><li>item ", "", 4_000),
    ("lingering-formatting", "", "<p><b class=c>x</p>", "", 2_000),
    (
        "long-title",
        "<title>",
        "Title words - Site | ",
        "</title><h1>Head</h1><p>x</p>",
        20_000,
    ),
    ("replacement-runs", "<p>", "中文\u{FFFD}文字。", "</p>", 4_000),
    ("gbk-as-utf8-run", "<p>", "锟斤拷", "</p>", 500),
    (
        "json-ld-authors",
        r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"h","author":["#,
        r#"{"name":"n"},"#,
        r#"{"name":"m"}]}</script><p>x</p>"#,
        5_000,
    ),
];

fn document(html: String) -> Document {
    Document {
        id: "bench".into(),
        url: None,
        kind: Some(Kind::Html),
        charset: Some("utf-8".into()),
        body: Ok(html.into_bytes()),
        fetch: Default::default(),
    }
}

fn pathological(c: &mut Criterion) {
    let opts = PipelineOptions::default();
    for &(name, head, unit, tail, n) in SHAPES {
        let mut group = c.benchmark_group(format!("pathological/{name}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(1));
        for units in [n, 2 * n, 4 * n] {
            let doc = document(format!("{head}{}{tail}", unit.repeat(units)));
            group.throughput(Throughput::Elements(units as u64));
            group.bench_with_input(BenchmarkId::from_parameter(units), &doc, |b, doc| {
                b.iter(|| process(doc.clone(), &opts))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, pathological);
criterion_main!(benches);
