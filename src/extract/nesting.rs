//! A linear pre-pass that bounds the nesting depth html5ever will see.
//!
//! html5ever's tree builder scans the stack of open elements on most start tags ("is there a
//! `p` in button scope?"), so a page of 100 000 nested `<div>`s costs time quadratic in the
//! depth (14 s in a release build). Real pages stay far below [`MAX_DEPTH`]; beyond it, this
//! pass drops start tags (and their end tags) while keeping every character of text, so such a
//! page parses in linear time and still yields its words.
//!
//! The scan is a light tokenizer: comments, doctypes and the raw-text elements (`script`,
//! `style`, `textarea`, `title`…) are skipped whole; quoted attribute values may hold `>`.
//! Its stack is an estimate of the tree builder's (implied end tags of `p`, `li`, table cells
//! are modelled; the adoption agency is not), which is all a depth cap needs.

use std::borrow::Cow;

use memchr::{memchr, memmem};

/// Deepest nesting passed on to the parser.
pub const MAX_DEPTH: usize = 512;

/// How far down the stack an end tag looks for its start tag; a stray end tag is ignored. Deep
/// enough to step over many unclosed inline elements, bounded so stray end tags stay linear.
const END_TAG_SEARCH: usize = MAX_DEPTH;

/// `html` with start and end tags beyond [`MAX_DEPTH`] removed; borrowed when nothing was.
pub fn cap_depth(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // (name, dropped): the open elements as the scan sees them.
    let mut stack: Vec<(Name, bool)> = Vec::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let rest = &bytes[lt + 1..];
        match rest.first() {
            Some(b'!') => {
                at = if rest.starts_with(b"!--") {
                    memmem::find(&rest[3..], b"-->").map_or(bytes.len(), |i| lt + 1 + 3 + i + 3)
                } else {
                    memchr(b'>', rest).map_or(bytes.len(), |i| lt + 1 + i + 1)
                };
            }
            Some(b'?') => at = memchr(b'>', rest).map_or(bytes.len(), |i| lt + 1 + i + 1),
            Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let (name, _) = tag_name(&rest[1..]);
                let Some(gt) = tag_end(bytes, lt + 2 + name.len) else {
                    break;
                };
                let search_from = stack.len().saturating_sub(END_TAG_SEARCH);
                if let Some(pos) = stack[search_from..].iter().rposition(|(n, _)| *n == name) {
                    let pos = search_from + pos;
                    if stack[pos].1 {
                        cuts.push((lt, gt + 1));
                    }
                    stack.truncate(pos);
                }
                at = gt + 1;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, raw_text) = tag_name(rest);
                let Some(gt) = tag_end(bytes, lt + 1 + name.len) else {
                    break;
                };
                let self_closing = gt > 0 && bytes[gt - 1] == b'/';
                at = gt + 1;
                if raw_text {
                    // Skip to the matching end tag, case-insensitively.
                    at = find_end_tag(bytes, at, &bytes[lt + 1..lt + 1 + name.len]).unwrap_or(bytes.len());
                    continue;
                }
                if name.void || self_closing {
                    continue;
                }
                if let Some(closes) = name.implied_close {
                    let search_from = stack.len().saturating_sub(8);
                    if let Some(pos) = stack[search_from..].iter().rposition(|(n, _)| closes(n)) {
                        stack.truncate(search_from + pos);
                    }
                }
                let dropped = stack.len() >= MAX_DEPTH;
                if dropped {
                    cuts.push((lt, gt + 1));
                }
                stack.push((name, dropped));
            }
            _ => at = lt + 1,
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// A tag name as the scan compares it: its first bytes, lower-cased, and its length.
#[derive(Clone, Copy)]
struct Name {
    key: [u8; 12],
    len: usize,
    void: bool,
    implied_close: Option<fn(&Name) -> bool>,
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.len == other.len && self.key == other.key
    }
}

impl Name {
    fn is(&self, name: &[u8]) -> bool {
        self.len == name.len() && &self.key[..name.len().min(12)] == name
    }
}

fn closes_p(n: &Name) -> bool {
    n.is(b"p")
}
fn closes_li(n: &Name) -> bool {
    n.is(b"li")
}
fn closes_dt_dd(n: &Name) -> bool {
    n.is(b"dt") || n.is(b"dd")
}
fn closes_cell(n: &Name) -> bool {
    n.is(b"td") || n.is(b"th")
}
fn closes_row(n: &Name) -> bool {
    n.is(b"tr")
}
fn closes_option(n: &Name) -> bool {
    n.is(b"option")
}

const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"source",
    b"track",
    b"wbr",
    b"param",
    b"keygen",
    b"basefont",
    b"bgsound",
    b"frame",
    b"image",
];

const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
];

/// Reads the tag name at the start of `bytes`; returns it and whether it opens raw text.
fn tag_name(bytes: &[u8]) -> (Name, bool) {
    let len = bytes
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        .unwrap_or(bytes.len());
    let mut key = [0u8; 12];
    for (k, b) in key.iter_mut().zip(&bytes[..len]) {
        *k = b.to_ascii_lowercase();
    }
    let mut name = Name {
        key,
        len,
        void: false,
        implied_close: None,
    };
    name.void = VOID.iter().any(|v| name.is(v));
    name.implied_close = match &key[..len.min(12)] {
        b"p" | b"div" | b"ul" | b"ol" | b"table" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"blockquote"
        | b"pre" | b"section" | b"article" | b"header" | b"footer" | b"dl" => Some(closes_p as fn(&Name) -> bool),
        b"li" => Some(closes_li),
        b"dt" | b"dd" => Some(closes_dt_dd),
        b"td" | b"th" => Some(closes_cell),
        b"tr" => Some(closes_row),
        b"option" => Some(closes_option),
        _ => None,
    };
    let raw = RAW_TEXT.iter().any(|r| name.is(r));
    (name, raw)
}

/// The index of the `>` closing the tag whose attributes start at `from`, honouring quotes.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i),
            q @ (b'"' | b'\'') if i > 0 && matches!(bytes[i - 1], b'=' | b' ' | b'\t' | b'\n') => {
                i += 1 + memchr(q, &bytes[i + 1..])?;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index just past `</name…>` at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memmem::find(&bytes[at..], b"</") {
        let start = at + offset + 2;
        let candidate = bytes.get(start..start + name.len())?;
        if candidate.eq_ignore_ascii_case(name)
            && bytes
                .get(start + name.len())
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        {
            return Some(memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1));
        }
        at = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let html = "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><table><tr><td>1<td>2<tr><td>3</table>\
                    <script>if (a<b) {'<div>'}</script><!-- <div> --></div></body></html>";
        assert!(matches!(cap_depth(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_capped_and_keeps_text() {
        let n = 3 * MAX_DEPTH;
        let html = "<div class=\"a>b\">".repeat(n) + "deep" + &"</div>".repeat(n);
        let capped = cap_depth(&html);
        assert_eq!(capped.matches("<div").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        assert!(capped.contains("deep"));
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_as_nesting() {
        let html = "<div>".to_string() + &"<p>para".repeat(5 * MAX_DEPTH) + "</div>";
        assert!(matches!(cap_depth(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn truncated_tags_do_not_panic() {
        for html in [
            "<div",
            "<div class=\"",
            "</",
            "</div",
            "<!--",
            "<script>",
            "<a href='x>",
            "<\u{00e9}>",
        ] {
            let _ = cap_depth(html);
        }
    }
}
