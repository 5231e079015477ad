//! Drives the stages over all documents: parallel on a rayon pool, records written in input
//! order ([`Records`]), memory bounded by a reorder window rather than a collect of the whole
//! batch.

mod dedup;
mod learn;
mod memory;
mod process;
mod progress;
mod records;
mod stats;

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

pub use dedup::{DEFAULT_WINDOW, DedupMode, NEAR_DISTANCE};
pub use memory::{available_memory, default_threads, worker_budget};
pub use process::{PipelineOptions, TextOptions, content, content_with_site, process, process_with_site};
pub use records::{Records, process_caught};
pub use stats::{DocSummary, Summary};

use crate::input::walk::FileId;
use crate::input::{Document, Documents, Input, InputOptions, RunInputError};
use crate::output::{OutputError, RecordFormat, Sink};
use crate::record::Record;

/// A validated run: what to read, how to process it, where to write.
#[derive(Debug, Clone)]
pub struct Job {
    pub inputs: Vec<Input>,
    pub input_list: Option<PathBuf>,
    pub input: InputOptions,
    pub pipeline: PipelineOptions,
    pub threads: usize,
    pub output: Option<PathBuf>,
    /// Show a progress bar (the caller checks that stderr is a terminal).
    pub progress: bool,
    /// Print the summary paragraph on stderr at the end.
    pub summary: bool,
    pub stats: Option<PathBuf>,
    /// Output crawl records that are not pages too, as `skipped` records (`--all-records`).
    pub all_records: bool,
    /// Drop later copies within the run (`--dedup`).
    pub dedup: Option<DedupOptions>,
}

/// `--dedup`: what counts as a copy, and how many kept documents are remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DedupOptions {
    pub mode: DedupMode,
    pub window: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Input(#[from] RunInputError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

struct Finished {
    output: Output,
    summary: DocSummary,
    dedup_key: dedup::DedupKey,
}

/// A record as the sink takes it.
enum Output {
    /// Encoded by the job's [`RecordFormat`].
    Bytes(Vec<u8>),
    /// The record itself, for a sink that [takes records](Sink::takes_records).
    Record(Box<Record>),
}

/// Runs the job; returns its summary. Per-document failures are records, not errors: an `Err`
/// means the run itself failed (and a file output was not put in place).
pub fn run(job: &Job, format: &'static dyn RecordFormat) -> Result<Summary, RunError> {
    let started = Instant::now();
    // Every output is opened before the first input is read: a path that cannot be written
    // fails the run before any work.
    let mut sink = match &job.output {
        Some(path) => Sink::open(path)?,
        None => Sink::stdout(),
    };
    let stats_sink = job.stats.as_deref().map(Sink::open).transpose()?;
    // A walk must not read the run's own output back.
    let mut input = job.input.clone();
    let outputs = std::iter::once(&sink).chain(&stats_sink).flat_map(Sink::files);
    input.walk.exclude.extend(outputs.filter_map(|path| FileId::of(&path)));
    input.walk.exclude.extend(stdout_file());
    let documents = Documents::new(job.inputs.clone(), job.input_list.as_deref(), input)?;
    let empty_stdin = documents.empty_stdin();
    let progress = progress::Progress::new(job.progress, &job.inputs, documents.bytes_read());
    let mut dedup = job.dedup.map(|d| dedup::Dedup::new(d.mode, d.window));
    let dedup_mode = job.dedup.map(|d| d.mode);
    let format = (!sink.takes_records()).then_some(format);
    // Each record is encoded (unless the sink takes records), summarised and keyed for dedup on
    // its worker.
    let finish = move |record: Record, input_bytes: u64, skipped| {
        let dedup_key = dedup_mode.map_or(dedup::DedupKey::None, |mode| {
            dedup::DedupKey::of(mode, &record.text, &record.fingerprint, record.error.is_some())
        });
        let summary = DocSummary::of(&record, input_bytes, skipped);
        let output = match format {
            Some(format) => {
                let mut bytes = Vec::with_capacity(record.text.len() + 512);
                format.encode(&record, &mut bytes);
                Output::Bytes(bytes)
            }
            None => Output::Record(Box::new(record)),
        };
        Finished {
            output,
            summary,
            dedup_key,
        }
    };
    let mut records =
        Records::with_finish(documents, job.pipeline.clone(), job.threads, finish)?.all_records(job.all_records);
    let mut summary = Summary::default();
    let mut write_all = || -> Result<(), RunError> {
        for finished in records.by_ref() {
            let finished = finished?;
            if let Some(dedup) = &mut dedup
                && dedup.is_copy(finished.dedup_key)
            {
                summary.add_duplicate(&finished.summary);
                progress.record_written(&summary);
                continue;
            }
            summary.add(&finished.summary);
            progress.record_written(&summary);
            match finished.output {
                Output::Bytes(bytes) => sink.write_all(&bytes)?,
                Output::Record(record) => sink.write_record(*record)?,
            }
        }
        for (&reason, &count) in records.skipped() {
            summary.add_skipped(reason, count);
        }
        Ok(())
    };
    let result = write_all();
    progress.finish();
    result?;
    summary.finish(started.elapsed(), job.threads);
    // The stats go to their temporary file first, so that when they cannot be written, the
    // records are not put in place either.
    let stats_sink = match stats_sink {
        Some(mut stats_sink) => {
            let mut json = serde_json::to_vec_pretty(&summary).expect("a summary always serializes");
            json.push(b'\n');
            stats_sink.write_all(&json)?;
            Some(stats_sink)
        }
        None => None,
    };
    sink.finish()?;
    if let Some(stats_sink) = stats_sink {
        stats_sink.finish()?;
    }
    if job.summary {
        if empty_stdin.load(Ordering::Relaxed) {
            eprintln!("pagewash: stdin was empty: no document to process");
        }
        eprintln!("{}", summary.paragraph());
    }
    Ok(summary)
}

/// The records of `documents` in order, one thread, with the same windows and batch learning
/// as [`run`]: what a run writes, for callers that hold the documents themselves.
pub fn process_all<E>(
    documents: impl IntoIterator<Item = Result<Document, E>>,
    pipeline: &PipelineOptions,
) -> Result<Vec<Record>, E> {
    let mut records = Vec::new();
    for learned in learn::Windows::new(documents.into_iter()) {
        for (doc, site) in learned? {
            records.push(process_with_site(doc, pipeline, site.as_deref()));
        }
    }
    Ok(records)
}

/// Stdout's file, when it is redirected to a regular file (`pagewash pages/ > pages/out.jsonl`).
fn stdout_file() -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
        let meta = std::fs::File::from(fd).metadata().ok()?;
        meta.is_file().then(|| FileId::of_metadata(&meta)).flatten()
    }
    #[cfg(not(unix))]
    {
        None
    }
}
