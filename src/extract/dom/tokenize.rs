//! Tokenizing the plain bulk of a page for html5ever's tree builder, without html5ever's
//! tokenizer reading it a character at a time.
//!
//! html5ever's tokenizer reads every tag name, attribute name and the space between attributes
//! one character at a time through its state machine (about 3 500 instructions a tag); after
//! [`super::super::nesting::prepare`] most of a page is plain tags and text that need none of
//! that. [`parse`] scans the page itself and hands the tree builder the tokens html5ever's
//! tokenizer would have made, wherever that is simple to do exactly:
//! - text without NUL or carriage return, whose character references are all closed by `;` and
//!   free of parse errors (`&amp;`, `&#8217;`: [`decode_references`]);
//! - start tags and end tags without NUL or carriage return, with such references in their
//!   attribute values, and end tags without attributes;
//! - raw-text elements (`script`, `style`, `title`…) whose text is as simple, with the end tag
//!   found as html5ever's tokenizer finds it ([`script_data_end`] for scripts);
//! - empty comments (`<!---->`, what the pre-pass leaves of comments).
//!
//! Everything else (other character references, doctypes, other comments, CDATA, raw text with
//! NULs, truncated markup) goes to html5ever's own tokenizer, which feeds the same
//! tree builder. The two take turns only where html5ever's tokenizer is in its data state with
//! nothing pending: each piece handed to it ends just after a construct that returns it there (a
//! tag, a comment, a doctype), and the raw text after a start tag that switches it to raw text is
//! handed over up to its end tag. Where there is no such end (raw text never closed,
//! `plaintext`, markup cut off by the end of the input), html5ever reads the rest.
//!
//! The tree builder does not depend on how text is cut into character tokens (html5ever's own
//! tokenizer cuts text at every line break and at the ends of its input buffers), and the parse
//! errors html5ever's tokenizer reports around the tokens made here reach our sink only as
//! errors, which it ignores (an error token also ends the tree builder's wait for a line break
//! to drop after `<pre>`, but every error such a token would carry comes before a token that
//! ends that wait too). `parse` builds the same arena as html5ever alone, node for node: the
//! tests below check it on handwritten and random markup, and `tests::pages_build_the_same_arena`
//! on a directory of pages (`PAGEWASH_PARSE_DIFF_DIR=../shared/corpus`).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::data::NAMED_ENTITIES;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, CommentToken, EndTag, StartTag, Tag, TagKind, TagToken, Token, TokenSink,
    TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeSink};
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, local_name, ns};
use memchr::{memchr, memchr2, memchr3, memmem};

use super::super::nesting::{comment_end, find_end_tag, opens_markup, scan_tag, tag_end};
use super::{Dom, NodeId, Sink};

/// What the tree builder asked of the tokenizer after the last token it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Go on in the data state.
    Data,
    /// Go on in the data state; html5ever's tokenizer would have returned to its driver first
    /// (after a script's end tag, or a `meta` naming the encoding), and its next feed drops a
    /// byte order mark.
    DataAfterPause,
    /// Read raw text up to the end tag of the element just opened.
    Raw(RawKind),
    /// Everything after is text.
    Plaintext,
}

impl Next {
    fn of(result: &TokenSinkResult<NodeId>) -> Next {
        match result {
            TokenSinkResult::Continue => Next::Data,
            TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => Next::DataAfterPause,
            TokenSinkResult::RawData(kind) => Next::Raw(*kind),
            TokenSinkResult::Plaintext => Next::Plaintext,
        }
    }
}

/// The tree builder, remembering what it asked of the tokenizer after the last token.
struct Builder {
    tree: TreeBuilder<NodeId, Sink>,
    next: Cell<Next>,
}

impl TokenSink for Builder {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        let result = self.tree.process_token(token, line_number);
        self.next.set(Next::of(&result));
        result
    }

    fn end(&self) {
        self.tree.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.tree.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The start tags after which the tree builder may switch the tokenizer to raw text or plain
/// text (html5ever 0.40's `parse_raw_data`, `to_raw_text_mode` and `ToPlaintext`): never
/// tokenized here, so that html5ever's tokenizer knows the last start tag when it reads the
/// raw text.
fn may_switch_to_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// Parses `html` into `sink`'s arena: the tree html5ever's `parse_document` builds; when the
/// arena reaches `max_nodes`, the tree of the page up to there (the tree builder is told the
/// input ended) and `truncated`.
pub(super) fn parse(html: &str, sink: Sink, max_nodes: usize) -> Dom {
    let parser = Parser {
        html,
        bytes: html.as_bytes(),
        input: StrTendril::from_slice(html),
        tokenizer: Tokenizer::new(
            Builder {
                tree: TreeBuilder::new(sink, Default::default()),
                next: Cell::new(Next::Data),
            },
            TokenizerOpts::default(),
        ),
        queue: BufferQueue::default(),
        // html5ever's tokenizer drops a byte order mark at the start of every feed: at the start
        // of the input, and after each pause.
        drop_byte_order_mark: Cell::new(true),
        attr_ranges: RefCell::new(Vec::new()),
        wasted_scan: Cell::new(0),
        max_nodes,
    };
    let truncated = !parser.run();
    parser.tokenizer.end();
    Dom {
        truncated,
        ..parser.tokenizer.sink.tree.sink.finish()
    }
}

struct Parser<'a> {
    html: &'a str,
    bytes: &'a [u8],
    input: StrTendril,
    tokenizer: Tokenizer<Builder>,
    queue: BufferQueue,
    drop_byte_order_mark: Cell<bool>,
    /// The name and value ranges of the attributes of the tag last scanned (one buffer for all).
    attr_ranges: RefCell<Vec<AttributeRanges>>,
    /// Bytes scanned for the end of raw text after start tags the tree builder then did not
    /// switch to raw text for (inside `svg`/`math`, in a frameset…), or that went to html5ever
    /// after all. Past the page's length, such tags go to html5ever's tokenizer unscanned: a
    /// page of many unclosed `<script>`s in an `svg` would otherwise cost its length squared.
    wasted_scan: Cell<usize>,
    /// The arena's bound: no construct is read once it holds this many nodes.
    max_nodes: usize,
}

type AttributeRanges = ((usize, usize), (usize, usize));

/// A tag as scanned: where it ends and what it holds, before its names become atoms (its
/// attributes in [`Parser::attr_ranges`]).
struct ScannedTag {
    kind: TagKind,
    name: (usize, usize),
    self_closing: bool,
    /// Just past the `>`.
    end: usize,
    /// The raw text the tree builder may switch to after it (see [`raw_kind`]).
    raw: Option<RawKind>,
}

impl Parser<'_> {
    /// Hands the page to the tree builder; `false` when it stopped at the arena's bound. Each
    /// turn of the loop reads text and one construct (a handful of nodes), or hands html5ever's
    /// tokenizer a rest of the page that is one construct (raw text, a comment, a tag never
    /// closed), so the arena ends within a few nodes of the bound.
    fn run(&self) -> bool {
        let bytes = self.bytes;
        let mut at = 0;
        loop {
            if at < bytes.len() && self.tokenizer.sink.tree.sink.len() >= self.max_nodes {
                return false;
            }
            if self.drop_byte_order_mark.replace(false) && bytes[at..].starts_with(BYTE_ORDER_MARK.as_bytes()) {
                at += BYTE_ORDER_MARK.len();
            }
            // The text up to the next markup (a `<` that opens nothing is text).
            let mut lt = at;
            let markup = loop {
                match memchr(b'<', &bytes[lt..]) {
                    Some(i) if opens_markup(&bytes[lt + i + 1..]) => break Some(lt + i),
                    Some(i) => lt += i + 1,
                    None => break None,
                }
            };
            let text_end = markup.unwrap_or(bytes.len());
            // The text's token when it is simple (see `text_token`); otherwise it is handed over
            // with the construct after it.
            let mut text = self.text_token(at, text_end);
            let Some(lt) = markup else {
                match text {
                    Some(text) => self.characters(text),
                    None => self.feed(at, bytes.len()),
                }
                return true;
            };
            // A construct html5ever's tokenizer ends in its data state: here, or handed over
            // (with the text before it when that is not simple).
            if text.is_some() {
                if let Some(end) = self.simple_construct(lt, &mut text) {
                    at = end;
                    continue;
                }
                if let Some(text) = text.take() {
                    self.characters(text);
                }
                at = lt;
            }
            let Some(end) = self.construct_end(lt) else {
                self.feed(at, bytes.len());
                return true;
            };
            self.feed(at, end);
            match self.tokenizer.sink.next.get() {
                Next::Data => {}
                Next::DataAfterPause => self.drop_byte_order_mark.set(true),
                Next::Raw(kind) => {
                    // The start tag just handed over opened raw text: hand over the text and the
                    // end tag that closes it.
                    let name = tag_name(bytes, lt + 1);
                    let Some((_, raw_end)) = raw_text_end(bytes, kind, end, &bytes[name.0..name.1]) else {
                        self.feed(end, bytes.len());
                        return true;
                    };
                    // A scan `simple_construct` counted as wasted may have been of this raw text.
                    self.wasted_scan
                        .set(self.wasted_scan.get().saturating_sub(raw_end - end));
                    self.feed(end, raw_end);
                    if self.tokenizer.sink.next.get() == Next::DataAfterPause {
                        self.drop_byte_order_mark.set(true);
                    }
                    at = raw_end;
                    continue;
                }
                Next::Plaintext => {
                    self.feed(end, bytes.len());
                    return true;
                }
            }
            at = end;
        }
    }

    /// Hands the tree builder a character token (none for empty text).
    fn characters(&self, text: StrTendril) {
        if !text.is_empty() {
            self.process(CharacterTokens(text));
        }
    }

    /// The character token html5ever's tokenizer makes of the text `bytes[start..end]` in its
    /// data state (or escapable raw text), when that is simple to make: no NUL or carriage
    /// return, and only character references [`decode_references`] decodes. `None` otherwise.
    fn text_token(&self, start: usize, end: usize) -> Option<StrTendril> {
        // Most often tags follow each other.
        if start == end {
            return Some(StrTendril::new());
        }
        match memchr3(b'&', b'\0', b'\r', &self.bytes[start..end]) {
            None => Some(self.tendril(start, end)),
            Some(i)
                if self.bytes[start + i] == b'&' && memchr2(b'\0', b'\r', &self.bytes[start + i..end]).is_none() =>
            {
                decode_references(self.html, start, end).map(|decoded| StrTendril::from(decoded.as_str()))
            }
            Some(_) => None,
        }
    }

    /// Tokenizes the construct at `lt` when it is simple, after handing over the `text` before
    /// it (taken out of `text`); returns the index just past the construct. `None` when it is
    /// not simple, and then `text` is left as it was.
    fn simple_construct(&self, lt: usize, text: &mut Option<StrTendril>) -> Option<usize> {
        let bytes = self.bytes;
        if bytes[lt..].starts_with(b"<!---->") {
            if let Some(text) = text.take() {
                self.characters(text);
            }
            self.process(CommentToken(StrTendril::new()));
            return Some(lt + 7);
        }
        let tag = self.scan_simple_tag(lt)?;
        // After a start tag that may open raw text, the text and its end tag, when the text is
        // simple (no NUL or carriage return, and in escapable raw text only references decoded
        // here).
        let raw_text = match tag.raw {
            Some(kind) => {
                if self.wasted_scan.get() > bytes.len() {
                    return None;
                }
                let Some((end_lt, end)) = raw_text_end(bytes, kind, tag.end, &bytes[tag.name.0..tag.name.1]) else {
                    self.wasted_scan.set(self.wasted_scan.get() + bytes.len() - tag.end);
                    return None;
                };
                // Counted as wasted until the tree builder asks for this raw text.
                self.wasted_scan.set(self.wasted_scan.get() + end - tag.end);
                if end == bytes.len() && !bytes.ends_with(b">") {
                    return None;
                }
                let body = if kind == RawKind::Rcdata {
                    self.text_token(tag.end, end_lt)?
                } else if memchr2(b'\0', b'\r', &bytes[tag.end..end_lt]).is_none() {
                    self.tendril(tag.end, end_lt)
                } else {
                    return None;
                };
                Some((body, end_lt, end))
            }
            None => None,
        };
        let token = self.tag_token(&tag)?;
        if let Some(text) = text.take() {
            self.characters(text);
        }
        let result = self.tokenizer.sink.process_token(token, 1);
        if let Some((_, _, end)) = &raw_text
            && matches!(Next::of(&result), Next::Raw(_))
        {
            self.wasted_scan.set(self.wasted_scan.get() - (end - tag.end));
        }
        match Next::of(&result) {
            Next::Data => {}
            Next::DataAfterPause => self.drop_byte_order_mark.set(true),
            Next::Raw(kind) => {
                // Only after a start tag `raw_kind` names, with the kind it gives.
                let Some((body, end_lt, end)) = raw_text.filter(|_| Some(kind) == tag.raw) else {
                    debug_assert!(false, "unexpected raw text after {:?}", &bytes[tag.name.0..tag.name.1]);
                    return Some(tag.end);
                };
                self.characters(body);
                // The end tag, read as html5ever's tokenizer reads it from its data state (the
                // same states follow an appropriate end tag's name in raw text).
                if self.simple_construct(end_lt, &mut None).is_none() {
                    self.feed(end_lt, end);
                    if self.tokenizer.sink.next.get() == Next::DataAfterPause {
                        self.drop_byte_order_mark.set(true);
                    }
                }
                return Some(end);
            }
            Next::Plaintext => debug_assert!(false, "plain text after a tag tokenized here"),
        }
        Some(tag.end)
    }

    /// The tag token html5ever's tokenizer makes of `tag`; `None` when an attribute value holds
    /// a character reference not decoded here.
    fn tag_token(&self, tag: &ScannedTag) -> Option<Token> {
        let name = local_name(self.html, tag.name);
        let ranges = self.attr_ranges.borrow();
        let mut attrs: Vec<Attribute> = Vec::with_capacity(ranges.len());
        let mut had_duplicate_attributes = false;
        for &((name_start, name_end), (value_start, value_end)) in ranges.iter() {
            let local = local_name(self.html, (name_start, name_end));
            // The first of two attributes with one name wins, as in the tokenizer.
            if attrs.iter().any(|a| a.name.local == local) {
                had_duplicate_attributes = true;
                continue;
            }
            let value = if memchr(b'&', &self.bytes[value_start..value_end]).is_none() {
                self.tendril(value_start, value_end)
            } else {
                StrTendril::from(decode_references(self.html, value_start, value_end)?.as_str())
            };
            attrs.push(Attribute {
                name: QualName::new(None, ns!(), local),
                value,
            });
        }
        Some(TagToken(Tag {
            kind: tag.kind,
            name,
            self_closing: tag.self_closing,
            attrs,
            had_duplicate_attributes,
        }))
    }

    /// The start or end tag at `lt` when it is simple (see the module comment).
    fn scan_simple_tag(&self, lt: usize) -> Option<ScannedTag> {
        let bytes = self.bytes;
        let kind = if bytes.get(lt + 1) == Some(&b'/') {
            EndTag
        } else {
            StartTag
        };
        let name_start = if kind == EndTag { lt + 2 } else { lt + 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name = tag_name(bytes, name_start);
        let lower = lowercase(self.html, name);
        let raw = if kind == StartTag && may_switch_to_raw_text(lower.as_bytes()) {
            // `plaintext` is left to html5ever's tokenizer.
            Some(raw_kind(lower.as_bytes())?)
        } else {
            None
        };
        let mut attrs = self.attr_ranges.borrow_mut();
        attrs.clear();
        let (gt, self_closing) = scan_tag(bytes, name.1, |raw_name, start, _, value| {
            attrs.push(((start, start + raw_name.len()), value));
        })?;
        if memchr2(b'\0', b'\r', &bytes[lt..gt]).is_some() {
            return None;
        }
        if kind == EndTag && (self_closing || !attrs.is_empty()) {
            return None;
        }
        Some(ScannedTag {
            kind,
            name,
            self_closing,
            end: gt + 1,
            raw,
        })
    }

    /// The index just past the construct at `lt` as html5ever's tokenizer reads it from its data
    /// state (`lt` opens markup); `None` when the input ends inside it.
    fn construct_end(&self, lt: usize) -> Option<usize> {
        let bytes = self.bytes;
        let rest = &bytes[lt + 1..];
        let up_to_gt = |from: usize| memchr(b'>', &bytes[from..]).map(|i| from + i + 1);
        match rest.first()? {
            // Up to the end of the input when it is not closed, like html5ever's tokenizer.
            b'!' if rest.starts_with(b"!--") => Some(comment_end(bytes, lt + 4)),
            b'!' if rest.starts_with(b"![CDATA[")
                && self
                    .tokenizer
                    .sink
                    .adjusted_current_node_present_but_not_in_html_namespace() =>
            {
                memmem::find(&rest[8..], b"]]>").map(|i| lt + 1 + 8 + i + 3)
            }
            // Doctypes and bogus comments end at the first `>`.
            b'!' | b'?' => up_to_gt(lt + 1),
            b'/' => match rest.get(1)? {
                b'>' => Some(lt + 3),
                c if c.is_ascii_alphabetic() => {
                    let name = tag_name(bytes, lt + 2);
                    scan_tag(bytes, name.1, |_, _, _, _| {}).map(|(gt, _)| gt + 1)
                }
                _ => up_to_gt(lt + 2),
            },
            _ => {
                let name = tag_name(bytes, lt + 1);
                scan_tag(bytes, name.1, |_, _, _, _| {}).map(|(gt, _)| gt + 1)
            }
        }
    }

    /// Hands `bytes[start..end]` to html5ever's tokenizer (in its data state, or in the raw text
    /// the tree builder asked for).
    fn feed(&self, mut start: usize, end: usize) {
        // The tokenizer would drop a byte order mark at the start of the piece, which here is
        // text (see `drop_byte_order_mark`).
        while self.bytes[start..end].starts_with(BYTE_ORDER_MARK.as_bytes()) {
            self.process(CharacterTokens(StrTendril::from_slice(BYTE_ORDER_MARK)));
            start += BYTE_ORDER_MARK.len();
        }
        if start == end {
            return;
        }
        self.queue.push_back(self.tendril(start, end));
        // It returns early after a script's end tag or an encoding, as to its driver.
        while !matches!(self.tokenizer.feed(&self.queue), TokenizerResult::Done) {}
    }

    fn process(&self, token: Token) {
        let result = self.tokenizer.sink.process_token(token, 1);
        if Next::of(&result) == Next::DataAfterPause {
            self.drop_byte_order_mark.set(true);
        }
    }

    /// `bytes[start..end]` sharing the input's buffer.
    fn tendril(&self, start: usize, end: usize) -> StrTendril {
        // A short one is copied inline into the tendril (what `subtendril` does too, after
        // checking both ends are character boundaries, which slicing the str checks cheaper).
        const INLINE: usize = 8;
        match self.html.get(start..end) {
            Some(short) if short.len() <= INLINE => StrTendril::from_slice(short),
            _ => self.input.subtendril(start as u32, (end - start) as u32),
        }
    }
}

/// The text `bytes[start..end]` with its character references decoded as html5ever's tokenizer
/// decodes them, in text or in an attribute value, when every `&` in it is one of:
/// - not a reference: followed by neither an ASCII letter or digit nor `#` (inside the text, or
///   the byte after it, which is never the end of the input here);
/// - a named reference closed by `;` whose whole name (with the `;`) the entity table holds:
///   the tokenizer reads the longest name in the table, and no name goes on past a `;`;
/// - a decimal or hexadecimal reference closed by `;` to a character the tokenizer takes as it
///   is, with no parse error (not NUL, a surrogate, a C1 control it remaps, another control or
///   a noncharacter).
///
/// `None` otherwise (a reference without `;` decodes differently in text and in attributes, and
/// the parse error before it would reach the tree builder). Only called on text without NUL or
/// carriage return.
fn decode_references(html: &str, start: usize, end: usize) -> Option<String> {
    let bytes = html.as_bytes();
    let text = &bytes[start..end];
    // Pieces of the text between ASCII bytes (`&`, `;`), so on character boundaries.
    let piece = |from: usize, to: usize| html.get(start + from..start + to);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    while let Some(i) = memchr(b'&', &text[from..]) {
        let amp = from + i;
        out.push_str(piece(from, amp)?);
        let rest = &text[amp + 1..];
        let (decoded, len): ([char; 2], usize) = match rest.first() {
            // Not a reference: the `&` is text.
            None if bytes.get(end).is_some() => {
                out.push('&');
                from = amp + 1;
                continue;
            }
            None => return None,
            Some(b) if !b.is_ascii_alphanumeric() && *b != b'#' => {
                out.push('&');
                from = amp + 1;
                continue;
            }
            Some(b'#') => {
                let (radix, digits_from) = match rest.get(1) {
                    Some(b'x' | b'X') => (16, 2),
                    _ => (10, 1),
                };
                let digits = rest[digits_from..]
                    .iter()
                    .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
                    .count();
                // At most six digits (beyond that the value may be out of range).
                if digits == 0 || digits > 6 || rest.get(digits_from + digits) != Some(&b';') {
                    return None;
                }
                let digits_text = piece(amp + 1 + digits_from, amp + 1 + digits_from + digits)?;
                let value = u32::from_str_radix(digits_text, radix).ok()?;
                let taken_as_is = matches!(value, 0x09 | 0x0A | 0x0C | 0x20..=0x7E | 0xA0..=0x10FFFF)
                    && !matches!(value, 0xD800..=0xDFFF | 0xFDD0..=0xFDEF)
                    && value & 0xFFFE != 0xFFFE;
                if !taken_as_is {
                    return None;
                }
                ([char::from_u32(value)?, '\0'], digits_from + digits + 1)
            }
            Some(_) => {
                let name = rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                if rest.get(name) != Some(&b';') {
                    return None;
                }
                let key = piece(amp + 1, amp + 1 + name + 1)?;
                let &(first, second) = NAMED_ENTITIES.get(key)?;
                if first == 0 {
                    return None;
                }
                let second = if second == 0 { '\0' } else { char::from_u32(second)? };
                ([char::from_u32(first)?, second], name + 1)
            }
        };
        out.push(decoded[0]);
        if decoded[1] != '\0' {
            out.push(decoded[1]);
        }
        from = amp + 1 + len;
    }
    out.push_str(piece(from, text.len())?);
    Some(out)
}

/// The raw text kind the tree builder switches to after the start tag `name` (lower case) when
/// it switches at all (never in foreign content), as html5ever 0.40's rules map names to kinds
/// (`noscript` with scripting on, as `parse_document` has it); `None` for `plaintext`, which
/// switches to plain text.
fn raw_kind(name: &[u8]) -> Option<RawKind> {
    match name {
        b"title" | b"textarea" => Some(RawKind::Rcdata),
        b"script" => Some(RawKind::ScriptData),
        _ => Some(RawKind::Rawtext).filter(|_| name != b"plaintext"),
    }
}

/// The end tag that closes raw text of `kind` starting at `from` after the start tag `name`:
/// the index of its `<` and the index just past its `>` (the end of the input when it is cut
/// off); `None` when nothing closes the text.
fn raw_text_end(bytes: &[u8], kind: RawKind, from: usize, name: &[u8]) -> Option<(usize, usize)> {
    match kind {
        RawKind::ScriptData => script_data_end(bytes, from),
        // The first `</name` followed by a delimiter: the tokenizer's appropriate end tag.
        _ => find_end_tag(bytes, from, name),
    }
}

/// The `</script` that ends script data starting at `from`, and the index just past its `>`
/// (the end of the input when the end tag is cut off), as html5ever's tokenizer finds it: its
/// script data states, byte by byte, including the escaped states a `<!--` opens, inside which
/// a `<script` makes a later `</script>` not end the element. `None` when nothing ends it.
fn script_data_end(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Data,
        LessThan,
        EscapeStart,
        EscapeStartDash,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        EscapedLessThan,
        DoubleEscaped,
        DoubleEscapedDash,
        DoubleEscapedDashDash,
        DoubleEscapedLessThan,
    }
    use State::*;
    let is_delimiter = |b: u8| matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | b' ' | b'/' | b'>');
    // Whether `bytes[at..]` is `script` (any case) followed by a delimiter; `None` at the end of
    // the input before the delimiter.
    let names_script = |at: usize| -> Option<bool> {
        let name = bytes.get(at..at + 6)?;
        Some(name.eq_ignore_ascii_case(b"script") && is_delimiter(*bytes.get(at + 6)?))
    };
    // The letters at `at` and what follows them.
    let letters = |at: usize| {
        let len = bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
        (len, bytes.get(at + len).copied())
    };
    let mut state = Data;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match state {
            Data => {
                // Nothing but `<` matters here.
                i += memchr(b'<', &bytes[i..])?;
                state = LessThan;
            }
            LessThan => match b {
                b'/' => {
                    // An appropriate end tag ends the script; any other is text.
                    if names_script(i + 1)? {
                        let end = tag_end(bytes, i + 7).map_or(bytes.len(), |(gt, _)| gt + 1);
                        return Some((i - 1, end));
                    }
                    state = Data;
                }
                b'!' => state = EscapeStart,
                _ => {
                    state = Data;
                    continue;
                }
            },
            EscapeStart | EscapeStartDash => {
                if b != b'-' {
                    state = Data;
                    continue;
                }
                state = if state == EscapeStart {
                    EscapeStartDash
                } else {
                    EscapedDashDash
                };
            }
            Escaped | EscapedDash | EscapedDashDash => {
                state = match (b, state) {
                    (b'-', Escaped) => EscapedDash,
                    (b'-', _) => EscapedDashDash,
                    (b'<', _) => EscapedLessThan,
                    (b'>', EscapedDashDash) => Data,
                    _ => Escaped,
                };
            }
            EscapedLessThan => {
                if b == b'/' {
                    if names_script(i + 1)? {
                        let end = tag_end(bytes, i + 7).map_or(bytes.len(), |(gt, _)| gt + 1);
                        return Some((i - 1, end));
                    }
                    state = Escaped;
                } else if b.is_ascii_alphabetic() {
                    // Double escape start: `<script` followed by a delimiter opens the double
                    // escaped state; other letters stay escaped text.
                    let (len, after) = letters(i);
                    let after = after?;
                    i += len;
                    if is_delimiter(after) {
                        state = if bytes[i - len..i].eq_ignore_ascii_case(b"script") {
                            DoubleEscaped
                        } else {
                            Escaped
                        };
                        i += 1;
                    } else {
                        state = Escaped;
                    }
                    continue;
                } else {
                    state = Escaped;
                    continue;
                }
            }
            DoubleEscaped | DoubleEscapedDash | DoubleEscapedDashDash => {
                state = match (b, state) {
                    (b'-', DoubleEscaped) => DoubleEscapedDash,
                    (b'-', _) => DoubleEscapedDashDash,
                    (b'<', _) => DoubleEscapedLessThan,
                    (b'>', DoubleEscapedDashDash) => Data,
                    _ => DoubleEscaped,
                };
            }
            DoubleEscapedLessThan => {
                if b != b'/' {
                    state = DoubleEscaped;
                    continue;
                }
                // Double escape end: `</script` followed by a delimiter returns to escaped.
                let (len, after) = letters(i + 1);
                let after = after?;
                i += 1 + len;
                if is_delimiter(after) {
                    state = if bytes[i - len..i].eq_ignore_ascii_case(b"script") {
                        Escaped
                    } else {
                        DoubleEscaped
                    };
                    i += 1;
                } else {
                    state = DoubleEscaped;
                }
                continue;
            }
        }
        i += 1;
    }
    None
}

/// The range of the tag name starting at `from`, as the tokenizer's tag name state ends it.
fn tag_name(bytes: &[u8], from: usize) -> (usize, usize) {
    let len = bytes[from..]
        .iter()
        .position(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C | b'/' | b'>'))
        .unwrap_or(bytes.len() - from);
    (from, from + len)
}

/// The atom of the tag or attribute name `html[range]` (see [`lowercase`]): the most common
/// names by a match on their bytes, which is cheaper than hashing them into the static set.
fn local_name(html: &str, range: (usize, usize)) -> LocalName {
    match &html.as_bytes()[range.0..range.1] {
        b"a" => local_name!("a"),
        b"b" => local_name!("b"),
        b"i" => local_name!("i"),
        b"p" => local_name!("p"),
        b"g" => local_name!("g"),
        b"id" => local_name!("id"),
        b"li" => local_name!("li"),
        b"ul" => local_name!("ul"),
        b"br" => local_name!("br"),
        b"em" => local_name!("em"),
        b"h1" => local_name!("h1"),
        b"h2" => local_name!("h2"),
        b"h3" => local_name!("h3"),
        b"td" => local_name!("td"),
        b"tr" => local_name!("tr"),
        b"div" => local_name!("div"),
        b"img" => local_name!("img"),
        b"svg" => local_name!("svg"),
        b"rel" => local_name!("rel"),
        b"nav" => local_name!("nav"),
        b"use" => local_name!("use"),
        b"span" => local_name!("span"),
        b"meta" => local_name!("meta"),
        b"link" => local_name!("link"),
        b"path" => local_name!("path"),
        b"href" => local_name!("href"),
        b"type" => local_name!("type"),
        b"name" => local_name!("name"),
        b"role" => local_name!("role"),
        b"lang" => local_name!("lang"),
        b"time" => local_name!("time"),
        b"form" => local_name!("form"),
        b"class" => local_name!("class"),
        b"style" => local_name!("style"),
        b"input" => local_name!("input"),
        b"label" => local_name!("label"),
        b"script" => local_name!("script"),
        b"button" => local_name!("button"),
        b"symbol" => local_name!("symbol"),
        b"header" => local_name!("header"),
        b"footer" => local_name!("footer"),
        b"strong" => local_name!("strong"),
        b"source" => local_name!("source"),
        b"section" => local_name!("section"),
        b"article" => local_name!("article"),
        b"content" => local_name!("content"),
        b"picture" => local_name!("picture"),
        b"property" => local_name!("property"),
        b"itemprop" => local_name!("itemprop"),
        b"datetime" => local_name!("datetime"),
        b"aria-hidden" => local_name!("aria-hidden"),
        b"aria-label" => local_name!("aria-label"),
        _ => LocalName::from(lowercase(html, range).as_ref()),
    }
}

/// The tag or attribute name `html[range]` as the tokenizer gives it: ASCII upper case lowered,
/// the rest kept. Only called on names without NUL (which the tokenizer replaces); a name lies
/// between ASCII bytes (`<`, delimiters, quotes), so on character boundaries.
fn lowercase(html: &str, (start, end): (usize, usize)) -> Cow<'_, str> {
    let name = html.get(start..end).unwrap_or_default();
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod review;

#[cfg(test)]
mod tests {
    use super::super::{Data, Dom};
    use crate::testing::joined_pieces;

    /// Every node of the arena, in arena order, with its links and everything it holds.
    pub(super) fn arena(dom: &Dom) -> String {
        let mut out = String::new();
        for (i, n) in dom.nodes.iter().enumerate() {
            out.push_str(&format!(
                "{i}: ^{} v{} {} <{} >{} ",
                n.parent as i64,
                n.first_child as i64,
                n.last_child as i64,
                n.prev_sibling as i64,
                n.next_sibling as i64
            ));
            match &n.data {
                Data::Document => out.push_str("#document"),
                Data::Element(e) => {
                    out.push_str(&format!("{:?} {:?}:{}", e.tag, e.name.ns, e.name.local));
                    for a in &e.attrs {
                        out.push_str(&format!(
                            " {:?}:{:?}:{}={:?}",
                            a.name.prefix, a.name.ns, a.name.local, &*a.value
                        ));
                    }
                }
                Data::Text(t) => out.push_str(&format!("{:?}", &**t)),
                Data::Other => out.push_str("#other"),
            }
            out.push('\n');
        }
        out
    }

    /// Where two [`arena`]s first differ (`None` when they are the same).
    pub(super) fn first_difference(ours: &str, theirs: &str) -> Option<String> {
        if ours == theirs {
            return None;
        }
        Some(
            ours.lines()
                .zip(theirs.lines())
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("ours:   {a}\ntheirs: {b}"))
                .unwrap_or_else(|| format!("(lengths differ)\nours:\n{ours}\ntheirs:\n{theirs}")),
        )
    }

    fn assert_same_arena(html: &str) {
        let ours = arena(&Dom::parse(html));
        let theirs = arena(&Dom::parse_with_html5ever_alone(html));
        if let Some(diff) = first_difference(&ours, &theirs) {
            panic!("{html:?}\n{diff}");
        }
    }

    #[test]
    fn plain_markup_and_what_is_handed_over() {
        for html in [
            "",
            "a",
            "<p>a",
            "\u{feff}<p>a\u{feff}b",
            "\u{feff}\u{feff}a",
            "<!DOCTYPE html><html lang=en><head><title>T &amp; U</title><meta charset=utf-8>\u{feff}x</head>",
            "<head><meta http-equiv=Content-Type content=\"text/html; charset=gbk\">\u{feff}<p>a",
            "<script>x</script>\u{feff}a",
            "<svg><script>x</script>\u{feff}a</svg>",
            "<svg><script></script>\u{feff}</svg>",
            "<div class=\"a b\" id=c><p>x &amp; y<br/>z</p></div>",
            "<P CLASS=A Id=b CLASS=c>x</P>",
            "<a href=\"/x?a=1&amp;b=2\">l</a>",
            "<a href='/x' title=\"a>b\" data-x=1>l</a>",
            "<pre>\nx</pre><pre>\n\ny</pre><textarea>\nz</textarea><listing>\nw</listing>",
            "<pre><b>x</b>\ny</pre><pre>\u{feff}\nx</pre>",
            "<table>a<tr>b<td>c</td>d</tr>e</table>f",
            "<table> \n <tr> <td>x</td> </tr>\n</table>",
            "<b>1<p>2</b>3</p>",
            "<script>a</script><style>b</style><title>c &amp; d</title><textarea>e</textarea><xmp>f</xmp>",
            "<iframe>g</iframe><noembed>h</noembed><noframes>i</noframes><noscript><p>j</p></noscript>",
            "<script><!-- x </script> --></script><p>after",
            "<script>a</scripty></script ><p>b</SCRIPT>",
            "<plaintext><p>a</p>",
            "<p>a<plaintext>b<p>",
            "<svg><title><p>a</p></title><style>x</style><![CDATA[<p>]]></svg><![CDATA[x]]>",
            "<math><mi>x</mi><annotation-xml encoding=\"text/html\"><p>a</annotation-xml></math>",
            "<svg><font color=red>a</font></svg><p>b",
            "<!-- a --><!----><!---><!--><!-- b --!><!--",
            "a<!---->b",
            "<?php x ?><p>a</ b><p>c</>d</",
            "<p>a < b <3 c<</p><",
            "<p>a\r\nb\rc</p>\r\n<p\r\nclass=x>y</p>",
            "<p>a\0b</p><p\0>c</p><p x\0=1>d</p>",
            "<div",
            "<div class=\"x",
            "<div class=x ",
            "</div",
            "</div x",
            "<!DOCTYPE",
            "<![CDATA[",
            "<p a=1 a=2 b c=>x</p a=1><br/><br /><br/ ><img/src=x>",
            "<frameset><frame></frameset>",
            "<html><body><p>a</p></body></html>\n\n<p>after</p>",
            "<head></head>\n<body>\n<p>a</p>\n</body>",
            "<template><p>a</p></template><template shadowrootmode=open><b>x</b></template>",
            "<select><option>a<option>b</select><input type=hidden>",
            "<table><input type=hidden><input type=text></table>",
            "<a>1<a>2<b><i><u><div>3</b>4</div>",
            "<p>\u{4e2d}\u{6587}<span lang=\u{4e2d}>x</span>",
            "<noscript><img src=x></noscript>",
            "<head><noscript><link rel=a></noscript></head>",
            "<script><!-- a <script> b </script> c </script> d --></script><p>e",
            "<script><!-- a <script> b --></script><p>c",
            "<script><!--<script></script></script><p>",
            "<script><!-- --!></script>",
            "<script>a</script b=1><p>c</script/>",
            "<textarea>\na &amp; b</textarea><title>a</title ><style>a&b</style>",
            "<script>a\rb</script><style>\0</style>",
            "<script>\u{feff}a</script>\u{feff}b",
            "<script>a</script",
            "<script>a</script ",
            "a&amp;b&lt;c&gt;d&quot;e&nbsp;f&#65;g&#x41;h&#X42;i&notin;j&AMP;k&copy;&NotNestedLessLess;",
            "&#x80;a",
            "&#128;a",
            "&#0;a",
            "&#xD800;a",
            "&#xFFFE;a",
            "&#1114111;",
            "&#x10FFFF;",
            "&#9999999;",
            "&#1;",
            "&#9;&#10;&#12;&#13;&#127;",
            "&noti;",
            "&not a",
            "&notit;",
            "&ampx;",
            "&amp",
            "&#65",
            "&#;",
            "&#x;",
            "&;",
            "& &",
            "a&",
            "a&<p>",
            "&<",
            "AT&T;",
            "&foo;",
            "&#0065;",
            "&#0000065;",
            "<a href=\"/x?a=1&amp;b=2&c=3&d\" title='&lt;&#65;' alt=&amp;x data-x=&not=1 rel=&notx>l</a>",
            "<a href=\"&ampx=1\" title='&not'>l</a><a title=\"&\">m</a><a title=&>n</a>",
            "<title>A &amp; B &#8211; C</title><textarea>&#10;x &lt;</textarea><title>&ampx;</title>",
            "<pre>&#10;x</pre><pre>&#10;</pre><pre>&amp;\nx</pre><textarea>&#10;</textarea>",
            "<p>a&#10;</p><table>&nbsp;<tr><td>x</table><table>&#32;<tr></table>",
        ] {
            assert_same_arena(html);
        }
    }

    #[test]
    fn random_markup_builds_the_same_arena() {
        // Pieces that meet at the edges of the tokenizer's states, put together at random.
        const PIECES: &str = concat!(
            "<|>|/|=|\"|'| |\n|\r|\0|x|&|&amp;|&amp|&#38;|&lt|&notin;|&noti|&#x;|<!--|-->|--!>|-|!|<!-->|",
            "<!---->|<!DOCTYPE html>|<?x>|</>|</ x>|<div|<p|<a|</a>|</div>|</p>|<svg|</svg>|<path|<math|",
            "<font|<table>|<tr>|<td>|</table>|<input|<script>|</script>|<style>|</style>|<title>|</title>|",
            "<textarea>|</textarea>|<template|</template>|<![CDATA[|]]>| class=| CLASS=| id=| href=|",
            " data-x=| d=| type=hidden| color=red| shadowrootmode=open| charset=utf-8| hidden|\"v\"|'v'|v|",
            "/>|\n |<pre>|</pre>|<listing>|<b>|</b>|<i>|</i>|\u{4e2d}|\u{feff}|<meta|<head>|<body>|<html>|",
            "<plaintext>|<noscript>|</noscript>|<iframe>|<xmp>|<SCRIPT>|</Script>|<frameset>|<select>|",
            "<option>|<li>|<ul>|<h1>|<br>|<img|<foreignObject>|<desc>|</desc>|<mi>|<annotation-xml|",
            " encoding=text/html|<button>|<form>|<nobr>|<caption>|<colgroup>|<col>|&#10;|&#x41;|&nbsp;|",
            "&#128;|&AMP;|&ampx;|&not|&notin;|&#0;|&#xFFFE;|&#|&#x|;",
        );
        for html in joined_pieces(PIECES, 0x2545_F491_4F6C_DD1D, 20_000, 50) {
            assert_same_arena(&html);
        }
    }

    #[test]
    fn random_raw_text_builds_the_same_arena() {
        // Raw text, and scripts with the escaped states `<!--` opens, where the end tag is found
        // here rather than by html5ever's tokenizer.
        const PIECES: &str = concat!(
            "<script>|</script>|<script |</script |<SCRIPT>|</Script\n>|</scrip|<scripts>|</scripts>|<!--|-->|",
            "<!-->|-|--|<|>|/|x| |\n|\0|\r|&amp;|<p>|</p>|<title>|</title>|<style>|</style>|<textarea>|",
            "</textarea>|<noscript>|</noscript>|<svg>|</svg>|<xmp>|</xmp>|<iframe>|</iframe>|\u{feff}|",
            "<meta charset=utf-8>|<pre>|<table>|<td>|<script type=x>|</script a=1>|</script/>|&#10;|&nbsp;|",
            "&notin;|&not|&ampx;|&#x80;|<a title=|&#65;",
        );
        for html in joined_pieces(PIECES, 0x9E37_79B9_7F4A_7C15, 20_000, 30) {
            assert_same_arena(&html);
        }
    }

    #[test]
    fn common_names_are_the_atoms_of_their_names() {
        for name in [
            "a",
            "b",
            "i",
            "p",
            "g",
            "id",
            "li",
            "ul",
            "br",
            "em",
            "h1",
            "h2",
            "h3",
            "td",
            "tr",
            "div",
            "img",
            "svg",
            "rel",
            "nav",
            "use",
            "span",
            "meta",
            "link",
            "path",
            "href",
            "type",
            "name",
            "role",
            "lang",
            "time",
            "form",
            "class",
            "style",
            "input",
            "label",
            "script",
            "button",
            "symbol",
            "header",
            "footer",
            "strong",
            "source",
            "section",
            "article",
            "content",
            "picture",
            "property",
            "itemprop",
            "datetime",
            "aria-hidden",
            "aria-label",
        ] {
            assert_eq!(
                super::local_name(name, (0, name.len())),
                html5ever::LocalName::from(name)
            );
            assert_same_arena(&format!("<div {name}=x><{name} {name}=y>z</{name}></div>"));
        }
    }

    /// The pages of a directory (`PAGEWASH_PARSE_DIFF_DIR`, files or `.gz`), as they come and
    /// as the pre-pass leaves them. Skipped when the variable is not set.
    #[test]
    fn pages_build_the_same_arena() {
        use std::io::Read;
        let Some(dir) = std::env::var_os("PAGEWASH_PARSE_DIFF_DIR") else {
            return;
        };
        let mut dirs = vec![std::path::PathBuf::from(dir)];
        let mut pages = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let mut bytes = std::fs::read(&path).unwrap();
                if path.extension().is_some_and(|e| e == "gz") {
                    let mut out = Vec::new();
                    if flate2::read::MultiGzDecoder::new(&bytes[..])
                        .read_to_end(&mut out)
                        .is_err()
                    {
                        continue;
                    }
                    bytes = out;
                }
                let html = String::from_utf8_lossy(&bytes);
                assert_same_arena(&html);
                assert_same_arena(&super::super::super::nesting::prepare(&html));
                pages += 1;
            }
        }
        eprintln!("{pages} pages");
    }
}
