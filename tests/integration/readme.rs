//! Every example of README.md runs as written: the shell blocks here, in a directory holding
//! the inputs they name, with the binary under test on `PATH`; the example record against the
//! fixture it shows; the Python block (the Spark recipe) in `spark.rs`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{
    PROSE, article_page, by_id, fixture_files, gzip, gzip_members, pagewash, parse_records, path_with_binary,
    readme_blocks, root, sample_warc, spark_recipe, warc_crawl,
};

#[test]
fn readme_example_record_is_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let marker = "Example: the record of `";
    let start = readme.find(marker).expect("README has an example record") + marker.len();
    let fixture = &readme[start..start + readme[start..].find('`').unwrap()];
    let block = &readme[start..];
    let json_start = block.find("```json\n").unwrap() + "```json\n".len();
    let json_end = json_start + block[json_start..].find("```").unwrap();
    let documented: serde_json::Value = serde_json::from_str(&block[json_start..json_end]).unwrap();
    let output = pagewash()
        .current_dir(root())
        .args(["--quiet", fixture])
        .output()
        .unwrap();
    assert_eq!(
        parse_records(&output.stdout),
        vec![documented],
        "update the README example"
    );
}

#[test]
fn every_block_is_run_by_a_test() {
    // A new kind of block needs a runner here (or in spark.rs) before it can be documented.
    for block in readme_blocks() {
        match block.lang.as_str() {
            // Run below; the record by the test above; the Spark recipe by spark.rs.
            "sh" | "json" => {}
            "python" => assert_eq!(block.code, spark_recipe()),
            // Not commands: the synopsis.
            "text" => assert!(block.code.starts_with("pagewash [OPTIONS]"), "{}", block.code),
            other => panic!(
                "README block of kind {other:?} under {:?} is run by no test",
                block.heading
            ),
        }
    }
}

#[cfg(unix)]
/// The inputs the examples name, in a fresh directory.
fn example_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let at = |rel: &str| {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        path
    };
    // Saved pages: articles of our own, and fixtures with spam in them.
    fs::write(at("pages/city/park.html"), article_page("Riverside park", &PROSE)).unwrap();
    let mut spam = Vec::new();
    fixture_files(&root().join("fixtures/spam"), &mut spam);
    for path in spam.iter().take(3) {
        fs::copy(
            path,
            at(&format!("pages/spam/{}", path.file_name().unwrap().to_string_lossy())),
        )
        .unwrap();
    }
    fs::copy(
        root().join("fixtures/html/zh/portal-article-gbk.html"),
        at("pages/portal-article-gbk.html"),
    )
    .unwrap();
    // A mirrored site with drafts and other files.
    for (rel, title) in [
        ("site-mirror/index.html", "Front page"),
        ("site-mirror/news/2024/park.html", "Park extended"),
        ("site-mirror/drafts/unfinished.html", "Draft"),
    ] {
        fs::write(at(rel), article_page(title, &PROSE)).unwrap();
    }
    fs::write(at("site-mirror/style.css"), "body { margin: 0 }").unwrap();
    fs::write(at("site-mirror/feed.json"), "{\"items\": []}").unwrap();
    // Crawl output: WARC files.
    fs::write(at("CC-MAIN-20240402-00000.warc.gz"), gzip(&sample_warc())).unwrap();
    fs::write(at("crawl.arc.gz"), gzip_members(&crate::crawl::arc_records())).unwrap();
    let warcs = warc_crawl(&dir.path().join("crawl"), 4, 6);
    let mut list = String::from("# WARC files of the crawl, one per line\n\n");
    for path in &warcs {
        list.push_str(&format!("  {}\n", path.strip_prefix(dir.path()).unwrap().display()));
    }
    fs::write(at("warcs.txt"), list).unwrap();
    // A JSONL dump with its own field names.
    let dump: String = (0..5)
        .map(|n| {
            let page = article_page(&format!("Dump page {n}"), &[PROSE[n % 3]]);
            serde_json::json!({"doc_id": format!("d{n}"), "url": format!("https://d.example/{n}"), "raw_html": page})
                .to_string()
                + "\n"
        })
        .collect();
    fs::write(at("dump.jsonl.gz"), gzip(dump.as_bytes())).unwrap();
    // The project's fixtures, for the set-up block.
    std::os::unix::fs::symlink(root().join("fixtures"), dir.path().join("fixtures")).unwrap();
    dir
}

/// A README shell line as the test runs it: the set-up block's `cargo run --release --` is the
/// binary under test; `cargo test` is this very suite, so it is not run again.
fn mirror(line: &str) -> Option<String> {
    if let Some(args) = line.strip_prefix("cargo run --release -- ") {
        return Some(format!("pagewash {args}"));
    }
    if line.split('#').next().unwrap().trim() == "cargo test" {
        return None;
    }
    assert!(!line.starts_with("cargo "), "no mirror for README line {line:?}");
    Some(line.to_string())
}

/// Every file below `dir` with its content, to see what a block wrote.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = Vec::new();
    files_below(dir, &mut files);
    files
        .into_iter()
        .map(|path| {
            let content = fs::read(&path).unwrap_or_default();
            (path, content)
        })
        .collect()
}

/// Regular files below `dir` (not through symbolic links: the fixtures link is not output).
fn files_below(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let file_type = entry.file_type().unwrap();
        if file_type.is_dir() {
            files_below(&entry.path(), out);
        } else if file_type.is_file() {
            out.push(entry.path());
        }
    }
}

fn run_block(dir: &Path, script: &str, env: &[(&str, &str)]) -> std::process::Output {
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("set -euo pipefail\n{script}"))
        .current_dir(dir)
        .env("PATH", path_with_binary())
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "README block failed:\n{script}\nstderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[cfg(unix)]
#[test]
fn every_shell_example_runs() {
    if Command::new("jq").arg("--version").output().is_err() {
        // jq is on every machine this project runs CI on; say so loudly elsewhere.
        eprintln!("skipped: jq is not installed, and the README's examples use it");
        return;
    }
    let dir = example_inputs();
    let slurm = [("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")];
    let mut ran = 0;
    for block in readme_blocks().into_iter().filter(|b| b.lang == "sh") {
        let script: Vec<String> = block.code.lines().filter_map(mirror).collect();
        let script = script.join("\n");
        let before = snapshot(dir.path());
        let output = run_block(dir.path(), &script, &slurm);
        let after = snapshot(dir.path());
        let written: Vec<&PathBuf> = after
            .iter()
            .filter(|(path, content)| before.get(*path) != Some(content) && !content.is_empty())
            .map(|(path, _)| path)
            .collect();
        assert!(
            !output.stdout.is_empty() || !written.is_empty(),
            "README block under {:?} produced nothing:\n{script}",
            block.heading
        );
        ran += 1;
    }
    assert!(ran >= 3, "the README's shell blocks were found ({ran})");
}

#[cfg(unix)]
#[test]
fn the_shard_recipe_splits_the_manifest_into_a_whole() {
    let block = readme_blocks()
        .into_iter()
        .find(|b| b.heading == "Sharding across machines" && b.lang == "sh")
        .expect("README has a shard recipe");
    let dir = example_inputs();
    let tasks = 4;
    for task in 0..tasks {
        let (task, count) = (task.to_string(), tasks.to_string());
        run_block(
            dir.path(),
            &block.code,
            &[("SLURM_ARRAY_TASK_ID", &task), ("SLURM_ARRAY_TASK_COUNT", &count)],
        );
    }
    let mut parts = Vec::new();
    for task in 0..tasks {
        let raw = fs::read(dir.path().join(format!("out/part-{task}.jsonl.zst"))).unwrap();
        let records = parse_records(&zstd::decode_all(&raw[..]).unwrap());
        assert!(!records.is_empty(), "task {task} has documents");
        parts.extend(records);
    }
    let whole = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "--input-list", "warcs.txt"])
        .output()
        .unwrap();
    assert_eq!(whole.status.code(), Some(0));
    assert_eq!(by_id(parts), by_id(parse_records(&whole.stdout)));
}

/// `--help`'s three examples run as printed, in the same directory as the README's.
#[cfg(unix)]
#[test]
fn help_examples_run() {
    let help = pagewash().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8(help.stdout).unwrap();
    let examples = &help[help.find("\nExamples:\n").expect("--help has examples")..];
    // A command is indented two spaces, its explanation six.
    let commands: Vec<&str> = examples
        .lines()
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .map(str::trim)
        .collect();
    assert_eq!(commands.len(), 3, "{examples}");
    let dir = example_inputs();
    for command in commands {
        let before = snapshot(dir.path());
        let output = run_block(dir.path(), command, &[]);
        let after = snapshot(dir.path());
        assert!(
            !output.stdout.is_empty() || after.iter().any(|(path, content)| before.get(path) != Some(content)),
            "{command} produced nothing"
        );
    }
}
