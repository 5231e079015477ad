//! Splits a document's blocks into pieces (the would-be list items) and the gaps between them.
//!
//! A list is pieces joined by list separators (`|`, `｜`, `/`, spaces, line breaks) or by the
//! enumeration comma (`、`, `,`, `，`). Sentence ends (`。！？；`) and labels (`：`) end a list. What
//! separates two pieces decides how a list may be read: a comma ties a list to the sentence around
//! it, a bar or a line break does not.

/// What lies between two pieces, from weakest to strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// Spaces, `|`, `｜`, `丨`, `/`.
    List,
    /// `、`, `,`, `，`: an enumeration that may belong to a sentence.
    Comma,
    /// The end of a block (one output line) or of the document.
    Line,
    /// `：` or `:` — what follows is introduced by what precedes.
    Label,
    /// `。`, `！`, `？`, `；`, `…` and their ASCII forms: a sentence ends.
    Hard,
}

/// A maximal run of non-separator characters in one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub block: usize,
    /// Byte range in the block's text.
    pub start: usize,
    pub end: usize,
    /// What separates this piece from the previous one (`Line` for the first of the document).
    pub gap_before: Gap,
    /// Whether the piece can be a list item: short, with a letter, no quotes or brackets inside.
    pub item_like: bool,
}

/// The longest list item, in characters: place names are under 12, spam search phrases under 24.
pub const MAX_ITEM_CHARS: usize = 24;

fn separator(c: char) -> Option<Gap> {
    Some(match c {
        '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…' => Gap::Hard,
        '：' | ':' => Gap::Label,
        '、' | ',' | '，' => Gap::Comma,
        '|' | '｜' | '丨' | '¦' | '/' | '／' => Gap::List,
        c if c.is_whitespace() => Gap::List,
        _ => return None,
    })
}

/// Characters that mark a piece as prose rather than an item: quotes and brackets open or close
/// something that spans separators; a full stop inside a piece is an abbreviation or a decimal.
fn breaks_item(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '"'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '『'
            | '』'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '('
            | ')'
            | '（'
            | '）'
            | '<'
            | '>'
            | '='
            | '.'
            | '—'
            | '·'
            | '@'
            | '#'
            | '%'
            | '％'
    )
}

/// Brackets that may wrap a whole item (`【北京】`), stripped before it is looked up.
const WRAPPERS: &[(char, char)] = &[('【', '】'), ('[', ']'), ('〔', '〕'), ('［', '］')];

/// The item's text without a wrapping bracket pair.
pub fn unwrap_item(text: &str) -> &str {
    for (open, close) in WRAPPERS {
        if let Some(inner) = text.strip_prefix(*open).and_then(|t| t.strip_suffix(*close)) {
            return inner;
        }
    }
    text
}

fn item_like(text: &str) -> bool {
    let text = unwrap_item(text);
    let mut chars = 0usize;
    let mut letters = 0usize;
    for c in text.chars() {
        chars += 1;
        if chars > MAX_ITEM_CHARS || breaks_item(c) || WRAPPERS.iter().any(|(o, e)| c == *o || c == *e) {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 0
}

/// Splits `blocks` into pieces, in document order.
pub fn pieces<S: AsRef<str>>(blocks: &[S]) -> Vec<Piece> {
    let mut out = Vec::new();
    // The strongest gap met since the last piece; the document starts on a line boundary.
    let mut pending = Gap::Line;
    for (block, text) in blocks.iter().enumerate() {
        let text = text.as_ref();
        let mut start: Option<usize> = None;
        let mut after_hard = false;
        for (i, c) in text.char_indices() {
            // A closing quote after a sentence end belongs to the end: `…說。”`.
            let gap = match separator(c) {
                None if after_hard && is_closing_quote(c) => Some(Gap::Hard),
                gap => gap,
            };
            after_hard = gap == Some(Gap::Hard);
            match gap {
                Some(gap) => {
                    if let Some(s) = start.take() {
                        push(&mut out, block, text, s, i, pending);
                        pending = Gap::List;
                    }
                    pending = pending.max(gap);
                }
                None => {
                    if start.is_none() {
                        start = Some(i);
                    }
                }
            }
        }
        if let Some(s) = start {
            push(&mut out, block, text, s, text.len(), pending);
        }
        pending = if out.last().is_some_and(|p| p.block == block && p.end == text.len()) {
            Gap::Line
        } else {
            pending.max(Gap::Line)
        };
    }
    out
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '"' | '\'' | '）' | ')')
}

fn push(out: &mut Vec<Piece>, block: usize, text: &str, start: usize, end: usize, gap_before: Gap) {
    out.push(Piece {
        block,
        start,
        end,
        gap_before,
        item_like: item_like(&text[start..end]),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(blocks: &'a [&'a str], pieces: &[Piece]) -> Vec<(&'a str, Gap, bool)> {
        pieces
            .iter()
            .map(|p| (&blocks[p.block][p.start..p.end], p.gap_before, p.item_like))
            .collect()
    }

    #[test]
    fn gaps_between_pieces() {
        let blocks = ["玛多县| 新郑市|", "环境。东安县、永安市：阿拉善左旗", "(深度关注"];
        let got = texts(&blocks, &pieces(&blocks));
        assert_eq!(
            got,
            vec![
                ("玛多县", Gap::Line, true),
                ("新郑市", Gap::List, true),
                ("环境", Gap::Line, true),
                ("东安县", Gap::Hard, true),
                ("永安市", Gap::Comma, true),
                ("阿拉善左旗", Gap::Label, true),
                ("(深度关注", Gap::Line, false),
            ]
        );
    }

    #[test]
    fn sentence_end_carries_over_a_block_boundary() {
        let blocks = ["第一段。", "北京", "他說：“好。”北京"];
        let got = texts(&blocks, &pieces(&blocks));
        assert_eq!(got[1], ("北京", Gap::Hard, true));
        assert_eq!(got[3], ("“好", Gap::Label, false));
        assert_eq!(got[4], ("北京", Gap::Hard, true));
    }

    #[test]
    fn wrapped_items_and_long_pieces() {
        assert!(item_like("【北京】"));
        assert_eq!(unwrap_item("【北京】"), "北京");
        assert!(!item_like("2024"));
        assert!(!item_like(&"长".repeat(MAX_ITEM_CHARS + 1)));
    }
}
