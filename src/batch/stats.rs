//! The run's summary: counts, encodings, repairs, spam, errors, throughput.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use crate::input::SkipReason;
use crate::record::{Kind, Record};

/// What the summary needs to know of one record, taken on the worker thread.
#[derive(Debug, Clone)]
pub struct DocSummary {
    pub input_bytes: u64,
    pub kind: Kind,
    pub encoding: Option<&'static str>,
    pub repairs: Vec<(&'static str, u64)>,
    pub spam: Vec<&'static str>,
    pub error: Option<&'static str>,
    pub truncated: bool,
    /// A crawl record that is not a page, output as such (`--all-records`).
    pub skipped: Option<SkipReason>,
}

impl DocSummary {
    pub fn of(record: &Record, input_bytes: u64, skipped: Option<SkipReason>) -> DocSummary {
        DocSummary {
            truncated: record.truncated,
            skipped,
            input_bytes,
            kind: record.kind,
            encoding: record.encoding.name,
            repairs: record.repairs.iter().map(|r| (r.kind, r.count)).collect(),
            spam: record.spam.iter().map(|s| s.kind).collect(),
            error: record.error.as_ref().map(|e| e.kind.as_str()),
        }
    }
}

/// Totals over the run, written to stderr and to `--stats FILE`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub documents: u64,
    pub html: u64,
    pub text: u64,
    /// Documents of no bytes at all (an empty file, an empty JSONL field): records with empty
    /// text and no error.
    pub empty: u64,
    pub bytes: u64,
    pub errors: u64,
    pub errors_by_kind: BTreeMap<&'static str, u64>,
    /// Documents whose payload was not whole.
    pub truncated: u64,
    /// Crawl records that are not pages (output only with `--all-records`), and why.
    pub skipped: u64,
    pub skipped_by_reason: BTreeMap<&'static str, u64>,
    pub encodings: BTreeMap<&'static str, u64>,
    pub repairs: BTreeMap<&'static str, u64>,
    pub documents_with_spam: u64,
    /// Documents dropped by `--dedup` as copies of earlier ones (counted in `documents`, not
    /// written).
    pub duplicates: u64,
    pub spam_runs: BTreeMap<&'static str, u64>,
    pub seconds: f64,
    pub docs_per_second: f64,
    pub mb_per_second: f64,
    pub threads: usize,
}

impl Summary {
    /// Counts `count` crawl records that are not pages.
    pub fn add_skipped(&mut self, reason: SkipReason, count: u64) {
        self.skipped += count;
        *self.skipped_by_reason.entry(reason.as_str()).or_default() += count;
    }

    pub fn add(&mut self, doc: &DocSummary) {
        if let Some(reason) = doc.skipped {
            self.add_skipped(reason, 1);
            return;
        }
        self.add_read(doc);
        if doc.input_bytes == 0 && doc.error.is_none() {
            self.empty += 1;
        }
        if let Some(error) = doc.error {
            self.errors += 1;
            *self.errors_by_kind.entry(error).or_default() += 1;
        }
        if let Some(encoding) = doc.encoding {
            *self.encodings.entry(encoding).or_default() += 1;
        }
        for &(kind, count) in &doc.repairs {
            *self.repairs.entry(kind).or_default() += count;
        }
        if !doc.spam.is_empty() {
            self.documents_with_spam += 1;
        }
        for &kind in &doc.spam {
            *self.spam_runs.entry(kind).or_default() += 1;
        }
    }

    /// A document `--dedup` dropped: read, but none of what its record says is counted.
    pub fn add_duplicate(&mut self, doc: &DocSummary) {
        self.add_read(doc);
        self.duplicates += 1;
    }

    fn add_read(&mut self, doc: &DocSummary) {
        self.documents += 1;
        self.truncated += u64::from(doc.truncated);
        self.bytes += doc.input_bytes;
        match doc.kind {
            Kind::Html => self.html += 1,
            Kind::Text => self.text += 1,
        }
    }

    pub fn finish(&mut self, elapsed: Duration, threads: usize) {
        self.seconds = elapsed.as_secs_f64();
        self.threads = threads;
        if self.seconds > 0.0 {
            self.docs_per_second = self.documents as f64 / self.seconds;
            self.mb_per_second = self.bytes as f64 / 1e6 / self.seconds;
        }
    }

    /// The one-paragraph summary printed on stderr.
    pub fn paragraph(&self) -> String {
        let mut out = format!(
            "pagewash: {} documents ({} html, {} text), {:.1} MB in {:.2} s on {} threads: {:.0} docs/s, {:.1} MB/s.",
            self.documents,
            self.html,
            self.text,
            self.bytes as f64 / 1e6,
            self.seconds,
            self.threads,
            self.docs_per_second,
            self.mb_per_second
        );
        if self.empty > 0 {
            out.push_str(&format!(" {} empty.", self.empty));
        }
        if self.errors > 0 {
            out.push_str(&format!(
                " {} errors ({}).",
                self.errors,
                join_counts(&self.errors_by_kind)
            ));
        } else {
            out.push_str(" No errors.");
        }
        if self.duplicates > 0 {
            out.push_str(&format!(" {} duplicates dropped.", self.duplicates));
        }
        if self.truncated > 0 {
            out.push_str(&format!(" {} truncated.", self.truncated));
        }
        if self.skipped > 0 {
            out.push_str(&format!(
                " Skipped {} records that are not pages ({}).",
                self.skipped,
                join_counts(&self.skipped_by_reason)
            ));
        }
        if !self.encodings.is_empty() {
            out.push_str(&format!(" Encodings: {}.", join_counts(&self.encodings)));
        }
        if !self.repairs.is_empty() {
            out.push_str(&format!(" Repairs: {}.", join_counts(&self.repairs)));
        }
        if self.documents_with_spam > 0 {
            out.push_str(&format!(
                " Spam in {} documents ({}).",
                self.documents_with_spam,
                join_counts(&self.spam_runs)
            ));
        }
        out
    }
}

fn join_counts(counts: &BTreeMap<&'static str, u64>) -> String {
    let mut items: Vec<(&&str, &u64)> = counts.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    items
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
