//! Repairs of text damaged before it reached us. Each repair family can be turned off and
//! reports how often it fired.
//!
//! Every repair is destructive, so each is built for precision: it looks for the signature of
//! its damage, computes what the text must have been, and keeps the result only when that is
//! clearly better (valid where the damage was not, or clearly more plausible Chinese by the
//! character-frequency model of [`super::hanzi`]). Clean text passes through borrowed.

mod markup;
mod misaligned;
mod mojibake;
mod pinyin;
mod runs;

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

impl RepairOptions {
    fn enabled(&self, kind: &str) -> bool {
        !self.disabled.iter().any(|k| k == kind)
    }
}

pub const MISALIGNED_GBK: &str = "misaligned-gbk";
pub const PINYIN_ANNOTATION: &str = "pinyin-annotation";
pub const UTF8_AS_GBK: &str = "utf8-as-gbk";
pub const UTF8_AS_LATIN1: &str = "utf8-as-latin1";
pub const GBK_AS_LATIN1: &str = "gbk-as-latin1";
pub const REPLACEMENT_RUN: &str = "replacement-run";
pub const LEAKED_MARKUP: &str = "leaked-markup";

/// The repair families, by the `kind` they report.
pub const KINDS: &[&str] = &[
    MISALIGNED_GBK,
    PINYIN_ANNOTATION,
    UTF8_AS_GBK,
    UTF8_AS_LATIN1,
    GBK_AS_LATIN1,
    REPLACEMENT_RUN,
    LEAKED_MARKUP,
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

    /// How often `kind` fired so far.
    pub fn count(&self, kind: &str) -> u64 {
        self.counts.iter().find(|(k, _)| *k == kind).map_or(0, |(_, n)| *n)
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

/// Whether `bytes` holds `len` bytes in a row that are all 0x80 or above. Every non-ASCII
/// character is two to four such bytes in UTF-8, so a pass that needs `n` non-ASCII characters
/// in a row cannot fire on text without a run of `2 * n` high bytes: a byte scan rejects most
/// text (ASCII with a curly quote or a dash here and there) before any character is decoded.
fn has_high_byte_run(bytes: &[u8], len: usize) -> bool {
    if bytes.is_ascii() {
        return len == 0;
    }
    let mut run = 0;
    for &b in bytes {
        if b >= 0x80 {
            run += 1;
            if run >= len {
                return true;
            }
        } else {
            run = 0;
        }
    }
    len == 0
}

/// The bytes `encoding` (GBK or windows-1252: stateless, its own output encoding) writes for
/// `c`, `None` when it has none: the answer of `encoding.encode` for the one character
/// (`unmappable` there is `Unmappable` here), without its allocations, which cost more than
/// the encoding itself in the per-character loops of the repairs.
fn encode_char<'b>(encoding: &'static encoding_rs::Encoding, c: char, buffer: &'b mut [u8; 8]) -> Option<&'b [u8]> {
    let mut utf8 = [0u8; 4];
    let mut encoder = encoding.new_encoder();
    let (result, _, written) = encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut utf8), buffer, true);
    match result {
        encoding_rs::EncoderResult::InputEmpty => Some(&buffer[..written]),
        _ => None,
    }
}

/// The GBK bytes of `c` ([`encode_char`] for GBK), read from [`GbkPairs`] for the BMP: the
/// encoder searches its tables for each character, which was most of the time of the
/// misaligned-text repair on a long damaged page (it encodes each character of up to 24
/// candidate spans per trigger).
fn encode_gbk(c: char, buffer: &mut [u8; 8]) -> Option<&[u8]> {
    let code = c as u32;
    if code < 0x80 {
        buffer[0] = code as u8;
        return Some(&buffer[..1]);
    }
    if code == 0x20AC {
        // The euro sign is GBK's one single high byte.
        buffer[0] = 0x80;
        return Some(&buffer[..1]);
    }
    let pair = *GBK_PAIRS.by_char.get(code as usize)?;
    if pair == 0 {
        // The encoder also writes the private-use code points of pairs the decoder now reads
        // as standard characters (GB 18030-2005).
        return if (0xE000..=0xF8FF).contains(&code) {
            encode_char(encoding_rs::GBK, c, buffer)
        } else {
            None
        };
    }
    buffer[..2].copy_from_slice(&pair.to_be_bytes());
    Some(&buffer[..2])
}

/// GBK's pairs both ways, from decoding every pair of a lead byte 81–FE and a second byte
/// 40–FE once, a line each (the decoder's set-up would cost more than the decoding of each of
/// the 24 066 pairs alone). A line that is not exactly one non-ASCII character other than
/// U+FFFD (which GBK maps no pair to) is no character: a second byte the pair cannot take
/// comes out as U+FFFD and then itself (an ASCII byte), or as U+FFFD with the line break, which
/// the decoder never swallows.
struct GbkPairs {
    /// The character of each pair, at [`GbkPairs::index`].
    by_pair: Vec<Option<char>>,
    /// Each BMP character's pair (`lead << 8 | trail`, 0: none); the first pair (the lowest
    /// pointer) of a character is the encoder's.
    by_char: Vec<u16>,
}

impl GbkPairs {
    const LEADS: std::ops::RangeInclusive<u8> = 0x81..=0xFE;
    const TRAILS: std::ops::RangeInclusive<u8> = 0x40..=0xFE;

    fn index(lead: u8, trail: u8) -> Option<usize> {
        if !Self::LEADS.contains(&lead) || !Self::TRAILS.contains(&trail) {
            return None;
        }
        Some(usize::from(lead - 0x81) * 191 + usize::from(trail - 0x40))
    }

    fn build() -> GbkPairs {
        let pairs: Vec<(u8, u8)> = Self::LEADS
            .flat_map(|lead| Self::TRAILS.map(move |trail| (lead, trail)))
            .collect();
        let mut lines = Vec::with_capacity(pairs.len() * 3);
        for (lead, trail) in &pairs {
            lines.extend_from_slice(&[*lead, *trail, b'\n']);
        }
        let (decoded, _) = encoding_rs::GBK.decode_without_bom_handling(&lines);
        let mut by_pair = Vec::with_capacity(pairs.len());
        let mut by_char = vec![0u16; 0x10000];
        for ((lead, trail), line) in pairs.iter().zip(decoded.split('\n')) {
            let mut chars = line.chars();
            let c = match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_ascii() && c != '\u{FFFD}' => Some(c),
                _ => None,
            };
            if let Some(code) = c.map(|c| c as usize)
                && code < 0x10000
                && by_char[code] == 0
            {
                by_char[code] = u16::from_be_bytes([*lead, *trail]);
            }
            by_pair.push(c);
        }
        debug_assert_eq!(by_pair.len(), pairs.len());
        GbkPairs { by_pair, by_char }
    }
}

static GBK_PAIRS: std::sync::LazyLock<GbkPairs> = std::sync::LazyLock::new(GbkPairs::build);

/// The character GBK reads from the pair `lead`, `trail` when the table holds the pair (lead
/// 81–FE, second byte 40–FE): `Some(None)` when that is not one non-ASCII character. `None`
/// for pairs outside the table.
fn gbk_pair(lead: u8, trail: u8) -> Option<Option<char>> {
    GbkPairs::index(lead, trail).map(|index| GBK_PAIRS.by_pair[index])
}

/// One repair pass: returns the repaired text and how many repairs it made, or `None` when it
/// changed nothing.
type Pass = fn(&str) -> Option<(String, u64)>;

/// Applies the enabled repairs to `text`, a whole document, in an order where each family sees
/// the text the earlier ones restored: mojibake first (it restores whole runs of characters),
/// then the misaligned GBK spans (whose markers `?`/U+FFFD the run removal would otherwise eat),
/// then leftover replacement runs, pinyin annotations, and leaked markup last (a misaligned span
/// may have hidden a `</p>`).
pub fn repair<'a>(text: &'a str, origin: Origin, opts: &RepairOptions, log: &mut RepairLog) -> Cow<'a, str> {
    passes(text, origin, opts, log, true)
}

/// Repairs the texts of one document taken from an HTML tree (its blocks and metadata fields)
/// each in place, as [`repair`] does a whole text; pinyin annotations last, judged on what
/// all of them show (whether the page was annotated throughout, see [`pinyin::Survey`]).
pub fn repair_fields(fields: &mut [&mut String], opts: &RepairOptions, log: &mut RepairLog) {
    for field in fields.iter_mut() {
        if let Cow::Owned(fixed) = passes(field, Origin::HtmlText, opts, log, false) {
            **field = fixed;
        }
    }
    if !opts.enabled(PINYIN_ANNOTATION) {
        return;
    }
    let survey = pinyin::Survey::of(fields.iter().map(|f| f.as_str()));
    for field in fields.iter_mut() {
        if let Some((fixed, count)) = pinyin::repair_with(field, &survey) {
            log.add(PINYIN_ANNOTATION, count);
            **field = fixed;
        }
    }
}

/// The enabled passes over `text`, the pinyin one only when `with_pinyin` (the text is the
/// whole document).
fn passes<'a>(
    text: &'a str,
    origin: Origin,
    opts: &RepairOptions,
    log: &mut RepairLog,
    with_pinyin: bool,
) -> Cow<'a, str> {
    const PASSES: [(&str, Pass); 7] = [
        (UTF8_AS_LATIN1, mojibake::utf8_as_latin1),
        (UTF8_AS_GBK, mojibake::utf8_as_gbk),
        (GBK_AS_LATIN1, mojibake::gbk_as_latin1),
        (MISALIGNED_GBK, misaligned::repair),
        (REPLACEMENT_RUN, runs::repair),
        (PINYIN_ANNOTATION, pinyin::repair),
        (LEAKED_MARKUP, markup::repair),
    ];
    let mut current = Cow::Borrowed(text);
    for (kind, pass) in PASSES {
        // Markup in text taken from an HTML tree is the page's text (`<div>` in an article
        // about HTML).
        if (kind == LEAKED_MARKUP && origin == Origin::HtmlText)
            || (kind == PINYIN_ANNOTATION && !with_pinyin)
            || !opts.enabled(kind)
        {
            continue;
        }
        if let Some((repaired, count)) = pass(&current) {
            log.add(kind, count);
            current = Cow::Owned(repaired);
        }
    }
    current
}

#[cfg(test)]
mod tests;
