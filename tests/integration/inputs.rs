//! Each input kind, the ids it gives, ordering and sharding.

use std::fs;

use crate::util::{
    PROSE, article_page, field, gzip, gzip_members, pagewash, parse_records, run_ok, sample_warc, warc_record,
};

#[test]
fn html_and_text_files_keep_the_path_as_id() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.html"), article_page("Hello", &PROSE)).unwrap();
    fs::write(dir.path().join("note.txt"), "Just some text.\n").unwrap();
    let records = run_ok(&["page.html", "note.txt"], dir.path());
    assert_eq!(field(&records, "id"), ["page.html", "note.txt"]);
    assert_eq!(field(&records, "kind"), ["html", "text"]);
    assert!(records[0]["text"].as_str().unwrap().contains(PROSE[0]));
    assert_eq!(records[1]["text"], "Just some text.");
}

#[test]
fn directories_are_walked_in_bytewise_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pages");
    for rel in ["b.html", "a/z.txt", "a.txt", "A.html", "a/b/c.html"] {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, format!("<p>{rel}</p><p>x</p><div>y</div>")).unwrap();
    }
    let records = run_ok(&["pages/"], dir.path());
    assert_eq!(
        field(&records, "id"),
        [
            "pages/A.html",
            "pages/a.txt",
            "pages/a/b/c.html",
            "pages/a/z.txt",
            "pages/b.html"
        ]
    );
}

#[test]
fn warc_records_become_documents_with_record_ids_and_urls() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("crawl.warc"), sample_warc()).unwrap();
    let records = run_ok(&["crawl.warc"], dir.path());
    assert_eq!(
        field(&records, "id"),
        [
            "crawl.warc#<urn:uuid:r1>",
            "crawl.warc#<urn:uuid:r2>",
            "crawl.warc#<urn:uuid:c3>"
        ]
    );
    assert_eq!(
        field(&records, "url"),
        [
            "https://example.com/one",
            "https://example.cn/two",
            "https://example.com/three"
        ]
    );
    assert_eq!(field(&records, "kind"), ["html", "html", "text"]);
    // The HTTP charset is the transport-layer encoding.
    assert_eq!(records[1]["encoding"]["name"], "GBK");
    assert_eq!(records[1]["encoding"]["source"], "transport");
    assert!(records[1]["text"].as_str().unwrap().contains("中文网页正文内容"));
}

#[test]
fn gzipped_warc_per_record_members() {
    let dir = tempfile::tempdir().unwrap();
    let members = vec![
        warc_record(
            "resource",
            "<urn:uuid:a>",
            "https://a.example/",
            "text/html",
            b"<p>Alpha page.</p>",
        ),
        warc_record(
            "resource",
            "<urn:uuid:b>",
            "https://b.example/",
            "text/plain",
            b"Beta text.",
        ),
    ];
    fs::write(dir.path().join("x.warc.gz"), gzip_members(&members)).unwrap();
    let records = run_ok(&["x.warc.gz"], dir.path());
    assert_eq!(
        field(&records, "id"),
        ["x.warc.gz#<urn:uuid:a>", "x.warc.gz#<urn:uuid:b>"]
    );
    assert_eq!(field(&records, "kind"), ["html", "text"]);
}

#[test]
fn jsonl_lines_use_the_id_field_or_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = concat!(
        r#"{"id": "doc-1", "url": "https://x.example/1", "html": "<p>First.</p>"}"#,
        "\n\n",
        r#"{"text": "Second, as text."}"#,
        "\n",
        r#"{"id": 7, "html": "<p>Third.</p>"}"#,
        "\n"
    );
    fs::write(dir.path().join("docs.jsonl"), jsonl).unwrap();
    fs::write(dir.path().join("docs2.jsonl.gz"), gzip(jsonl.as_bytes())).unwrap();
    let records = run_ok(&["docs.jsonl", "docs2.jsonl.gz"], dir.path());
    assert_eq!(
        field(&records, "id"),
        ["doc-1", "docs.jsonl:3", "7", "doc-1", "docs2.jsonl.gz:3", "7"]
    );
    assert_eq!(records[0]["url"], "https://x.example/1");
    assert_eq!(field(&records, "kind")[..3], ["html", "text", "html"]);
    assert_eq!(records[1]["text"], "Second, as text.");
}

#[test]
fn jsonl_field_names_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({"key": "k1", "link": "https://y.example/", "body": article_page("Body", &PROSE)});
    fs::write(dir.path().join("d.jsonl"), line.to_string()).unwrap();
    let records = run_ok(
        &[
            "--html-field",
            "body",
            "--id-field",
            "key",
            "--url-field",
            "link",
            "d.jsonl",
        ],
        dir.path(),
    );
    assert_eq!(field(&records, "id"), ["k1"]);
    assert_eq!(records[0]["url"], "https://y.example/");
    assert!(records[0]["text"].as_str().unwrap().contains(PROSE[2]));
}

#[test]
fn stdin_is_sniffed() {
    let cases: Vec<(Vec<u8>, Vec<&str>)> = vec![
        (b"<html><body><p>From stdin.</p></body></html>".to_vec(), vec!["-"]),
        (
            b"{\"id\": \"s1\", \"text\": \"Line.\"}\n{\"text\": \"Two.\"}\n".to_vec(),
            vec!["s1", "-:2"],
        ),
        (
            sample_warc(),
            vec!["-#<urn:uuid:r1>", "-#<urn:uuid:r2>", "-#<urn:uuid:c3>"],
        ),
        (
            gzip(&sample_warc()),
            vec!["-#<urn:uuid:r1>", "-#<urn:uuid:r2>", "-#<urn:uuid:c3>"],
        ),
    ];
    for (input, ids) in cases {
        for args in [vec!["--quiet"], vec!["--quiet", "-"]] {
            let output = pagewash().args(&args).write_stdin(input.clone()).output().unwrap();
            assert_eq!(output.status.code(), Some(0));
            assert_eq!(field(&parse_records(&output.stdout), "id"), ids);
        }
    }
}

#[test]
fn input_list_is_a_manifest_of_paths() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), "<p>A.</p>").unwrap();
    fs::write(dir.path().join("b.txt"), "B.").unwrap();
    fs::write(dir.path().join("list.txt"), "b.txt\n\na.html\n").unwrap();
    let records = run_ok(&["--input-list", "list.txt"], dir.path());
    assert_eq!(field(&records, "id"), ["b.txt", "a.html"]);
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "--input-list", "-"])
        .write_stdin("a.html\n")
        .output()
        .unwrap();
    assert_eq!(field(&parse_records(&output.stdout), "id"), ["a.html"]);
}

#[test]
fn format_override() {
    let dir = tempfile::tempdir().unwrap();
    let page = article_page("Tagged", &PROSE).replace("two kilometres", "two <b>kilometres</b>");
    fs::write(dir.path().join("page.dat"), page).unwrap();
    let records = run_ok(&["--format", "text", "page.dat"], dir.path());
    assert_eq!(records[0]["kind"], "text");
    // Read as text, the tags are leaked markup, repaired away (and counted).
    assert!(records[0]["text"].as_str().unwrap().contains("kilometres"));
    assert_eq!(records[0]["repairs"][0]["kind"], "leaked-markup");
    let records = run_ok(&["--format", "html", "page.dat"], dir.path());
    assert_eq!(records[0]["kind"], "html");
    // As text, the markup is text; as HTML, it is gone.
    let text = records[0]["text"].as_str().unwrap();
    assert!(text.contains("by two kilometres, after"), "{text}");
}

/// A directory of many documents of different sizes, so that workers finish out of order.
fn mixed_corpus(dir: &std::path::Path) {
    for n in 0..120 {
        let body = "<p>Paragraph with some words in it.</p>".repeat(1 + (n * 37) % 200);
        fs::write(
            dir.join(format!("p{n:03}.html")),
            format!("<html><body><h1>Page {n}</h1>{body}</body></html>"),
        )
        .unwrap();
    }
    fs::write(dir.join("w.warc"), sample_warc()).unwrap();
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    mixed_corpus(dir.path());
    let run = |threads: &str| {
        let output = pagewash()
            .current_dir(dir.path())
            .args(["--quiet", "-j", threads, "."])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        output.stdout
    };
    let one = run("1");
    assert_eq!(parse_records(&one).len(), 123);
    assert_eq!(one, run("8"));
    assert_eq!(one, run("3"));
}

#[test]
fn shards_are_disjoint_and_their_union_is_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    mixed_corpus(dir.path());
    let run = |extra: &[&str]| {
        let output = pagewash()
            .current_dir(dir.path())
            .args(["--quiet", "."])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        field(&parse_records(&output.stdout), "id")
    };
    let whole = run(&[]);
    let mut union = Vec::new();
    for i in 0..4 {
        let shard = run(&["--shard", &format!("{i}/4")]);
        assert!(!shard.is_empty(), "shard {i} is empty");
        union.extend(shard);
    }
    let count = union.len();
    union.sort();
    union.dedup();
    assert_eq!(union.len(), count, "shards overlap");
    let mut whole_sorted = whole.clone();
    whole_sorted.sort();
    assert_eq!(union, whole_sorted);
}

#[test]
fn record_count_equals_document_count_on_a_mixed_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.html"), "<p>A page.</p>").unwrap();
    fs::write(root.join("b.txt"), "Text.").unwrap();
    fs::write(root.join("c.warc"), sample_warc()).unwrap(); // 3 documents
    fs::write(
        root.join("d.jsonl"),
        "{\"text\":\"1\"}\n{\"text\":\"2\"}\nnot json\n{\"html\":\"<p>4</p>\"}\n",
    )
    .unwrap(); // 4
    fs::write(root.join("e.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(root.join("f.html.gz"), gzip(b"<p>Zipped.</p>")).unwrap();
    fs::write(root.join("g.warc.gz"), &gzip(&sample_warc())[..200]).unwrap(); // truncated
    fs::write(root.join("empty.txt"), "").unwrap();
    let output = pagewash().current_dir(root).args(["--quiet", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let records = parse_records(&output.stdout);
    let errors: Vec<_> = records.iter().filter(|r| !r["error"].is_null()).collect();
    // a, b, 3 in c, 4 in d, e, f, the break of g (cut inside its first response), empty
    assert_eq!(records.len(), 13, "{records:?}");
    assert_eq!(
        errors.len(),
        3,
        "malformed JSONL line, binary PNG, truncated WARC.gz: {errors:?}"
    );
}
