//! Exit codes, output destinations, stats, pipes.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::util::{pagewash, parse_records};

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.html"), "<p>Fine.</p>").unwrap();
    fs::write(dir.path().join("bad.pdf"), "%PDF-1.4 binary").unwrap();
    let code = |args: &[&str]| {
        pagewash()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&["--quiet", "ok.html"]), Some(0));
    assert_eq!(code(&["--quiet", "ok.html", "bad.pdf"]), Some(2));
    assert_eq!(code(&["--no-such-flag", "ok.html"]), Some(1));
    assert_eq!(code(&["--shard", "3/3", "ok.html"]), Some(1));
    assert_eq!(code(&["--input-list", "missing-list.txt"]), Some(1));
    assert_eq!(code(&["-o", "no/such/dir/out.jsonl", "ok.html"]), Some(1));
    assert_eq!(code(&["--encoding", "no-such-charset", "ok.html"]), Some(1));
    assert_eq!(code(&["--help"]), Some(0));
}

#[test]
fn output_file_plain_gzip_and_zstd() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), "<p>Alpha.</p>").unwrap();
    fs::write(dir.path().join("b.txt"), "Beta.").unwrap();
    let expected = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "a.html", "b.txt"])
        .output()
        .unwrap()
        .stdout;
    for name in ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst"] {
        let status = pagewash()
            .current_dir(dir.path())
            .args(["--quiet", "-o", name, "a.html", "b.txt"])
            .output()
            .unwrap()
            .status;
        assert!(status.success());
        let raw = fs::read(dir.path().join(name)).unwrap();
        let content = match name {
            n if n.ends_with(".gz") => {
                let mut out = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut out).unwrap();
                out
            }
            n if n.ends_with(".zst") => zstd::decode_all(&raw[..]).unwrap(),
            _ => raw,
        };
        assert_eq!(content, expected, "{name}");
    }
}

#[test]
fn failed_run_leaves_no_partial_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("out.jsonl"), "previous results\n").unwrap();
    fs::create_dir(dir.path().join("list-is-a-dir")).unwrap();
    // The input list opens (it is a directory) but cannot be read: the run fails after the
    // output was started.
    let status = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "-o", "out.jsonl", "--input-list", "list-is-a-dir"])
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(dir.path().join("out.jsonl")).unwrap(),
        "previous results\n"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".pagewash-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn stats_file_summarises_the_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), "<p>Alpha.</p>").unwrap();
    fs::write(dir.path().join("b.png"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--stats", "stats.json", "a.html", "b.png"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stats: serde_json::Value = serde_json::from_slice(&fs::read(dir.path().join("stats.json")).unwrap()).unwrap();
    assert_eq!(stats["documents"], 2);
    assert_eq!(stats["errors"], 1);
    assert_eq!(stats["errors_by_kind"]["binary"], 1);
    // One document was decoded (pure ASCII: whichever ASCII-compatible encoding was chosen).
    let decoded: u64 = stats["encodings"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(decoded, 1);
    // Not quiet, stderr not a terminal: the summary paragraph, no progress bar.
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("2 documents"), "{stderr}");
    let quiet = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "a.html"])
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn a_closed_stdout_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..3000 {
        fs::write(
            dir.path().join(format!("{n:05}.html")),
            format!("<p>Document number {n}.</p>"),
        )
        .unwrap();
    }
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("pagewash"))
        .current_dir(dir.path())
        .args(["--quiet", "."])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader goes away after one line, like `| head -1`.
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with("{\"id\":\"./00000.html\""), "{first}");
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn every_record_has_every_field() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), "<p>Alpha.</p>").unwrap();
    fs::write(dir.path().join("b.pdf"), "%PDF-1.4").unwrap();
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "a.html", "b.pdf"])
        .output()
        .unwrap();
    let fields = [
        "id",
        "url",
        "kind",
        "encoding",
        "repairs",
        "lang",
        "title",
        "author",
        "published",
        "site",
        "source",
        "breadcrumbs",
        "text",
        "spam",
        "fingerprint",
        "error",
        "fetched",
        "http_status",
        "content_type",
        "truncated",
    ];
    for record in parse_records(&output.stdout) {
        // (Field order is checked where the record is defined; serde_json's map sorts keys.)
        let mut keys: Vec<&str> = record.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = fields.to_vec();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected, "{record}");
        for key in ["name", "source", "declared", "malformed"] {
            assert!(record["encoding"].get(key).is_some());
        }
    }
}

/// `-o FILE.parquet`: one row per record with the JSONL's values, nested fields as structs and
/// lists, read back here with parquet's own Arrow reader (scripts/eval-parquet compares every
/// field with pyarrow and DuckDB).
#[test]
fn parquet_output_has_the_jsonl_records() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int32Type, Int64Type};
    use arrow_array::{Array, RecordBatch};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = tempfile::tempdir().unwrap();
    let root = crate::util::root();
    let fixtures = root.join("fixtures");
    let warc = dir.path().join("pages.warc");
    fs::write(&warc, crate::util::sample_warc()).unwrap();
    fs::write(dir.path().join("bad.pdf"), "%PDF-1.4 binary").unwrap();
    let args = |out: &str| {
        let mut args = vec!["--quiet".to_string(), "-j".into(), "2".into(), "-o".into(), out.into()];
        args.push(fixtures.to_string_lossy().into_owned());
        args.push(warc.to_string_lossy().into_owned());
        args.push("bad.pdf".into());
        args
    };
    for out in ["out.jsonl", "out.parquet"] {
        let status = pagewash()
            .current_dir(dir.path())
            .args(args(out))
            .output()
            .unwrap()
            .status;
        assert_eq!(status.code(), Some(2), "{out}: the PDF is an error record");
    }
    let records = parse_records(&fs::read(dir.path().join("out.jsonl")).unwrap());
    let file = fs::File::open(dir.path().join("out.parquet")).unwrap();
    let batches: Vec<RecordBatch> = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(rows, records.len());
    let names: Vec<String> = batches[0].schema().fields().iter().map(|f| f.name().clone()).collect();
    let keys: Vec<String> = crate::util::record_keys_in_order(&fs::read(dir.path().join("out.jsonl")).unwrap());
    assert_eq!(names, keys, "columns in the contract's order");

    let json_str = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let mut row = 0;
    let mut spam_runs = 0;
    for batch in &batches {
        let column = |name: &str| batch.column_by_name(name).unwrap().clone();
        let text = |name: &str, i: usize| {
            let c = column(name);
            let c = c.as_string::<i32>();
            c.is_valid(i).then(|| c.value(i).to_string())
        };
        let encoding = column("encoding");
        let encoding = encoding.as_struct();
        let spam = column("spam");
        let spam = spam.as_list::<i32>();
        let crumbs = column("breadcrumbs");
        let crumbs = crumbs.as_list::<i32>();
        let error = column("error");
        let error = error.as_struct();
        let status = column("http_status");
        let status = status.as_primitive::<Int32Type>();
        for i in 0..batch.num_rows() {
            let r = &records[row];
            for field in [
                "id",
                "url",
                "fetched",
                "content_type",
                "kind",
                "lang",
                "title",
                "author",
                "published",
                "site",
                "source",
                "text",
                "fingerprint",
            ] {
                assert_eq!(text(field, i), json_str(&r[field]), "{field} of {}", r["id"]);
            }
            assert_eq!(
                status.is_valid(i).then(|| i64::from(status.value(i))),
                r["http_status"].as_i64()
            );
            let name = encoding.column_by_name("name").unwrap().as_string::<i32>();
            assert_eq!(
                name.is_valid(i).then(|| name.value(i).to_string()),
                json_str(&r["encoding"]["name"])
            );
            let malformed = encoding
                .column_by_name("malformed")
                .unwrap()
                .as_primitive::<Int64Type>();
            assert_eq!(Some(malformed.value(i)), r["encoding"]["malformed"].as_i64());
            let these: Vec<String> = crumbs
                .value(i)
                .as_string::<i32>()
                .iter()
                .map(|c| c.unwrap().to_string())
                .collect();
            let expected: Vec<String> = r["breadcrumbs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect();
            assert_eq!(these, expected);
            let runs = spam.value(i);
            let runs = runs.as_struct();
            assert_eq!(runs.len(), r["spam"].as_array().unwrap().len());
            for (k, run) in r["spam"].as_array().unwrap().iter().enumerate() {
                let kind = runs
                    .column_by_name("kind")
                    .unwrap()
                    .as_string::<i32>()
                    .value(k)
                    .to_string();
                let confidence = runs
                    .column_by_name("confidence")
                    .unwrap()
                    .as_primitive::<Float64Type>()
                    .value(k);
                let items = runs
                    .column_by_name("items")
                    .unwrap()
                    .as_primitive::<Int64Type>()
                    .value(k);
                assert_eq!(Some(kind.as_str()), run["kind"].as_str());
                assert_eq!(
                    Some(confidence),
                    run["confidence"].as_f64(),
                    "the JSON's number, not the f32's binary value"
                );
                assert_eq!(Some(items), run["items"].as_i64());
                spam_runs += 1;
            }
            assert_eq!(error.is_valid(i), !r["error"].is_null());
            if error.is_valid(i) {
                let kind = error
                    .column_by_name("kind")
                    .unwrap()
                    .as_string::<i32>()
                    .value(i)
                    .to_string();
                assert_eq!(Some(kind.as_str()), r["error"]["kind"].as_str());
            }
            row += 1;
        }
    }
    assert!(spam_runs > 10 && records.iter().any(|r| !r["error"].is_null()));
}

#[test]
fn help_is_readable() {
    let output = pagewash().arg("--help").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    // Wrapped to the terminal, and to 100 columns when there is none.
    let widest = help.lines().map(|line| line.chars().count()).max().unwrap();
    assert!(widest <= 100, "a --help line of {widest} columns");
    for exit_status in ["0 every document", "2 some documents", "1 the run itself failed", "130"] {
        assert!(
            help.contains(exit_status),
            "--help lacks the exit status {exit_status:?}"
        );
    }
    let output = pagewash().arg("--version").output().unwrap();
    let version = String::from_utf8(output.stdout).unwrap();
    assert!(
        version.starts_with(&format!("pagewash {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    // Built in a git checkout, it names the commit (build.rs).
    if crate::util::root().join(".git").exists() && Command::new("git").arg("--version").output().is_ok() {
        assert!(version.contains(" ("), "{version}");
    }
    let output = pagewash().args(["--generate", "man"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8(output.stdout).unwrap().contains(".TH pagewash"));
}
