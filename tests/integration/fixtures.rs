//! Every page under `fixtures/` against its expected records in `tests/expected/`.
//!
//! The expected file of `fixtures/a/b.html` is `tests/expected/a/b.html.json`: a JSON array of
//! the records the page yields (one for a page, several for a WARC or JSONL file), reviewed by
//! hand. `PAGEWASH_BLESS=1 cargo test fixtures` rewrites them from the current output; review
//! the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use pagewash::batch::PipelineOptions;
use pagewash::input::InputOptions;

use crate::util::{fixture_files, records_for, root};

#[test]
fn fixtures_match_their_expected_records() {
    let root = root();
    let fixtures = root.join("fixtures");
    let mut files = Vec::new();
    fixture_files(&fixtures, &mut files);
    let bless = std::env::var_os("PAGEWASH_BLESS").is_some();
    let mut failures = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap();
        let expected_path = root
            .join("tests/expected")
            .join(file.strip_prefix(&fixtures).unwrap())
            .with_added_extension("json");
        // Ids are the path as given; give the path relative to the repository root, as
        // `cargo run -- fixtures/` does.
        let records = records_for(
            rel_to_cwd(&root, rel).as_path(),
            InputOptions::default(),
            &PipelineOptions::default(),
        );
        let actual = serde_json::to_string_pretty(&records).unwrap() + "\n";
        if bless {
            fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Err(_) => failures.push(format!(
                "{}: no expected output at {}",
                rel.display(),
                expected_path.display()
            )),
            Ok(expected) if expected != actual => failures.push(describe_difference(rel, &expected, &actual)),
            Ok(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

/// Tests run with the package root as working directory.
fn rel_to_cwd(root: &Path, rel: &Path) -> PathBuf {
    if std::env::current_dir().is_ok_and(|cwd| cwd == root) {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

fn describe_difference(rel: &Path, expected: &str, actual: &str) -> String {
    let mut lines = vec![format!("{}:", rel.display())];
    for (n, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            lines.push(format!(
                "  line {}\n    expected: {}\n    actual:   {}",
                n + 1,
                clip(e),
                clip(a)
            ));
            if lines.len() > 6 {
                break;
            }
        }
    }
    if expected.lines().count() != actual.lines().count() {
        lines.push(format!(
            "  {} lines expected, {} actual",
            expected.lines().count(),
            actual.lines().count()
        ));
    }
    lines.join("\n")
}

fn clip(line: &str) -> String {
    let mut clipped: String = line.chars().take(300).collect();
    if clipped.len() < line.len() {
        clipped.push('…');
    }
    clipped
}
