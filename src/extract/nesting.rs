//! A linear pre-pass over what html5ever will see: it bounds the nesting depth, empties
//! `script` and `style` bodies and comments, and cuts the attributes nobody reads
//! ([`prepare`]).
//!
//! html5ever's tree builder scans the stack of open elements on most start tags ("is there a
//! `p` in button scope?"), so a page of 100 000 nested `<div>`s costs time quadratic in the
//! depth (14 s in a release build). Real pages stay far below [`MAX_DEPTH`]; beyond it, this
//! pass drops start tags (and their end tags) while keeping every character of text, so such a
//! page parses in linear time and still yields its words.
//!
//! The scan is a light tokenizer: comments, doctypes and the raw-text elements (`script`,
//! `style`, `textarea`, `title`…) are skipped whole, ending where html5ever's tokenizer ends
//! them; tags end where its attribute states end them (a quoted value may hold `>`).
//! Its stack is an estimate of the tree builder's (implied end tags of `p`, `li`, table cells
//! are modelled; the adoption agency is not), which is all a depth cap needs.

use std::borrow::Cow;

use memchr::{memchr, memmem};

use super::dom::is_read_attribute;

/// Deepest nesting passed on to the parser.
pub const MAX_DEPTH: usize = 512;

/// How far down the stack an end tag looks for its start tag; a stray end tag is ignored. Deep
/// enough to step over many unclosed inline elements, bounded so stray end tags stay linear.
const END_TAG_SEARCH: usize = MAX_DEPTH;

/// What the parser is given: `html` with start and end tags beyond [`MAX_DEPTH`] removed, the
/// bodies of `script` and `style` elements and the text of comments emptied, and the attributes
/// of start tags that neither the extractor nor the tree builder reads removed (see
/// [`is_read_attribute`]); borrowed when nothing was cut.
///
/// After scripts, attributes are most of a modern page's bytes (inline SVG paths, `srcset`,
/// `data-*`): cutting them halves what the parser reads on an English news page, and spares
/// an atom and a value per attribute. An attribute is cut from
/// the first byte of its name to the end of its value, so the tag keeps its other attributes
/// as they were, and never right after a `/` (`<path/d="…">` would become self-closing).
/// A comment keeps its node: `<!-- … -->` becomes `<!---->`. Text, whitespace included, is
/// left as it is.
///
/// Scripts and style sheets are half the bytes of a modern page and the extractor never reads
/// them, but the tree builder would append them to text nodes. A body is cut only where this scan follows the
/// tokenizer exactly: outside `svg`/`math` (where `script` is not raw text), never after a
/// `plaintext` or `frameset`, never a script holding `<!--` (the escaped states let a
/// `</script>` inside it not end it), and never a script whose start tag mentions JSON (JSON-LD
/// is metadata). The start and end tags stay, so the tree keeps its empty element.
pub fn prepare(html: &str) -> Cow<'_, str> {
    prepare_keeping_style_sheets(html, &mut Vec::new())
}

/// [`prepare`], and the byte ranges of `html` that the bodies of its `style` elements held
/// (outside `svg`/`math`) pushed to `sheets`: the hiding rules of a page's own style sheets.
pub fn prepare_keeping_style_sheets<'h>(html: &'h str, sheets: &mut Vec<std::ops::Range<usize>>) -> Cow<'h, str> {
    let bytes = html.as_bytes();
    // (name, dropped): the open elements as the scan sees them.
    let mut stack: Vec<(Name, bool)> = Vec::new();
    // Byte ranges to drop, each with what to put in its place, in order.
    // Room for the usual density of cuts (attributes, comments): rarely grown.
    let mut cuts: Vec<(usize, usize, &'static str)> = Vec::with_capacity(html.len() / 64);
    // Open `svg`/`math` start tags not yet closed: inside foreign content `script` and `style`
    // hold markup, so nothing is cut there (an estimate erring towards not cutting).
    let mut foreign = 0usize;
    let mut cut_bodies = true;
    // Formatting elements closed by an ancestor rather than their own end tag, which stay on
    // the tree builder's list of active formatting elements and are recreated in every later
    // block (the Noah's-ark clause folds only identical ones): `<p><b class=N>x</p>` repeated
    // makes the parse quadratic in time and memory (200 KB: 18 s, 6 GB). Counted since the last
    // open cell (a marker on that list), saved and restored around it.
    let mut lingering = 0usize;
    let mut lingering_outside_cells: Vec<usize> = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let rest = &bytes[lt + 1..];
        match rest.first() {
            Some(b'!') => {
                at = if rest.starts_with(b"!--") {
                    let end = comment_end(bytes, lt + 4);
                    // The tree keeps the comment, never its text: `<!---->` (or `<!----!>`).
                    let closing = if bytes[..end].ends_with(b"--!>") { 4 } else { 3 };
                    if end >= lt + 4 + closing && bytes[end - closing..end].starts_with(b"--") {
                        let body_end = end - closing;
                        if body_end > lt + 4 {
                            cuts.push((lt + 4, body_end, ""));
                        }
                    }
                    end
                } else if foreign > 0 && rest.starts_with(b"![CDATA[") {
                    memmem::find(&rest[8..], b"]]>").map_or(bytes.len(), |i| lt + 1 + 8 + i + 3)
                } else {
                    // Doctype or bogus comment: up to the first `>`.
                    memchr(b'>', rest).map_or(bytes.len(), |i| lt + 1 + i + 1)
                };
            }
            Some(b'?') => at = memchr(b'>', rest).map_or(bytes.len(), |i| lt + 1 + i + 1),
            Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let (name, _) = tag_name(&rest[1..]);
                let Some((gt, _)) = tag_end(bytes, lt + 2 + name.len) else {
                    break;
                };
                if name.is(b"svg") || name.is(b"math") {
                    foreign = foreign.saturating_sub(1);
                }
                let search_from = stack.len().saturating_sub(END_TAG_SEARCH);
                if let Some(pos) = stack[search_from..].iter().rposition(|(n, _)| *n == name) {
                    let pos = search_from + pos;
                    if stack[pos].1 {
                        cuts.push((lt, gt + 1, ""));
                    }
                    pop_to(&mut stack, pos + 1, &mut lingering, &mut lingering_outside_cells);
                    if is_cell(&name) && !stack[pos].1 {
                        lingering = lingering_outside_cells.pop().unwrap_or(0);
                    }
                    stack.truncate(pos);
                } else if is_formatting(&name) {
                    // Its own end tag takes a lingering one off the list (the adoption agency).
                    lingering = lingering.saturating_sub(1);
                }
                at = gt + 1;
            }
            // `</` not followed by a letter: `</>` is dropped, anything else is a bogus comment.
            Some(b'/') => match rest.get(1) {
                Some(b'>') => at = lt + 3,
                Some(_) => at = memchr(b'>', rest).map_or(bytes.len(), |i| lt + 1 + i + 1),
                None => break,
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, raw_text) = tag_name(rest);
                let tag_cuts = cuts.len();
                let Some((gt, self_closing)) = scan_tag(bytes, lt + 1 + name.len, |attribute, start, end, _| {
                    // Not after a `/`: `<path/d="…">` without its attribute would close itself.
                    if !is_read_attribute_raw(attribute) && bytes[start - 1] != b'/' {
                        cuts.push((start, end, ""));
                    }
                }) else {
                    cuts.truncate(tag_cuts);
                    break;
                };
                at = gt + 1;
                if name.is(b"plaintext") {
                    // Everything after is text.
                    break;
                }
                if name.is(b"frameset") {
                    cut_bodies = false;
                }
                if raw_text {
                    // Skip to the matching end tag, case-insensitively.
                    let tag = &bytes[lt + 1..lt + 1 + name.len];
                    let Some((end_lt, end)) = find_end_tag(bytes, at, tag) else {
                        break;
                    };
                    let body = &bytes[at..end_lt];
                    if name.is(b"style") && foreign == 0 && !body.is_empty() {
                        sheets.push(at..end_lt);
                    }
                    let cut = cut_bodies
                        && foreign == 0
                        && !body.is_empty()
                        && (name.is(b"style")
                            || (name.is(b"script")
                                && memmem::find(body, b"<!--").is_none()
                                && !mentions_json(&bytes[lt..gt])));
                    if cut {
                        cuts.push((at, end_lt, ""));
                    }
                    at = end;
                    continue;
                }
                if (name.is(b"svg") || name.is(b"math")) && !self_closing {
                    foreign += 1;
                }
                if name.void || self_closing {
                    continue;
                }
                if let Some(closes) = name.implied_close {
                    let search_from = stack.len().saturating_sub(8);
                    for pos in (search_from..stack.len()).rev() {
                        match closes(&stack[pos].0) {
                            Close::Here => {
                                pop_to(&mut stack, pos, &mut lingering, &mut lingering_outside_cells);
                                break;
                            }
                            Close::Stop => break,
                            Close::Past => {}
                        }
                    }
                }
                let dropped = stack.len() >= MAX_DEPTH || (lingering >= MAX_LINGERING && is_formatting(&name));
                if is_cell(&name) && !dropped {
                    lingering_outside_cells.push(lingering);
                    lingering = 0;
                }
                if dropped {
                    cuts.truncate(tag_cuts);
                    cuts.push((lt, gt + 1, ""));
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
    for (start, end, insert) in cuts {
        out.push_str(&html[from..start]);
        out.push_str(insert);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Whether the tokenizer reads `<` followed by `rest` as markup (a tag, an end tag, a comment,
/// a doctype or a bogus comment), not as the text `<`.
pub(super) fn opens_markup(rest: &[u8]) -> bool {
    match rest {
        [b'!' | b'?', ..] | [b'/', _, ..] => true,
        [c, ..] => c.is_ascii_alphabetic(),
        [] => false,
    }
}

/// [`is_read_attribute`] of a raw attribute name, which the tokenizer lower-cases.
fn is_read_attribute_raw(name: &[u8]) -> bool {
    if !name.iter().any(u8::is_ascii_uppercase) {
        return is_read_attribute(name);
    }
    let mut lower = [0u8; 16];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return false;
    };
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    is_read_attribute(lower)
}

/// Whether a start tag names JSON (`type="application/ld+json"`, `application/json`).
fn mentions_json(tag: &[u8]) -> bool {
    tag.windows(4).any(|w| w.eq_ignore_ascii_case(b"json"))
}

/// The index just past the comment whose text starts at `from` (after `<!--`), as the
/// tokenizer ends it: `<!-->` and `<!--->` are empty comments, otherwise the first `-->` or
/// `--!>`; the end of input when there is none.
pub(super) fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from.min(bytes.len())..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut at = 0;
    while let Some(i) = memmem::find(&rest[at..], b"--") {
        let dash = at + i;
        match rest.get(dash + 2) {
            Some(b'>') => return from + dash + 3,
            Some(b'!') if rest.get(dash + 3) == Some(&b'>') => return from + dash + 4,
            _ => at = dash + 1,
        }
    }
    bytes.len()
}

/// A tag name as the scan compares it: its first bytes, lower-cased, and its length.
#[derive(Clone, Copy)]
struct Name {
    key: [u8; 12],
    len: usize,
    void: bool,
    implied_close: Option<fn(&Name) -> Close>,
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

    /// The whole name when it fits the key (every name the scan looks for does): matched
    /// against a set of names by length, then bytes, rather than one name after another.
    fn bytes(&self) -> Option<&[u8]> {
        self.key.get(..self.len)
    }
}

/// Lingering formatting elements (see `prepare`) beyond which further formatting start tags
/// are dropped with their end tags (their text kept): far more than a page leaves unclosed.
const MAX_LINGERING: usize = 64;

/// Formatting elements other than `a` and `nobr` (a new one of those closes the old one).
fn is_formatting(n: &Name) -> bool {
    matches!(
        n.bytes(),
        Some(b"b" | b"big" | b"code" | b"em" | b"font" | b"i" | b"s" | b"small" | b"strike" | b"strong" | b"tt" | b"u")
    )
}

/// Elements that put a marker on the list of active formatting elements.
fn is_cell(n: &Name) -> bool {
    n.is(b"td") || n.is(b"th") || n.is(b"caption")
}

/// Pops the scan's stack down to `len` entries, counting the formatting elements popped as
/// lingering and restoring the count saved at each cell popped.
fn pop_to(stack: &mut Vec<(Name, bool)>, len: usize, lingering: &mut usize, outside_cells: &mut Vec<usize>) {
    while stack.len() > len {
        let Some((name, dropped)) = stack.pop() else { break };
        if dropped {
            continue;
        }
        if is_cell(&name) {
            *lingering = outside_cells.pop().unwrap_or(0);
        } else if is_formatting(&name) {
            *lingering += 1;
        }
    }
}

/// What an implied end tag's search down the stack makes of an open element: the element it
/// closes, a boundary it does not search past, or neither.
///
/// The boundaries are the tree builder's: a nested list (`<ul><li><ul><li>`) or table keeps its
/// outer `li` or cell open, so the stack grows with each level. Without them the scan would
/// close the outer element, estimate the depth at two and let 100 000 nested lists through to
/// the tree builder, which is quadratic in their depth.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Close {
    Here,
    Stop,
    Past,
}

fn close_if(found: bool, stop: bool) -> Close {
    if found {
        Close::Here
    } else if stop {
        Close::Stop
    } else {
        Close::Past
    }
}

/// "Close a `p` element in button scope": the scope ends at these elements.
fn closes_p(n: &Name) -> Close {
    let boundary = matches!(
        n.bytes(),
        Some(
            b"button"
                | b"table"
                | b"td"
                | b"th"
                | b"caption"
                | b"html"
                | b"template"
                | b"object"
                | b"applet"
                | b"marquee"
        )
    );
    close_if(n.is(b"p"), boundary)
}

/// A `li`, `dt` or `dd` start tag searches down to the first special element other than
/// `address`, `div` and `p` (the special elements that can be open on the stack).
fn is_special_boundary(n: &Name) -> bool {
    matches!(
        n.bytes(),
        Some(
            b"applet"
                | b"article"
                | b"aside"
                | b"blockquote"
                | b"body"
                | b"button"
                | b"caption"
                | b"center"
                | b"colgroup"
                | b"dd"
                | b"details"
                | b"dir"
                | b"dl"
                | b"dt"
                | b"fieldset"
                | b"figcaption"
                | b"figure"
                | b"footer"
                | b"form"
                | b"frameset"
                | b"h1"
                | b"h2"
                | b"h3"
                | b"h4"
                | b"h5"
                | b"h6"
                | b"head"
                | b"header"
                | b"hgroup"
                | b"html"
                | b"li"
                | b"listing"
                | b"main"
                | b"marquee"
                | b"menu"
                | b"nav"
                | b"object"
                | b"ol"
                | b"pre"
                | b"search"
                | b"section"
                | b"select"
                | b"summary"
                | b"table"
                | b"tbody"
                | b"td"
                | b"template"
                | b"tfoot"
                | b"th"
                | b"thead"
                | b"tr"
                | b"ul"
        )
    )
}
fn closes_li(n: &Name) -> Close {
    close_if(n.is(b"li"), is_special_boundary(n))
}
fn closes_dt_dd(n: &Name) -> Close {
    close_if(n.is(b"dt") || n.is(b"dd"), is_special_boundary(n))
}
/// A cell or row start tag closes the open cell or row of its own table only.
fn closes_cell(n: &Name) -> Close {
    close_if(n.is(b"td") || n.is(b"th"), n.is(b"table") || n.is(b"template"))
}
fn closes_row(n: &Name) -> Close {
    close_if(n.is(b"tr"), n.is(b"table") || n.is(b"template"))
}
fn closes_option(n: &Name) -> Close {
    close_if(n.is(b"option"), false)
}

/// Reads the tag name at the start of `bytes`; returns it and whether it opens raw text.
fn tag_name(bytes: &[u8]) -> (Name, bool) {
    let mut key = [0u8; 12];
    let mut len = 0;
    for &b in bytes {
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C | b'/' | b'>') {
            break;
        }
        if let Some(k) = key.get_mut(len) {
            *k = b.to_ascii_lowercase();
        }
        len += 1;
    }
    let mut name = Name {
        key,
        len,
        void: false,
        implied_close: None,
    };
    if len > key.len() {
        return (name, false);
    }
    let mut raw = false;
    match &key[..len] {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link" | b"meta" | b"source"
        | b"track" | b"wbr" | b"param" | b"keygen" | b"basefont" | b"bgsound" | b"frame" | b"image" => name.void = true,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes" | b"noscript" => {
            raw = true
        }
        b"p" | b"div" | b"ul" | b"ol" | b"table" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"blockquote"
        | b"pre" | b"section" | b"article" | b"header" | b"footer" | b"dl" => {
            name.implied_close = Some(closes_p as fn(&Name) -> Close)
        }
        b"li" => name.implied_close = Some(closes_li),
        b"dt" | b"dd" => name.implied_close = Some(closes_dt_dd),
        b"td" | b"th" => name.implied_close = Some(closes_cell),
        b"tr" => name.implied_close = Some(closes_row),
        b"option" => name.implied_close = Some(closes_option),
        _ => {}
    }
    (name, raw)
}

/// The index of the `>` closing the tag whose attributes start at `from` (just past its name),
/// and whether the tag is self-closing; `None` when the input ends first. Follows the
/// tokenizer's attribute states, so a quote opens a value only right after `=`.
pub(super) fn tag_end(bytes: &[u8], from: usize) -> Option<(usize, bool)> {
    scan_tag(bytes, from, |_, _, _, _| {})
}

/// [`tag_end`], calling `attribute(name, start, end, value)` for every attribute of the tag: its
/// raw name, the byte range from the name's first byte to the end of its value (the closing
/// quote included), so that cutting the range leaves the tag's other attributes as they were,
/// and the range of the value itself (inside the quotes; empty when there is none).
pub(super) fn scan_tag(
    bytes: &[u8],
    from: usize,
    mut attribute: impl FnMut(&[u8], usize, usize, (usize, usize)),
) -> Option<(usize, bool)> {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C);
    let skip_spaces = |mut at: usize| {
        while bytes.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        at
    };
    let mut i = from;
    loop {
        // Before an attribute's name: spaces, and `/` that does not end the tag count for nothing.
        match *bytes.get(i)? {
            b'>' => return Some((i, false)),
            b'/' => {
                if *bytes.get(i + 1)? == b'>' {
                    return Some((i + 1, true));
                }
                i += 1;
                continue;
            }
            b if is_space(b) => {
                i += 1;
                continue;
            }
            _ => {}
        }
        // The name: its first byte may be `=`.
        let start = i;
        i += 1;
        while bytes
            .get(i)
            .is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
        {
            i += 1;
        }
        let name_end = i;
        let mut end = name_end;
        let mut value_range = (name_end, name_end);
        // After the name: a value only after `=` (a quote opens one only right after it).
        let after = skip_spaces(i);
        if *bytes.get(after)? == b'=' {
            let value = skip_spaces(after + 1);
            match *bytes.get(value)? {
                quote @ (b'"' | b'\'') => {
                    end = value + 1 + memchr(quote, &bytes[value + 1..])? + 1;
                    value_range = (value + 1, end - 1);
                }
                // An empty value: the attribute runs up to the `>`.
                b'>' => end = value,
                _ => {
                    end = value;
                    while bytes.get(end).is_some_and(|&b| !is_space(b) && b != b'>') {
                        end += 1;
                    }
                    value_range = (value, end);
                }
            }
            i = end;
        } else {
            i = after;
        }
        attribute(&bytes[start..name_end], start, end, value_range);
    }
}

/// The index of `</name` and the index just past its `>`, for the first such end tag at or
/// after `from` (`name` followed by whitespace, `/` or `>`, as the tokenizer ends raw text).
pub(super) fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(offset) = memmem::find(&bytes[at..], b"</") {
        let lt = at + offset;
        let start = lt + 2;
        let candidate = bytes.get(start..start + name.len())?;
        if candidate.eq_ignore_ascii_case(name)
            && bytes
                .get(start + name.len())
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        {
            let end = tag_end(bytes, start + name.len()).map_or(bytes.len(), |(gt, _)| gt + 1);
            return Some((lt, end));
        }
        at = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::dom::{Data, Dom};
    use super::*;

    /// The tree as the extractor sees it: elements with the attributes it reads, text exactly
    /// (but not the bodies of `script` and `style`), and comments without their text.
    fn tree(html: &str) -> String {
        let dom = Dom::parse(html);
        let mut out = String::new();
        for id in dom.preorder().order {
            let parent = dom.element(dom.node(id).parent);
            if parent.is_some_and(|p| matches!(&*p.name.local, "script" | "style"))
                && matches!(dom.node(id).data, Data::Text(_))
            {
                continue;
            }
            let mut depth = 0;
            let mut up = dom.node(id).parent;
            while up != super::super::dom::NONE {
                depth += 1;
                up = dom.node(up).parent;
            }
            out.push_str(&"  ".repeat(depth));
            match &dom.node(id).data {
                Data::Document => out.push_str("#document"),
                Data::Element(e) => {
                    out.push_str(&format!("{:?}:{}", e.name.ns, e.name.local));
                    for a in &e.attrs {
                        if is_read_attribute(a.name.local.as_bytes()) {
                            out.push_str(&format!(" {:?}:{}={:?}", a.name.ns, a.name.local, &*a.value));
                        }
                    }
                }
                Data::Text(t) => out.push_str(&format!("{:?}", &**t)),
                Data::Other => out.push_str("#other"),
            }
            out.push('\n');
        }
        out
    }

    /// `prepare` leaves the tree the extractor reads as it was.
    fn assert_same_tree(html: &str) {
        let prepared = prepare(html);
        assert_eq!(tree(html), tree(&prepared), "{html}\n→ {prepared}");
    }

    #[test]
    fn ordinary_pages_are_untouched() {
        let html = "<html lang=en><body><div class=\"a\" id=b><p>a<p>b<ul><li>x<li>y</ul><table><tr><td>1<td>2\
                    <tr><td>3</table><a href=\"/x\" rel=author>c</a><!----></div><script></script></body></html>";
        assert!(matches!(prepare(html), Cow::Borrowed(_)));
    }

    #[test]
    fn script_and_style_bodies_are_emptied() {
        let html = "<head><style>p > a { color: red }</style>\
                    <script type=\"text/javascript\">if (a<b) {'<div>'}\nx = \"</scripty>\";</script ></head>\
                    <body><p>text</p><SCRIPT>\nvar y = 1;\n</Script><p>more</p></body>";
        assert_eq!(
            prepare(html),
            "<head><style></style><script type=\"text/javascript\"></script ></head>\
             <body><p>text</p><SCRIPT></Script><p>more</p></body>"
        );
        assert_same_tree(html);
    }

    #[test]
    fn json_and_escaped_scripts_and_foreign_content_keep_their_bodies() {
        for html in [
            "<script type=\"application/ld+json\">{\"headline\": \"a\"}</script>",
            "<script type=application/JSON>{}</script>",
            // `<!--` switches the tokenizer to the escaped states.
            "<script><!-- document.write('<script>x()</script>'); --></script><p>a</p>",
            "<svg><script>if (a<b) {}</script></svg><p>a</p>",
            "<math><style>x</style></math>",
            "<plaintext><script>x</script>",
            "<frameset><script>x</script></frameset>",
        ] {
            assert!(matches!(prepare(html), Cow::Borrowed(_)), "{html}");
        }
        // After the foreign content closes, bodies are cut again.
        assert_eq!(
            prepare("<svg><path d=\"M0\"/></svg><script>x</script>"),
            "<svg><path /></svg><script></script>"
        );
    }

    #[test]
    fn script_tags_the_tokenizer_does_not_see_are_left_alone() {
        for (html, prepared) in [
            // In a comment, including the forms that end early or late.
            ("<!-- <script>x</script> -->", "<!---->"),
            (
                "<!-- a --!> <p>b</p> <!-- <script>x</script> -->",
                "<!----!> <p>b</p> <!---->",
            ),
            // In attribute values.
            ("<a title=\"<script>x</script>\">a</a>", "<a >a</a>"),
            (
                "<a title='<style>' href=x>a</a><p>b</style>",
                "<a  href=x>a</a><p>b</style>",
            ),
            (
                "<a class=\"<script>x</script>\">a</a>",
                "<a class=\"<script>x</script>\">a</a>",
            ),
            // In raw text of other elements.
            (
                "<textarea><script>x</script></textarea>",
                "<textarea><script>x</script></textarea>",
            ),
            ("<title>a <style>x</style></title>", "<title>a <style>x</style></title>"),
            // `</ ` opens a bogus comment up to the next `>`.
            ("</ <script>x</script>", "</ <script>x</script>"),
        ] {
            assert_eq!(prepare(html), prepared, "{html}");
        }
        // A quote inside an unquoted value or a name opens nothing.
        assert_eq!(
            prepare("<p class=b'c><script>x</script><p 'd><style>y</style>"),
            "<p class=b'c><script></script><p ><style></style>"
        );
        // `<!-->` is a whole comment.
        assert_eq!(prepare("<!--><script>x</script>-->"), "<!--><script></script>-->");
    }

    #[test]
    fn unread_attributes_are_cut_and_the_rest_kept_as_they_were() {
        for (html, prepared) in [
            (
                "<div class=\"a\" data-x='1' id=b onclick=\"f()\">x</div>",
                "<div class=\"a\"  id=b >x</div>",
            ),
            // Names are compared as the tokenizer lower-cases them.
            ("<DIV CLASS=a DATA-X=1 Id=b>x</DIV>", "<DIV CLASS=a  Id=b>x</DIV>"),
            // Names alone, spaces around `=`, empty values, values ending the tag.
            ("<p x y = \"1\" class=c z= >a", "<p   class=c >a"),
            ("<p x=>a", "<p >a"),
            // Attributes run together after a quoted value.
            ("<p x=\"1\"class=\"c\"y='2'id=d>a", "<p class=\"c\"id=d>a"),
            // A `>` or `/` inside a value stays inside it.
            ("<a src=\"a>b\" href=\"/x/\" alt='/>'>a</a>", "<a  href=\"/x/\" >a</a>"),
            ("<img src=a/b/>", "<img >"),
            // A self-closing slash stays where it was.
            ("<br data-x=\"1\"/>", "<br />"),
            // An attribute right after a stray `/` stays: cutting it would make the tag self-closing.
            (
                "<svg><g/d=\"M0\"><path/></g></svg>",
                "<svg><g/d=\"M0\"><path/></g></svg>",
            ),
            // `=` as the first byte of a name.
            ("<p =x class=c>a", "<p  class=c>a"),
            // End tags are left as they are.
            ("<p>a</p data-x=1>", "<p>a</p data-x=1>"),
        ] {
            assert_eq!(prepare(html), prepared, "{html}");
            assert_same_tree(html);
        }
    }

    #[test]
    fn comments_keep_their_place_without_their_text() {
        for (html, prepared) in [
            ("a<!-- b -->c", "a<!---->c"),
            ("a<!-- b --!>c", "a<!----!>c"),
            ("a<!-- b --->c", "a<!---->c"),
            ("a<!-- b -- c -->d", "a<!---->d"),
            ("a<!---->b<!-->c<!--->d", "a<!---->b<!-->c<!--->d"),
            // Unclosed: runs to the end of the input, and is left alone.
            ("a<!-- b", "a<!-- b"),
            ("a<!-- b --", "a<!-- b --"),
        ] {
            assert_eq!(prepare(html), prepared, "{html}");
            assert_same_tree(html);
        }
    }

    #[test]
    fn whitespace_between_tags_is_left_as_it_is() {
        for html in [
            "<div>\n  <p>a</p>\n\n\t</div>\n",
            "<ul>\n <li>a\n <li>b</ul>",
            "<!---->\n <!---->\n\n<!DOCTYPE html></p>",
            "<pre>\n  x</pre>\n <p>",
        ] {
            assert!(matches!(prepare(html), Cow::Borrowed(_)), "{html}");
        }
    }

    #[test]
    fn the_tree_builder_reads_what_it_needs() {
        for html in [
            // `input type=hidden` is not foster-parented out of a table.
            "<table><input type=hidden name=a data-x=1><input type=text data-x=1><tr><td>x</table>",
            "<table><INPUT TYPE=HIDDEN><tr><td>x</table>",
            // `font` with `color`, `face` or `size` breaks out of SVG; without them it does not.
            "<svg><font color=red data-x=1>a</font></svg><p>b",
            "<svg><font data-x=1>a</font></svg><p>b",
            "<math><annotation-xml encoding=\"text/html\" data-x=1><p>a</p></annotation-xml></math>",
            "<div><template shadowrootmode=open data-x=1><p>a</p></template></div>",
            "<head><meta charset=utf-8 data-x=1><meta http-equiv=Content-Type content=\"text/html\"></head>",
            // Duplicates: the first wins, whatever was cut around it.
            "<p data-x=1 class=a data-y=2 class=b CLASS=c>a",
            // Character references and NULs in cut and kept values.
            "<a href=\"/a?b=1&amp;c=2\" title=\"&lt;x&gt;\" data-\0=\"\0\">a</a>",
            // Truncated tags at the end of the input.
            "<p>a<a href=\"/x\" data-x=\"1",
            "<p>a<a data-x=1 href",
            "<p>a<div data-x",
        ] {
            assert_same_tree(html);
        }
    }

    #[test]
    fn random_markup_keeps_its_tree() {
        // Pieces that meet at the edges of the tokenizer's states, put together at random.
        // `|` separates them.
        const PIECES: &str = concat!(
            "<|>|/|=|\"|'| |\n|x|&amp;|<!--|-->|--!>|-|!|<!-->|<div|<p|<a|</a>|</div>|</p>|<svg|</svg>|",
            "<path|<math|<font|<table>|<tr>|<td>|<input|<script>|</script>|<style>|</style>|<title>|",
            "</title>|<textarea>|</textarea>|<template|</template>|<![CDATA[|]]>| class=| CLASS=| id=|",
            " href=| data-x=| d=| type=hidden| color=red| shadowrootmode=open| style=\"display:none\"|",
            " hidden|\"v\"|'v'|v|/>|\n |\n\t|\n |\n\n |<pre>|</pre>|<pre>|<b>|</b>|</i>|\u{4e2d}",
        );
        for html in crate::testing::joined_pieces(PIECES, 0x9E37_79B9_7F4A_7C15, 5_000, 40) {
            assert_same_tree(&html);
        }
    }

    #[test]
    fn tag_ends_follow_the_attribute_states() {
        let end = |s: &str| tag_end(s.as_bytes(), 0);
        assert_eq!(end(" a=\"x>y\">"), Some((8, false)));
        assert_eq!(end(" a = 'x>y'>"), Some((10, false)));
        assert_eq!(end(" a=x/>"), Some((5, false)));
        assert_eq!(end(" a=\"x\"/>"), Some((7, true)));
        assert_eq!(end("/>"), Some((1, true)));
        assert_eq!(end(" \"a>"), Some((3, false)));
        assert_eq!(end(" a=\"x"), None);
    }

    #[test]
    fn deep_nesting_is_capped_and_keeps_text() {
        let n = 3 * MAX_DEPTH;
        let html = "<div class=\"a>b\">".repeat(n) + "deep" + &"</div>".repeat(n);
        let capped = prepare(&html);
        assert_eq!(capped.matches("<div").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        assert!(capped.contains("deep"));
    }

    #[test]
    fn nested_lists_and_tables_count_as_nesting() {
        let n = 3 * MAX_DEPTH;
        for (open, close) in [
            ("<ul><li>", "</li></ul>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<dl><dd>", "</dd></dl>"),
        ] {
            let html = open.repeat(n) + "deep" + &close.repeat(n);
            let capped = prepare(&html);
            assert!(capped.matches(open).count() < n, "{open}");
            assert!(capped.contains("deep"));
        }
        // Siblings close each other, also through an unclosed `div`.
        let html = "<ul>".to_string() + &"<li><div>item".repeat(5 * MAX_DEPTH) + "</ul>";
        assert!(matches!(prepare(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn lingering_formatting_elements_are_bounded() {
        let n = 4 * MAX_LINGERING;
        let html: String = (0..n).map(|i| format!("<p><b class=\"c{i}\">x{i}</b></p>")).collect();
        // Closed by their own end tags: nothing lingers.
        assert!(matches!(prepare(&html), Cow::Borrowed(_)));
        let html: String = (0..n).map(|i| format!("<p><b class=\"c{i}\">x{i}</p>")).collect();
        let capped = prepare(&html);
        assert_eq!(capped.matches("<b ").count(), MAX_LINGERING);
        assert!((0..n).all(|i| capped.contains(&format!(">x{i}<"))));
        // Each cell starts a list of its own: a few unclosed in every cell are left alone.
        let html = "<table><tr>".to_string() + &"<td><font class=\"a\">x<p>y</td>".repeat(n) + "</tr></table>";
        assert!(matches!(prepare(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_as_nesting() {
        let html = "<div>".to_string() + &"<p>para".repeat(5 * MAX_DEPTH) + "</div>";
        assert!(matches!(prepare(&html), Cow::Borrowed(_)));
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
            let _ = prepare(html);
        }
    }
}
