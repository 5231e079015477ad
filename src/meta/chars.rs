//! `char::is_alphabetic` and `char::is_alphanumeric` with the non-ASCII characters most text
//! holds (quotes, dashes and ellipses; CJK and full-width punctuation; accented Latin, Greek and
//! Cyrillic letters)
//! answered without the Unicode table search, which costs a few hundred instructions a
//! character. The answers are those of the standard library for every character (see the tests).

/// Whether `c` is in a range answered here, and if so, whether it is a letter (no character in
/// these ranges is a number).
fn known(c: char) -> Option<bool> {
    match c {
        // General Punctuation: spaces, dashes, quotes, bullets, ellipsis.
        '\u{2000}'..='\u{206f}'
        // CJK punctuation: `、` `。` `〃`, brackets, quotes, `〜`.
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        // Full-width punctuation: `！` … `／`, `：` … `＠`.
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}' => Some(false),
        // Latin-1 punctuation and symbols, no-break space included.
        '\u{a0}'..='\u{a9}' | '\u{ab}'..='\u{b1}' | '\u{b4}' | '\u{b6}'..='\u{b8}' | '\u{bb}' | '\u{bf}' => Some(false),
        // Latin-1 letters (not `×`, `÷`), Latin Extended-A and B; Greek and Cyrillic letters.
        '\u{c0}'..='\u{d6}'
        | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{24f}'
        | '\u{391}'..='\u{3a1}'
        | '\u{3a3}'..='\u{3c9}'
        | '\u{400}'..='\u{481}'
        | '\u{48a}'..='\u{52f}' => Some(true),
        _ => None,
    }
}

/// Han and kana: scripts written without spaces between words.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}')
}

/// A Chinese, Japanese or Korean character, each one a reading unit of its own: kana and Han
/// ([`is_unspaced`]), and Hangul syllables.
pub fn is_cjk(c: char) -> bool {
    is_unspaced(c) || matches!(c, '\u{ac00}'..='\u{d7a3}')
}

/// `c.is_alphabetic()`.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    known(c).unwrap_or_else(|| c.is_alphabetic())
}

/// `c.is_alphanumeric()`.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    known(c).unwrap_or_else(|| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_as_the_standard_library_for_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
