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
fn a_warc_cut_inside_a_record_gives_what_arrived_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let warc = sample_warc();
    // Cut inside the conversion record's block: a clipped file, plain and compressed whole.
    let cut = warc.len() - 20;
    fs::write(dir.path().join("cut.warc"), &warc[..cut]).unwrap();
    fs::write(dir.path().join("cut2.warc.gz"), &gzip(&warc)[..gzip(&warc).len() - 30]).unwrap();
    for name in ["cut.warc", "cut2.warc.gz"] {
        let (code, records) = run(&[name], dir.path());
        assert_eq!(code, Some(0), "{name}");
        assert_eq!(
            field(&records, "id"),
            [
                format!("{name}#<urn:uuid:r1>"),
                format!("{name}#<urn:uuid:r2>"),
                format!("{name}#<urn:uuid:c3>")
            ],
            "{name}"
        );
        assert!(records.iter().all(|r| r["error"].is_null()));
        let last = records.last().unwrap();
        assert_eq!(last["truncated"], true, "{name}: {last}");
        assert!(last["text"].as_str().unwrap().starts_with("Third"), "{last}");
        assert!(records[..2].iter().all(|r| r["truncated"] == false));
    }
}

#[test]
fn a_warc_cut_inside_a_header_is_a_break() {
    let dir = tempfile::tempdir().unwrap();
    let warc = sample_warc();
    let conversion = warc.windows(10).rposition(|w| w == b"WARC/1.0\r\n").unwrap();
    fs::write(dir.path().join("cut.warc"), &warc[..conversion + 40]).unwrap();
    let (code, records) = run(&["cut.warc"], dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(records.len(), 3);
    assert_eq!(error_kind(&records[2]), "malformed-container");
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

#[test]
fn max_bytes_at_the_top_of_its_range_does_not_wrap() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.html"), article_page("Kept", &PROSE)).unwrap();
    fs::write(dir.path().join("page.txt.gz"), gzip(PROSE[0].as_bytes())).unwrap();
    for limit in ["18446744073709551615", "18446744073709551614"] {
        let (code, records) = run(&["--max-bytes", limit, "page.html", "page.txt.gz"], dir.path());
        assert_eq!(code, Some(0), "{limit}");
        assert!(records[0]["text"].as_str().unwrap().contains(PROSE[1]), "{limit}");
        assert_eq!(records[1]["text"], PROSE[0], "{limit}");
    }
    // One past it is refused, not wrapped.
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--max-bytes", "18446744073709551616", "page.html"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_corrupt_zstd_stream_is_a_malformed_container() {
    let dir = tempfile::tempdir().unwrap();
    let page = article_page("Cut", &PROSE);
    let zstd = zstd::encode_all(page.as_bytes(), 3).unwrap();
    fs::write(dir.path().join("cut.html.zst"), &zstd[..zstd.len() / 2]).unwrap();
    fs::write(
        dir.path().join("bad.html.zst"),
        b"\x28\xb5\x2f\xfd\xff\xff\xff\xff garbage",
    )
    .unwrap();
    // A whole frame whose content does not match its checksum: zstd's error for it is `Other`,
    // which alone would read as a failure of the disk.
    let mut encoder = zstd::stream::write::Encoder::new(Vec::new(), 3).unwrap();
    encoder.include_checksum(true).unwrap();
    std::io::Write::write_all(&mut encoder, page.as_bytes()).unwrap();
    let mut flipped = encoder.finish().unwrap();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    fs::write(dir.path().join("checksum.html.zst"), &flipped).unwrap();
    let (code, records) = run(&["cut.html.zst", "bad.html.zst", "checksum.html.zst"], dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(
        records.iter().map(error_kind).collect::<Vec<_>>(),
        ["malformed-container", "malformed-container", "malformed-container"]
    );
}

#[test]
fn gzip_with_trailing_garbage_keeps_what_decompressed() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = gzip(article_page("Padded", &PROSE).as_bytes());
    page.extend_from_slice(&[0; 512]);
    fs::write(dir.path().join("padded.html.gz"), &page).unwrap();
    let mut warc = gzip(&sample_warc());
    warc.extend_from_slice(b"\nthis is not gzip\n");
    fs::write(dir.path().join("crawl.warc.gz"), &warc).unwrap();
    let (code, records) = run(&["padded.html.gz", "crawl.warc.gz"], dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(records.len(), 4);
    assert!(records[0]["text"].as_str().unwrap().contains(PROSE[2]));
    // From stdin, where nothing is read whole first, the same.
    let output = pagewash().arg("--quiet").write_stdin(page).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(parse_records(&output.stdout)[0]["text"], records[0]["text"]);
}

#[test]
fn bzip2_and_xz_inputs() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    bz.write_all(&sample_warc()).unwrap();
    fs::write(dir.path().join("crawl.warc.bz2"), bz.finish().unwrap()).unwrap();
    let mut xz = liblzma::write::XzEncoder::new(Vec::new(), 6);
    xz.write_all(article_page("Xz", &PROSE).as_bytes()).unwrap();
    fs::write(dir.path().join("page.html.xz"), xz.finish().unwrap()).unwrap();
    let (code, records) = run(&["crawl.warc.bz2", "page.html.xz"], dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(
        field(&records, "id"),
        [
            "crawl.warc.bz2#<urn:uuid:r1>",
            "crawl.warc.bz2#<urn:uuid:r2>",
            "crawl.warc.bz2#<urn:uuid:c3>",
            "page.html.xz"
        ]
    );
    assert!(records[3]["text"].as_str().unwrap().contains(PROSE[0]));
}

#[test]
fn jsonl_with_a_bom_and_ids_beyond_two_to_the_53() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = "\u{FEFF}{\"id\": 12345678901234567890123, \"text\": \"One.\"}\n\
                 {\"id\": 9007199254740993, \"text\": \"Two.\"}\n\
                 {\"id\": 9007199254740992, \"text\": \"Three.\"}\n\
                 {\"id\": -1.50, \"text\": \"Four.\"}\n";
    // Sniffed by content as well as by name.
    fs::write(dir.path().join("docs.jsonl"), jsonl).unwrap();
    fs::write(dir.path().join("docs.json"), jsonl).unwrap();
    let (code, records) = run(&["docs.jsonl", "docs.json"], dir.path());
    assert_eq!(code, Some(0), "{records:?}");
    let ids = [
        "12345678901234567890123",
        "9007199254740993",
        "9007199254740992",
        "-1.50",
    ];
    assert_eq!(field(&records, "id")[..4], ids);
    assert_eq!(field(&records, "id")[4..], ids);
    assert_eq!(records[0]["text"], "One.");
}

#[test]
fn a_page_declaring_the_replacement_encoding_is_not_blanked() {
    let dir = tempfile::tempdir().unwrap();
    let page = article_page("Replacement", &PROSE).replace("<head>", "<head><meta charset=\"replacement\">");
    fs::write(dir.path().join("page.html"), page).unwrap();
    let (code, records) = run(&["page.html"], dir.path());
    assert_eq!(code, Some(0));
    assert!(records[0]["text"].as_str().unwrap().contains(PROSE[0]));
    assert_eq!(records[0]["encoding"]["declared"], "replacement");
    assert_ne!(records[0]["encoding"]["name"], "replacement");
}
