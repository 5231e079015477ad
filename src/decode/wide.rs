//! Byte-order marks, BOM-less UTF-16/UTF-32, and the two decoders encoding_rs lacks that real
//! files still use: UTF-32 and ISO-2022-KR (which the Encoding Standard maps to the
//! replacement encoding).

use encoding_rs::{EUC_KR, Encoding, UTF_16BE, UTF_16LE};

use super::Charset;

/// The encoding a byte-order mark announces, and the mark's length. UTF-32 marks are checked
/// first: `FF FE 00 00` also starts with the UTF-16LE mark.
pub fn bom(bytes: &[u8]) -> Option<(Charset, usize)> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") && bytes.len().is_multiple_of(4) {
        return Some((Charset::Utf32Le, 4));
    }
    if bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Some((Charset::Utf32Be, 4));
    }
    Encoding::for_bom(bytes).map(|(encoding, len)| (Charset::Whatwg(encoding), len))
}

/// UTF-16 or UTF-32 without a BOM, recognised by where the NUL bytes of mostly-Latin text fall:
/// in one byte of each 16-bit unit, or in three bytes of each 32-bit unit.
pub fn sniff_wide(bytes: &[u8]) -> Option<Charset> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let units = head.len() / 4;
    // Every test below needs NUL bytes (at least 2 % of the 16-bit units).
    if units < 4 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let mut nul_at = [0usize; 4];
    for (i, &b) in head[..units * 4].iter().enumerate() {
        if b == 0 {
            nul_at[i % 4] += 1;
        }
    }
    let mostly = |n: usize| n * 10 >= units * 7;
    let rarely = |n: usize| n * 10 <= units;
    if mostly(nul_at[2]) && mostly(nul_at[3]) && rarely(nul_at[0]) && head.len().is_multiple_of(4) {
        return Some(Charset::Utf32Le);
    }
    if mostly(nul_at[0]) && mostly(nul_at[1]) && rarely(nul_at[3]) && head.len().is_multiple_of(4) {
        return Some(Charset::Utf32Be);
    }
    let even = nul_at[0] + nul_at[2];
    let odd = nul_at[1] + nul_at[3];
    // Half of all 16-bit units are checked per parity; a third of them NUL already says UTF-16
    // for text mixing Latin and other scripts.
    let pairs = units * 2;
    if odd * 3 >= pairs && even * 20 <= odd && utf16_is_valid(head, UTF_16LE) {
        return Some(Charset::Whatwg(UTF_16LE));
    }
    if even * 3 >= pairs && odd * 20 <= even && utf16_is_valid(head, UTF_16BE) {
        return Some(Charset::Whatwg(UTF_16BE));
    }
    // Chinese in UTF-16 has few NULs: recognise it by decoding into plausible Chinese one way
    // and not the other (the swapped byte order gives rare-character soup).
    if (even + odd) * 50 >= pairs && head.len() >= 64 {
        for (encoding, other) in [(UTF_16LE, UTF_16BE), (UTF_16BE, UTF_16LE)] {
            let even_len = &head[..head.len() & !1];
            let (text, malformed) = super::decode_counting(encoding, even_len);
            if malformed <= 1 {
                let this = super::hanzi::plausibility(&text);
                let (swapped, _) = super::decode_counting(other, even_len);
                if this.is_plausible() && this.clearly_better_than(&super::hanzi::plausibility(&swapped)) {
                    return Some(Charset::Whatwg(encoding));
                }
            }
        }
    }
    None
}

fn utf16_is_valid(head: &[u8], encoding: &'static Encoding) -> bool {
    let even = &head[..head.len() & !1];
    let (_, malformed) = super::decode_counting(encoding, even);
    // The cut at 64 KiB may split a surrogate pair.
    malformed <= 1
}

/// EBCDIC text: the EBCDIC space (0x40) is the commonest byte, the ASCII space rare, and most
/// bytes fall in EBCDIC's letter, digit and space positions. Hebrew (IBM424) when the Hebrew
/// letter positions carry a good share of the letters, else IBM037.
pub fn sniff_ebcdic(bytes: &[u8]) -> Option<Charset> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.len() < 32 {
        return None;
    }
    let mut counts = [0usize; 256];
    for &b in head {
        counts[usize::from(b)] += 1;
    }
    let most = (0..256).max_by_key(|&b| counts[b])?;
    let in_range = |range: std::ops::RangeInclusive<usize>| range.map(|b| counts[b]).sum::<usize>();
    let latin_letters = in_range(0x81..=0x89)
        + in_range(0x91..=0x99)
        + in_range(0xA2..=0xA9)
        + in_range(0xC1..=0xC9)
        + in_range(0xD1..=0xD9)
        + in_range(0xE2..=0xE9);
    let hebrew_letters = in_range(0x41..=0x49) + in_range(0x51..=0x59) + in_range(0x62..=0x69) + counts[0x71];
    let digits = in_range(0xF0..=0xF9);
    let typical = latin_letters + hebrew_letters + digits + counts[0x40];
    if most != 0x40 || counts[0x20] * 100 > head.len() || typical * 10 < head.len() * 7 {
        return None;
    }
    if hebrew_letters * 5 >= (latin_letters + hebrew_letters).max(1) {
        Some(Charset::SingleByte(&super::single_byte::IBM424))
    } else {
        Some(Charset::SingleByte(&super::single_byte::IBM037))
    }
}

/// Decodes UTF-32 (without BOM), replacing invalid code points with U+FFFD.
pub fn decode_utf32(bytes: &[u8], big_endian: bool) -> (String, u64) {
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut malformed = 0;
    let mut units = bytes.chunks_exact(4);
    for unit in &mut units {
        let array = [unit[0], unit[1], unit[2], unit[3]];
        let value = if big_endian {
            u32::from_be_bytes(array)
        } else {
            u32::from_le_bytes(array)
        };
        match char::from_u32(value) {
            Some(c) => text.push(c),
            None => {
                malformed += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    if !units.remainder().is_empty() {
        malformed += 1;
        text.push('\u{FFFD}');
    }
    (text, malformed)
}

/// The ISO-2022-KR designation of KS X 1001 into G1.
const ISO2022KR_DESIGNATION: &[u8] = b"\x1B$)C";

/// Seven-bit text with the ISO-2022-KR designation and shift-out bytes.
pub fn looks_like_iso2022kr(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| *b < 0x80)
        && memchr::memmem::find(bytes, ISO2022KR_DESIGNATION).is_some()
        && memchr::memchr(0x0E, bytes).is_some()
}

/// Decodes ISO-2022-KR (RFC 1557): after shift-out (0x0E), byte pairs in 0x21–0x7E are
/// KS X 1001 (EUC-KR with the high bits cleared) until shift-in (0x0F) or the end of the line.
pub fn decode_iso2022kr(bytes: &[u8]) -> (String, u64) {
    let mut text = String::with_capacity(bytes.len());
    let mut malformed = 0;
    let mut shifted = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(ISO2022KR_DESIGNATION) {
            i += ISO2022KR_DESIGNATION.len();
            continue;
        }
        let b = bytes[i];
        match b {
            0x0E => shifted = true,
            0x0F => shifted = false,
            b'\n' | b'\r' => {
                shifted = false;
                text.push(b as char);
            }
            0x21..=0x7E if shifted => {
                match bytes.get(i + 1) {
                    Some(&trail @ 0x21..=0x7E) => {
                        let pair = [b | 0x80, trail | 0x80];
                        let (decoded, had_errors) = EUC_KR.decode_without_bom_handling(&pair);
                        if had_errors {
                            malformed += 1;
                        }
                        text.push_str(&decoded);
                    }
                    _ => {
                        malformed += 1;
                        text.push('\u{FFFD}');
                    }
                }
                i += 2;
                continue;
            }
            b if b < 0x80 => text.push(b as char),
            _ => {
                malformed += 1;
                text.push('\u{FFFD}');
            }
        }
        i += 1;
    }
    (text, malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                if big_endian {
                    (c as u32).to_be_bytes()
                } else {
                    (c as u32).to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn boms() {
        assert_eq!(bom(b"\xEF\xBB\xBFabc"), Some((Charset::Whatwg(encoding_rs::UTF_8), 3)));
        assert_eq!(bom(b"\xFF\xFEa\x00"), Some((Charset::Whatwg(UTF_16LE), 2)));
        assert_eq!(bom(b"\xFE\xFF\x00a"), Some((Charset::Whatwg(UTF_16BE), 2)));
        assert_eq!(bom(b"\xFF\xFE\x00\x00a\x00\x00\x00"), Some((Charset::Utf32Le, 4)));
        assert_eq!(bom(b"\x00\x00\xFE\xFF\x00\x00\x00a"), Some((Charset::Utf32Be, 4)));
        assert_eq!(bom(b"abc"), None);
    }

    const GBK_TEXT: [u8; 70] = *b"\xb9\xfa\xce\xf1\xd4\xba\xd0\xc2\xce\xc5\xb0\xec\xb9\xab\xca\xd2\xbd\xf1\xcc\xec\xc9\xcf\xce\xe7\xbe\xd9\xd0\xd0\xd0\xc2\xce\xc5\xb7\xa2\xb2\xbc\xbb\xe1\xa3\xac\xbd\xe9\xc9\xdc\xd2\xbb\xbc\xbe\xb6\xc8\xb9\xfa\xc3\xf1\xbe\xad\xbc\xc3\xd4\xcb\xd0\xd0\xc7\xe9\xbf\xf6\xa1\xa3\x0a\x0a";

    #[test]
    fn bomless_wide_encodings() {
        let text = "Hello, world. Привет, мир. 你好，世界。 This is plain text.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(sniff_wide(&le), Some(Charset::Whatwg(UTF_16LE)));
        assert_eq!(sniff_wide(&be), Some(Charset::Whatwg(UTF_16BE)));
        assert_eq!(sniff_wide(&utf32(text, false)), Some(Charset::Utf32Le));
        assert_eq!(sniff_wide(&utf32(text, true)), Some(Charset::Utf32Be));
        assert_eq!(sniff_wide(text.as_bytes()), None);
        let chinese = "国务院新闻办公室今天上午举行新闻发布会，介绍一季度国民经济运行情况。\n经济运行开局良好。\n";
        let le: Vec<u8> = chinese.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = chinese.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(sniff_wide(&le), Some(Charset::Whatwg(UTF_16LE)));
        assert_eq!(sniff_wide(&be), Some(Charset::Whatwg(UTF_16BE)));
        assert_eq!(sniff_wide(&GBK_TEXT), None);
        assert_eq!(sniff_wide(b""), None);
    }

    #[test]
    fn ebcdic() {
        let english: Vec<u8> = "The quick brown fox jumps over the lazy dog, 42 times a day.\n"
            .repeat(3)
            .chars()
            .map(|c| {
                (0..=255u8)
                    .find(|b| super::super::single_byte::IBM037.decode(&[*b]).0.starts_with(c))
                    .unwrap_or(0x40)
            })
            .collect();
        assert_eq!(
            sniff_ebcdic(&english),
            Some(Charset::SingleByte(&super::super::single_byte::IBM037))
        );
        assert_eq!(
            sniff_ebcdic(b"The quick brown fox jumps over the lazy dog, 42 times a day."),
            None
        );
        assert_eq!(sniff_ebcdic("国务院新闻办公室今天上午举行新闻发布会".as_bytes()), None);
    }

    #[test]
    fn utf32_decoding() {
        let text = "a€你😀";
        assert_eq!(decode_utf32(&utf32(text, false), false), (text.to_string(), 0));
        assert_eq!(decode_utf32(&utf32(text, true), true), (text.to_string(), 0));
        assert_eq!(
            decode_utf32(b"\x00\xD8\x00\x00a\x00", false),
            ("\u{FFFD}\u{FFFD}".to_string(), 2)
        );
    }

    #[test]
    fn iso2022kr() {
        // "한국어" in EUC-KR is C7 D1 B1 B9 BE EE.
        let bytes = b"\x1B$)Cabc \x0E\x47\x51\x31\x39\x3E\x6E\x0F def\n";
        assert!(looks_like_iso2022kr(bytes));
        assert_eq!(decode_iso2022kr(bytes), ("abc 한국어 def\n".to_string(), 0));
        assert!(!looks_like_iso2022kr(b"plain ascii"));
        assert!(!looks_like_iso2022kr(b"\x1B$)C but no shift"));
    }
}
