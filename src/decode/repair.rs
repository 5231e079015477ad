//! Repairs of text damaged before it reached us. Each repair family can be turned off and
//! reports how often it fired.

use std::borrow::Cow;

use serde::Serialize;

/// One repair family applied to the decoded text, with how often it fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepairCount {
    pub kind: &'static str,
    pub count: u64,
}

/// Which repair families run (`--no-repair KIND`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairOptions {
    pub disabled: Vec<String>,
}

/// The repair families, by the `kind` they report.
pub const KINDS: &[&str] = &[
    "misaligned-gbk",
    "pinyin-annotation",
    "utf8-as-gbk",
    "utf8-as-latin1",
    "gbk-as-latin1",
    "replacement-run",
    "leaked-markup",
];

/// Counts of repairs applied to one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairLog {
    counts: Vec<(&'static str, u64)>,
}

impl RepairLog {
    pub fn add(&mut self, kind: &'static str, count: u64) {
        if count == 0 {
            return;
        }
        match self.counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, total)) => *total += count,
            None => self.counts.push((kind, count)),
        }
    }

    pub fn into_counts(self) -> Vec<RepairCount> {
        self.counts
            .into_iter()
            .map(|(kind, count)| RepairCount { kind, count })
            .collect()
    }
}

/// Where a piece of text comes from: whole plain-text documents may carry leaked markup, text
/// taken from an HTML tree cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    PlainText,
    HtmlText,
}

/// Applies the enabled repairs to `text`.
pub fn repair<'a>(text: &'a str, _origin: Origin, _opts: &RepairOptions, _log: &mut RepairLog) -> Cow<'a, str> {
    Cow::Borrowed(text)
}
