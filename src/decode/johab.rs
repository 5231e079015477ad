//! Johab (KS X 1001 annex 3), the Korean encoding of old DOS and BBS text: Hangul syllables
//! composed from 5-bit initial, medial and final indexes; symbols and Hanja mapped onto
//! KS X 1001 rows (decoded through EUC-KR). Not in the Encoding Standard; chardetng reads it as
//! windows-1252, so detection recognises it by decoding cleanly into Hangul.

use encoding_rs::EUC_KR;

/// Medial (vowel) index of the 5-bit field, `None` for fill or unused codes.
fn medial(bits: u16) -> Option<u32> {
    match bits {
        3..=7 => Some(u32::from(bits) - 3),
        10..=15 => Some(u32::from(bits) - 5),
        18..=23 => Some(u32::from(bits) - 7),
        26..=29 => Some(u32::from(bits) - 9),
        _ => None,
    }
}

/// Final (trailing consonant) index: 0 for none.
fn final_consonant(bits: u16) -> Option<u32> {
    match bits {
        1 => Some(0),
        2..=17 => Some(u32::from(bits) - 1),
        19..=29 => Some(u32::from(bits) - 2),
        _ => None,
    }
}

/// Hangul compatibility jamo of the initial consonants, for codes with no vowel.
const INITIAL_JAMO: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

fn hangul(code: u16) -> Option<char> {
    let initial = (code >> 10) & 0x1F;
    let vowel = (code >> 5) & 0x1F;
    let last = code & 0x1F;
    match (initial, medial(vowel), final_consonant(last)) {
        (2..=20, Some(v), Some(f)) => char::from_u32(0xAC00 + (u32::from(initial - 2) * 21 + v) * 28 + f),
        (2..=20, None, Some(0)) if vowel == 2 => Some(INITIAL_JAMO[usize::from(initial - 2)]),
        (1, Some(v), Some(0)) => char::from_u32(0x314F + v),
        _ => None,
    }
}

/// Symbols and Hanja: the pair's KS X 1001 row and cell.
fn ksx1001(lead: u8, trail: u8) -> Option<char> {
    if lead == 0xDF
        || lead > 0xF9
        || trail < 0x31
        || (0x80..0x91).contains(&trail)
        || trail & 0x7F == 0x7F
        || (lead == 0xDA && (0xA1..=0xD3).contains(&trail))
    {
        return None;
    }
    let row = if lead < 0xE0 {
        2 * (u16::from(lead) - 0xD9)
    } else {
        2 * u16::from(lead) - 0x197
    };
    let cell = if trail < 0x91 {
        u16::from(trail) - 0x31
    } else {
        u16::from(trail) - 0x43
    };
    let (row, cell) = if cell < 0x5E {
        (row + 0x21, cell + 0x21)
    } else {
        (row + 0x22, cell - 0x5E + 0x21)
    };
    let bytes = [(row as u8) | 0x80, (cell as u8) | 0x80];
    let decoded = EUC_KR.decode_without_bom_handling_and_without_replacement(&bytes)?;
    decoded.chars().next()
}

/// Decodes Johab, replacing malformed pairs with U+FFFD.
pub fn decode(bytes: &[u8]) -> (String, u64) {
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut malformed = 0;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            text.push(char::from(lead));
            i += 1;
            continue;
        }
        let Some(&trail) = bytes.get(i + 1) else {
            malformed += 1;
            text.push('\u{FFFD}');
            break;
        };
        let decoded = match lead {
            0x84..=0xD3 if matches!(trail, 0x41..=0x7E | 0x81..=0xFE) => hangul(u16::from_be_bytes([lead, trail])),
            0xD9..=0xF9 => ksx1001(lead, trail),
            _ => None,
        };
        match decoded {
            Some(c) => {
                text.push(c);
                i += 2;
            }
            None => {
                malformed += 1;
                text.push('\u{FFFD}');
                i += 1;
            }
        }
    }
    (text, malformed)
}

/// Whether `bytes` read as Johab decode cleanly into mostly Hangul.
pub fn looks_like_johab(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let (text, malformed) = decode(head);
    let mut hangul = 0usize;
    let mut non_ascii = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            hangul += 1;
        }
    }
    hangul >= 20 && hangul * 10 >= non_ascii * 7 && malformed as usize * 100 <= non_ascii
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_and_symbols() {
        assert_eq!(
            decode(b"\xD0\x65\x8B\x69 \x88\x61\x90\x61\x94\x61"),
            ("한글 가나다".to_string(), 0)
        );
        assert_eq!(decode(b"\xD9\x32\xD9\x33\xD9\x34"), ("、。·".to_string(), 0));
        assert_eq!(decode(b"\xF7\xDB\xE2\xD0"), ("韓國".to_string(), 0));
        assert_eq!(decode(b"abc"), ("abc".to_string(), 0));
        assert_eq!(decode(b"\xD0").1, 1);
    }
}
