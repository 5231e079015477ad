//! Sets `PAGEWASH_VERSION` for `pagewash --version`: the crate version, and the git commit it
//! was built from when git can tell (`0.1.0 (3f2a9c1 2026-04-02)`). Without git, or outside a
//! checkout (a crate tarball), it is the crate version alone; `PAGEWASH_COMMIT` set in the
//! environment stands in for git.

use std::path::PathBuf;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PAGEWASH_COMMIT");
    let version = env!("CARGO_PKG_VERSION");
    let commit = std::env::var("PAGEWASH_COMMIT")
        .ok()
        .filter(|commit| !commit.trim().is_empty())
        .or_else(|| git(&["log", "-1", "--date=short", "--format=%h %cd"]));
    // Rebuild when the checked-out commit moves: HEAD, the branch it names, packed refs.
    if let Some(git_dir) = git(&["rev-parse", "--git-dir"]).map(PathBuf::from) {
        println!("cargo:rerun-if-changed={}", git_dir.join("HEAD").display());
        if let Some(common) = git(&["rev-parse", "--git-common-dir"]).map(PathBuf::from) {
            println!("cargo:rerun-if-changed={}", common.join("packed-refs").display());
            if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
                println!("cargo:rerun-if-changed={}", common.join(branch).display());
            }
        }
    }
    let full = match commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=PAGEWASH_VERSION={full}");
}
