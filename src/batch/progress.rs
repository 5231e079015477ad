//! The progress bar on stderr: documents, MB, docs/s, and an ETA when the total input size is
//! known. Shown only when asked for (stderr is a terminal and not `--quiet`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::stats::Summary;
use crate::input::Input;

pub struct Progress {
    bar: Option<ProgressBar>,
    bytes_read: Arc<AtomicU64>,
}

impl Progress {
    pub fn new(enabled: bool, inputs: &[Input], bytes_read: Arc<AtomicU64>) -> Progress {
        if !enabled {
            return Progress { bar: None, bytes_read };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}] {wide_bar} {percent}% ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(250));
        // Total size of the inputs, measured in the background so a large tree does not delay
        // the start; the ETA appears once it is known.
        let paths: Vec<std::path::PathBuf> = inputs
            .iter()
            .filter_map(|input| match input {
                Input::Path(path) => Some(path.clone()),
                Input::Stdin => None,
            })
            .collect();
        let all_paths = paths.len() == inputs.len();
        if all_paths && !paths.is_empty() {
            let bar = bar.clone();
            std::thread::spawn(move || {
                let total: u64 = paths.iter().map(|p| tree_size(p)).sum();
                bar.set_length(total);
            });
        }
        Progress {
            bar: Some(bar),
            bytes_read,
        }
    }

    pub fn record_written(&self, summary: &Summary) {
        let Some(bar) = &self.bar else {
            return;
        };
        bar.set_position(self.bytes_read.load(Ordering::Relaxed));
        let secs = bar.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{} docs, {:.1} MB, {:.0} docs/s",
            summary.documents,
            summary.bytes as f64 / 1e6,
            summary.documents as f64 / secs
        ));
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Bytes of a file, or of every file below a directory.
fn tree_size(path: &std::path::Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return std::fs::metadata(path).map_or(0, |m| m.len());
    }
    let mut total = 0;
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(_) => total += entry.metadata().map_or(0, |m| m.len()),
                Err(_) => {}
            }
        }
    }
    total
}
