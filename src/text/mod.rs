//! Plain-text documents (WET records, earlier extractions, JSONL `text` fields): each line
//! classified as masthead, navigation, breadcrumb, kicker, headline, byline, article prose,
//! in-article heading, print credit, page chrome or a list the spam stage must judge; the record's
//! metadata read from the headline and byline lines.
//!
//! The pipeline repairs the whole text ([`crate::decode::repair`]) before this stage and strips
//! spam after it: lines that look like lists but cannot be placed are kept for the spam stage.

mod classify;
mod layout;
mod lines;

use crate::content::Extracted;

/// Reads a plain-text page: the article's paragraphs and headings in order, and its metadata.
pub fn extract(text: &str) -> Extracted {
    let lines = lines::split(text);
    layout::Page::read(&lines).into_extracted()
}
