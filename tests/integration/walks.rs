//! Directory walks and manifests, as ripgrep and fd have them: globs, extensions, hidden and
//! ignore files, special files, paths that are not UTF-8, empty inputs.

use std::fs;
use std::path::Path;

use crate::util::{field, pagewash, parse_records, run_ok};

fn tree(root: &Path, files: &[&str]) {
    for rel in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, format!("<p>{rel}</p>")).unwrap();
    }
}

#[test]
fn globs_and_extensions_select_the_files_of_a_walk() {
    let dir = tempfile::tempdir().unwrap();
    tree(
        dir.path(),
        &[
            "site/index.html",
            "site/feed.json",
            "site/news/a.htm",
            "site/drafts/b.html",
            "site/notes.txt",
        ],
    );
    let ids = |args: &[&str]| field(&run_ok(args, dir.path()), "id");
    assert_eq!(
        ids(&["-g", "*.html", "-g", "*.htm", "-g", "!drafts/", "site"]),
        ["site/index.html", "site/news/a.htm"]
    );
    assert_eq!(
        ids(&["--glob", "!*.json", "site"]),
        [
            "site/drafts/b.html",
            "site/index.html",
            "site/news/a.htm",
            "site/notes.txt"
        ]
    );
    assert_eq!(
        ids(&["-e", "html,htm", "site"]),
        ["site/drafts/b.html", "site/index.html", "site/news/a.htm"]
    );
    assert_eq!(ids(&["--include-ext", "txt", "site"]), ["site/notes.txt"]);
    // A file named on the command line is read whatever the filters say.
    assert_eq!(ids(&["-e", "html", "site/feed.json"]), ["site/feed.json"]);
    // A bad glob is a usage error.
    let output = pagewash()
        .current_dir(dir.path())
        .args(["-g", "a[", "site"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn hidden_and_ignored_files_are_read_unless_asked_not_to() {
    let dir = tempfile::tempdir().unwrap();
    tree(
        dir.path(),
        &["d/a.html", "d/.hidden.html", "d/.cache/c.html", "d/skipped.html"],
    );
    fs::write(dir.path().join("d/.ignore"), "skipped.html\n").unwrap();
    let ids = |args: &[&str]| field(&run_ok(args, dir.path()), "id");
    // Every file below a directory, as the contract says, unless asked otherwise.
    assert_eq!(
        ids(&["-g", "*.html", "d"]),
        ["d/.cache/c.html", "d/.hidden.html", "d/a.html", "d/skipped.html"]
    );
    assert_eq!(ids(&["--no-hidden", "d"]), ["d/a.html", "d/skipped.html"]);
    assert_eq!(ids(&["--no-hidden", "--ignore", "d"]), ["d/a.html"]);
    // The later flag wins, as in fd.
    assert_eq!(
        ids(&["--no-hidden", "--ignore", "-I", "-H", "-g", "*.html", "d"]).len(),
        4
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_walk_is_an_error_record_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), &["d/a.html", "d/z.html"]);
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("d/m.fifo"))
        .status()
        .unwrap();
    assert!(status.success());
    // assert_cmd's timeout kills a run that hangs.
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "d"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let records = parse_records(&output.stdout);
    assert_eq!(field(&records, "id"), ["d/a.html", "d/m.fifo", "d/z.html"]);
    assert_eq!(records[1]["error"]["kind"], "io");
    assert!(records[1]["error"]["message"].as_str().unwrap().contains("a FIFO"));
    assert!(records[2]["text"].as_str().unwrap().contains("z.html"));
}

#[test]
fn manifests_skip_blank_lines_and_comments_and_trim_spaces() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), &["a.html", "b dir/b.html", "c.html"]);
    fs::write(
        dir.path().join("list.txt"),
        "\u{FEFF}# crawl of 2024-04-02\n\n  a.html  \n\t\n   # not a path\nb dir/b.html\r\nc.html",
    )
    .unwrap();
    let records = run_ok(&["--input-list", "list.txt"], dir.path());
    assert_eq!(field(&records, "id"), ["a.html", "b dir/b.html", "c.html"]);
    assert!(records.iter().all(|r| r["error"].is_null()), "{records:?}");
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_are_read_with_lossless_unique_ids() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("d")).unwrap();
    // Latin-1 `café` and `cafë`: each a byte that is not UTF-8, so a lossy reading gives both
    // the same name.
    let names: [&[u8]; 3] = [b"caf\xe9.txt", b"caf\xeb.txt", b"back\\slash.txt"];
    for (n, name) in names.iter().enumerate() {
        fs::write(dir.path().join("d").join(OsStr::from_bytes(name)), format!("Page {n}.")).unwrap();
    }
    let expected = ["d/back\\\\slash.txt", "d/caf\\xE9.txt", "d/caf\\xEB.txt"];
    let walked = run_ok(&["d"], dir.path());
    assert_eq!(field(&walked, "id"), expected);
    assert_eq!(field(&walked, "text"), ["Page 2.", "Page 0.", "Page 1."]);
    // The same files named as arguments and in a manifest: processed like any other path.
    let output = pagewash()
        .current_dir(dir.path())
        .arg("--quiet")
        .arg(OsStr::from_bytes(b"d/caf\xe9.txt"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(field(&parse_records(&output.stdout), "id"), ["d/caf\\xE9.txt"]);
    let mut list = b"d/caf\xeb.txt\n".to_vec();
    list.extend_from_slice(b"d/caf\xe9.txt\nd/back\\slash.txt\n");
    fs::write(dir.path().join("list"), list).unwrap();
    let listed = run_ok(&["--input-list", "list"], dir.path());
    assert_eq!(
        field(&listed, "id"),
        ["d/caf\\xEB.txt", "d/caf\\xE9.txt", "d/back\\\\slash.txt"]
    );
    assert_eq!(field(&listed, "text"), ["Page 1.", "Page 0.", "Page 2."]);
}

#[test]
fn an_empty_file_is_a_document_with_empty_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.html"), "").unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("full.txt"), "Text.").unwrap();
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--stats", "stats.json", "empty.html", "empty.txt", "full.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let records = parse_records(&output.stdout);
    assert_eq!(field(&records, "text"), ["", "", "Text."]);
    assert!(records.iter().all(|r| r["error"].is_null()));
    let stats: serde_json::Value = serde_json::from_slice(&fs::read(dir.path().join("stats.json")).unwrap()).unwrap();
    assert_eq!(
        (stats["documents"].as_u64(), stats["empty"].as_u64()),
        (Some(3), Some(2))
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("2 empty"));
}

#[test]
fn empty_stdin_is_no_document() {
    for args in [&["--stats", "-", "-o", "out.jsonl"][..], &["-"][..]] {
        let dir = tempfile::tempdir().unwrap();
        let output = pagewash()
            .current_dir(dir.path())
            .args(args)
            .write_stdin("")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("stdin was empty: no document"), "{stderr}");
        if args[0] == "-" {
            assert!(output.stdout.is_empty());
        } else {
            assert_eq!(fs::read(dir.path().join("out.jsonl")).unwrap(), b"");
            let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(stats["documents"], 0);
        }
    }
    // Quiet means quiet.
    let output = pagewash().args(["--quiet"]).write_stdin("").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
}

#[test]
fn a_walk_does_not_read_the_runs_own_output() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), &["pages/a.html", "pages/b.html"]);
    let ids = |args: &[&str]| field(&run_ok(args, dir.path()), "id");
    // Into the walked directory, twice: neither the temporary file being written nor the
    // previous output (nor the stats) is read as input.
    for _ in 0..2 {
        let status = pagewash()
            .current_dir(dir.path())
            .args([
                "--quiet",
                "pages",
                "-o",
                "pages/out.jsonl",
                "--stats",
                "pages/stats.json",
            ])
            .output()
            .unwrap()
            .status;
        assert!(status.success());
        let records = parse_records(&fs::read(dir.path().join("pages/out.jsonl")).unwrap());
        assert_eq!(field(&records, "id"), ["pages/a.html", "pages/b.html"]);
    }
    // Stdout redirected into the walked directory, as in `pagewash pages > pages/out2.jsonl`.
    let out = fs::File::create(dir.path().join("pages/out2.jsonl")).unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("pagewash"))
        .current_dir(dir.path())
        .args(["--quiet", "pages"])
        .stdout(out)
        .status()
        .unwrap();
    assert!(status.success());
    let records = parse_records(&fs::read(dir.path().join("pages/out2.jsonl")).unwrap());
    // out.jsonl is read (its records are JSONL documents with their own ids), out2.jsonl not.
    assert_eq!(
        field(&records, "id"),
        [
            "pages/a.html",
            "pages/b.html",
            "pages/a.html",
            "pages/b.html",
            "pages/stats.json"
        ]
    );
    // Named on the command line, an output file is read like any other.
    assert_eq!(ids(&["pages/out.jsonl"]), ["pages/a.html", "pages/b.html"]);
}
