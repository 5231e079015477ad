//! Misaligned GBK: GBK text decoded one byte out of step. When a GBK stream is cut between the
//! two bytes of a character (a buffer boundary, a truncated field) and the halves are decoded
//! separately, the lone first byte becomes `?` (or U+FFFD) and the rest is read in pairs that
//! straddle the real characters, giving rare characters, private-use characters and `€`, until
//! a second byte in the ASCII range (`i`, `J`, `|`) puts the decoder back in step:
//! `。”司鵬飛說` comes out as `?!彼均i飛說` (with `！` later folded to `!`).
//!
//! The repair finds such spans by their marker, re-encodes the characters after it as GBK,
//! puts back the lost first byte and decodes again in step, following the bytes until the new
//! reading lines up with the old one. Where the damage left no trace of a byte (the lost first
//! byte, a second byte the decoder swallowed with an ASCII byte into another `?`), the
//! character-frequency model picks the likeliest byte. The new reading is kept only when the
//! model finds it clearly better than the span it replaces.

use std::sync::OnceLock;

use super::pinyin;
use crate::decode::hanzi;
use crate::decode::script::is_han;

/// How many characters a damaged span may run before it must be back in step.
const MAX_SPAN: usize = 64;
/// How many ambiguous ASCII punctuation characters (ASCII or folded full-width) are tried both
/// ways within one span.
const MAX_AMBIGUOUS: usize = 4;

static REPLACEMENT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{FFFD}".as_bytes()));

/// Repairs the misaligned spans; `None` when there are none.
pub fn repair(text: &str) -> Option<(String, u64)> {
    let marked = repair_marked(text);
    let base = marked.as_ref().map_or(text, |(fixed, _)| fixed.as_str());
    match (repair_unmarked(base), marked) {
        (Some((fixed, more)), Some((_, count))) => Some((fixed, count + more)),
        (Some(unmarked), None) => Some(unmarked),
        (None, marked) => marked,
    }
}

/// Spans after a `?` or U+FFFD, the decoder's stand-in for the lost byte.
fn repair_marked(text: &str) -> Option<(String, u64)> {
    if memchr::memchr(b'?', text.as_bytes()).is_none() && REPLACEMENT.find(text.as_bytes()).is_none() {
        return None;
    }
    let mut out = String::new();
    let mut count = 0;
    let mut last = 0;
    let mut search = 0;
    while let Some(offset) = text[search..].find(['?', '\u{FFFD}']) {
        let marker_at = search + offset;
        let marker_len = text[marker_at..].chars().next().map_or(1, char::len_utf8);
        let after = &text[marker_at + marker_len..];
        let before = &text[..marker_at];
        let fix = realign_annotated(before, after).or_else(|| realign(after, None, hanzi::cost('?'), 0));
        match fix {
            Some(fix) => {
                if out.capacity() == 0 {
                    out.reserve(text.len());
                }
                out.push_str(&text[last..marker_at]);
                out.push_str(&fix.text);
                last = marker_at + marker_len + fix.consumed;
                search = last;
                count += 1;
            }
            None => search = marker_at + marker_len,
        }
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some((out, count))
}

/// A repaired span: the text replacing the marker and `consumed` bytes after it.
#[derive(Debug, PartialEq)]
struct Fix {
    text: String,
    consumed: usize,
}

/// One byte of the re-encoded span.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Byte(u8),
    /// A second byte the decoder swallowed into a `?` together with an ASCII byte.
    LostTrail,
}

/// How far back from a trigger an unmarked span may start.
const MAX_LOOKBACK: usize = 24;

/// Spans whose lost byte left no marker (a decoder that drops what it cannot read), found by
/// what comes out of them: a lone ASCII letter between Han characters (a second byte read as
/// ASCII, where the decoder got back in step) or a private-use character among Han. Each
/// start within reach before the trigger is tried; the reading that saves most is kept.
fn repair_unmarked(text: &str) -> Option<(String, u64)> {
    let triggers = unmarked_triggers(text);
    if triggers.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut count = 0;
    let mut last = 0;
    for trigger in triggers {
        if trigger < last {
            continue;
        }
        let starts: Vec<usize> = text[last..trigger]
            .char_indices()
            .rev()
            .map(|(at, c)| (last + at, c))
            .take_while(|(_, c)| (!c.is_ascii() || is_foldable(*c)) && !c.is_whitespace())
            .take(MAX_LOOKBACK)
            .map(|(at, _)| at)
            .collect();
        let best = starts
            .into_iter()
            .filter_map(|start| {
                let fix = realign(&text[start..], None, 0, trigger - start)?;
                let saving = i64::from(hanzi::text_cost(&text[start..start + fix.consumed]))
                    - i64::from(hanzi::text_cost(&fix.text));
                Some((saving, start, fix))
            })
            .max_by_key(|(saving, _, _)| *saving);
        if let Some((_, start, fix)) = best {
            if out.capacity() == 0 {
                out.reserve(text.len());
            }
            out.push_str(&text[last..start]);
            out.push_str(&fix.text);
            last = start + fix.consumed;
            count += 1;
        }
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some((out, count))
}

/// Byte offsets of lone ASCII letters between Han characters and of private-use characters
/// after Han characters.
fn unmarked_triggers(text: &str) -> Vec<usize> {
    // Both byte tests of the scan need a byte E3 or above (the byte after a letter, or the
    // private-use lead itself): text without one (ASCII with curly quotes and dashes, E2 xx xx)
    // has no trigger.
    if !text.bytes().any(|b| b >= 0xE3) {
        return Vec::new();
    }
    unmarked_triggers_by_scan(text)
}

/// [`unmarked_triggers`] without the quick rejection.
fn unmarked_triggers_by_scan(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut triggers = Vec::new();
    // Cheap byte test first: a letter after the last byte of a multi-byte character and before
    // the first byte of a three-byte one; private use is EE xx xx or EF 80–A3 xx.
    for i in 1..bytes.len().saturating_sub(1) {
        let b = bytes[i];
        let letter = b.is_ascii_alphabetic() && bytes[i - 1] >= 0x80 && bytes[i + 1] >= 0xE3;
        let private = b == 0xEE || (b == 0xEF && bytes[i + 1] <= 0xA3);
        if !(letter || private) || !text.is_char_boundary(i) {
            continue;
        }
        let before = text[..i].chars().next_back();
        let c = text[i..].chars().next();
        let after = text[i..].chars().nth(1);
        let han_before = before.is_some_and(is_han);
        let keep = match c {
            Some(c) if c.is_ascii_alphabetic() => han_before && after.is_some_and(is_han),
            Some(c) => hanzi::is_private_use(c) && han_before,
            None => false,
        };
        if keep {
            triggers.push(i);
        }
    }
    triggers
}

/// The reading of the span at the start of `after` behind a lost first byte (`lost` when known,
/// else the likeliest), if one lines up with the text, covers at least `min_consumed` bytes,
/// and is clearly better than the span (plus its marker, costing `marker_cost`).
fn realign(after: &str, lost: Option<u8>, marker_cost: u32, min_consumed: usize) -> Option<Fix> {
    let first = after.chars().next()?;
    // A lost first byte is followed by a second byte: never ASCII below `@`, and no span starts
    // with a space or a line break. Ambiguous punctuation may be a folded full-width form.
    if first.is_ascii() && !(is_foldable(first) || ('\u{40}'..='\u{7E}').contains(&first)) {
        return None;
    }
    // Nor does a span start with a character GBK cannot encode (U+FFFD, when the decoder met a
    // run of malformed bytes): no reading of it exists. Said before anything is collected, as a
    // page of malformed bytes asks it once per U+FFFD.
    if !is_foldable(first) && super::encode_gbk(first, &mut [0u8; 8]).is_none() {
        return None;
    }
    // An ASCII character other than folded punctuation is one byte: it completes the lost one,
    // so the span is that character alone, and an ASCII span is no damage (the test below).
    // Said before reading it, which would load the GBK tables: English text has `?` before
    // letters (`?q=`, `?The`).
    if first.is_ascii() && !is_foldable(first) {
        return None;
    }
    let chars: Vec<(usize, char)> = after.char_indices().take(MAX_SPAN).collect();
    let mut best: Option<(u32, Fix, u32)> = None;
    let ambiguous: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| is_foldable(*c))
        .map(|(i, _)| i)
        .take(MAX_AMBIGUOUS)
        .collect();
    for choice in 0u32..(1 << ambiguous.len()) {
        let folded = |index: usize| {
            ambiguous
                .iter()
                .position(|&i| i == index)
                .is_some_and(|bit| choice & (1 << bit) != 0)
        };
        let Some((candidate, span_chars)) = read_in_step(&chars, after, lost, folded) else {
            continue;
        };
        let consumed = chars.get(span_chars).map_or(after.len(), |(at, _)| *at);
        if consumed <= min_consumed {
            continue;
        }
        let original = &after[..consumed];
        let before_cost = marker_cost + hanzi::text_cost(original);
        // A restored `<` is structure, not text: it costs nothing.
        let candidate_cost =
            hanzi::text_cost(candidate.trim_end_matches('<')) + context_penalty(&candidate, &after[consumed..]);
        if best.as_ref().is_none_or(|(cost, _, _)| candidate_cost < *cost) {
            best = Some((
                candidate_cost,
                Fix {
                    text: candidate,
                    consumed,
                },
                before_cost,
            ));
        }
    }
    let (candidate_cost, fix, before_cost) = best?;
    // A damaged span has non-ASCII characters or folded full-width punctuation (`?!?/p>`),
    // and its reading is Chinese.
    let span = &after[..fix.consumed];
    if (span.is_ascii() && !span.contains(is_foldable)) || !fix.text.chars().any(|c| is_han(c) || is_cjk_punctuation(c))
    {
        return None;
    }
    let plausible = fix
        .text
        .chars()
        .all(|c| !hanzi::is_private_use(c) && c != '\u{FFFD}' && (!is_han(c) || hanzi::han_cost(c).is_some()));
    if marker_cost > 0 {
        // Clearly better: at most 70 % of the damaged span's cost.
        return (plausible && candidate_cost * 10 <= before_cost * 7).then_some(fix);
    }
    // Without a marker the evidence is weaker: the span must show two signs of damage, the
    // reading be made of common characters (none rarer than 葫), and cost at most 90 % of the
    // span. (`哆啦A梦`, `三笠h画`: names with a letter in them, read misaligned, give rare
    // characters.)
    let chars = fix.text.chars().count().max(1) as u32;
    let common = candidate_cost / chars <= 95
        && fix
            .text
            .chars()
            .all(|c| !is_han(c) || hanzi::han_cost(c).is_some_and(|cost| cost <= 118));
    // Letters and punctuation wedged between Han are what the cost model cannot see alone.
    let signs = damage_signs(after, fix.consumed);
    let before_cost = before_cost + 60 * signs as u32;
    (plausible && common && signs >= 2 && candidate_cost * 10 <= before_cost * 9).then_some(fix)
}

/// `依事?lián)袢?`: a span misread before a pinyin annotator went over the text, so that a
/// misread character got its reading (`聯(lián)`), and put back in step afterwards by a decoder
/// that swallowed the lost first byte together with the `(` after it into the marker. The
/// misread character was the last GBK byte of the character before the marker followed by the
/// lost byte, so the reading names the lost byte: only bytes forming a character with that
/// reading are tried, and the annotation goes with the damage. Without that agreement (a `?`
/// in prose before a parenthesis, a real annotation) nothing is read.
fn realign_annotated(before: &str, after: &str) -> Option<Fix> {
    let mut reading_len = None;
    for (i, c) in after.char_indices().take(pinyin::MAX_SYLLABLE + 1) {
        if c == ')' {
            reading_len = Some(i);
            break;
        }
        if !(c.is_ascii_lowercase() || c.is_ascii_digit() || pinyin::is_tone_vowel(c)) {
            return None;
        }
    }
    let reading_len = reading_len.filter(|len| *len > 0)?;
    let reading = &after[..reading_len];
    let prev_bytes = gbk_bytes(before.chars().next_back()?)?;
    let &[_, prev_last] = prev_bytes.as_slice() else {
        return None;
    };
    let rest = &after[reading_len + 1..];
    // Several bytes may give a character with the reading (聯 and its rare variant 聨 are both
    // lián). Annotators write readings after characters of their dictionaries, the likelier
    // the commoner the character (rare ones not at all), and the text read in step must be
    // Chinese: both count.
    (0x81..=0xFEu8)
        .filter_map(|lost| {
            let annotated = decode_pair(prev_last, lost)
                .filter(|c| hanzi::han_cost(*c).is_some() && pinyin::is_reading_of(reading, *c))?;
            let fix = realign(rest, Some(lost), hanzi::cost('?'), 0)?;
            let saving = i64::from(hanzi::text_cost(&rest[..fix.consumed]))
                - i64::from(hanzi::text_cost(&fix.text))
                - i64::from(hanzi::cost(annotated));
            Some((saving, fix))
        })
        .max_by_key(|(saving, _)| *saving)
        .map(|(_, fix)| Fix {
            text: fix.text,
            consumed: reading_len + 1 + fix.consumed,
        })
}

/// Signs of misaligned reading in the first `len` bytes of `text`: rare or private-use
/// characters, ASCII letters and folded punctuation wedged between non-ASCII characters.
fn damage_signs(text: &str, len: usize) -> usize {
    let span_chars = text[..len].chars().count();
    let chars: Vec<char> = text.chars().take(span_chars + 1).collect();
    let mut signs = 0;
    for (i, &c) in chars.iter().enumerate().take(span_chars) {
        let prev_wide = i == 0 || !chars[i - 1].is_ascii();
        let next_wide = chars.get(i + 1).is_some_and(|n| !n.is_ascii());
        signs += usize::from(match c {
            c if hanzi::is_private_use(c) || c == '€' => true,
            c if is_han(c) => hanzi::cost(c) >= 110,
            c if c.is_ascii_alphabetic() || is_foldable(c) => prev_wide && next_wide,
            _ => false,
        });
    }
    signs
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF60 | 0x2018..=0x201D | 0x2026)
}

/// ASCII punctuation that pages fold from full-width forms (`！` → `!`): in a damaged span it
/// may stand for the two GBK bytes of the full-width form.
fn is_foldable(c: char) -> bool {
    matches!(
        c,
        '!' | ',' | ':' | ';' | '(' | ')' | '%' | '&' | '+' | '-' | '.' | '/' | '<' | '=' | '>' | '"' | '\''
    )
}

/// An opening quote or bracket right before the end of the text or markup opens nothing.
fn context_penalty(candidate: &str, rest: &str) -> u32 {
    // What follows is looked at (a Unicode table search) only for an opening candidate, the
    // rare case.
    if !opens(candidate) {
        return 0;
    }
    opening_penalty(candidate, text_follows(rest))
}

/// [`context_penalty`] when whether text follows is known.
fn opening_penalty(candidate: &str, text_follows: bool) -> u32 {
    if opens(candidate) && !text_follows { 40 } else { 0 }
}

fn opens(candidate: &str) -> bool {
    candidate.ends_with(['“', '‘', '《', '（', '「', '『', '【'])
}

/// Whether `rest` starts with a Han character, a letter or a digit.
fn text_follows(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| is_han(c) || c.is_alphanumeric())
}

/// Re-encodes `chars` as GBK behind a lost first byte and decodes in step until the reading
/// lines up with the characters again; the lost byte is `lost` when known, else the likeliest.
/// Returns the new reading and how many characters of `chars` it replaces.
fn read_in_step(
    chars: &[(usize, char)],
    after: &str,
    lost: Option<u8>,
    folded: impl Fn(usize) -> bool,
) -> Option<(String, usize)> {
    let mut out = String::new();
    // The first byte of a pair waiting for its second; at the start, the lost byte (`None`
    // inside when unknown).
    let mut pending: Option<Option<u8>> = Some(lost);
    for (index, &(at, c)) in chars.iter().enumerate() {
        if c == '\n' || c == '\r' {
            return None;
        }
        let mut slots: Vec<Slot> = Vec::with_capacity(2);
        if matches!(c, '?' | '\u{FFFD}') && index > 0 {
            slots.push(Slot::LostTrail);
        } else if folded(index) {
            slots.extend(gbk_bytes(full_width(c)?)?.into_iter().map(Slot::Byte));
        } else {
            slots.extend(gbk_bytes(c)?.into_iter().map(Slot::Byte));
        }
        for slot in slots {
            match (pending, slot) {
                (Some(lead), Slot::Byte(trail)) => {
                    out.push(pair(lead, trail, &after[at..])?);
                    pending = None;
                }
                (Some(Some(lead)), Slot::LostTrail) => {
                    let rest = &after[at + c.len_utf8()..];
                    out.push(likeliest_pair(lead, out.chars().last(), rest)?);
                    // The ASCII byte swallowed with it: `<` when a tag follows.
                    if looks_like_tag_rest(rest) {
                        out.push('<');
                    }
                    pending = None;
                }
                (Some(None), Slot::LostTrail) | (None, Slot::LostTrail) => return None,
                (None, Slot::Byte(b)) if b < 0x80 => out.push(b as char),
                (None, Slot::Byte(0x80)) => out.push('€'),
                (None, Slot::Byte(b)) => pending = Some(Some(b)),
            }
        }
        if pending.is_none() {
            return Some((out, index + 1));
        }
    }
    None
}

/// The full-width form of a folded ASCII character.
fn full_width(c: char) -> Option<char> {
    char::from_u32(c as u32 - 0x21 + 0xFF01)
}

fn gbk_bytes(c: char) -> Option<Vec<u8>> {
    super::encode_gbk(c, &mut [0u8; 8]).map(<[u8]>::to_vec)
}

/// Decodes the pair `lead`, `trail`; an unknown lead (the lost byte) is the one giving the
/// likeliest character.
fn pair(lead: Option<u8>, trail: u8, rest: &str) -> Option<char> {
    match lead {
        Some(lead) => decode_pair(lead, trail),
        None => {
            let follows = text_follows(rest);
            *BY_TRAIL[usize::from(trail)][usize::from(follows)].get_or_init(|| likeliest_lead(trail, follows))
        }
    }
}

fn likeliest_pair(lead: u8, prev: Option<char>, rest: &str) -> Option<char> {
    let (ended, follows) = (ends_sentence(prev), text_follows(rest));
    *BY_LEAD[usize::from(lead)][usize::from(ended)][usize::from(follows)]
        .get_or_init(|| likeliest_trail(lead, ended, follows))
}

/// The likeliest characters of pairs with one byte unknown, for each known byte and each
/// context they depend on: [`pair`] and [`likeliest_pair`] are asked for them at every start
/// of every span tried, hundreds of candidate pairs each, and the answer depends on nothing
/// else (a page of random bytes decoded as GBK took 4 s a megabyte choosing them afresh).
/// Each is found on first use: all of them cost 33 million instructions, and a page that asks
/// at all (English prose has `?”`) asks for a handful.
///
/// By second byte, then whether text follows: the likeliest first byte's character.
static BY_TRAIL: [[OnceLock<Option<char>>; 2]; 256] = [const { [const { OnceLock::new() }; 2] }; 256];
/// By first byte, then whether a sentence ended before, then whether text follows: the likeliest
/// second byte's character.
static BY_LEAD: [[[OnceLock<Option<char>>; 2]; 2]; 256] =
    [const { [const { [const { OnceLock::new() }; 2] }; 2] }; 256];

/// The character of the likeliest pair with second byte `trail`, found afresh.
fn likeliest_lead(trail: u8, text_follows: bool) -> Option<char> {
    (0x81..=0xFEu8)
        .filter_map(|lead| decode_pair(lead, trail))
        .min_by_key(|c| hanzi::cost(*c) + opening_penalty(c.encode_utf8(&mut [0; 4]), text_follows))
}

/// The character of the likeliest pair with first byte `lead`, found afresh.
fn likeliest_trail(lead: u8, ends_sentence: bool, text_follows: bool) -> Option<char> {
    (0x40..=0xFEu8)
        .filter_map(|trail| decode_pair(lead, trail))
        .min_by_key(|c| {
            hanzi::cost(*c)
                + opening_penalty(c.encode_utf8(&mut [0; 4]), text_follows)
                + sequence_penalty(ends_sentence, *c)
        })
}

fn ends_sentence(prev: Option<char>) -> bool {
    prev.is_some_and(|p| matches!(p, '。' | '！' | '？'))
}

/// After the end of a sentence (`。！？`) only closing quotes and brackets follow directly:
/// `。”` is Chinese, `。、` is not.
fn sequence_penalty(ends_sentence: bool, c: char) -> u32 {
    let closes = matches!(c, '”' | '’' | '）' | '」' | '』' | '》' | '】');
    if ends_sentence && is_cjk_punctuation(c) && !closes {
        60
    } else {
        0
    }
}

/// The character GBK reads from the pair `lead`, `trail`, if it is one non-ASCII character.
/// A span is tried with every likely lost byte for each of its characters, so pairs a table
/// holds come from it ([`super::gbk_pair`]): a page of many markers (binary junk decoded with
/// U+FFFD, a page of `?`) would otherwise set up a decoder hundreds of times a marker.
/// Pairs outside the table (a first byte outside 0x81–0xFE, a second outside 0x40–0xFE) read as
/// no one character: an ASCII byte, `€`, a malformed byte or the start of a four-byte sequence
/// comes first (the test below asks the decoder for every pair).
fn decode_pair(lead: u8, trail: u8) -> Option<char> {
    super::gbk_pair(lead, trail).flatten()
}

/// The character of one pair, decoded by itself.
#[cfg(test)]
fn decode_pair_alone(lead: u8, trail: u8) -> Option<char> {
    let bytes = [lead, trail];
    let decoded = encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&bytes)?;
    let mut chars = decoded.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_ascii() => Some(c),
        _ => None,
    }
}

/// `/p>`, `br/>`, `span class="x">`: the rest of a tag whose `<` was lost.
fn looks_like_tag_rest(rest: &str) -> bool {
    let name = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = name.bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 || !name.as_bytes()[0].is_ascii_alphabetic() || name_len > 10 {
        return false;
    }
    let tail = &name[name_len..];
    tail.bytes()
        .take(80)
        .take_while(|b| *b != b'<' && *b != b'\n')
        .any(|b| b == b'>')
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    #[test]
    fn the_likeliest_pairs_are_those_found_afresh() {
        // The tables answer as choosing among every candidate byte does, in every context.
        let rests = ["", "中文", "a", "7", " ", "<p>", "”", "\u{FFFD}"];
        let prevs = [None, Some('。'), Some('！'), Some('，'), Some('a')];
        for byte in 0..=255u8 {
            for rest in rests {
                let afresh = (0x81..=0xFEu8)
                    .filter_map(|lead| decode_pair(lead, byte))
                    .min_by_key(|c| hanzi::cost(*c) + context_penalty(c.encode_utf8(&mut [0; 4]), rest));
                assert_eq!(pair(None, byte, rest), afresh, "{byte:02X} {rest:?}");
                for prev in prevs {
                    let afresh = (0x40..=0xFEu8)
                        .filter_map(|trail| decode_pair(byte, trail))
                        .min_by_key(|c| {
                            hanzi::cost(*c)
                                + context_penalty(c.encode_utf8(&mut [0; 4]), rest)
                                + sequence_penalty(ends_sentence(prev), *c)
                        });
                    assert_eq!(likeliest_pair(byte, prev, rest), afresh, "{byte:02X} {prev:?} {rest:?}");
                }
            }
        }
    }

    #[test]
    fn the_pair_table_reads_every_pair_as_the_decoder_alone_does() {
        for lead in 0..=255u8 {
            for trail in 0..=255u8 {
                assert_eq!(
                    decode_pair(lead, trail),
                    decode_pair_alone(lead, trail),
                    "{lead:02X} {trail:02X}"
                );
            }
        }
    }

    #[test]
    fn quick_rejection_of_triggers_agrees_with_the_scan() {
        for text in super::super::mojibake::tests::tricky_texts() {
            assert_eq!(unmarked_triggers(&text), unmarked_triggers_by_scan(&text), "{text:?}");
        }
        for text in ["中文i中文", "中\u{e000}", "“x”—y’z", "ﬁx中a中"] {
            assert_eq!(unmarked_triggers(text), unmarked_triggers_by_scan(text), "{text:?}");
        }
    }

    /// Encodes `text` as GBK, drops the first byte of the character at `cut`, decodes the two
    /// halves separately (the lone byte becoming `?`), and folds full-width punctuation, as
    /// the damaged pages were made.
    fn damage(text: &str, cut: usize) -> String {
        let head: String = text.chars().take(cut).collect();
        let tail: String = text.chars().skip(cut).collect();
        let tail_bytes = GBK.encode(&tail).0.into_owned();
        let (decoded, _) = GBK.decode_without_bom_handling(&tail_bytes[1..]);
        let folded: String = decoded
            .chars()
            .map(|c| match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
                _ => c,
            })
            .collect();
        format!("{head}?{folded}")
    }

    #[test]
    fn synthetic_damage_is_undone() {
        let text = "他说：“这是一个好办法。”司鵬飛說，此后他们又见面了。";
        let damaged = damage(text, 11);
        assert_eq!(damaged, "他说：“这是一个好办法?!彼均i飛說,此后他们又见面了。");
        let repaired = repair(&damaged).map(|(t, _)| t);
        assert_eq!(
            repaired.as_deref(),
            Some("他说：“这是一个好办法。”司鵬飛說,此后他们又见面了。")
        );
        // Simplified text realigns only at an ASCII byte: here the digit-free span ends at `J`.
        let text = "市委组织部。”葫蘆島市委书记说";
        let damaged = damage(text, 5);
        let repaired = repair(&damaged).map(|(t, _)| t);
        assert_eq!(repaired.as_deref(), Some(text), "{damaged}");
    }

    /// The same damage by a decoder that drops the lone byte instead of writing `?`.
    #[test]
    fn unmarked_damage_is_undone() {
        let text = "他说：“这是一个好办法。”司鵬飛說，此后他们又见面了。";
        let damaged = damage(text, 11).replacen('?', "", 1);
        assert_eq!(damaged, "他说：“这是一个好办法!彼均i飛說,此后他们又见面了。");
        let repaired = repair(&damaged).map(|(t, _)| t);
        assert_eq!(
            repaired.as_deref(),
            Some("他说：“这是一个好办法。”司鵬飛說,此后他们又见面了。")
        );
        let text = "市委组织部。”葫蘆島市委书记说";
        let damaged = damage(text, 5).replacen('?', "", 1);
        let repaired = repair(&damaged).map(|(t, _)| t);
        assert_eq!(repaired.as_deref(), Some(text), "{damaged}");
    }

    #[test]
    fn lone_letters_and_private_use_in_clean_text_stay() {
        for clean in [
            "维生素C片和B超检查，A股市场",
            "《哆啦A梦》新剧场版，进击的巨人三笠h画",
            "他买了X光机和T恤衫",
            "点击\u{e60a}分享到微博",
            "第三季度GDP同比增长",
            "国务院新闻办公室今天举行发布会",
        ] {
            assert_eq!(repair(clean), None, "{clean}");
        }
    }

    #[test]
    fn clean_question_marks_stay() {
        for clean in [
            "你好吗?我很好。",
            "真的吗?!我不信。",
            "What?! No way.",
            "价格是多少?",
            "?开头的问号",
            "问号?\n下一行",
            "a?b",
            "未知字符\u{FFFD}在这里",
            "编码问题?？",
        ] {
            assert_eq!(repair(clean), None, "{clean}");
        }
    }

    /// A GBK decoder that swallows an invalid lead byte together with the byte after it into
    /// one `?`.
    fn swallowing_decode(bytes: &[u8]) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                out.push(b as char);
                i += 1;
            } else if let Some(c) = bytes.get(i + 1).and_then(|&t| decode_pair(b, t)) {
                out.push(c);
                i += 2;
            } else {
                out.push('?');
                i += 2;
            }
        }
        out
    }

    /// Misread from the last byte of the character before `cut`, annotated by a pinyin
    /// converter (the first misread character gets `reading`), then read in step again, as the
    /// seed's `依事?lián)袢?,` was made.
    fn damage_annotated(text: &str, cut: usize, reading: &str) -> String {
        let head: String = text.chars().take(cut).collect();
        let bytes = GBK.encode(text).0.into_owned();
        let head_bytes = GBK.encode(&head).0.into_owned();
        let misread = swallowing_decode(&bytes[head_bytes.len() - 1..]);
        let first = misread.chars().next().unwrap_or_default();
        let annotated = format!("{first}({reading}){}", &misread[first.len_utf8()..]);
        let mut again = head_bytes;
        again.extend_from_slice(&GBK.encode(&annotated).0[1..]);
        swallowing_decode(&again)
    }

    #[test]
    fn annotated_lost_byte_names_itself() {
        let text = "堅持事業、依事擇人，遼寧拓寬選人視野";
        let damaged = damage_annotated(text, 7, "lián");
        assert!(damaged.starts_with("堅持事業、依事?lián)袢"), "{damaged}");
        assert_eq!(repair(&damaged).map(|(t, _)| t).as_deref(), Some(text), "{damaged}");
        assert_eq!(
            repair("堅持事業、依事?lián)袢?,遼寧").map(|(t, _)| t).as_deref(),
            Some("堅持事業、依事擇人,遼寧")
        );
        assert_eq!(
            repair("依事?lián)袢?遼寧").map(|(t, _)| t).as_deref(),
            Some("依事擇人遼寧")
        );
        // U+FFFD as the marker.
        assert_eq!(
            repair("依事\u{FFFD}lián)袢?,遼寧").map(|(t, _)| t).as_deref(),
            Some("依事擇人,遼寧")
        );
    }

    #[test]
    fn annotation_that_names_another_byte_stays() {
        // No character 事's last byte (0xC2) begins is read zhōng.
        assert_eq!(realign_annotated("依事", "zhōng)袢?,遼寧"), None);
        // A character before the marker whose last byte forms nothing read lián.
        assert_eq!(realign_annotated("依吗", "lián)袢?,遼寧"), None);
        // ASCII before the marker has no second byte.
        assert_eq!(realign_annotated("abc", "lián)袢?,"), None);
        // Not a reading, or no closing parenthesis.
        assert_eq!(realign_annotated("依事", "LIAN)袢?,遼寧"), None);
        assert_eq!(realign_annotated("依事", "lián袢?,遼寧"), None);
        assert_eq!(realign_annotated("依事", ")袢?,遼寧"), None);
    }

    #[test]
    fn question_marks_before_pinyin_and_parentheses_stay() {
        for clean in [
            "你知道聯(lián)是什么意思吗?lián)是它的读音",
            "这个字怎么读?(lián),意思是联系",
            "依事?lián)擇人,遼寧",
            // 读's last byte (C1) and AC make 连, read lián: the check alone would pass, but
            // what follows is in step already.
            "拼音小课堂：“联”字怎么读?lián)，“连”也读?lián)。两个字同音",
            "怎么读?lián)",
            "问题?pinyin)后面",
            "中國共產(chǎn)黨新聞網(wǎng)",
            "面向優秀村(社區)黨組織書記?(試行)",
            "事?lián)",
            "事?)",
        ] {
            assert_eq!(repair(clean), None, "{clean}");
        }
    }

    #[test]
    fn tag_rest() {
        assert!(looks_like_tag_rest("/p>"));
        assert!(looks_like_tag_rest("span class=\"a\">x"));
        assert!(!looks_like_tag_rest("/ 2"));
        assert!(!looks_like_tag_rest("p"));
    }
}
