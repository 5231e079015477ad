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

use encoding_rs::GBK;

use crate::decode::hanzi::{self, is_han};

/// How many characters a damaged span may run before it must be back in step.
const MAX_SPAN: usize = 64;
/// How many ambiguous ASCII punctuation characters (ASCII or folded full-width) are tried both
/// ways within one span.
const MAX_AMBIGUOUS: usize = 4;

/// Repairs the misaligned spans; `None` when there are none.
pub fn repair(text: &str) -> Option<(String, u64)> {
    if !text.contains(['?', '\u{FFFD}']) {
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
        match realign(&text[last.max(0)..marker_at], after) {
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

/// The reading of the span after a marker, if one lines up with the text and is clearly
/// better. `before` is the text before the marker (for context only).
fn realign(_before: &str, after: &str) -> Option<Fix> {
    let first = after.chars().next()?;
    // A lost first byte is followed by a second byte: never ASCII below `@`, and no span starts
    // with a space or a line break. Ambiguous punctuation may be a folded full-width form.
    if first.is_ascii() && !(is_foldable(first) || ('\u{40}'..='\u{7E}').contains(&first)) {
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
        let Some((candidate, span_chars)) = read_in_step(&chars, after, folded) else {
            continue;
        };
        let consumed = chars.get(span_chars).map_or(after.len(), |(at, _)| *at);
        let original = &after[..consumed];
        let before_cost = hanzi::cost('?') + hanzi::text_cost(original);
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
    // Clearly better: at most 70 % of the damaged span's cost.
    (plausible && candidate_cost * 10 <= before_cost * 7).then_some(fix)
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
    let opens = candidate.ends_with(['“', '‘', '《', '（', '「', '『', '【']);
    let text_follows = rest.chars().next().is_some_and(|c| is_han(c) || c.is_alphanumeric());
    if opens && !text_follows { 40 } else { 0 }
}

/// Re-encodes `chars` as GBK behind a lost first byte and decodes in step until the reading
/// lines up with the characters again. Returns the new reading and how many characters of
/// `chars` it replaces.
fn read_in_step(chars: &[(usize, char)], after: &str, folded: impl Fn(usize) -> bool) -> Option<(String, usize)> {
    let mut out = String::new();
    // The first byte of a pair waiting for its second; at the start, the lost byte.
    let mut pending: Option<Option<u8>> = Some(None);
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
    let mut buffer = [0u8; 4];
    let (bytes, _, unmappable) = GBK.encode(c.encode_utf8(&mut buffer));
    (!unmappable).then(|| bytes.into_owned())
}

/// Decodes the pair `lead`, `trail`; an unknown lead (the lost byte) is the one giving the
/// likeliest character.
fn pair(lead: Option<u8>, trail: u8, rest: &str) -> Option<char> {
    match lead {
        Some(lead) => decode_pair(lead, trail),
        None => (0x81..=0xFEu8)
            .filter_map(|lead| decode_pair(lead, trail))
            .min_by_key(|c| hanzi::cost(*c) + context_penalty(c.encode_utf8(&mut [0; 4]), rest)),
    }
}

fn likeliest_pair(lead: u8, prev: Option<char>, rest: &str) -> Option<char> {
    (0x40..=0xFEu8)
        .filter_map(|trail| decode_pair(lead, trail))
        .min_by_key(|c| {
            hanzi::cost(*c) + context_penalty(c.encode_utf8(&mut [0; 4]), rest) + sequence_penalty(prev, *c)
        })
}

/// After the end of a sentence (`。！？`) only closing quotes and brackets follow directly:
/// `。”` is Chinese, `。、` is not.
fn sequence_penalty(prev: Option<char>, c: char) -> u32 {
    let ends_sentence = prev.is_some_and(|p| matches!(p, '。' | '！' | '？'));
    let closes = matches!(c, '”' | '’' | '）' | '」' | '』' | '》' | '】');
    if ends_sentence && is_cjk_punctuation(c) && !closes {
        60
    } else {
        0
    }
}

fn decode_pair(lead: u8, trail: u8) -> Option<char> {
    let bytes = [lead, trail];
    let decoded = GBK.decode_without_bom_handling_and_without_replacement(&bytes)?;
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

    #[test]
    fn tag_rest() {
        assert!(looks_like_tag_rest("/p>"));
        assert!(looks_like_tag_rest("span class=\"a\">x"));
        assert!(!looks_like_tag_rest("/ 2"));
        assert!(!looks_like_tag_rest("p"));
    }
}
