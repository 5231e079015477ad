//! Splits a document's blocks into pieces (the would-be list items) and the gaps between them.
//!
//! A list is pieces joined by list separators (`|`, `｜`, `/`, `_`, dashes, middle dots, bullets,
//! spaces, line breaks) or by the enumeration comma and the semicolon (`、`, `,`, `，`, `；`).
//! Sentence ends (`。！？`) and labels (`：`) end a list. What separates two pieces decides how a
//! list may be read: a comma ties a list to the sentence around it, a bar or a line break does not.

use super::gazetteer::{self, NameStarts};
use super::keywords::{self, FirstPairs, TermStarts};

/// What lies between two pieces, from weakest to strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// Spaces, `|`, `｜`, `丨`, `/`, `_`, a dash between words, `·`, bullets.
    List,
    /// `、`, `,`, `，`, `；`, `;`: an enumeration that may belong to a sentence (a semicolon
    /// joins clauses, which are no items; between items it is an enumeration).
    Comma,
    /// The end of a block (one output line) or of the document.
    Line,
    /// `：` or `:` — what follows is introduced by what precedes.
    Label,
    /// `。`, `！`, `？`, `…` and their ASCII forms: a sentence ends.
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
    /// The separator before it points onwards (`-`, `→`): a route (`成都-雅安-康定`) is written so.
    pub arrow_before: bool,
    /// Whether the piece can be a list item: short, with a letter, no quotes or brackets inside.
    pub item_like: bool,
    /// Whether the piece has two characters a spam term or a carrier starts with (else it holds
    /// neither).
    pub keyword_hint: bool,
    /// Whether the piece has two characters a spam term starts with (else it holds none).
    pub term_hint: bool,
    /// Whether the piece, less a wrapping bracket pair or a trailing address, may be a place
    /// name ([`gazetteer::NameStarts`] of its first two characters; always for a piece that may
    /// be wrapped or end in an address).
    pub place_hint: bool,
    /// Whether the piece is a web address (`www.example.cn`, `bet123.tv`): a link farm written
    /// out as text gives one after each item.
    pub address: bool,
}

/// The longest list item, in characters: place names are under 12, spam search phrases under 24.
pub const MAX_ITEM_CHARS: usize = 24;

pub(super) fn separator(c: char) -> Option<Gap> {
    Some(match c {
        '。' | '！' | '？' | '!' | '?' | '…' => Gap::Hard,
        '：' | ':' => Gap::Label,
        '、' | ',' | '，' | '；' | ';' => Gap::Comma,
        '|' | '｜' | '丨' | '¦' | '/' | '／' | '_' | '＿' => Gap::List,
        // Middle dots and bullets: `北京·上海·广州`, `• 北京 • 上海`. A transliterated name
        // (`马克·吐温`) splits in two pieces, neither of them a place or a spam term.
        '·' | '•' | '・' | '●' | '○' | '◆' | '◇' | '■' | '□' | '▪' | '★' | '☆' | '※' | '►' | '▶' | '→' | '»' => {
            Gap::List
        }
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
            | '@'
            | '#'
            | '%'
            | '％'
    )
}

/// Brackets that may wrap a whole item (`【北京】`), stripped before it is looked up.
const WRAPPERS: &[(char, char)] = &[('【', '】'), ('[', ']'), ('〔', '〕'), ('［', '］')];

/// The item's text without a wrapping bracket pair, nor the address a link farm written out as
/// text gives after it (`一夜情（www.example.net）`).
pub fn unwrap_item(text: &str) -> &str {
    let text = without_address(text);
    if !text.starts_with(['【', '[', '〔', '［']) {
        return text;
    }
    for (open, close) in WRAPPERS {
        if let Some(inner) = text.strip_prefix(*open).and_then(|t| t.strip_suffix(*close)) {
            return inner;
        }
    }
    text
}

/// `text` without a parenthesised web address at its end (`X（www.example.net）`, `X(http://a.cn/)`).
fn without_address(text: &str) -> &str {
    if !text.ends_with([')', '）']) {
        return text;
    }
    let Some(open) = text.rfind(['(', '（']) else {
        return text;
    };
    let inner = text[open..]
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    let host = inner
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let tld = host.rsplit('.').next().unwrap_or("");
    let is_address = host.contains('.')
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if is_address && open > 0 { &text[..open] } else { text }
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
        // Han and ASCII letters first: `is_alphabetic` is a table search.
        if c.is_ascii_alphabetic() || matches!(c, '\u{3400}'..='\u{9fff}') || crate::meta::chars::is_alphabetic(c) {
            letters += 1;
        }
    }
    letters > 0
}

/// Splits `blocks` into pieces, in document order.
pub fn pieces<S: AsRef<str>>(blocks: &[S]) -> Vec<Piece> {
    let mut out = Vec::new();
    let hints = Hints {
        first_pairs: keywords::first_pairs(),
        term_starts: keywords::term_starts(),
        name_starts: gazetteer::name_starts(),
    };
    // The strongest gap met since the last piece; the document starts on a line boundary.
    let mut pending = Gap::Line;
    let mut arrow = false;
    for (block, text) in blocks.iter().enumerate() {
        let text = text.as_ref();
        let mut current: Option<Shape> = None;
        let mut after_hard = false;
        let mut previous = ' ';
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            // Han characters (but `丨`, a stroke used as a bar) and ASCII letters and digits are
            // no separators: the common cases, decided first.
            let gap = if c.is_ascii_alphanumeric() || matches!(c, '\u{4e00}'..='\u{9fff}') && c != '丨' {
                None
            } else {
                match separator(c) {
                    // A closing quote after a sentence end belongs to the end: `…說。”`.
                    None if after_hard && is_closing_quote(c) => Some(Gap::Hard),
                    // A hyphen between letters or digits joins a word (`COVID-19`, `2024-04-02`);
                    // anywhere else it separates (`北京-上海`, `北京 - 上海`).
                    None if matches!(c, '-' | '－') => {
                        let next = chars.peek().map_or(' ', |&(_, n)| n);
                        (!(previous.is_ascii_alphanumeric() && next.is_ascii_alphanumeric())).then_some(Gap::List)
                    }
                    gap => gap,
                }
            };
            previous = c;
            after_hard = gap == Some(Gap::Hard);
            match gap {
                Some(gap) => {
                    if let Some(shape) = current.take() {
                        out.push(shape.finish(block, text, i, pending, arrow, &hints));
                        pending = Gap::List;
                        arrow = false;
                    }
                    pending = pending.max(gap);
                    arrow |= matches!(c, '-' | '－' | '→' | '►' | '▶' | '»');
                }
                None => current.get_or_insert_with(|| Shape::new(i, c)).add(c, &hints),
            }
        }
        if let Some(shape) = current {
            out.push(shape.finish(block, text, text.len(), pending, arrow, &hints));
            arrow = false;
        }
        pending = if out.last().is_some_and(|p| p.block == block && p.end == text.len()) {
            Gap::Line
        } else {
            pending.max(Gap::Line)
        };
    }
    out
}

/// The tables the pieces' hints are read from.
struct Hints {
    first_pairs: FirstPairs,
    term_starts: TermStarts,
    name_starts: NameStarts,
}

/// What [`item_like`] needs of a piece, gathered while it is read.
struct Shape {
    start: usize,
    chars: usize,
    letters: usize,
    broken: bool,
    keyword_hint: bool,
    term_hint: bool,
    /// The first two characters (`\0` until read).
    first: char,
    second: char,
    previous: char,
    /// Starts with a bracket that may wrap the item: judged on its text at the end.
    wrapped: bool,
    /// Every character so far is ASCII.
    ascii: bool,
}

impl Shape {
    fn new(start: usize, first: char) -> Shape {
        Shape {
            start,
            chars: 0,
            letters: 0,
            broken: false,
            keyword_hint: false,
            term_hint: false,
            first: '\0',
            second: '\0',
            previous: '\0',
            wrapped: WRAPPERS.iter().any(|(open, _)| first == *open),
            ascii: true,
        }
    }

    fn add(&mut self, c: char, hints: &Hints) {
        self.chars += 1;
        if self.chars > 1 {
            // Every term's first pair is one of the vocabulary's: the finer table is asked only
            // on a hit of the coarse one.
            if hints.first_pairs.may_start(self.previous, c) {
                self.keyword_hint = true;
                self.term_hint |= hints.term_starts.may_start(self.previous, c);
            }
            if self.chars == 2 {
                self.second = c;
            }
        } else {
            self.first = c;
        }
        self.previous = c;
        self.ascii &= c.is_ascii();
        if matches!(c, '\u{3400}'..='\u{9fff}') || c.is_ascii_alphabetic() {
            self.letters += 1;
        } else {
            self.broken |= breaks_item(c) || WRAPPERS.iter().any(|(o, e)| c == *o || c == *e);
            // ASCII letters were counted above; other scripts' letters count too.
            if crate::meta::chars::is_alphabetic(c) {
                self.letters += 1;
            }
        }
    }

    fn finish(self, block: usize, text: &str, end: usize, gap_before: Gap, arrow_before: bool, hints: &Hints) -> Piece {
        // `unwrap_item` changes only a piece that starts with a bracket or ends with one.
        let unwrapped_may_differ = self.wrapped || matches!(self.previous, ')' | '）');
        let place_hint = unwrapped_may_differ || hints.name_starts.may_start(self.first, self.second);
        let address = self.broken && self.ascii && self.chars <= MAX_ITEM_CHARS && is_host(&text[self.start..end]);
        let item_like = if address {
            true
        } else if self.wrapped || (self.broken && matches!(self.previous, ')' | '）')) {
            item_like(&text[self.start..end])
        } else {
            !self.broken
                && self.chars <= MAX_ITEM_CHARS
                && (self.letters > 0 || self.keyword_hint && keywords::is_numeric_term(&text[self.start..end]))
        };
        Piece {
            block,
            start: self.start,
            end,
            // An address after a label (`私家侦探：www.example.cn`) is the item's, not a list's.
            gap_before: if address && gap_before == Gap::Label {
                Gap::List
            } else {
                gap_before
            },
            arrow_before,
            item_like,
            keyword_hint: self.keyword_hint,
            term_hint: self.term_hint,
            place_hint,
            address,
        }
    }
}

/// Whether `text` is a host name: two or more dot-separated labels of ASCII letters, digits and
/// hyphens, the last one (the top-level domain) of two to six letters.
pub(super) fn is_host(text: &str) -> bool {
    let mut labels = 0;
    let mut last = "";
    for label in text.split('.') {
        if label.is_empty() || !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && (2..=6).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '"' | '\'' | '）' | ')')
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
        let blocks = [
            "玛多县| 新郑市|",
            "环境。东安县、永安市：阿拉善左旗",
            "(深度关注丨精河县",
        ];
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
                ("精河县", Gap::List, true),
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
    fn dashes_separate_except_inside_words() {
        let blocks = [
            "北京-上海 - 广州→深圳",
            "COVID-19 2024-04-02 e-mail",
            "北京；上海;广州·深圳",
        ];
        let got = texts(&blocks, &pieces(&blocks));
        let words: Vec<&str> = got.iter().map(|(t, _, _)| *t).collect();
        assert_eq!(
            words,
            vec![
                "北京",
                "上海",
                "广州",
                "深圳",
                "COVID-19",
                "2024-04-02",
                "e-mail",
                "北京",
                "上海",
                "广州",
                "深圳"
            ]
        );
        assert_eq!(got[8].1, Gap::Comma, "a semicolon enumerates");
        let arrows: Vec<bool> = pieces(&blocks).iter().map(|p| p.arrow_before).collect();
        assert_eq!(&arrows[..4], &[false, true, true, true]);
    }

    #[test]
    fn wrapped_items_and_long_pieces() {
        assert!(item_like("【北京】"));
        assert_eq!(unwrap_item("【北京】"), "北京");
        assert!(item_like("一夜情（www.example.net）"));
        assert_eq!(unwrap_item("私家侦探(http://a-b.example.cn/)"), "私家侦探");
        assert!(!item_like("北京（上海）"));
        assert!(!item_like("（www.example.net）"));
        assert!(!item_like("2024"));
        assert!(!item_like(&"长".repeat(MAX_ITEM_CHARS + 1)));
    }

    #[test]
    fn hints_never_miss_a_name_or_a_term() {
        let blocks = ["【北京】| 玛多县 | 首页 | 澳门银河 | 一夜情（www.example.net） | 新闻中心"];
        let got: Vec<(bool, bool)> = pieces(&blocks).iter().map(|p| (p.place_hint, p.term_hint)).collect();
        // (place, term): a wrapped piece and one with an address are always place candidates.
        assert!(got[0].0 && got[1].0);
        assert_eq!(got[2], (false, false));
        assert!(got[3].1);
        assert_eq!(got[4], (true, true));
        assert!(!got[5].1);
    }

    #[test]
    fn addresses() {
        for host in ["www.example.cn", "bet123.tv", "a-b.example.com.cn"] {
            assert!(is_host(host), "{host}");
        }
        for text in ["3.14", "e.g.", "example", "a..cn", "www.example.c0m", ".cn"] {
            assert!(!is_host(text), "{text}");
        }
        let blocks = ["私家侦探：www.example.cn，调查取证 dz123.tv，3.14"];
        let got = pieces(&blocks);
        let flags: Vec<(Gap, bool, bool)> = got.iter().map(|p| (p.gap_before, p.item_like, p.address)).collect();
        assert_eq!(
            flags,
            vec![
                (Gap::Line, true, false),
                (Gap::List, true, true),
                (Gap::Comma, true, false),
                (Gap::List, true, true),
                (Gap::Comma, false, false),
            ]
        );
    }
}
