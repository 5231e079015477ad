//! The classic mojibake families: text encoded one way and decoded another before it reached
//! us. Each is undone by re-encoding a suspicious run with the wrong encoding and decoding the
//! bytes with the right one, and kept only when the bytes are valid there and the result is
//! clearly better text:
//!
//! - UTF-8 read as windows-1252 / Latin-1: `Ã©` → `é`, `â€™` → `’`, `å\u{8f}\u{91}å¸\u{83}` → `发布`;
//! - UTF-8 read as GBK: `鍙戝竷鏃堕棿` → `发布时间`;
//! - GBK read as windows-1252 / Latin-1: `·¢²¼Ê±¼ä` → `发布时间`.

use encoding_rs::{GBK, WINDOWS_1252};

use crate::decode::hanzi::{self, is_han};

/// The byte windows-1252 (with C1 controls as themselves, as Latin-1 reads them) gives `c`.
fn latin1_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x80..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    let mut buffer = [0u8; 4];
    let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
    match (unmappable, bytes.as_ref()) {
        (false, [b]) if *b >= 0x80 => Some(*b),
        _ => None,
    }
}

/// The GBK bytes of `c`, if it has any.
fn gbk_bytes(c: char, out: &mut Vec<u8>) -> bool {
    let mut buffer = [0u8; 4];
    let (bytes, _, unmappable) = GBK.encode(c.encode_utf8(&mut buffer));
    if unmappable {
        return false;
    }
    out.extend_from_slice(&bytes);
    true
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
    let mut chars = text.char_indices().chain(std::iter::once((text.len(), '\n')));
    while let Some((at, c)) = chars.next() {
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
    // Every UTF-8 lead byte read as Latin-1 is one of Â–ô.
    if !text.chars().any(|c| ('\u{C2}'..='\u{F4}').contains(&c)) {
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
            while i < bytes.len() {
                match utf8_sequence(&bytes[i..]) {
                    Some((c, len)) if plausible_utf8_result(c, len) => {
                        out.push(c);
                        fixed += 1;
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
    rewrite_runs(
        text,
        |c| !c.is_ascii() && c != '\u{FFFD}' && (is_han(c) || is_gbk_symbol(c) || hanzi::is_private_use(c)),
        |run, after| {
            if run.chars().nth(1).is_none() || !looks_rare(run) {
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

/// Within a run of GBK-encodable characters, the sub-runs whose GBK bytes are UTF-8 and read as
/// clearly better text, restored.
fn restore_utf8_in_run(run: &str, after: &str) -> Option<String> {
    let chars: Vec<char> = run.chars().collect();
    let mut encoded: Vec<Vec<u8>> = Vec::with_capacity(chars.len());
    for &c in &chars {
        let mut bytes = Vec::with_capacity(2);
        if !gbk_bytes(c, &mut bytes) {
            return None;
        }
        encoded.push(bytes);
    }
    let mut out = String::with_capacity(run.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        match restore_from(&chars, &encoded, i, after) {
            Some((restored, end)) => {
                out.push_str(&restored);
                changed = true;
                i = end;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    changed.then_some(out)
}

/// The longest stretch from character `start` whose bytes are UTF-8 ending on a character
/// boundary (or, at the end of the run, one byte short with a lost-byte marker after it), if
/// its reading is clearly better.
fn restore_from(chars: &[char], encoded: &[Vec<u8>], start: usize, after: &str) -> Option<(String, usize)> {
    let mut bytes = Vec::new();
    let mut best: Option<(String, usize)> = None;
    for end in start..chars.len() {
        bytes.extend_from_slice(&encoded[end]);
        let at_run_end = end + 1 == chars.len();
        let decoded = match std::str::from_utf8(&bytes) {
            Ok(text) => (text.to_string(), None),
            Err(err) if err.error_len().is_none() && at_run_end => match decode_utf8_with_lost_tail(&bytes, after) {
                Some(decoded) => decoded,
                None => break,
            },
            Err(err) if err.error_len().is_none() => continue,
            Err(_) => break,
        };
        if end > start && accept_utf8_reading(&chars[start..=end], &decoded.0, decoded.1) {
            let text = if decoded.1.is_some() {
                format!("{}\u{0}", decoded.0)
            } else {
                decoded.0
            };
            best = Some((text, end + 1));
        }
    }
    best
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
    now * 4 <= before * 3 && hanzi::plausibility(decoded).alien == 0
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

/// At least two characters outside the 2000 commonest: mojibake is made of rare characters.
fn looks_rare(run: &str) -> bool {
    run.chars().filter(|c| hanzi::cost(*c) >= 95).take(2).count() == 2
}

/// Strict UTF-8 decoding of `bytes`, allowing the last sequence to lack its final byte when
/// the text goes on with a `?` or U+FFFD (the decoder's stand-in for it): that byte is chosen
/// as the continuation giving the likeliest character.
fn decode_utf8_with_lost_tail(bytes: &[u8], after: &str) -> Option<(String, Option<char>)> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some((text.to_string(), None)),
        Err(err) if err.error_len().is_none() => {
            let marker = after.chars().next().filter(|c| matches!(c, '?' | '\u{FFFD}'))?;
            let valid = &bytes[..err.valid_up_to()];
            let partial = &bytes[err.valid_up_to()..];
            let best = (0x80..=0xBFu8)
                .filter_map(|last| {
                    let mut candidate = partial.to_vec();
                    candidate.push(last);
                    let c = std::str::from_utf8(&candidate).ok()?.chars().next()?;
                    Some((hanzi::cost(c), c))
                })
                .min()?;
            let mut text = std::str::from_utf8(valid).ok()?.to_string();
            text.push(best.1);
            Some((text, Some(marker)))
        }
        Err(_) => None,
    }
}

/// GBK read as windows-1252 or Latin-1: runs of Latin-1 signs and letters (with the ASCII
/// letters GBK uses as second bytes among them) that decode as GBK into common Chinese.
pub fn gbk_as_latin1(text: &str) -> Option<(String, u64)> {
    let mut pair = 0;
    let mut found = false;
    for c in text.chars() {
        if latin1_byte(c).is_some_and(|b| b >= 0x81) {
            pair += 1;
            if pair >= 4 {
                found = true;
                break;
            }
        } else {
            pair = 0;
        }
    }
    if !found {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn latin1(text: &str) -> String {
        text.bytes().map(char::from).collect()
    }

    fn gbk_as_text(text: &str) -> String {
        let bytes = GBK.encode(text).0;
        GBK.decode(&bytes).0.into_owned()
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
        // Odd byte count: the decoder turned the last byte into `?`.
        assert_eq!(utf8_as_gbk("鍙戝竷鏃?"), Some(("发布时".into(), 1)));
        assert_eq!(utf8_as_gbk("鍙戝竷鏃\u{FFFD}。"), Some(("发布时。".into(), 1)));
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
        let _ = gbk_as_text("中文");
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
