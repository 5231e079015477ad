//! Drives the stages over all documents: parallel on a rayon pool, records written in input
//! order, memory bounded by a reorder window rather than a collect of the whole batch.

mod dedup;
mod learn;
mod memory;
mod process;
mod progress;
mod stats;

use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::Instant;

pub use dedup::{DEFAULT_WINDOW, DedupMode, NEAR_DISTANCE};
pub use memory::{available_memory, default_threads, worker_budget};
pub use process::{PipelineOptions, TextOptions, content, content_with_site, process, process_with_site};
pub use stats::{DocSummary, Summary};

use crate::input::walk::FileId;
use crate::input::{Document, Documents, Input, InputOptions, RunInputError};
use crate::output::{OutputError, RecordFormat, Sink};
use crate::record::{ErrorInfo, ErrorKind, Kind, Record};

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

/// Documents in flight (handed to workers but not yet written), per worker thread.
const WINDOW_PER_THREAD: usize = 16;
/// Input bytes in flight above which no new document is handed out until one is written.
const WINDOW_BYTES: u64 = 512 << 20;
/// Stack of each worker: generous, as a second line of defence for deeply nested pages.
const WORKER_STACK: usize = 32 << 20;

struct Finished {
    seq: u64,
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
pub fn run(job: &Job, format: &dyn RecordFormat) -> Result<Summary, RunError> {
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(job.threads)
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("pagewash-worker-{i}"))
        .build()?;
    let mut summary = Summary::default();
    let mut dedup = job.dedup.map(|d| dedup::Dedup::new(d.mode, d.window));
    let dedup_mode = job.dedup.map(|d| d.mode);
    let takes_records = sink.takes_records();
    let result = pool.in_place_scope(|scope| -> Result<(), RunError> {
        let (done_tx, done_rx) = mpsc::channel::<Finished>();
        let mut window = ReorderWindow::new(job.threads * WINDOW_PER_THREAD, WINDOW_BYTES);
        let mut write = |finished: Finished, summary: &mut Summary| -> Result<(), RunError> {
            if let Some(dedup) = &mut dedup
                && dedup.is_copy(finished.dedup_key)
            {
                summary.add_duplicate(&finished.summary);
                progress.record_written(summary);
                return Ok(());
            }
            summary.add(&finished.summary);
            progress.record_written(summary);
            match finished.output {
                Output::Bytes(bytes) => sink.write_all(&bytes)?,
                Output::Record(record) => sink.write_record(*record)?,
            }
            Ok(())
        };
        // A window of documents is read and the lines each site repeats in it learned, then its
        // documents are handed out (see [`learn::Windows`]).
        let mut next_seq = 0u64;
        for learned in learn::Windows::new(documents) {
            for (doc, site) in learned? {
                if !job.all_records
                    && let Some(reason) = doc.skip_reason()
                {
                    summary.add_skipped(reason);
                    continue;
                }
                let seq = next_seq;
                next_seq += 1;
                let doc_bytes = doc.body.as_ref().map_or(0, |b| b.len() as u64);
                while window.is_full() {
                    window.receive(done_rx.recv().expect("workers hold a sender"));
                    while let Some(finished) = window.pop_ready() {
                        write(finished, &mut summary)?;
                    }
                }
                window.hand_out(doc_bytes);
                let done_tx = done_tx.clone();
                let pipeline = &job.pipeline;
                let format = (!takes_records).then_some(format);
                scope.spawn(move |_| {
                    let finished = process_one(seq, doc, doc_bytes, pipeline, site.as_deref(), format, dedup_mode);
                    // The receiver outlives every worker: the scope waits for them.
                    let _ = done_tx.send(finished);
                });
                while let Ok(finished) = done_rx.try_recv() {
                    window.receive(finished);
                }
                while let Some(finished) = window.pop_ready() {
                    write(finished, &mut summary)?;
                }
            }
        }
        drop(done_tx);
        while !window.is_empty() {
            window.receive(done_rx.recv().expect("a document in flight is still being processed"));
            while let Some(finished) = window.pop_ready() {
                write(finished, &mut summary)?;
            }
        }
        Ok(())
    });
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

fn process_one(
    seq: u64,
    doc: Document,
    doc_bytes: u64,
    pipeline: &PipelineOptions,
    site: Option<&crate::boilerplate::SiteLines>,
    format: Option<&dyn RecordFormat>,
    dedup_mode: Option<DedupMode>,
) -> Finished {
    let id = doc.id.clone();
    let url = doc.url.clone();
    let kind = doc.kind;
    let skipped = doc.skip_reason();
    let record =
        panic::catch_unwind(AssertUnwindSafe(|| process_with_site(doc, pipeline, site))).unwrap_or_else(|payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let error = ErrorInfo {
                kind: ErrorKind::Internal,
                message: format!("internal error while processing this document: {message}"),
            };
            Record::failed(id, url, kind.unwrap_or(Kind::Text), error)
        });
    let dedup_key = dedup_mode.map_or(dedup::DedupKey::None, |mode| {
        dedup::DedupKey::of(mode, &record.text, &record.fingerprint, record.error.is_some())
    });
    let summary = DocSummary::of(&record, doc_bytes, skipped);
    let output = match format {
        Some(format) => {
            let mut bytes = Vec::with_capacity(record.text.len() + 512);
            format.encode(&record, &mut bytes);
            Output::Bytes(bytes)
        }
        None => Output::Record(Box::new(record)),
    };
    Finished {
        seq,
        summary,
        output,
        dedup_key,
    }
}

/// Results that came back out of order wait here until every earlier one is written. The
/// window bounds both the number of documents and the input bytes in flight.
struct ReorderWindow {
    next_to_write: u64,
    handed_out: u64,
    ready: VecDeque<Option<Finished>>,
    in_flight_bytes: VecDeque<u64>,
    max_docs: usize,
    max_bytes: u64,
    bytes: u64,
}

impl ReorderWindow {
    fn new(max_docs: usize, max_bytes: u64) -> Self {
        ReorderWindow {
            next_to_write: 0,
            handed_out: 0,
            ready: VecDeque::new(),
            in_flight_bytes: VecDeque::new(),
            max_docs: max_docs.max(1),
            max_bytes,
            bytes: 0,
        }
    }

    fn in_flight(&self) -> usize {
        (self.handed_out - self.next_to_write) as usize
    }

    fn is_empty(&self) -> bool {
        self.in_flight() == 0
    }

    fn is_full(&self) -> bool {
        self.in_flight() >= self.max_docs || (self.in_flight() > 0 && self.bytes >= self.max_bytes)
    }

    fn hand_out(&mut self, bytes: u64) {
        self.handed_out += 1;
        self.ready.push_back(None);
        self.in_flight_bytes.push_back(bytes);
        self.bytes += bytes;
    }

    fn receive(&mut self, finished: Finished) {
        let slot = (finished.seq - self.next_to_write) as usize;
        self.ready[slot] = Some(finished);
    }

    fn pop_ready(&mut self) -> Option<Finished> {
        if !matches!(self.ready.front(), Some(Some(_))) {
            return None;
        }
        let finished = self.ready.pop_front().flatten()?;
        self.bytes -= self.in_flight_bytes.pop_front().unwrap_or(0);
        self.next_to_write += 1;
        Some(finished)
    }
}
