//! Recognising bytes that are not text at all: a known binary format by its magic number
//! ([`crate::input::binary_format`]), or bytes full of NUL and control characters.

/// What kind of binary content `bytes` hold, or `None` for text.
///
/// Besides magic numbers, a head with many NUL or C0 control bytes is binary — unless it is
/// UTF-16 or UTF-32, whose NULs fall in a regular pattern.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if let Some(format) = crate::input::binary_format(bytes) {
        return Some(format.name);
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.is_empty() {
        return None;
    }
    let has_nul = memchr::memchr(0, head).is_some();
    if has_nul && looks_like_utf16_or_32(head) {
        return None;
    }
    // This runs on every document: comparisons only (no table), counted in byte lanes over
    // chunks short enough not to overflow them, so the loop vectorizes.
    let mut nul = 0usize;
    let mut control = 0usize;
    for chunk in head.chunks(255) {
        let (mut nul_in, mut control_in) = (0u8, 0u8);
        for &b in chunk {
            nul_in += u8::from(b == 0);
            control_in += u8::from(is_control(b));
        }
        nul += usize::from(nul_in);
        control += usize::from(control_in);
    }
    if nul * 100 > head.len() || (nul + control) * 20 > head.len() {
        return Some("non-text bytes (NUL and control characters)");
    }
    None
}

/// C0 controls that text does not use: all but tab, line feed, vertical tab, form feed,
/// carriage return, shift-out and shift-in (09–0F) and escape (ESC, SO and SI are used by the
/// ISO-2022 encodings; form feed and vertical tab occur in old text). NUL is counted apart.
fn is_control(b: u8) -> bool {
    (1..0x20).contains(&b) && !(0x09..=0x0F).contains(&b) && b != 0x1B
}

/// UTF-16/32 without BOM: NULs concentrated in one or three byte positions of each unit.
fn looks_like_utf16_or_32(head: &[u8]) -> bool {
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return true;
    }
    let mut nul_at = [0usize; 4];
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            nul_at[i % 4] += 1;
        }
    }
    let units = head.len() / 4;
    if units < 4 {
        return false;
    }
    let even = nul_at[0] + nul_at[2];
    let odd = nul_at[1] + nul_at[3];
    let utf16 = (even > units && odd * 10 < even) || (odd > units && even * 10 < odd);
    let utf32 = nul_at.iter().filter(|&&n| n * 10 >= units * 8).count() == 3;
    utf16 || utf32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_formats() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("PDF"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some("PNG image"));
        assert_eq!(sniff(b"PK\x03\x04\x14\0"), Some("ZIP archive"));
        assert!(sniff(&[0u8, 1, 2, 3, 0, 0, 9, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0, 0]).is_some());
    }

    #[test]
    fn control_bytes_are_the_ones_text_does_not_use() {
        let controls: Vec<u8> = (0..=255u8).filter(|&b| is_control(b)).collect();
        let expected: Vec<u8> = (1..0x20u8).filter(|b| !matches!(b, 0x09..=0x0F | 0x1B)).collect();
        assert_eq!(controls, expected);
        // Past one counting lane (255 bytes), the counts still add up.
        assert!(sniff(&[0x01u8; 1000]).is_some());
        assert_eq!(sniff(&[b'\n'; 1000]), None);
    }

    #[test]
    fn text_is_not_binary() {
        assert_eq!(sniff("<p>中文 text €</p>".as_bytes()), None);
        assert_eq!(sniff(b"\x1b$B$3$s$K$A$O\x1b(B"), None);
        let utf16: Vec<u8> = "hello world, this is text"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(sniff(&utf16), None);
        assert_eq!(sniff(b""), None);
    }
}
