//! The README's Spark recipe, run as written with `spark-submit` in local mode over a manifest
//! of generated WARC files: its output must equal a single-process run, record for record.
//!
//! It needs Java 17 or later and a Python with pyspark: `PAGEWASH_SPARK_PYTHON` names that
//! Python, else `.venv-spark/bin/python` in the repository (where `.ci/run` installs pyspark).
//! Without them the test says so and passes, unless `PAGEWASH_REQUIRE_SPARK=1` (set by `.ci/run`
//! when it installed pyspark), when their absence is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::util::{by_id, pagewash, parse_records, path_with_binary, root, spark_recipe, warc_crawl};

/// The Python with pyspark, and why there is none when there is not.
fn spark_python() -> Result<PathBuf, String> {
    let python = std::env::var_os("PAGEWASH_SPARK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv-spark/bin/python"));
    let imports = Command::new(&python)
        .args(["-c", "import pyspark; print(pyspark.__version__)"])
        .output();
    match imports {
        Ok(output) if output.status.success() => {}
        _ => return Err(format!("no pyspark for {}", python.display())),
    }
    let java = Command::new("java")
        .arg("-version")
        .output()
        .map_err(|err| format!("no java: {err}"))?;
    let version = String::from_utf8_lossy(&java.stderr).to_string();
    let major: u32 = version
        .split('"')
        .nth(1)
        .and_then(|v| v.split('.').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if major < 17 {
        return Err(format!(
            "pyspark 4 needs Java 17 or later, found: {}",
            version.lines().next().unwrap_or("")
        ));
    }
    Ok(python)
}

fn spark_submit(python: &Path) -> PathBuf {
    python.with_file_name("spark-submit")
}

#[test]
fn the_spark_recipe_equals_a_single_process_run() {
    let python = match spark_python() {
        Ok(python) => python,
        Err(why) if std::env::var_os("PAGEWASH_REQUIRE_SPARK").is_some_and(|v| v == "1") => {
            panic!("PAGEWASH_REQUIRE_SPARK=1 but {why}")
        }
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let warcs = warc_crawl(&dir.path().join("crawl"), 6, 8);
    // Absolute paths, as a shared file system gives them; and what a hand-kept manifest has.
    let mut manifest = String::from("# generated crawl\n\n");
    for path in &warcs {
        manifest.push_str(&format!("{}\n", path.display()));
    }
    std::fs::write(dir.path().join("warcs.txt"), &manifest).unwrap();
    std::fs::write(dir.path().join("pagewash_spark.py"), spark_recipe()).unwrap();

    let output = Command::new(spark_submit(&python))
        .current_dir(dir.path())
        .args(["--master", "local[2]", "pagewash_spark.py", "warcs.txt", "out", "4"])
        // The binary under test is the one the recipe finds on PATH.
        .env("PATH", path_with_binary())
        .env("PYSPARK_PYTHON", &python)
        .env("PYSPARK_DRIVER_PYTHON", &python)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "spark-submit failed:\n{log}");
    assert!(dir.path().join("out/_SUCCESS").exists(), "{log}");

    let mut spark = Vec::new();
    for entry in std::fs::read_dir(dir.path().join("out")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with("part-") {
            spark.extend(parse_records(&std::fs::read(&path).unwrap()));
        }
    }
    let single = pagewash()
        .current_dir(dir.path())
        .args(["--quiet", "--input-list", "warcs.txt"])
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    assert_eq!(single.status.code(), Some(0));
    let single = parse_records(&single.stdout);
    assert_eq!(single.len(), 6 * 8, "every page record of the crawl");
    assert_eq!(by_id(spark), by_id(single));
}
