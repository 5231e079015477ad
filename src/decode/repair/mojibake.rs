//! The classic mojibake families: text encoded one way and decoded another before it reached
//! us. Each is undone by re-encoding a suspicious run with the wrong encoding and decoding the
//! bytes with the right one, and kept only when the bytes are valid there and the result is
//! clearly better text:
//!
//! - UTF-8 read as windows-1252 / Latin-1: `Ã©` → `é`, `â€™` → `’`, `å\u{8f}\u{91}å¸\u{83}` → `发布`;
//! - UTF-8 read as GBK: `鍙戝竷鏃堕棿` → `发布时间`;
//! - GBK read as windows-1252 / Latin-1: `·¢²¼Ê±¼ä` → `发布时间`.

use encoding_rs::{GBK, WINDOWS_1252};

use crate::decode::hanzi;
use crate::decode::script::is_han;

/// The byte windows-1252 (with C1 controls as themselves, as Latin-1 reads them) gives `c`.
fn latin1_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x80..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    // windows-1252's characters outside Latin-1 all lie in U+0152–U+2122.
    if !(0x152..=0x2122).contains(&code) {
        return None;
    }
    match super::encode_char(WINDOWS_1252, c, &mut [0u8; 8]) {
        Some([b]) if *b >= 0x80 => Some(*b),
        _ => None,
    }
}

/// The GBK bytes of `c`, if it has any.
fn gbk_bytes(c: char, out: &mut Vec<u8>) -> bool {
    match super::encode_gbk(c, &mut [0u8; 8]) {
        Some(bytes) => {
            out.extend_from_slice(bytes);
            true
        }
        None => false,
    }
}

/// Rewrites the maximal runs of `text` whose characters satisfy `in_run`, with `fix` deciding
/// each run's replacement (`None`: keep the run).
fn rewrite_runs(
    text: &str,
    in_run: impl Fn(char) -> bool,
    mut fix: impl FnMut(&str, &str) -> Option<String>,
) -> Option<(String, u64)> {
    rewrite_runs_at(text, in_run, |run, after, _| fix(run, after))
}

/// [`rewrite_runs`], telling `fix` where in `text` the run starts.
fn rewrite_runs_at(
    text: &str,
    in_run: impl Fn(char) -> bool,
    mut fix: impl FnMut(&str, &str, usize) -> Option<String>,
) -> Option<(String, u64)> {
    let mut out = String::new();
    let mut count = 0;
    let mut last = 0;
    let mut start = None;
    let chars = text.char_indices().chain(std::iter::once((text.len(), '\n')));
    for (at, c) in chars {
        let inside = at < text.len() && in_run(c);
        match (start, inside) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                start = None;
                if let Some(fixed) = fix(&text[from..at], &text[at..], from) {
                    out.push_str(&text[last..from]);
                    out.push_str(&fixed);
                    last = at;
                    count += 1;
                }
            }
            _ => {}
        }
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some((out, count))
}

/// UTF-8 read as windows-1252 or Latin-1, once or twice.
pub fn utf8_as_latin1(text: &str) -> Option<(String, u64)> {
    let first = utf8_as_latin1_once(text)?;
    // Double encoding (`Ã¢â‚¬â„¢`): a second round on what the first restored.
    match utf8_as_latin1_once(&first.0) {
        Some((twice, more)) => Some((twice, first.1 + more)),
        None => Some(first),
    }
}

fn utf8_as_latin1_once(text: &str) -> Option<(String, u64)> {
    // Every UTF-8 lead byte read as Latin-1 is one of Â–ô (C3 82 … C3 B4 in UTF-8).
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(0xC3, bytes).any(|at| bytes.get(at + 1).is_some_and(|b| (0x82..=0xB4).contains(b))) {
        return None;
    }
    rewrite_runs_at(
        text,
        |c| latin1_byte(c).is_some(),
        |run, _, start| {
            // A run glued to a Latin word (`automatisé »`) restores punctuation (`it’s`), not
            // a lone CJK character.
            let in_word = text[..start].ends_with(|c: char| c.is_ascii_alphabetic());
            let bytes: Vec<u8> = run.chars().filter_map(latin1_byte).collect();
            let mut out = String::new();
            let mut fixed = 0;
            let mut i = 0;
            let chars: Vec<char> = run.chars().collect();
            let mut wide = 0;
            let mut in_sequences = 0;
            while i < bytes.len() {
                match utf8_sequence(&bytes[i..]) {
                    Some((c, len)) if plausible_utf8_result(c, len) => {
                        out.push(c);
                        fixed += 1;
                        in_sequences += len;
                        if (c as u32) >= 0x3000 {
                            wide += 1;
                        }
                        i += len;
                    }
                    _ => {
                        out.push(chars[i]);
                        i += 1;
                    }
                }
            }
            if in_word && wide == 1 {
                return None;
            }
            // UTF-8 read as Latin-1 leaves every high byte inside a sequence; a run where most
            // are not is something else (GBK read as Latin-1 forms a valid pair now and then).
            if in_sequences * 5 < bytes.len() * 4 {
                return None;
            }
            (fixed > 0).then_some(out)
        },
    )
}

/// The character of the well-formed multi-byte UTF-8 sequence at the start of `bytes`.
fn utf8_sequence(bytes: &[u8]) -> Option<(char, usize)> {
    let len = match bytes.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let sequence = bytes.get(..len)?;
    let c = std::str::from_utf8(sequence).ok()?.chars().next()?;
    Some((c, len))
}

/// Two-byte results are kept only in the scripts real text uses (Latin-1 and Latin Extended-A
/// letters and signs, Greek, Cyrillic, Hebrew, Arabic): an accented capital followed by a sign
/// (`É»`) decodes to IPA or combining marks, which no one's text was.
fn plausible_utf8_result(c: char, len: usize) -> bool {
    len > 2 || matches!(c as u32, 0xA0..=0x17F | 0x370..=0x3FF | 0x400..=0x4FF | 0x5D0..=0x5EA | 0x600..=0x6FF)
}

/// UTF-8 read as GBK: runs of GBK-encodable non-ASCII characters whose GBK bytes are valid
/// UTF-8 and read as clearly more plausible text. A final byte lost to the decoder (`?` or
/// U+FFFD right after the run) is restored as the continuation byte that gives the likeliest
/// character.
pub fn utf8_as_gbk(text: &str) -> Option<(String, u64)> {
    if !looks_rare(text) || !text.chars().any(may_lead_utf8_in_gbk) {
        return None;
    }
    rewrite_runs(
        text,
        // Any non-ASCII character may be a GBK pair of UTF-8 bytes (`ㄨ`, `€`, private use);
        // the strict decoding below sorts them out.
        |c| !c.is_ascii() && !c.is_whitespace(),
        |run, after| {
            if run.chars().nth(1).is_none() || !run.chars().any(may_lead_utf8_in_gbk) || !looks_rare(run) {
                return None;
            }
            restore_utf8_in_run(run, after)
        },
    )
    .map(|(text, count)| {
        if text.contains('\u{0}') {
            (drop_marker_after_nul(&text), count)
        } else {
            (text, count)
        }
    })
}

/// Whether the GBK bytes of `c` may start a UTF-8 sequence: every restored stretch starts with
/// a character whose GBK lead byte is a UTF-8 lead byte (C2–F4), and GBK gives those only to
/// Han characters and five private-use ones (U+E810–U+E814). A text or run without any such
/// character has nothing to restore: Cyrillic or Greek (GBK leads A6/A7, continuation bytes)
/// looks like the rare pairs of this damage but is rejected here before it is encoded
/// character by character.
fn may_lead_utf8_in_gbk(c: char) -> bool {
    is_han(c) || hanzi::is_private_use(c)
}

/// Within a run of GBK-encodable characters, the sub-runs whose GBK bytes are UTF-8 and read as
/// clearly better text, restored. A U+FFFD in the run is one byte the GBK decoder rejected
/// (`0x80` to decoders without the euro sign): unknown, but a byte of the UTF-8 stream all the
/// same.
fn restore_utf8_in_run(run: &str, after: &str) -> Option<String> {
    let chars: Vec<char> = run.chars().collect();
    let mut encoded: Vec<Vec<Option<u8>>> = Vec::with_capacity(chars.len());
    for &c in &chars {
        if c == '\u{FFFD}' {
            encoded.push(vec![None]);
            continue;
        }
        let mut bytes = Vec::with_capacity(2);
        if !gbk_bytes(c, &mut bytes) {
            return None;
        }
        encoded.push(bytes.into_iter().map(Some).collect());
    }
    let mut out = String::with_capacity(run.len());
    let mut changed = false;
    let mut i = 0;
    // Work (characters decoded and judged) spent on starts that restored nothing: a run whose
    // bytes stay valid UTF-8 without ever reading better (`锟斤拷锟斤拷…`, UTF-8 U+FFFD read as
    // GBK) would otherwise scan to its end from every lead byte, each end re-decoded and
    // re-judged: cubic in the run. Real text fails a start within a few characters, so the
    // budget is never reached on it; past it the rest of the run is left as it is.
    let mut failed_budget = FAILED_WORK_PER_CHAR * chars.len() + FAILED_WORK_BASE;
    while i < chars.len() {
        if failed_budget == 0 {
            chars[i..].iter().for_each(|c| out.push(*c));
            break;
        }
        let (restored, work) = restore_from(&chars, &encoded, i, after);
        match restored {
            Some((restored, end)) => {
                out.push_str(&restored);
                changed = true;
                i = end;
            }
            None => {
                failed_budget = failed_budget.saturating_sub(work);
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    changed.then_some(out)
}

/// Longest stretch [`restore_from`] tries from one start: longer than any paragraph, and it
/// bounds the work of one start (quadratic in the stretch). A longer restorable run is restored
/// a stretch at a time, each ending on a character boundary.
const MAX_STRETCH: usize = 4096;

/// The work budget (characters judged) of the starts of a run that restore nothing.
const FAILED_WORK_PER_CHAR: usize = 64;
const FAILED_WORK_BASE: usize = 1 << 20;

/// The longest stretch from character `start` whose bytes are UTF-8 ending on a character
/// boundary (or, at the end of the run, one byte short with a lost-byte marker after it), if
/// its reading is clearly better.
/// Also returns the work it took: the characters of every stretch it judged.
fn restore_from(
    chars: &[char],
    encoded: &[Vec<Option<u8>>],
    start: usize,
    after: &str,
) -> (Option<(String, usize)>, usize) {
    if chars[start] == '\u{FFFD}' {
        return (None, 1);
    }
    let mut bytes = Vec::new();
    let mut best: Option<(String, usize)> = None;
    let mut work = 0;
    for end in start..chars.len().min(start + MAX_STRETCH) {
        work += end - start + 1;
        bytes.extend_from_slice(&encoded[end]);
        let at_run_end = end + 1 == chars.len();
        let next_char = chars.get(end + 1).copied();
        let (text, marker) = match decode_utf8_wild(&bytes) {
            Wild::Complete(pieces) => (settle(&pieces, next_char), None),
            Wild::Short(mut pieces, partial) if at_run_end => {
                let Some(marker) = after.chars().next().filter(|c| matches!(c, '?' | '\u{FFFD}')) else {
                    break;
                };
                let Some(last) = candidates_for_last_byte(&partial) else {
                    break;
                };
                pieces.push(Piece::Open(last));
                (settle(&pieces, after.chars().nth(1)), Some(marker))
            }
            Wild::Short(..) => continue,
            Wild::Invalid => break,
        };
        if end > start && accept_utf8_reading(&chars[start..=end], &text, marker) {
            let text = if marker.is_some() { format!("{text}\u{0}") } else { text };
            best = Some((text, end + 1));
        }
    }
    (best, work)
}

/// UTF-8 decoding of bytes some of which are unknown.
enum Wild {
    /// Every sequence complete.
    Complete(Vec<Piece>),
    /// Complete but for a last sequence lacking bytes (given).
    Short(Vec<Piece>, Vec<Option<u8>>),
    Invalid,
}

/// A decoded character, or the characters a sequence with one unknown byte could be (none:
/// more than one byte unknown).
enum Piece {
    Known(char),
    Open(Vec<(u32, char)>),
}

fn decode_utf8_wild(bytes: &[Option<u8>]) -> Wild {
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            Some(b) if b < 0x80 => 1,
            Some(0xC2..=0xDF) => 2,
            Some(0xE0..=0xEF) => 3,
            Some(0xF0..=0xF4) => 4,
            // An unknown first byte: the stream cannot be followed.
            _ => return Wild::Invalid,
        };
        if i + len > bytes.len() {
            return Wild::Short(pieces, bytes[i..].to_vec());
        }
        let sequence = &bytes[i..i + len];
        let piece = match sequence.iter().filter(|b| b.is_none()).count() {
            0 => {
                let known: Vec<u8> = sequence.iter().flatten().copied().collect();
                match std::str::from_utf8(&known).ok().and_then(|s| s.chars().next()) {
                    Some(c) => Piece::Known(c),
                    None => return Wild::Invalid,
                }
            }
            1 => match candidates_with_one_unknown(sequence) {
                Some(candidates) => Piece::Open(candidates),
                None => return Wild::Invalid,
            },
            _ => Piece::Open(Vec::new()),
        };
        pieces.push(piece);
        i += len;
    }
    Wild::Complete(pieces)
}

/// The characters a sequence with one unknown continuation byte can be, cheapest first;
/// `None` when no byte makes it valid.
fn candidates_with_one_unknown(sequence: &[Option<u8>]) -> Option<Vec<(u32, char)>> {
    let mut candidates: Vec<(u32, char)> = (0x80..=0xBFu8)
        .filter_map(|guess| {
            let bytes: Vec<u8> = sequence.iter().map(|b| b.unwrap_or(guess)).collect();
            let c = std::str::from_utf8(&bytes).ok()?.chars().next()?;
            Some((hanzi::cost(c), c))
        })
        .collect();
    candidates.sort_unstable();
    (!candidates.is_empty()).then_some(candidates)
}

/// The candidates for a final sequence missing its last byte.
fn candidates_for_last_byte(partial: &[Option<u8>]) -> Option<Vec<(u32, char)>> {
    let needed = match partial.first().copied().flatten()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    if partial.len() + 1 != needed {
        return None;
    }
    let mut sequence = partial.to_vec();
    sequence.push(None);
    if sequence.iter().filter(|b| b.is_none()).count() > 1 {
        return Some(Vec::new());
    }
    candidates_with_one_unknown(&sequence)
}

/// Bonus (cost units) for forming a common in-word pair with a neighbour.
const PAIR_BONUS: u32 = 30;

/// Chooses each open character: the cheapest by its frequency and by forming common word
/// pairs with its neighbours (`改?旧` → `改造旧`, as 改造 is a word), when it is clearly
/// cheaper than the next candidate (four times as likely); U+FFFD when the byte cannot be
/// told, rather than a plausible wrong character.
fn settle(pieces: &[Piece], next_after: Option<char>) -> String {
    let mut out: Vec<char> = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.iter().enumerate() {
        let c = match piece {
            Piece::Known(c) => *c,
            Piece::Open(candidates) => {
                let prev = out.last().copied();
                let next = match pieces.get(i + 1) {
                    Some(Piece::Known(c)) => Some(*c),
                    Some(Piece::Open(_)) => None,
                    None => next_after,
                };
                let mut scored: Vec<(u32, char)> = candidates
                    .iter()
                    .map(|&(cost, c)| {
                        let pairs = u32::from(prev.is_some_and(|p| hanzi::is_word_pair(p, c)))
                            + u32::from(next.is_some_and(|n| hanzi::is_word_pair(c, n)));
                        (cost + 2 * PAIR_BONUS - pairs * PAIR_BONUS, c)
                    })
                    .collect();
                scored.sort_unstable();
                match scored.as_slice() {
                    [] => '\u{FFFD}',
                    [(_, only)] => *only,
                    [(best, c), (second, _), ..] if best + 14 <= *second => *c,
                    _ => '\u{FFFD}',
                }
            }
        };
        out.push(c);
    }
    out.into_iter().collect()
}

fn accept_utf8_reading(original: &[char], decoded: &str, lost_byte_marker: Option<char>) -> bool {
    if !decoded
        .chars()
        .all(|c| is_han(c) || is_gbk_symbol(c) || (c as u32) > 0x2000)
    {
        return false;
    }
    let before: u32 = original.iter().map(|c| hanzi::cost(*c)).sum::<u32>() + lost_byte_marker.map_or(0, hanzi::cost);
    let now = hanzi::text_cost(decoded);
    // U+FFFD marks a byte that cannot be told: left for the replacement-run repair.
    now * 4 <= before * 3 && hanzi::plausibility(&decoded.replace('\u{FFFD}', "")).alien == 0
}

/// `\0` marks a restored run whose following `?` or U+FFFD stood for its lost byte.
fn drop_marker_after_nul(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{0}' {
            if chars.peek().is_some_and(|n| matches!(n, '?' | '\u{FFFD}')) {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// CJK punctuation and full-width forms GBK has.
fn is_gbk_symbol(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2010..=0x2027 | 0x00B7 | 0x2460..=0x24FF | 0x2500..=0x257F)
}

/// Three characters in a row outside the 1500 commonest that GBK writes with bytes UTF-8 uses
/// for Chinese (a lead byte E0–EF or a continuation byte 80–BF on both sides): UTF-8 read as
/// GBK is made of nothing else, real Chinese has such characters only here and there.
fn looks_rare(run: &str) -> bool {
    // Three non-ASCII characters in a row (ASCII resets the count) are six high bytes in a row
    // at least: without them the answer is no, whatever the characters.
    if !super::has_high_byte_run(run.as_bytes(), 6) {
        return false;
    }
    looks_rare_by_chars(run)
}

/// [`looks_rare`] character by character.
fn looks_rare_by_chars(run: &str) -> bool {
    let mut in_a_row = 0;
    for c in run.chars() {
        if c.is_ascii() {
            in_a_row = 0;
            continue;
        }
        if is_utf8_pair(c) && hanzi::cost(c) >= 90 {
            in_a_row += 1;
            if in_a_row == 3 {
                return true;
            }
        } else {
            in_a_row = 0;
        }
    }
    false
}

/// Characters whose GBK pair could be two bytes of UTF-8 Chinese (or a byte the decoder
/// rejected).
fn is_utf8_pair(c: char) -> bool {
    if matches!(c, '\u{FFFD}' | '€') || hanzi::is_private_use(c) {
        return true;
    }
    let code = c as usize;
    (0x80..0x10000).contains(&code) && UTF8_PAIRS[code / 64] & (1 << (code % 64)) != 0
}

/// Bitset over the BMP of the characters GBK encodes as a pair of bytes both in 80–BF or
/// E0–EF.
static UTF8_PAIRS: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(utf8_pairs);

/// Whether `b` may stand in UTF-8 Chinese: a continuation byte or a three-byte lead.
fn is_utf8_chinese_byte(b: u8) -> bool {
    (0x80..=0xBF).contains(&b) || (0xE0..=0xEF).contains(&b)
}

/// [`UTF8_PAIRS`], decoding all the pairs at once, a line each: the decoder's set-up would cost
/// more than the decoding for each of the 6000-odd pairs alone. A pair GBK lacks is one U+FFFD
/// on its line (its second byte, never ASCII here, goes with it), as GBK maps no pair to U+FFFD.
fn utf8_pairs() -> Vec<u64> {
    let mut lines = Vec::new();
    for lead in (0x81..=0xFEu8).filter(|b| is_utf8_chinese_byte(*b)) {
        for trail in (0x80..=0xFEu8).filter(|b| is_utf8_chinese_byte(*b)) {
            lines.extend_from_slice(&[lead, trail, b'\n']);
        }
    }
    let (decoded, _) = GBK.decode_without_bom_handling(&lines);
    let mut bits = vec![0u64; 0x10000 / 64];
    for pair in decoded.lines() {
        let mut chars = pair.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            let code = c as usize;
            if c != '\u{FFFD}' && code < 0x10000 {
                bits[code / 64] |= 1 << (code % 64);
            }
        }
    }
    bits
}

/// GBK read as windows-1252 or Latin-1: runs of Latin-1 signs and letters (with the ASCII
/// letters GBK uses as second bytes among them) that decode as GBK into common Chinese.
pub fn gbk_as_latin1(text: &str) -> Option<(String, u64)> {
    // GBK bytes A0–FF read as Latin-1 are characters starting with C2 or C3 in UTF-8; a run of
    // four has some.
    memchr::memchr2(0xC2, 0xC3, text.as_bytes())?;
    // Four characters in a row with a `latin1_byte` are all non-ASCII: eight high bytes in a
    // row at least.
    if !super::has_high_byte_run(text.as_bytes(), 8) || !has_four_latin1_high(text) {
        return None;
    }
    rewrite_runs(
        text,
        |c| latin1_byte(c).is_some() || ('\u{40}'..='\u{7E}').contains(&c),
        |whole, _| {
            // A lead byte is never ASCII: leading ASCII letters are text of their own.
            let run = whole.trim_start_matches(|c: char| c.is_ascii());
            let prefix = &whole[..whole.len() - run.len()];
            let non_ascii = run.chars().filter(|c| !c.is_ascii()).count();
            let total = run.chars().count();
            // Latin text has ASCII letters around its accented ones; GBK bytes read as
            // Latin-1 are mostly high bytes.
            if non_ascii < 4 || non_ascii * 10 < total * 7 {
                return None;
            }
            let bytes: Vec<u8> = run.chars().map(|c| latin1_byte(c).unwrap_or(c as u8)).collect();
            let decoded = GBK.decode_without_bom_handling_and_without_replacement(&bytes)?;
            let han: Vec<char> = decoded.chars().filter(|c| is_han(*c)).collect();
            if han.len() * 2 < decoded.chars().count() || han.len() < 2 {
                return None;
            }
            let common = han.iter().all(|c| hanzi::han_cost(*c).is_some_and(|cost| cost <= 115));
            let mean = han.iter().map(|c| hanzi::cost(*c)).sum::<u32>() / han.len() as u32;
            if !common || mean > 100 {
                return None;
            }
            Some(format!("{prefix}{decoded}"))
        },
    )
}

/// Four characters in a row read as Latin-1 bytes 81–FF.
fn has_four_latin1_high(text: &str) -> bool {
    let mut pair = 0;
    for c in text.chars() {
        if latin1_byte(c).is_some_and(|b| b >= 0x81) {
            pair += 1;
            if pair >= 4 {
                return true;
            }
        } else {
            pair = 0;
        }
    }
    false
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Texts for the quick rejections: mostly-ASCII prose with curly quotes, dashes and
    /// accents, CJK, U+FFFD, `?` markers, mojibake of each family, and runs just under and at
    /// the thresholds.
    pub(crate) fn tricky_texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            "plain ASCII, nothing else?",
            "“Curly quotes” and ‘single’ ones — em dash – en dash … ellipsis",
            "——— …… “”‘’ —”",
            "“—”",
            "Café déjà vu, naïve façade, Noël, São Paulo, Zürich, 5 € per item",
            "ÀÉÎÕÜ àéîõü ÀÉÎÕ ½¼¾",
            "Ångström Øre Æble\u{a0}»«",
            "·¢²¼Ê±¼ä",
            "Time: ·¢²¼Ê±¼ä 2024",
            "·¢²",
            "鍙戝竷鏃堕棿",
            "作者：鍙戝竷鏃堕棿 2024",
            "鍙戝竷鏃?",
            "鍙戝竷鏃\u{FFFD}。",
            "璁″垝鏀归\u{FFFD}犳棫鍖\u{FFFD}",
            "涓\u{e15f}枃",
            "\u{FFFD}\u{FFFD}\u{FFFD}",
            "\u{FFFD}?\u{FFFD}\u{FFFD}",
            "€€€ € € €",
            "国务院新闻办公室今天举行新闻发布会",
            "饕餮、魑魅魍魉、耄耋",
            "?!彼均i飛說 葫芦岛a市委",
            "中文i中文 \u{e000}中 中\u{e000} 中\u{f0000}",
            "CafÃ© dÃ©jÃ\u{a0} vu itâ€™s Ã¢â‚¬â„¢",
            "ÐŸÑ€Ð¸Ð²ÐµÑ‚ Привет мир",
            "\u{10000}\u{10001}\u{10002} 𠀀𠀁",
            "ｱｲｳ ｈｅｌｌｏ！？",
            "x\u{85}\u{a0}\u{2028}y",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every cut of the mixed texts, so runs start and end at every place.
        let mixed = "a“b”—鍙戝竷é·¢²¼Ê±¼ä?i中\u{e15f}\u{FFFD}€z";
        for (at, _) in mixed.char_indices() {
            texts.push(mixed[at..].to_string());
            texts.push(mixed[..at].to_string());
        }
        texts
    }

    #[test]
    fn only_han_and_private_use_characters_have_a_utf8_lead_byte_in_gbk() {
        let bmp = (0x80..=0xFFFF).filter_map(char::from_u32);
        let astral = (0x10000..=0x10FFFF).step_by(61).filter_map(char::from_u32);
        let mut leading = 0;
        for c in bmp.chain(astral) {
            let mut bytes = Vec::new();
            if gbk_bytes(c, &mut bytes) && (0xC2..=0xF4).contains(&bytes[0]) {
                assert!(may_lead_utf8_in_gbk(c), "{c:?} {bytes:02X?}");
                leading += 1;
            }
        }
        // GB2312's and GBK's Han rows, not a vacuous truth.
        assert!(leading > 9000, "{leading}");
    }

    #[test]
    fn utf8_pairs_decoded_at_once_are_those_decoded_one_by_one() {
        let mut one_by_one = vec![0u64; 0x10000 / 64];
        for lead in (0x81..=0xFEu8).filter(|b| is_utf8_chinese_byte(*b)) {
            for trail in (0x80..=0xFEu8).filter(|b| is_utf8_chinese_byte(*b)) {
                if let Some(decoded) = GBK.decode_without_bom_handling_and_without_replacement(&[lead, trail]) {
                    let mut chars = decoded.chars();
                    if let (Some(c), None) = (chars.next(), chars.next()) {
                        let code = c as usize;
                        if code < 0x10000 {
                            one_by_one[code / 64] |= 1 << (code % 64);
                        }
                    }
                }
            }
        }
        assert_eq!(utf8_pairs(), one_by_one);
        assert!(one_by_one.iter().map(|w| w.count_ones()).sum::<u32>() > 1000);
    }

    #[test]
    fn quick_rejections_agree_with_the_character_scans() {
        for text in tricky_texts() {
            assert_eq!(looks_rare(&text), looks_rare_by_chars(&text), "{text:?}");
            let four = has_four_latin1_high(&text);
            assert!(!four || super::super::has_high_byte_run(text.as_bytes(), 8), "{text:?}");
        }
        // Every character once, in runs of three and four: each non-ASCII character is at least
        // two high bytes.
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32).step_by(7) {
            let three: String = [c, c, c].iter().collect();
            assert!(super::super::has_high_byte_run(three.as_bytes(), 6), "{c:?}");
            assert_eq!(looks_rare(&three), looks_rare_by_chars(&three), "{c:?}");
        }
    }

    fn latin1(text: &str) -> String {
        text.bytes().map(char::from).collect()
    }

    #[test]
    fn utf8_read_as_latin1() {
        assert_eq!(utf8_as_latin1("CafÃ© dÃ©jÃ\u{a0} vu"), Some(("Café déjà vu".into(), 3)));
        assert_eq!(utf8_as_latin1("itâ€™s"), Some(("it’s".into(), 1)));
        assert_eq!(utf8_as_latin1(&latin1("发布时间")), Some(("发布时间".into(), 1)));
        assert_eq!(utf8_as_latin1("Ã¢â‚¬â„¢"), Some(("’".into(), 2)));
        assert_eq!(utf8_as_latin1("ÐŸÑ€Ð¸Ð²ÐµÑ‚"), Some(("Привет".into(), 1)));
    }

    #[test]
    fn latin1_text_stays() {
        for clean in [
            "Café déjà vu, naïve façade, Noël, São Paulo, Zürich, 5 € per item",
            "SÃO PAULO",
            "«É»",
            "Ångström Øre Æble",
            "100 °C ± 2",
            "Ça va? À bientôt!",
            "traitement automatisé\u{a0}».",
        ] {
            assert_eq!(utf8_as_latin1(clean), None, "{clean}");
        }
    }

    #[test]
    fn long_runs_are_restored_a_stretch_at_a_time_and_hopeless_ones_give_up() {
        // Longer than one stretch: restored whole, in stretches that end on character boundaries.
        let clean = "发布时间今天上午市政府召开新闻发布会".repeat(MAX_STRETCH / 8);
        let mojibake = gbk_as_text_of_utf8(&clean);
        assert!(mojibake.chars().count() > 2 * MAX_STRETCH);
        let (restored, count) = utf8_as_gbk(&mojibake).unwrap();
        assert_eq!(restored, clean);
        assert!(count >= 1);
        // UTF-8 U+FFFD read as GBK decodes from every lead byte and never reads better: left as
        // it is (within the failed-start budget), with a restorable run after a space still restored.
        let hopeless = "锟斤拷".repeat(2_000);
        let text = format!("{hopeless} {}", gbk_as_text_of_utf8("发布时间"));
        assert_eq!(utf8_as_gbk(&text), Some((format!("{hopeless} 发布时间"), 1)));
    }

    #[test]
    fn utf8_read_as_gbk() {
        let mojibake = gbk_as_text_of_utf8("发布时间");
        assert_eq!(mojibake, "鍙戝竷鏃堕棿");
        assert_eq!(utf8_as_gbk(&mojibake), Some(("发布时间".into(), 1)));
        assert_eq!(
            utf8_as_gbk("作者：鍙戝竷鏃堕棿 2024"),
            Some(("作者：发布时间 2024".into(), 1))
        );
        // Odd byte count: the decoder turned the last byte into `?`.
        // A private-use character where the bytes fall in GBK's user-defined area.
        let pua = gbk_as_text_of_utf8("中文");
        assert_eq!(pua, "涓\u{e15f}枃");
        assert_eq!(utf8_as_gbk(&pua), Some(("中文".into(), 1)));
        // Odd byte count: the decoder turned the last byte into `?`. 时 and 无 share the other
        // two bytes and are both common: the lost byte cannot be told, U+FFFD stays.
        assert_eq!(utf8_as_gbk("鍙戝竷鏃?"), Some(("发布\u{FFFD}".into(), 1)));
        assert_eq!(utf8_as_gbk("鍙戝竷鏃\u{FFFD}。"), Some(("发布\u{FFFD}。".into(), 1)));
        // 的 (E7 9A 84) is far commoner than anything else E7 9A can start.
        let de = gbk_as_text_of_utf8("他说的");
        assert!(de.ends_with('\u{FFFD}'));
        assert_eq!(utf8_as_gbk(&de), Some(("他说的".into(), 1)));
        // Decoders without the euro sign reject 0x80 bytes as U+FFFD, one byte each; the
        // WHATWG decoder reads them as `€`.
        // 造 lost its middle byte (E9 ?? A0), but only 造 makes a word with the 改 before it.
        assert_eq!(
            utf8_as_gbk("璁″垝鏀归\u{FFFD}犳棫鍖\u{FFFD}"),
            Some(("计划改造旧\u{FFFD}".into(), 1))
        );
        // "江南市推进老旧小区改造" in UTF-8 read by such a decoder:
        let python_style = "姹熷崡甯傛帹杩涜\u{FFFD}佹棫灏忓尯鏀归\u{FFFD}\u{FFFD}";
        let whatwg_style = gbk_as_text_of_utf8("江南推进老旧小区改造工程");
        // Its last byte fell into a U+FFFD at the end of the input: not guessed.
        assert_eq!(
            utf8_as_gbk(&whatwg_style),
            Some(("江南推进老旧小区改造工\u{FFFD}".into(), 1))
        );
        // The last character lost two bytes: no guess, U+FFFD stays for the run repair.
        // 老 lost its middle byte, and E8 ?? 81 has other common readings: U+FFFD, not a guess.
        assert_eq!(
            utf8_as_gbk(python_style),
            Some(("江南市推进\u{FFFD}旧小区改\u{FFFD}".into(), 1))
        );
    }

    fn gbk_as_text_of_utf8(text: &str) -> String {
        GBK.decode(text.as_bytes()).0.into_owned()
    }

    #[test]
    fn chinese_stays() {
        for clean in [
            "国务院新闻办公室今天举行新闻发布会",
            "中華人民共和國",
            "鹏飞说，葫芦岛市委",
            "饕餮、魑魅魍魉、耄耋",
            "涓涓细流",
        ] {
            assert_eq!(utf8_as_gbk(clean), None, "{clean}");
        }
    }

    #[test]
    fn gbk_read_as_latin1() {
        let mojibake: String = GBK.encode("发布时间").0.iter().map(|b| char::from(*b)).collect();
        assert_eq!(mojibake, "·¢²¼Ê±¼ä");
        assert_eq!(gbk_as_latin1(&mojibake), Some(("发布时间".into(), 1)));
        assert_eq!(
            gbk_as_latin1("Time: ·¢²¼Ê±¼ä 2024"),
            Some(("Time: 发布时间 2024".into(), 1))
        );
    }

    #[test]
    fn latin_text_stays_latin() {
        for clean in [
            "élève, déjà, où, ça",
            "Ångström Øre Æble ½ ¼ ¾",
            "Señor Muñoz, año, niño",
            "£100 ¥200 €300 ©2024 ®",
            "ÀÉÎÕÜ àéîõü",
        ] {
            assert_eq!(gbk_as_latin1(clean), None, "{clean}");
        }
    }
}
