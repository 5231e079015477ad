//! Per-document failures become error records; the batch goes on.

use std::fs;

use crate::util::{PROSE, article_page, field, gzip, pagewash, parse_records, sample_warc};

fn run(args: &[&str], cwd: &std::path::Path) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = pagewash().current_dir(cwd).args(args).arg("--quiet").output().unwrap();
    // Failures are records, not messages: a quiet run says nothing, whatever went wrong.
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    (output.status.code(), parse_records(&output.stdout))
}

fn error_kind(record: &serde_json::Value) -> &str {
    record["error"]["kind"].as_str().unwrap_or("")
}

#[test]
fn binary_files_get_binary_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.pdf"), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj").unwrap();
    fs::write(dir.path().join("img.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    fs::write(dir.path().join("ok.html"), article_page("Fine", &PROSE)).unwrap();
    let (code, records) = run(&["doc.pdf", "img.html", "ok.html"], dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(
        records.iter().map(error_kind).collect::<Vec<_>>(),
        ["binary", "binary", ""]
    );
    assert!(records[0]["error"]["message"].as_str().unwrap().contains("PDF"));
    assert!(records[2]["text"].as_str().unwrap().contains(PROSE[1]));
}

#[test]
fn documents_above_max_bytes_are_too_large() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.html"), "<p>".to_string() + &"x".repeat(5000)).unwrap();
    fs::write(
        dir.path().join("big.html.gz"),
        gzip(("<p>".to_string() + &"y".repeat(5000)).as_bytes()),
    )
    .unwrap();
    fs::write(dir.path().join("small.html"), "<p>ok</p>").unwrap();
    let (code, records) = run(
        &["--max-bytes", "1000", "big.html", "big.html.gz", "small.html"],
        dir.path(),
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        records.iter().map(error_kind).collect::<Vec<_>>(),
        ["too-large", "too-large", ""]
    );
}

#[test]
fn truncated_gzip_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><body>".to_string() + &"<p>Some paragraph text here.</p>".repeat(400) + "</body></html>";
    let zipped = gzip(page.as_bytes());
    fs::write(dir.path().join("cut.html.gz"), &zipped[..zipped.len() / 2]).unwrap();
    let (code, records) = run(&["cut.html.gz"], dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(records.len(), 1);
    assert_eq!(error_kind(&records[0]), "malformed-container");
}

#[test]
fn truncated_warc_keeps_the_records_before_the_break() {
    let dir = tempfile::tempdir().unwrap();
    let warc = sample_warc();
    // Cut inside the conversion record's block.
    let cut = warc.len() - 20;
    fs::write(dir.path().join("cut.warc"), &warc[..cut]).unwrap();
    fs::write(dir.path().join("cut2.warc.gz"), &gzip(&warc)[..gzip(&warc).len() - 30]).unwrap();
    for name in ["cut.warc", "cut2.warc.gz"] {
        let (code, records) = run(&[name], dir.path());
        assert_eq!(code, Some(2), "{name}");
        let ids = field(&records, "id");
        assert_eq!(
            ids[..2],
            [format!("{name}#<urn:uuid:r1>"), format!("{name}#<urn:uuid:r2>")],
            "{name}"
        );
        let last = records.last().unwrap();
        assert_eq!(error_kind(last), "malformed-container", "{name}: {last}");
        assert!(records[..records.len() - 1].iter().all(|r| r["error"].is_null()));
    }
}

#[test]
fn garbage_after_a_warc_record_is_a_break() {
    let dir = tempfile::tempdir().unwrap();
    let mut warc = sample_warc();
    warc.extend_from_slice(b"this is not a warc header\r\n\r\n");
    fs::write(dir.path().join("bad.warc"), &warc).unwrap();
    let (code, records) = run(&["bad.warc"], dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(records.len(), 4);
    assert_eq!(error_kind(&records[3]), "malformed-container");
}

#[test]
fn malformed_jsonl_lines_are_error_records_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\"}\n[1,2]\n{\"id\":\"d\",\"html\":\"<p>Four.</p>\"}\n";
    fs::write(dir.path().join("x.jsonl"), jsonl).unwrap();
    let (code, records) = run(&["x.jsonl"], dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(field(&records, "id"), ["a", "x.jsonl:2", "c", "x.jsonl:4", "d"]);
    assert_eq!(
        records.iter().map(error_kind).collect::<Vec<_>>(),
        [
            "",
            "malformed-container",
            "malformed-container",
            "malformed-container",
            ""
        ]
    );
}

#[test]
fn missing_and_unreadable_inputs_are_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), "Fine.").unwrap();
    let (code, records) = run(&["missing.html", "ok.txt"], dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(field(&records, "id"), ["missing.html", "ok.txt"]);
    assert_eq!(error_kind(&records[0]), "io");
}

#[test]
fn invalid_bytes_and_huge_lines_do_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(20_000).filter(|b| *b != 0).collect();
    bytes.extend(b"<p>after</p>");
    fs::write(dir.path().join("noise.html"), &bytes).unwrap();
    fs::write(
        dir.path().join("line.html"),
        "<p>".to_string() + &"word ".repeat(400_000),
    )
    .unwrap();
    let (code, records) = run(&["noise.html", "line.html"], dir.path());
    assert!(matches!(code, Some(0 | 2)));
    assert_eq!(records.len(), 2);
}

/// Pages past the extractor's node bound are read up to it: a record of their beginning,
/// extracted as usual, that says `truncated` (the text stage's line bound is tested with a lower
/// bound next to it: a million lines take a debug build a quarter of a minute).
#[test]
fn pages_past_the_node_bound_are_read_in_part() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_page("Park", &PROSE);
    // Two nodes per item: 1.2 million past the article.
    let items = "<li>y".repeat(600_000);
    fs::write(
        dir.path().join("dense.html"),
        article.replace("</article>", &format!("</article><ul>{items}</ul>")),
    )
    .unwrap();
    fs::write(dir.path().join("whole.html"), &article).unwrap();
    let (code, records) = run(&["dense.html", "whole.html"], dir.path());
    assert_eq!(code, Some(0));
    let truncated: Vec<bool> = records.iter().map(|r| r["truncated"].as_bool().unwrap()).collect();
    assert_eq!(truncated, [true, false]);
    for record in &records {
        assert!(record["error"].is_null());
        assert!(record["text"].as_str().unwrap().contains(PROSE[1]), "{record}");
    }
}
