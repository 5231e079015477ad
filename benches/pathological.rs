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

/// Byte shapes, decoded as the pipeline finds them (no transport charset): (name, kind, the
/// document at a size, the size at n). Malformed sequences by the million, in every decoder
/// that counts them (one encoding_rs call each), and the repairs after decoding on the U+FFFD
/// runs they leave.
type ByteShape = (&'static str, Kind, fn(usize) -> Vec<u8>, usize);

const BYTE_SHAPES: &[ByteShape] = &[
    (
        "gbk-malformed",
        Kind::Html,
        |n| malformed(br#"<meta charset="gbk"><p>"#, n),
        256 << 10,
    ),
    ("gbk-page-random-tail", Kind::Html, gbk_page_random_tail, 64 << 10),
    (
        "iso-2022-jp-empty-escapes",
        Kind::Html,
        |n| {
            let mut bytes = br#"<meta charset="iso-2022-jp"><p>"#.to_vec();
            bytes.extend(b"\x1b$B\x1b(B".repeat(n));
            bytes
        },
        128_000,
    ),
    (
        "shift-jis-malformed",
        Kind::Html,
        |n| malformed(br#"<meta charset="shift_jis"><p>"#, n),
        256 << 10,
    ),
    (
        "big5-malformed",
        Kind::Html,
        |n| malformed(br#"<meta charset="big5"><p>"#, n),
        256 << 10,
    ),
    (
        "euc-kr-malformed",
        Kind::Html,
        |n| malformed(br#"<meta charset="euc-kr"><p>"#, n),
        256 << 10,
    ),
    (
        "utf-16-lone-surrogates",
        Kind::Html,
        |n| {
            let mut bytes = b"\xff\xfe<\x00p\x00>\x00".to_vec();
            bytes.extend(b"\x00\xd8".repeat(n));
            bytes
        },
        128 << 10,
    ),
    (
        "windows-1253-unmapped",
        Kind::Html,
        |n| {
            let mut bytes = br#"<meta charset="windows-1253"><p>"#.to_vec();
            bytes.extend(std::iter::repeat_n(0xAA, n));
            bytes
        },
        256 << 10,
    ),
    ("gbk-text-malformed", Kind::Text, |n| malformed(b"", n), 64 << 10),
];

/// `head` and `n` bytes 0xFF, malformed in every multi-byte encoding.
fn malformed(head: &[u8], n: usize) -> Vec<u8> {
    let mut bytes = head.to_vec();
    bytes.extend(std::iter::repeat_n(0xFF, n));
    bytes
}

/// A GBK article page followed by `n` random bytes that are not control characters: what a
/// binary sniff of the head lets through.
fn gbk_page_random_tail(n: usize) -> Vec<u8> {
    let page = "<html><head><meta charset=\"gbk\"><title>江南市推进老旧小区改造</title></head><body>\
                <p>本报讯（记者 李明）记者从江南市住房和城乡建设局获悉，今年全市计划改造老旧小区一百二十个。</p>\
                <p>据介绍，此次改造坚持“居民自愿、先民生后提升”的原则。</p>";
    let mut bytes = encoding_rs::GBK.encode(page).0.into_owned();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    bytes.extend((0..n).map(|_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        0x20 + (state % 0xE0) as u8
    }));
    bytes
}

fn document(html: String) -> Document {
    document_of(html.into_bytes(), Kind::Html, Some("utf-8"))
}

fn document_of(bytes: Vec<u8>, kind: Kind, charset: Option<&str>) -> Document {
    Document {
        id: "bench".into(),
        url: None,
        kind: Some(kind),
        charset: charset.map(str::to_string),
        body: Ok(bytes),
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
    for &(name, kind, make, n) in BYTE_SHAPES {
        let mut group = c.benchmark_group(format!("pathological/{name}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(2));
        for size in [n, 2 * n, 4 * n] {
            let doc = document_of(make(size), kind, None);
            group.throughput(Throughput::Bytes(size as u64));
            group.bench_with_input(BenchmarkId::from_parameter(size), &doc, |b, doc| {
                b.iter(|| process(doc.clone(), &opts))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, pathological);
criterion_main!(benches);
