//! Output destinations: what `-o` and `--stats` do with each kind of path, checked before any
//! input is read; compression by extension; interruption by a signal. Everything happens in a
//! temporary directory, never on the system's own files.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{pagewash, parse_records, run_ok_stdout};

fn page_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), "<p>Alpha.</p>").unwrap();
    fs::write(dir.path().join("b.txt"), "Beta.").unwrap();
    dir
}

/// The records of a plain run over the two pages, to compare outputs with.
fn expected(dir: &Path) -> Vec<u8> {
    let output = pagewash()
        .current_dir(dir)
        .args(["--quiet", "a.html", "b.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    output.stdout
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("pagewash"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for `child` at most `limit`; kills it and fails past that (a run that hangs).
fn wait(mut child: Child, limit: Duration) -> std::process::Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("pagewash still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".pagewash-"))
        .collect()
}

#[test]
fn dash_is_stdout() {
    let dir = page_dir();
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "-o", "-", "a.html", "b.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(output.stdout, expected(dir.path()));
    assert!(!dir.path().join("-").exists(), "no file named `-`");
    // --stats - is stdout too, when the records go to a file.
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "-o", "out.jsonl", "--stats", "-", "a.html", "b.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["documents"], 2);
    // Both on stdout would mix: refused.
    let output = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "--stats", "-", "a.html"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn a_symlink_is_written_through_to_its_target() {
    let dir = page_dir();
    fs::create_dir(dir.path().join("runs")).unwrap();
    fs::write(dir.path().join("runs/today.jsonl"), "old\n").unwrap();
    std::os::unix::fs::symlink("runs/today.jsonl", dir.path().join("latest.jsonl")).unwrap();
    // A link to a link to a file not there yet.
    std::os::unix::fs::symlink("runs/new.jsonl", dir.path().join("next.jsonl")).unwrap();
    std::os::unix::fs::symlink("next.jsonl", dir.path().join("next-link.jsonl")).unwrap();
    for (link, target) in [
        ("latest.jsonl", "runs/today.jsonl"),
        ("next-link.jsonl", "runs/new.jsonl"),
    ] {
        run_ok_stdout(&["-o", link, "a.html", "b.txt"], dir.path());
        assert!(
            fs::symlink_metadata(dir.path().join(link))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read(dir.path().join(target)).unwrap(),
            expected(dir.path()),
            "{link}"
        );
        // The temporary file was made beside the target, and is gone.
        assert!(temporary_files(&dir.path().join("runs")).is_empty());
    }
    assert!(temporary_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_directly_and_stays_a_fifo() {
    let dir = page_dir();
    let fifo = dir.path().join("records.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut records = Vec::new();
            fs::File::open(&fifo).unwrap().read_to_end(&mut records).unwrap();
            records
        })
    };
    let child = spawn(dir.path(), &["--quiet", "-o", "records.fifo", "a.html", "b.txt"]);
    let output = wait(child, Duration::from_secs(60));
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(reader.join().unwrap(), expected(dir.path()));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(temporary_files(dir.path()).is_empty());
}

/// Runs pagewash on an input that it would block on if it read it (a FIFO no one writes), and
/// returns its output: a run refused before reading any input ends at once.
#[cfg(unix)]
fn run_before_reading(dir: &Path, args: &[&str]) -> std::process::Output {
    let input = dir.join("never-written.fifo");
    if !input.exists() {
        mkfifo(&input);
    }
    let mut all = vec!["never-written.fifo"];
    all.extend_from_slice(args);
    wait(spawn(dir, &all), Duration::from_secs(60))
}

#[cfg(unix)]
#[test]
fn unusable_outputs_are_refused_before_any_document_is_read() {
    let dir = page_dir();
    fs::create_dir(dir.path().join("existing-dir")).unwrap();
    std::os::unix::fs::symlink("existing-dir", dir.path().join("dir-link")).unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["-o", "existing-dir"], "is a directory"),
        (&["-o", "dir-link"], "is a directory"),
        (&["-o", "new-dir/"], "is a directory"),
        (&["--stats", "no-such-dir/stats.json"], "No such file or directory"),
        (&["--stats", "a.html/stats.json"], "Not a directory"),
        (&["-o", "records.jsonl.lz4"], "lz4 output is not supported"),
        (&["-o", "same.jsonl", "--stats", "same.jsonl"], "name the same file"),
    ];
    for (args, message) in cases {
        let output = run_before_reading(dir.path(), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        // No record was written, and none could have been: the input was never opened.
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(temporary_files(dir.path()).is_empty(), "{args:?}");
    }
    assert!(fs::read_dir(dir.path().join("existing-dir")).unwrap().next().is_none());
}

#[test]
fn every_compression_by_extension() {
    let dir = page_dir();
    let expected = expected(dir.path());
    for name in ["out.jsonl.gz", "out.jsonl.zst", "out.jsonl.bz2", "out.jsonl.xz"] {
        let output = pagewash()
            .current_dir(dir.path())
            .args(["--quiet", "-o", name, "a.html", "b.txt"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{name}");
        let raw = fs::read(dir.path().join(name)).unwrap();
        let mut decoded = Vec::new();
        let mut reader: Box<dyn Read> = match name.rsplit_once('.').unwrap().1 {
            "gz" => Box::new(flate2::read::GzDecoder::new(&raw[..])),
            "zst" => Box::new(zstd::stream::read::Decoder::new(&raw[..]).unwrap()),
            "bz2" => Box::new(bzip2::read::BzDecoder::new(&raw[..])),
            _ => Box::new(liblzma::read::XzDecoder::new(&raw[..])),
        };
        reader.read_to_end(&mut decoded).unwrap();
        assert_eq!(decoded, expected, "{name}");
        // And pagewash reads what it wrote, as JSONL, whatever the compression.
        let again = pagewash()
            .current_dir(dir.path())
            .args(["--quiet", "--text-field", "text", name])
            .output()
            .unwrap();
        assert_eq!(parse_records(&again.stdout).len(), 2, "{name}");
    }
}

#[cfg(unix)]
#[test]
fn an_existing_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = page_dir();
    let out = dir.path().join("out.jsonl");
    fs::write(&out, "old\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    let status = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "-o", "out.jsonl", "a.html"])
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o640);
    assert_ne!(fs::read(&out).unwrap(), b"old\n");
}

/// SIGINT and SIGTERM while `-o` is being written: the temporary file is removed, the old
/// output left as it was, and the exit status is the shell's for that signal.
#[cfg(unix)]
#[test]
fn a_signal_during_output_leaves_no_temporary_file() {
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let dir = page_dir();
        fs::write(dir.path().join("out.jsonl"), "previous results\n").unwrap();
        let input = dir.path().join("slow.fifo");
        mkfifo(&input);
        // A writer that gives one page and then holds the FIFO open: the run is mid-way.
        let writer = {
            let input = input.clone();
            std::thread::spawn(move || {
                // (Once pagewash is gone, these fail: nothing to check.)
                if let Ok(mut fifo) = fs::OpenOptions::new().write(true).open(&input) {
                    let _ = std::io::Write::write_all(&mut fifo, b"<p>Partial.</p>");
                    std::thread::sleep(Duration::from_secs(30));
                }
            })
        };
        let child = spawn(dir.path(), &["--quiet", "-o", "out.jsonl", "a.html", "slow.fifo"]);
        let start = Instant::now();
        while temporary_files(dir.path()).is_empty() {
            assert!(start.elapsed() < Duration::from_secs(60), "no temporary file appeared");
            std::thread::sleep(Duration::from_millis(20));
        }
        let status = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let output = wait(child, Duration::from_secs(60));
        assert_eq!(output.status.code(), Some(code), "SIG{signal}");
        assert!(temporary_files(dir.path()).is_empty(), "SIG{signal}");
        assert_eq!(
            fs::read_to_string(dir.path().join("out.jsonl")).unwrap(),
            "previous results\n"
        );
        drop(writer);
    }
}
