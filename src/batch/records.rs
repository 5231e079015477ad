//! Documents in, records out, in input order: the stages run in parallel on a pool of worker
//! threads, and memory is bounded by a reorder window rather than a collect of the whole batch.
//!
//! [`Records`] is a plain iterator, so any caller can drive it: the command line writes what it
//! yields, a library or binding hands each record on as it comes. It reads its source a
//! learning window at a time ([`Windows`]), and hands documents to the workers only as the
//! reorder window has room for them.

use std::collections::{BTreeMap, VecDeque};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use super::learn::{Learned, Windows};
use super::process::{PipelineOptions, process_with_site};
use crate::boilerplate::SiteLines;
use crate::input::{Document, SkipReason};
use crate::record::{ErrorInfo, ErrorKind, Kind, Record};

/// Documents in flight (handed to workers but not yet yielded), per worker thread.
const WINDOW_PER_THREAD: usize = 16;
/// Input bytes in flight above which no new document is handed out until one is yielded.
pub(super) const WINDOW_BYTES: u64 = 512 << 20;
/// Stack of each worker: generous, as a second line of defence for deeply nested pages.
const WORKER_STACK: usize = 32 << 20;

/// What a worker makes of a record before handing it back (the command line encodes it there,
/// in parallel), given the size of the document's input and, for a crawl record that is not a
/// page (yielded with [`Records::all_records`]), why. It must not panic: a panic in it ends the
/// process.
type Finish<T> = dyn Fn(Record, u64, Option<SkipReason>) -> T + Send + Sync;

/// The records of a stream of documents, in the stream's order, processed on `threads` worker
/// threads of their own.
///
/// The source yields `Result<Document, E>`: an `Err` is a failure of the source itself (an
/// unreadable input list). The records of the documents before it are yielded first, then the
/// error, then nothing more. A document that cannot be processed is never an `Err`: it gets a
/// record with `error`, and a panic while processing one becomes an `internal` error record.
///
/// Documents are read a window at a time and the lines each site repeats across the window
/// learned before any of them is processed ([`Windows`]), as the command line does: the records
/// are the command line's. Crawl records that are not pages (requests, redirects, images…) are
/// counted in [`Records::skipped`] and not yielded, unless [`Records::all_records`] asks for them.
///
/// Dropping the iterator early is cheap: the documents already handed out and not yet started
/// are skipped, and the worker threads end.
pub struct Records<I, E, T = Record> {
    source: Option<Windows<I, E>>,
    /// The rest of the learning window being handed out.
    learned: std::vec::IntoIter<Learned>,
    failure: Option<E>,
    all_records: bool,
    skipped: BTreeMap<SkipReason, u64>,
    pool: rayon::ThreadPool,
    pipeline: Arc<PipelineOptions>,
    finish: Arc<Finish<T>>,
    done_tx: mpsc::Sender<(u64, T)>,
    done_rx: mpsc::Receiver<(u64, T)>,
    window: ReorderWindow<T>,
    /// Set when the iterator is dropped: queued documents are then skipped.
    cancelled: Arc<AtomicBool>,
}

impl<I, E> Records<I, E, Record>
where
    I: Iterator<Item = Result<Document, E>>,
{
    /// The records of `documents`, processed with `pipeline` on `threads` workers (at least one).
    pub fn new(documents: I, pipeline: PipelineOptions, threads: usize) -> Result<Self, rayon::ThreadPoolBuildError> {
        Records::with_finish(documents, pipeline, threads, |record, _, _| record)
    }
}

impl<I, E, T> Records<I, E, T>
where
    I: Iterator<Item = Result<Document, E>>,
    T: Send + 'static,
{
    /// As [`Records::new`], but each worker also turns its record into a `T` with `finish`,
    /// given the record, the size in bytes of the document's input and, for a crawl record that
    /// is not a page, why.
    pub fn with_finish(
        documents: I,
        pipeline: PipelineOptions,
        threads: usize,
        finish: impl Fn(Record, u64, Option<SkipReason>) -> T + Send + Sync + 'static,
    ) -> Result<Self, rayon::ThreadPoolBuildError> {
        let threads = threads.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(WORKER_STACK)
            .thread_name(|i| format!("pagewash-worker-{i}"))
            .build()?;
        let (done_tx, done_rx) = mpsc::channel();
        Ok(Records {
            source: Some(Windows::new(documents)),
            learned: Vec::new().into_iter(),
            failure: None,
            all_records: false,
            skipped: BTreeMap::new(),
            pool,
            pipeline: Arc::new(pipeline),
            finish: Arc::new(finish),
            done_tx,
            done_rx,
            window: ReorderWindow::new(threads * WINDOW_PER_THREAD, WINDOW_BYTES),
            cancelled: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Also yield the records of crawl records that are not pages, with error kind `skipped`
    /// (`--all-records`), rather than only counting them.
    pub fn all_records(mut self, all: bool) -> Self {
        self.all_records = all;
        self
    }

    /// The crawl records that were not pages, by reason, so far (with
    /// [`Records::all_records`], none: they are yielded).
    pub fn skipped(&self) -> &BTreeMap<SkipReason, u64> {
        &self.skipped
    }

    /// Hands documents to the workers until the window is full or the source is done.
    fn top_up(&mut self) {
        while !self.window.is_full() {
            if let Some((doc, site)) = self.learned.next() {
                self.hand_out(doc, site);
                continue;
            }
            let Some(source) = self.source.as_mut() else {
                return;
            };
            match source.next() {
                Some(Ok(learned)) => self.learned = learned.into_iter(),
                Some(Err(err)) => {
                    self.failure = Some(err);
                    self.source = None;
                }
                None => self.source = None,
            }
        }
    }

    fn hand_out(&mut self, doc: Document, site: Option<Arc<SiteLines>>) {
        let skipped = doc.skip_reason();
        if let Some(reason) = skipped
            && !self.all_records
        {
            *self.skipped.entry(reason).or_default() += 1;
            return;
        }
        let input_bytes = doc.body.as_ref().map_or(0, |b| b.len() as u64);
        let seq = self.window.hand_out(input_bytes);
        let done_tx = self.done_tx.clone();
        let pipeline = Arc::clone(&self.pipeline);
        let finish = Arc::clone(&self.finish);
        let cancelled = Arc::clone(&self.cancelled);
        self.pool.spawn(move || {
            if cancelled.load(Ordering::Relaxed) {
                return;
            }
            let record = process_caught(doc, &pipeline, site.as_deref());
            let finished = finish(record, input_bytes, skipped);
            // The receiver is gone only when the iterator was dropped.
            let _ = done_tx.send((seq, finished));
        });
    }
}

impl<I, E, T> Iterator for Records<I, E, T>
where
    I: Iterator<Item = Result<Document, E>>,
    T: Send + 'static,
{
    type Item = Result<T, E>;

    fn next(&mut self) -> Option<Result<T, E>> {
        loop {
            while let Ok((seq, finished)) = self.done_rx.try_recv() {
                self.window.receive(seq, finished);
            }
            self.top_up();
            if let Some(finished) = self.window.pop_ready() {
                return Some(Ok(finished));
            }
            if self.window.is_empty() {
                return self.failure.take().map(Err);
            }
            // Every document in flight is with a worker, which always sends its result.
            let (seq, finished) = self.done_rx.recv().expect("the iterator holds a sender");
            self.window.receive(seq, finished);
        }
    }
}

impl<I, E, T> Drop for Records<I, E, T> {
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

/// [`process_with_site`], with a panic turned into an `internal` error record (a panic is a
/// bug, but one page must not end a run of millions).
pub fn process_caught(doc: Document, pipeline: &PipelineOptions, site: Option<&SiteLines>) -> Record {
    let id = doc.id.clone();
    let url = doc.url.clone();
    let kind = doc.kind;
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
    })
}

/// Results that came back out of order wait here until every earlier one is yielded. The
/// window bounds both the number of documents and the input bytes in flight.
struct ReorderWindow<T> {
    next_to_yield: u64,
    handed_out: u64,
    ready: VecDeque<Option<T>>,
    in_flight_bytes: VecDeque<u64>,
    max_docs: usize,
    max_bytes: u64,
    bytes: u64,
}

impl<T> ReorderWindow<T> {
    fn new(max_docs: usize, max_bytes: u64) -> Self {
        ReorderWindow {
            next_to_yield: 0,
            handed_out: 0,
            ready: VecDeque::new(),
            in_flight_bytes: VecDeque::new(),
            max_docs: max_docs.max(1),
            max_bytes,
            bytes: 0,
        }
    }

    fn in_flight(&self) -> usize {
        (self.handed_out - self.next_to_yield) as usize
    }

    fn is_empty(&self) -> bool {
        self.in_flight() == 0
    }

    fn is_full(&self) -> bool {
        self.in_flight() >= self.max_docs || (self.in_flight() > 0 && self.bytes >= self.max_bytes)
    }

    /// Makes room for one more document of `bytes` input bytes; returns its sequence number.
    fn hand_out(&mut self, bytes: u64) -> u64 {
        let seq = self.handed_out;
        self.handed_out += 1;
        self.ready.push_back(None);
        self.in_flight_bytes.push_back(bytes);
        self.bytes += bytes;
        seq
    }

    fn receive(&mut self, seq: u64, finished: T) {
        let slot = (seq - self.next_to_yield) as usize;
        self.ready[slot] = Some(finished);
    }

    fn pop_ready(&mut self) -> Option<T> {
        if !matches!(self.ready.front(), Some(Some(_))) {
            return None;
        }
        let finished = self.ready.pop_front().flatten()?;
        self.bytes -= self.in_flight_bytes.pop_front().unwrap_or(0);
        self.next_to_yield += 1;
        Some(finished)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::learn::WINDOW_DOCS;

    fn doc(n: usize) -> Document {
        // Pages of very different sizes, so that workers finish out of order.
        let body = format!("<title>Page {n}</title><p>{}</p>", "word ".repeat((n * 7919) % 3000));
        Document {
            kind: Some(Kind::Html),
            ..Document::new(n.to_string(), body.into_bytes())
        }
    }

    #[test]
    fn records_come_in_input_order_whatever_the_threads() {
        let one: Vec<Record> = Records::new((0..200).map(|n| Ok::<_, ()>(doc(n))), PipelineOptions::default(), 1)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(one.len(), 200);
        for threads in [2, 3] {
            let many: Vec<Record> = Records::new(
                (0..200).map(|n| Ok::<_, ()>(doc(n))),
                PipelineOptions::default(),
                threads,
            )
            .unwrap()
            .map(Result::unwrap)
            .collect();
            assert_eq!(one, many, "{threads} threads");
        }
        let ids: Vec<String> = one.into_iter().map(|r| r.id).collect();
        assert_eq!(ids, (0..200).map(|n| n.to_string()).collect::<Vec<_>>());
    }

    #[test]
    fn a_source_failure_comes_after_the_records_before_it() {
        let source = (0..50).map(|n| if n == 40 { Err(n) } else { Ok(doc(n)) });
        let items: Vec<Result<String, usize>> = Records::new(source, PipelineOptions::default(), 2)
            .unwrap()
            .map(|r| r.map(|record| record.id))
            .collect();
        let mut expected: Vec<Result<String, usize>> = (0..40).map(|n| Ok(n.to_string())).collect();
        expected.push(Err(40));
        assert_eq!(items, expected);
    }

    #[test]
    fn the_source_is_read_only_as_the_window_has_room() {
        let pulled = std::sync::atomic::AtomicUsize::new(0);
        let source = (0..10_000).map(|n| {
            pulled.fetch_add(1, Ordering::Relaxed);
            Ok::<_, ()>(doc(n))
        });
        let mut records = Records::new(source, PipelineOptions::default(), 2).unwrap();
        assert_eq!(records.next().unwrap().unwrap().id, "0");
        // The first record waits for the first learning window, and no more.
        assert_eq!(pulled.load(Ordering::Relaxed), WINDOW_DOCS);
    }

    #[test]
    fn with_finish_runs_on_the_workers() {
        let sizes: Vec<(String, u64)> = Records::with_finish(
            (0..5).map(|n| Ok::<_, ()>(doc(n))),
            PipelineOptions::default(),
            2,
            |record, bytes, _| (record.id, bytes),
        )
        .unwrap()
        .map(Result::unwrap)
        .collect();
        for (n, (id, bytes)) in sizes.into_iter().enumerate() {
            assert_eq!(id, n.to_string());
            assert_eq!(bytes, doc(n).body.unwrap().len() as u64);
        }
    }
}
