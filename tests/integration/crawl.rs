//! Crawl files as they come: page selection, skip counts, fetch fields, HTTP codings, clipped
//! and truncated payloads, ARC. Small WARC/ARC files are written here; the real files of
//! `../shared/corpus/warc` are read when present (and the tests on them skip when absent).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::util::{PROSE, article_page, field, gzip, gzip_members, pagewash, parse_records, warc_record};

/// An HTTP response block with any status and headers.
fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (name, value) in headers {
        out.extend(format!("{name}: {value}\r\n").bytes());
    }
    out.extend(b"\r\n");
    out.extend(body);
    out
}

fn response(id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    warc_record("response", id, uri, "application/http; msgtype=response", block)
}

fn deflate_raw(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(bytes).unwrap();
    z.finish().unwrap()
}

/// Runs the binary quietly in `cwd`: exit status, records, and the `--stats` summary.
fn run(args: &[&str], cwd: &Path) -> (Option<i32>, Vec<serde_json::Value>, serde_json::Value) {
    let output = pagewash()
        .current_dir(cwd)
        .args(args)
        .args(["--quiet", "--stats", "stats.json"])
        .output()
        .unwrap();
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    let stats = serde_json::from_slice(&fs::read(cwd.join("stats.json")).unwrap()).unwrap();
    (output.status.code(), parse_records(&output.stdout), stats)
}

fn page(title: &str) -> Vec<u8> {
    article_page(title, &PROSE).into_bytes()
}

/// A WARC shaped like Common Crawl's: request/response/metadata triples, each record its own
/// gzip member, pages among redirects, errors, images, a PDF, a page cut at 1 MiB and a body
/// stored decoded under `X-Crawler-Content-Encoding`.
fn common_crawl_shaped() -> Vec<u8> {
    let mut records = Vec::new();
    let mut exchange = |n: usize, uri: &str, block: Vec<u8>, truncated: bool| {
        let id = format!("<urn:uuid:{n}>");
        records.push(warc_record(
            "request",
            &format!("<urn:uuid:q{n}>"),
            uri,
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n",
        ));
        let mut record = response(&id, uri, &block);
        if truncated {
            let at = record.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
            record.splice(at..at, b"WARC-Truncated: length\r\n".iter().copied());
        }
        records.push(record);
        records.push(warc_record(
            "metadata",
            &format!("<urn:uuid:m{n}>"),
            uri,
            "application/warc-fields",
            b"fetchTimeMs: 88\r\n",
        ));
    };
    let html = [("Content-Type", "text/html; charset=utf-8")];
    exchange(
        1,
        "https://news.example.org/a",
        http("200 OK", &html, &page("First")),
        false,
    );
    exchange(
        2,
        "https://news.example.org/old",
        http("301 Moved Permanently", &[("Location", "/a")], b""),
        false,
    );
    exchange(
        3,
        "https://news.example.org/gone",
        http("404 Not Found", &html, &page("Not found")),
        false,
    );
    let png = [&b"\x89PNG\r\n\x1a\n"[..], &[7u8; 300]].concat();
    exchange(
        4,
        "https://news.example.org/a.png",
        http("200 OK", &[("Content-Type", "image/png")], &png),
        false,
    );
    exchange(
        5,
        "https://news.example.org/r.pdf",
        http(
            "200 OK",
            &[("Content-Type", "application/pdf")],
            b"%PDF-1.4\n%\xe2\xe3\n1 0 obj",
        ),
        false,
    );
    let long = article_page("Archive", &[PROSE[0]; 12_000]).into_bytes();
    assert!(long.len() > 1 << 20);
    let mut cut = http("200 OK", &html, &long);
    cut.truncate(1 << 20);
    exchange(6, "https://news.example.org/archive", cut, true);
    let decoded = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("X-Crawler-Content-Encoding", "gzip"),
    ];
    exchange(
        7,
        "https://news.example.org/b",
        http("200 OK", &decoded, &page("Second")),
        false,
    );
    gzip_members(&records)
}

#[test]
fn a_common_crawl_shaped_warc_gives_its_pages_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("cc.warc.gz"), common_crawl_shaped()).unwrap();
    let (code, records, stats) = run(&["cc.warc.gz"], dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(
        field(&records, "url"),
        [
            "https://news.example.org/a",
            "https://news.example.org/archive",
            "https://news.example.org/b"
        ]
    );
    assert!(records.iter().all(|r| r["error"].is_null()));
    assert_eq!(
        records.iter().map(|r| r["truncated"] == true).collect::<Vec<_>>(),
        [false, true, false]
    );
    for record in &records {
        assert_eq!(record["http_status"], 200);
        assert_eq!(record["content_type"], "text/html");
        assert_eq!(record["fetched"], "2024-04-02T00:00:00Z");
    }
    assert!(records[1]["text"].as_str().unwrap().contains(PROSE[0]));
    assert!(records[2]["text"].as_str().unwrap().contains(PROSE[2]));
    assert_eq!(stats["documents"], 3);
    assert_eq!(stats["errors"], 0);
    assert_eq!(stats["truncated"], 1);
    assert_eq!(stats["skipped"], 18);
    assert_eq!(
        stats["skipped_by_reason"],
        serde_json::json!({"request": 7, "metadata": 7, "http-3xx": 1, "http-4xx": 1, "image": 1, "pdf": 1})
    );
}

#[test]
fn all_records_outputs_the_skipped_ones_without_failing_the_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("cc.warc.gz"), common_crawl_shaped()).unwrap();
    let (code, records, stats) = run(&["--all-records", "cc.warc.gz"], dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(records.len(), 21);
    let skipped: Vec<&serde_json::Value> = records.iter().filter(|r| r["error"]["kind"] == "skipped").collect();
    assert_eq!(skipped.len(), 18);
    let redirect = &records[4];
    assert_eq!(redirect["url"], "https://news.example.org/old");
    assert_eq!(redirect["http_status"], 301);
    assert_eq!(redirect["error"]["kind"], "skipped");
    assert!(redirect["error"]["message"].as_str().unwrap().contains("http-3xx"));
    let image = records.iter().find(|r| r["content_type"] == "image/png").unwrap();
    assert_eq!(image["error"]["kind"], "skipped");
    assert_eq!(
        (stats["documents"].clone(), stats["skipped"].clone()),
        (3.into(), 18.into())
    );
}

#[test]
fn a_page_that_cannot_be_processed_still_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    // Declared HTML, but NUL and control bytes throughout: not text, and not a known format.
    let noise: Vec<u8> = (0..2000u32).map(|i| (i % 7) as u8).collect();
    let mut warc = response(
        "<urn:uuid:1>",
        "https://a.example/",
        &http("200 OK", &[("Content-Type", "text/html")], &noise),
    );
    warc.extend(response(
        "<urn:uuid:2>",
        "https://a.example/b",
        &http("200 OK", &[("Content-Type", "text/html")], &page("Fine")),
    ));
    fs::write(dir.path().join("x.warc"), warc).unwrap();
    let (code, records, _) = run(&["x.warc"], dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(records[0]["error"]["kind"], "binary");
    assert!(records[1]["error"].is_null());
}

#[test]
fn http_payloads_in_every_coding() {
    let dir = tempfile::tempdir().unwrap();
    let body = page("Coded");
    let zipped = gzip(&body);
    let mut chunked = Vec::new();
    for piece in zipped.chunks(100) {
        chunked.extend(format!("{:x}\r\n", piece.len()).bytes());
        chunked.extend(piece);
        chunked.extend(b"\r\n");
    }
    chunked.extend(b"0\r\n\r\n");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "gzip-chunked",
            http(
                "200 OK",
                &[
                    ("Content-Type", "text/html"),
                    ("Content-Encoding", "gzip"),
                    ("Transfer-Encoding", "chunked"),
                ],
                &chunked,
            ),
        ),
        (
            "raw-deflate",
            http(
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "deflate")],
                &deflate_raw(&body),
            ),
        ),
        (
            "zstd",
            http(
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "zstd")],
                &zstd::encode_all(&body[..], 3).unwrap(),
            ),
        ),
        // ClueWeb09 and Nutch kept the header over a body they stored decoded.
        (
            "declared-gzip-stored-decoded",
            http(
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                &body,
            ),
        ),
        // A header-less body under a response (old crawlers), typed by sniffing.
        ("bare", body.clone()),
    ];
    let mut warc = Vec::new();
    for (name, block) in &cases {
        let content_type = if *name == "bare" {
            "application/octet-stream"
        } else {
            "application/http; msgtype=response"
        };
        let uri = format!("https://a.example/{name}");
        warc.extend(warc_record(
            "response",
            &format!("<urn:uuid:{name}>"),
            &uri,
            content_type,
            block,
        ));
    }
    fs::write(dir.path().join("coded.warc"), warc).unwrap();
    let (code, records, _) = run(&["coded.warc"], dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(records.len(), cases.len());
    for (record, (name, _)) in records.iter().zip(&cases) {
        assert!(record["error"].is_null(), "{name}: {record}");
        assert_eq!(record["truncated"], false, "{name}");
        assert_eq!(record["content_type"], "text/html", "{name}");
        assert!(record["text"].as_str().unwrap().contains(PROSE[1]), "{name}: {record}");
    }
}

#[test]
fn a_gzip_body_cut_short_gives_what_arrived() {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs: Vec<String> = (0..400)
        .map(|i| format!("{} Paragraph number {i}.", PROSE[i % 3]))
        .collect();
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let body = article_page("Long", &refs).into_bytes();
    let zipped = gzip(&body);
    let block = http(
        "200 OK",
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        &zipped[..zipped.len() / 2],
    );
    fs::write(
        dir.path().join("cut.warc"),
        response("<urn:uuid:1>", "https://a.example/", &block),
    )
    .unwrap();
    let (code, records, _) = run(&["cut.warc"], dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(records[0]["truncated"], true);
    let text = records[0]["text"].as_str().unwrap();
    assert!(
        text.contains("Paragraph number 10.") && !text.contains("Paragraph number 399."),
        "{text}"
    );
}

/// An ARC file: the version block and two records, one with a space in its URL.
pub fn arc_records() -> Vec<Vec<u8>> {
    let version = b"1 0 Test Crawl\nURL IP-address Archive-date Content-type Archive-length\n";
    let mut records = vec![
        [
            format!(
                "filedesc://test.arc 0.0.0.0 20140216050221 text/plain {}\n",
                version.len()
            )
            .as_bytes(),
            version,
            b"\n",
        ]
        .concat(),
    ];
    for (url, title) in [("http://a.example/one", "One"), ("http://a.example/two words", "Two")] {
        let block = http("200 OK", &[("Content-Type", "text/html")], &page(title));
        let header = format!("{url} 192.0.2.1 20140216050221 text/html {}\n", block.len());
        records.push([header.as_bytes(), &block, b"\n"].concat());
    }
    records
}

#[test]
fn arc_records_become_documents_with_offsets_urls_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let records = arc_records();
    fs::write(dir.path().join("crawl.arc"), records.concat()).unwrap();
    fs::write(dir.path().join("crawl.arc.gz"), gzip_members(&records)).unwrap();
    let plain_second = records[0].len() + records[1].len();
    let compressed: Vec<usize> = records.iter().map(|r| gzip(r).len()).collect();
    let (code, out, stats) = run(&["crawl.arc", "crawl.arc.gz"], dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(
        field(&out, "id"),
        [
            format!("crawl.arc#{}", records[0].len()),
            format!("crawl.arc#{plain_second}"),
            format!("crawl.arc.gz#{}", compressed[0]),
            format!("crawl.arc.gz#{}", compressed[0] + compressed[1]),
        ]
    );
    assert_eq!(
        field(&out, "url")[..2],
        ["http://a.example/one", "http://a.example/two%20words"]
    );
    for record in &out {
        assert_eq!(record["fetched"], "2014-02-16T05:02:21Z");
        assert_eq!(record["http_status"], 200);
        assert!(record["text"].as_str().unwrap().contains(PROSE[0]));
    }
    assert_eq!(stats["skipped_by_reason"], serde_json::json!({"warcinfo": 2}));
}

/// A file of `../shared/corpus/warc`, when the shared corpus is there.
fn corpus_file(name: &str) -> Option<PathBuf> {
    let path = crate::util::root().join("../shared/corpus/warc").join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("{} absent: skipped", path.display());
        None
    }
}

fn run_corpus(name: &str) -> Option<(Option<i32>, Vec<serde_json::Value>, serde_json::Value)> {
    let path = corpus_file(name)?;
    let dir = tempfile::tempdir().unwrap();
    Some(run(&[path.to_str().unwrap()], dir.path()))
}

#[test]
fn clueweb_bodies_declared_gzip_but_stored_decoded() {
    let Some((code, records, _)) = run_corpus("chatnoir-eu+chatnoir-resiliparse/clueweb-quirk.warc.gz") else {
        return;
    };
    assert_eq!(code, Some(0));
    assert_eq!(records.len(), 29);
    for record in &records {
        assert!(record["error"].is_null(), "{record}");
        assert_eq!(record["encoding"]["name"], "EUC-JP");
        // WARC/0.18 as ClueWeb09 wrote it: a day of the year in the day field.
        assert!(record["fetched"].is_null());
        assert!(!record["text"].as_str().unwrap().is_empty());
    }
}

#[test]
fn a_clipped_warc_gives_the_part_that_arrived() {
    let Some((code, records, _)) = run_corpus("chatnoir-eu+chatnoir-resiliparse/clipped.warc.gz") else {
        return;
    };
    assert_eq!(code, Some(0));
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["truncated"], true);
    assert!(records[0]["error"].is_null());
    assert!(records[0]["text"].as_str().unwrap().len() > 1000);
}

#[test]
fn warcio_test_files() {
    let example = "illustrative examples";
    for (name, truncated, snippet) in [
        // A gzip body whose last two bytes fell outside a Content-Length two bytes short.
        ("example-trunc.warc", true, example),
        ("example-iana.org-chunked.warc", false, "DNS Root Zone"),
        ("example.arc", false, example),
        ("example.arc.gz", false, example),
        // A URL with spaces; headers with bare LF, so the ARC length overshoots the file.
        ("example-space-in-url.arc", true, example),
    ] {
        let Some((code, records, _)) = run_corpus(&format!("webrecorder+warcio/{name}")) else {
            return;
        };
        assert_eq!(code, Some(0), "{name}");
        assert_eq!(records.len(), 1, "{name}");
        assert_eq!(records[0]["truncated"], truncated, "{name}");
        assert_eq!(records[0]["http_status"], 200, "{name}");
        assert!(records[0]["text"].as_str().unwrap().contains(snippet), "{name}");
    }
}
