//! SEO spam: place-name lists, keyword lists, link farms and hidden text appended to copied
//! articles. Runs on the output of a content stage; reports each run and strips it.

use serde::Serialize;

use crate::content::Extracted;

/// One run of SEO spam found in the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpamReport {
    /// `place-list`, `keyword-list`, `link-farm` or `hidden-text`.
    pub kind: &'static str,
    /// `head`, `tail`, `inline` or `hidden`.
    #[serde(rename = "where")]
    pub location: &'static str,
    pub items: u32,
    pub known: u32,
    pub confidence: f32,
    pub text: String,
}

/// Options of the spam stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpamOptions {
    /// Report spam but leave it in the text.
    pub keep: bool,
}

/// Finds spam runs in `doc` and, unless `opts.keep`, strips them from its blocks.
pub fn scrub(_doc: &mut Extracted, _opts: &SpamOptions) -> Vec<SpamReport> {
    Vec::new()
}
