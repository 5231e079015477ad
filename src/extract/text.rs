//! Character-level measures that work across scripts, and whitespace folding.

pub use crate::meta::chars::is_unspaced;

/// Characters around which a line break in the source disappears rather than becoming a
/// space (CSS Text segment-break rule for East Asian wide characters).
fn is_wide(c: char) -> bool {
    is_unspaced(c) || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// Sentence punctuation of Latin and CJK text.
pub fn is_sentence_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '！' | '？' | '；' | '：' | '、' | '」' | '”' | '．' | '｡' | '､' | '…'
    )
}

/// What a stretch of text weighs: words (a CJK character counts as 0.6 of a word, about what
/// it carries), sentence punctuation, and whether it ends like a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Measure {
    pub words: f32,
    pub punct: u32,
    pub chars: u32,
    /// Gaps between words (whitespace runs) and CJK characters: with neither, a long run of
    /// "words" is an address or an identifier, not prose.
    pub gaps: u32,
}

impl Measure {
    pub fn of(text: &str) -> Measure {
        let mut m = Measure::default();
        let mut in_word = false;
        let mut prev = ' ';
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii_alphanumeric() {
                // A run of ASCII letters and digits, most of most text, in one step: character
                // by character, the first adds a word unless one is open, each adds a
                // character, and the word stays open (the branch for alphanumerics below).
                let start = at;
                while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                    at += 1;
                }
                if !in_word {
                    m.words += 1.0;
                }
                m.chars += (at - start) as u32;
                in_word = true;
                prev = char::from(bytes[at - 1]);
                continue;
            }
            if matches!(b, b'\t'..=b'\r' | b' ') {
                // A run of ASCII whitespace (most text nodes between tags are nothing else) in
                // one step: character by character, each closes the word, only the first can
                // follow Latin punctuation or a non-space (the others follow a space), and none
                // is a character.
                let start = at;
                at = ascii_space_run_end(bytes, at);
                in_word = false;
                if matches!(prev, ',' | '.' | ';' | '!' | '?' | ':') {
                    m.punct += 1;
                }
                if !prev.is_whitespace() {
                    m.gaps += 1;
                }
                debug_assert!(at > start);
                prev = char::from(bytes[at - 1]);
                continue;
            }
            // `at` is on a character boundary: it only ever moves by whole characters.
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                let Some(c) = text[at..].chars().next() else { break };
                c
            };
            at += c.len_utf8();
            // ASCII, the common case, is decided without the Unicode tables.
            let ascii = c.is_ascii();
            if !ascii && is_unspaced(c) {
                m.words += 0.6;
                m.chars += 1;
                m.gaps += 1;
                in_word = false;
            } else if crate::meta::chars::is_alphanumeric(c) {
                if !in_word {
                    m.words += 1.0;
                }
                m.chars += 1;
                in_word = true;
            } else {
                in_word = false;
                let space = if ascii {
                    matches!(c, '\t'..='\r' | ' ')
                } else {
                    c.is_whitespace()
                };
                let latin_punct = space && matches!(prev, ',' | '.' | ';' | '!' | '?' | ':');
                if latin_punct || !ascii && is_sentence_punct(c) {
                    m.punct += 1;
                }
                if !space {
                    m.chars += 1;
                } else if !prev.is_whitespace() {
                    m.gaps += 1;
                }
            }
            prev = c;
        }
        if matches!(prev, '.' | '!' | '?' | ',' | ';' | ':') {
            m.punct += 1;
        }
        m
    }

    pub fn add(&mut self, other: &Measure) {
        self.words += other.words;
        self.punct += other.punct;
        self.chars += other.chars;
        self.gaps += other.gaps;
    }

    /// Whether the text reads as prose: sentence punctuation, or a run of words long enough
    /// to be a sentence (and not one long address such as a URL).
    pub fn is_prose(&self) -> bool {
        self.punct > 0 || (self.words >= 8.0 && self.gaps as f32 >= 0.3 * self.words)
    }
}

/// An ASCII byte that is not whitespace (as `char::is_whitespace` has it: tab to carriage
/// return, and space).
fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ')
}

/// Characters a line folds as space: whitespace, and the zero-width space and BOM some pages
/// pad with.
fn is_space_like(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// Where the text [`LineBuilder::push`] copies as it is ends, from byte `from` (a character
/// boundary) just after a non-space character was pushed: non-space characters, and single
/// ASCII spaces each followed by one (folding leaves such a space as it is), so most of a
/// sentence is one copy rather than one per word.
fn verbatim_run_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        // Eight bytes of printable ASCII and lone spaces (most of an English sentence) at once.
        if let Some(chunk) = bytes.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok())
            && is_plain_chunk(u64::from_le_bytes(chunk))
        {
            at += 8;
            continue;
        }
        // Otherwise a character (or a lone space) at a time, for at least eight bytes before
        // the next try, so text the chunks do not fit is read about as fast as without them.
        let stop = (at + 8).min(bytes.len());
        while at < stop {
            let b = bytes[at];
            if b.is_ascii() {
                if is_ascii_word_byte(b) {
                    at += 1;
                    continue;
                }
                if b != b' ' {
                    return at;
                }
                // A lone space: kept when a non-space character follows it.
                match bytes.get(at + 1) {
                    Some(&next) if is_ascii_word_byte(next) => at += 2,
                    Some(&next) if !next.is_ascii() => {
                        if text[at + 1..].chars().next().is_none_or(is_space_like) {
                            return at;
                        }
                        // The character after the space is passed by the next round.
                        at += 1;
                    }
                    _ => return at,
                }
            } else {
                let Some(c) = text[at..].chars().next() else { return at };
                if is_space_like(c) {
                    return at;
                }
                at += c.len_utf8();
            }
        }
        if at >= bytes.len() {
            return at;
        }
    }
}

/// Whether all eight bytes of `chunk` are copied as they are by [`verbatim_run_end`] for a
/// plain reason: each is printable ASCII (`!` to DEL) or a space followed, inside the chunk, by
/// such a byte. (Control characters and non-ASCII text are left to the byte loop.)
fn is_plain_chunk(chunk: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if chunk & HIGH != 0 {
        return false;
    }
    // Below 0x80 no byte carries into the next: a byte of 0x21 or more gets its high bit from
    // adding 0x80 - 0x21; a byte other than a space is not zero after `^ 0x20`, and adding 0x7f
    // sets its high bit.
    let printable = chunk.wrapping_add(ONES * (0x80 - 0x21)) & HIGH;
    let space = !(chunk ^ (ONES * 0x20)).wrapping_add(ONES * 0x7f) & HIGH;
    // Every byte printable or a space, no space followed by a space (the next byte is the
    // next higher one), and the last byte no space (what follows it is not in the chunk).
    printable | space == HIGH && (space << 8) & space == 0 && space >> 63 == 0
}

/// Builds one line of text from DOM text nodes: whitespace runs become one space, except that
/// a line break between two wide characters disappears; no leading or trailing space.
#[derive(Debug, Default)]
pub struct LineBuilder {
    pub text: String,
    /// A whitespace run is pending: `Some(true)` when it held a line break.
    pending: Option<bool>,
    /// Separator to put before the next text instead of a space (table cells).
    pending_separator: Option<&'static str>,
}

impl LineBuilder {
    pub fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII whitespace in one step: character by character, each one (the text
            // unchanged meanwhile) leaves a pending space, with a line break if any of them was
            // one (see `push_char`).
            let spaces_end = ascii_space_run_end(bytes, i);
            if spaces_end > i {
                if !self.text.is_empty() {
                    let newline = bytes[i..spaces_end].iter().any(|b| matches!(b, b'\n' | b'\r'));
                    self.pending = Some(self.pending.unwrap_or(false) || newline);
                }
                i = spaces_end;
                continue;
            }
            if bytes[i].is_ascii() {
                // An ASCII character that is not a space opens a run: what goes before it, then
                // the whole run in one copy (`push_char` would push the character, then the
                // loop the rest of the run).
                self.open_word(char::from(bytes[i]));
                let end = verbatim_run_end(text, i + 1);
                self.text.push_str(&text[i..end]);
                i = end;
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            self.push_char(c);
            i += c.len_utf8();
            if is_space_like(c) {
                continue;
            }
            // The rest of the run is copied as it is: its first character decided what goes
            // before it (most of the text of most pages).
            let end = verbatim_run_end(text, i);
            self.text.push_str(&text[i..end]);
            i = end;
        }
    }

    fn push_char(&mut self, c: char) {
        if is_space_like(c) {
            if !self.text.is_empty() {
                let newline = c == '\n' || c == '\r';
                self.pending = Some(self.pending.unwrap_or(false) || newline);
            }
            return;
        }
        self.open_word(c);
        self.text.push(c);
    }

    /// What goes before `c`, a character that is not space-like, when it is pushed: the
    /// pending separator or space, if any.
    fn open_word(&mut self, c: char) {
        if !self.text.is_empty() {
            if let Some(sep) = self.pending_separator.take() {
                self.text.push_str(sep);
                self.pending = None;
            } else if let Some(newline) = self.pending.take() {
                // The last character is decoded only when a line break precedes a wide one.
                let joins = newline && is_wide(c) && is_wide(self.text.chars().next_back().unwrap_or(' '));
                if !joins {
                    self.text.push(' ');
                }
            }
        } else {
            self.pending_separator = None;
        }
        self.pending = None;
    }

    /// Appends preformatted text as it is.
    pub fn push_raw(&mut self, text: &str) {
        if self.text.is_empty() {
            self.text.push_str(text.trim_start_matches(['\n', '\r']));
        } else {
            self.text.push_str(text);
        }
        self.pending = None;
    }

    /// A space before the next text even if the source had none (inline boundaries).
    pub fn soft_break(&mut self) {
        if !self.text.is_empty() && self.pending.is_none() {
            self.pending = Some(false);
        }
    }

    pub fn separate(&mut self, separator: &'static str) {
        if !self.text.is_empty() {
            self.pending_separator = Some(separator);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn take(&mut self) -> String {
        self.pending = None;
        self.pending_separator = None;
        std::mem::take(&mut self.text)
    }

    /// The line as a new string of its exact size, the builder left empty with its buffer:
    /// for a builder that makes many lines, one allocation per line instead of a buffer grown
    /// from nothing for each. A long line is handed over with the buffer instead: a copy would
    /// hold a page of one huge text twice.
    pub fn take_copy(&mut self) -> String {
        const LONG: usize = 64 * 1024;
        if self.text.len() > LONG {
            return self.take();
        }
        let line = self.text.as_str().to_owned();
        self.clear();
        line
    }

    /// Empties the builder, keeping its buffer.
    pub fn clear(&mut self) {
        self.pending = None;
        self.pending_separator = None;
        self.text.clear();
    }
}

/// Whether `text` is empty or all whitespace (`text.trim().is_empty()`), with the ASCII
/// whitespace most such text nodes are made of (the indentation between tags) skipped in a
/// byte loop.
pub fn is_blank(text: &str) -> bool {
    let at = ascii_space_run_end(text.as_bytes(), 0);
    match text.as_bytes().get(at) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => text[at..].trim().is_empty(),
    }
}

/// Where the run of ASCII whitespace (tab to carriage return, and space) of `bytes` from
/// `from` ends. The indentation between tags is long: it is read eight bytes at a time.
pub fn ascii_space_run_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let others = non_space_bytes(u64::from_le_bytes(chunk));
        if others != 0 {
            // The first byte that is no space (little-endian: the lowest flagged).
            return at + (others.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(b'\t'..=b'\r' | b' ') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The high bit of each byte of `chunk` set when the byte is not ASCII whitespace, exactly
/// for the lowest such byte (the bytes above it may be flagged wrongly: a byte of 0x80 or
/// more carries into the next one, and only bytes below it are known to be whitespace).
fn non_space_bytes(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of 9 or more gets its high bit from adding 0x80 - 9; one of 14 or more from
    // adding 0x80 - 14 (no carry out of a byte below 0x80).
    let from_tab = chunk.wrapping_add(ONES * (0x80 - 9));
    let past_cr = chunk.wrapping_add(ONES * (0x80 - 14));
    let tab_to_cr = from_tab & !past_cr;
    // A byte other than a space is not zero after `^ 0x20`: adding 0x7f sets its high bit.
    let not_space = (chunk ^ (ONES * 0x20)).wrapping_add(ONES * 0x7f);
    let space = !not_space;
    ((!(tab_to_cr | space)) | chunk) & HIGH
}

/// Collapses whitespace (as [`LineBuilder`] does) in a short string such as an attribute.
pub fn fold_space(text: &str) -> String {
    let mut line = LineBuilder::default();
    line.push(text);
    line.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold_space("  a \n b  "), "a b");
        assert_eq!(fold_space("中文\n  中文"), "中文中文");
        assert_eq!(fold_space("中文 中文"), "中文 中文");
        assert_eq!(fold_space("\u{3000}\u{3000}正文\u{a0}开始"), "正文 开始");
    }

    /// [`Measure::of`] one character at a time, as it was before ASCII letter runs were
    /// measured in one step.
    fn measure_by_chars(text: &str) -> Measure {
        let mut m = Measure::default();
        let mut in_word = false;
        let mut prev = ' ';
        for c in text.chars() {
            let ascii = c.is_ascii();
            if !ascii && is_unspaced(c) {
                m.words += 0.6;
                m.chars += 1;
                m.gaps += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    m.words += 1.0;
                }
                m.chars += 1;
                in_word = true;
            } else {
                in_word = false;
                let space = c.is_whitespace();
                let latin_punct = space && matches!(prev, ',' | '.' | ';' | '!' | '?' | ':');
                if latin_punct || !ascii && is_sentence_punct(c) {
                    m.punct += 1;
                }
                if !space {
                    m.chars += 1;
                } else if !prev.is_whitespace() {
                    m.gaps += 1;
                }
            }
            prev = c;
        }
        if matches!(prev, '.' | '!' | '?' | ',' | ';' | ':') {
            m.punct += 1;
        }
        m
    }

    #[test]
    fn letter_runs_measure_like_single_characters() {
        let inputs = [
            "",
            " ",
            "x",
            "Hello world, this is it.",
            "“Curly quotes,” she said — twice… Then: done!",
            "3.14 and www.x.com; a1b2c3 ",
            "Café déjà vu, naïve façade, Noël, São Paulo; Zürich?",
            "中文，句子。中文abc中文 123 ｈｅｌｌｏ！",
            "Привет, мир. Γειά σου!",
            "x\u{85}\u{a0}\u{2028}y \u{200b}z\u{feff}",
            "tab\tsep\r\nline\x0bv\x0cf",
            "٣٤٥ ²³ Ⅻ ① digits",
            "a,\u{a0}b.\u{3000}c!",
            "\u{FFFD}\u{FFFD}?!",
            "end with a word",
            "ends,",
            "x.  \n y ;\t\tz",
            "\u{a0}  z\u{2003}\n\u{3000} 。 ",
            "   \n\t  ",
        ];
        for a in inputs {
            for b in inputs {
                let text = format!("{a}{b}");
                let fast = Measure::of(&text);
                let slow = measure_by_chars(&text);
                assert_eq!(fast, slow, "{text:?}");
                // Float sums compared bit for bit: the words are added in the same order.
                assert_eq!(fast.words.to_bits(), slow.words.to_bits(), "{text:?}");
            }
        }
    }

    #[test]
    fn measures() {
        let m = Measure::of("Hello world, this is it.");
        assert_eq!(m.words, 5.0);
        assert_eq!(m.punct, 2);
        let m = Measure::of("中文，句子。");
        assert!((m.words - 2.4).abs() < 1e-4);
        assert_eq!(m.punct, 2);
        assert_eq!(Measure::of("3.14 and www.x.com").punct, 0);
    }

    #[test]
    fn space_runs_end_where_byte_by_byte_they_do() {
        let by_bytes = |bytes: &[u8], from: usize| {
            let mut at = from;
            while at < bytes.len() && matches!(bytes[at], b'\t'..=b'\r' | b' ') {
                at += 1;
            }
            at
        };
        // Every byte value, alone and after runs of each whitespace byte crossing the eight-byte
        // chunks, with whitespace and other bytes after it.
        for b in 0..=255u8 {
            for space in [b' ', b'\t', b'\n', b'\x0b', b'\x0c', b'\r'] {
                for run in 0..20 {
                    for tail in [&b""[..], b" ", b"x", b"\xff\xff", b"\t\t\t\t\t\t\t\t\t"] {
                        let mut bytes = vec![space; run];
                        bytes.push(b);
                        bytes.extend_from_slice(tail);
                        for from in 0..bytes.len().min(3) {
                            assert_eq!(
                                ascii_space_run_end(&bytes, from),
                                by_bytes(&bytes, from),
                                "{bytes:?} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn blank_is_trimmed_empty() {
        for text in [
            "",
            " ",
            "\n\t  \r\x0b\x0c",
            "                  \n",
            "        \u{a0}        ",
            "   \u{3000}\u{2028}",
            "        x",
            "   \u{200b}",
            "\u{feff}",
            "                 é",
            "a",
            " 中",
        ] {
            assert_eq!(is_blank(text), text.trim().is_empty(), "{text:?}");
        }
    }

    /// The chunks of [`verbatim_run_end`] against its byte loop alone: every byte value at
    /// every place of a chunk, among letters and single or double spaces.
    #[test]
    fn plain_chunks_are_what_the_byte_loop_copies() {
        let plain_by_bytes = |chunk: &[u8; 8]| {
            (0..8).all(|k| match chunk[k] {
                0x21..=0x7f => true,
                b' ' => k < 7 && matches!(chunk[k + 1], 0x21..=0x7f),
                _ => false,
            })
        };
        let bases: [&[u8; 8]; 5] = [b"abcdefgh", b"ab cd ef", b"a b c de", b"ab  cdef", b" abcdefg"];
        for base in bases {
            for k in 0..8 {
                for b in 0..=255u8 {
                    let mut chunk = *base;
                    chunk[k] = b;
                    assert_eq!(
                        is_plain_chunk(u64::from_le_bytes(chunk)),
                        plain_by_bytes(&chunk),
                        "{chunk:?}"
                    );
                }
            }
        }
    }

    /// The byte-run path of [`LineBuilder::push`] against one character at a time.
    #[test]
    fn ascii_runs_fold_like_single_characters() {
        let inputs = [
            "  Hello,\u{b}world \n\n next\tline ",
            "中文\n中文 and\nEnglish\u{a0}text\u{200b}here\u{feff}",
            "a\r\nb\u{3000}c\x1fd\x7f e",
            "中文，句子。\u{85}Ünïcödé\u{2028}x\u{200b}\u{200b}ÿ",
            "\u{a0}é",
            "\n\n  \t",
            "  中文\n ",
            "\r中文\u{3000}\n中文",
            "end.\r\n\r\n",
            "a  b\t\tc\x0c\x0bd",
            "one two three. Four, five",
            "a \u{a0}b a \u{200b}b a \u{feff}b a \u{3000}b a \u{85}b",
            "x 中文 y é ü ß 中 文\n中 end ",
            "a \nb a \tb a\n b a b  c",
            "lone space at the end ",
            "Eight by eight: a sentence of some length, with commas; and a\u{a0}few spaces  \n more é.",
            "0123456 89abcde ghijklm opqrstu\twx yz 中文 abcdefg\u{200b}hijklmn",
            "",
            " ",
            "x",
        ];
        for a in inputs {
            for b in inputs {
                let mut fast = LineBuilder::default();
                let mut slow = LineBuilder::default();
                fast.push(a);
                fast.separate(" | ");
                fast.push(b);
                fast.soft_break();
                fast.push(a);
                for c in a.chars() {
                    slow.push_char(c);
                }
                slow.separate(" | ");
                for c in b.chars() {
                    slow.push_char(c);
                }
                slow.soft_break();
                for c in a.chars() {
                    slow.push_char(c);
                }
                assert_eq!(fast.text, slow.text, "{a:?} {b:?}");
            }
        }
    }
}
