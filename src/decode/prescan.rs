//! The HTML standard's "prescan a byte stream to determine its encoding" (§13.2.3.2): the
//! `<meta charset>` / `<meta http-equiv=content-type content=…>` declaration of the first 1024
//! bytes, with the standard's tokenisation of comments, tags and attributes, so that a
//! `charset` inside a comment, a `<script charset>` or a second `http-equiv` does not count.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

use super::labels;

/// How many bytes the prescan looks at.
pub const PRESCAN_BYTES: usize = 1024;

/// A declaration found by the prescan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaDeclaration {
    /// The label as written (lower-cased by the tokeniser, as the standard does).
    pub label: String,
    /// The encoding to use: UTF-16 labels become UTF-8 and `x-user-defined` becomes
    /// windows-1252, as the standard requires.
    pub encoding: &'static Encoding,
}

/// Runs the prescan over the first [`PRESCAN_BYTES`] of `bytes`.
pub fn prescan(bytes: &[u8]) -> Option<MetaDeclaration> {
    let input = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut pos = 0;
    while pos < input.len() {
        let rest = &input[pos..];
        if rest.starts_with(b"<!--") {
            // The comment ends at the first `>` preceded by `--` and after the `<`: `<!-->`
            // is a whole comment.
            pos = match find_comment_end(input, pos + 2) {
                Some(end) => end + 1,
                None => return None,
            };
            continue;
        }
        if rest.len() >= 6 && rest[..5].eq_ignore_ascii_case(b"<meta") && is_space_or_slash(rest[5]) {
            pos += 6;
            match meta_element(input, &mut pos) {
                MetaOutcome::Found(declaration) => return Some(declaration),
                MetaOutcome::NotADeclaration => continue,
                MetaOutcome::EndOfInput => return None,
            }
        }
        if rest.len() >= 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic() || (rest.len() >= 3 && rest[1] == b'/' && rest[2].is_ascii_alphabetic()))
        {
            // Any other tag: skip its name, then its attributes (so that `>` inside a quoted
            // attribute value does not end it).
            pos += 1;
            while pos < input.len() && !is_space(input[pos]) && input[pos] != b'>' {
                pos += 1;
            }
            loop {
                match get_attribute(input, &mut pos) {
                    AttributeOutcome::Attribute(..) => {}
                    AttributeOutcome::None => break,
                    AttributeOutcome::EndOfInput => return None,
                }
            }
            pos += 1;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            match memchr::memchr(b'>', &input[pos + 2..]) {
                Some(offset) => pos += 2 + offset + 1,
                None => return None,
            }
            continue;
        }
        pos += 1;
    }
    None
}

fn find_comment_end(input: &[u8], from: usize) -> Option<usize> {
    // `from` points at the first `-` of `<!--`: the `--` of `-->` may be those of `<!--`.
    let mut at = from + 2;
    while at < input.len() {
        let offset = memchr::memchr(b'>', &input[at..])?;
        let gt = at + offset;
        if gt >= from + 2 && input[gt - 2] == b'-' && input[gt - 1] == b'-' {
            return Some(gt);
        }
        at = gt + 1;
    }
    None
}

enum MetaOutcome {
    Found(MetaDeclaration),
    NotADeclaration,
    EndOfInput,
}

fn meta_element(input: &[u8], pos: &mut usize) -> MetaOutcome {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    // None: no charset attribute or content seen; Some(true): from `content`, which needs
    // `http-equiv=content-type`; Some(false): from `charset`.
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<(String, Option<&'static Encoding>)> = None;
    loop {
        let (name, value) = match get_attribute(input, pos) {
            AttributeOutcome::Attribute(name, value) => (name, value),
            AttributeOutcome::None => break,
            AttributeOutcome::EndOfInput => return MetaOutcome::EndOfInput,
        };
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" if value == b"content-type" => got_pragma = true,
            b"content" => {
                if charset.is_none()
                    && let Some(label) = charset_from_content(&value)
                {
                    let label = String::from_utf8_lossy(label).into_owned();
                    let encoding = labels::resolve(&label);
                    charset = Some((label, encoding));
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                let label = String::from_utf8_lossy(&value).into_owned();
                let encoding = labels::resolve(&label);
                charset = Some((label, encoding));
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let declaration = match (need_pragma, charset) {
        (None, _) | (_, None) => None,
        (Some(true), _) if !got_pragma => None,
        (Some(_), Some((label, Some(encoding)))) => Some(MetaDeclaration {
            label: label.trim().to_string(),
            encoding: meta_encoding(encoding),
        }),
        (Some(_), Some((_, None))) => None,
    };
    match declaration {
        Some(declaration) => MetaOutcome::Found(declaration),
        None => MetaOutcome::NotADeclaration,
    }
}

/// A `<meta>` cannot really switch the parser to UTF-16 (the bytes being parsed are ASCII
/// compatible), and `x-user-defined` is treated as windows-1252.
fn meta_encoding(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16BE || encoding == UTF_16LE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

enum AttributeOutcome {
    Attribute(Vec<u8>, Vec<u8>),
    None,
    EndOfInput,
}

/// The standard's "get an attribute": names and values lower-cased, `/` and whitespace
/// skipped before a name, quoted and unquoted values.
fn get_attribute(input: &[u8], pos: &mut usize) -> AttributeOutcome {
    while *pos < input.len() && is_space_or_slash(input[*pos]) {
        *pos += 1;
    }
    let Some(&first) = input.get(*pos) else {
        return AttributeOutcome::EndOfInput;
    };
    if first == b'>' {
        return AttributeOutcome::None;
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    // Name.
    loop {
        let Some(&b) = input.get(*pos) else {
            return AttributeOutcome::EndOfInput;
        };
        match b {
            b'=' if !name.is_empty() => {
                *pos += 1;
                break;
            }
            b if is_space(b) => {
                while *pos < input.len() && is_space(input[*pos]) {
                    *pos += 1;
                }
                match input.get(*pos) {
                    None => return AttributeOutcome::EndOfInput,
                    Some(b'=') => {
                        *pos += 1;
                        break;
                    }
                    Some(_) => return AttributeOutcome::Attribute(name, value),
                }
            }
            b'/' | b'>' => return AttributeOutcome::Attribute(name, value),
            b => name.push(b.to_ascii_lowercase()),
        }
        *pos += 1;
    }
    // Value.
    while *pos < input.len() && is_space(input[*pos]) {
        *pos += 1;
    }
    let Some(&b) = input.get(*pos) else {
        return AttributeOutcome::EndOfInput;
    };
    if b == b'"' || b == b'\'' {
        let quote = b;
        *pos += 1;
        loop {
            let Some(&c) = input.get(*pos) else {
                return AttributeOutcome::EndOfInput;
            };
            *pos += 1;
            if c == quote {
                return AttributeOutcome::Attribute(name, value);
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if b == b'>' {
        return AttributeOutcome::Attribute(name, value);
    }
    value.push(b.to_ascii_lowercase());
    *pos += 1;
    loop {
        let Some(&c) = input.get(*pos) else {
            return AttributeOutcome::EndOfInput;
        };
        if is_space(c) || c == b'>' {
            return AttributeOutcome::Attribute(name, value);
        }
        value.push(c.to_ascii_lowercase());
        *pos += 1;
    }
}

/// The `encoding` of an XML declaration (`<?xml version="1.0" encoding="MacCyrillic"?>`) at the
/// start of the document (leading whitespace tolerated).
pub fn xml_declaration(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let start = head.iter().position(|b| !is_space(*b))?;
    let head = &head[start..];
    if !head.starts_with(b"<?xml") || !head.get(5).is_some_and(|b| is_space(*b)) {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let declaration = &head[..end];
    let at = memchr::memmem::find(declaration, b"encoding")?;
    let mut rest = declaration[at + 8..].trim_ascii_start();
    rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &rest[1..];
    let close = memchr::memchr(quote, value)?;
    let label = std::str::from_utf8(&value[..close]).ok()?.trim();
    (!label.is_empty()).then(|| label.to_string())
}

/// The standard's "extracting a character encoding from a meta element": the value after the
/// first `charset` that is followed by `=`, quoted or up to whitespace or `;`.
pub fn charset_from_content(content: &[u8]) -> Option<&[u8]> {
    let mut pos = 0;
    loop {
        let offset = find_ignore_case(&content[pos..], b"charset")?;
        pos += offset + 7;
        let mut at = pos;
        while at < content.len() && is_space(content[at]) {
            at += 1;
        }
        if content.get(at) != Some(&b'=') {
            // `charsetcharset=…`: look again from just after this `charset`.
            continue;
        }
        at += 1;
        while at < content.len() && is_space(content[at]) {
            at += 1;
        }
        return match content.get(at) {
            None => None,
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = &content[at + 1..];
                memchr::memchr(quote, inner).map(|end| &inner[..end])
            }
            Some(_) => {
                let value = &content[at..];
                let end = value
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(value.len());
                Some(&value[..end])
            }
        };
    }
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

fn is_space(b: u8) -> bool {
    matches!(b, 0x09 | 0x0A | 0x0C | 0x0D | 0x20)
}

fn is_space_or_slash(b: u8) -> bool {
    is_space(b) || b == b'/'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(html: &str) -> Option<&'static str> {
        prescan(html.as_bytes()).map(|d| d.encoding.name())
    }

    #[test]
    fn meta_charset() {
        assert_eq!(found("<meta charset=\"gb2312\">"), Some("GBK"));
        assert_eq!(found("<META CHARSET=Big5>"), Some("Big5"));
        assert_eq!(found("<meta charset='shift_jis'/>"), Some("Shift_JIS"));
        assert_eq!(found("<meta/charset=utf-8>"), Some("UTF-8"));
        assert_eq!(found("<meta charset = \" utf-8 \">"), Some("UTF-8"));
        let declaration = prescan(b"<meta charset=\"GB2312\">").unwrap();
        assert_eq!(declaration.label, "gb2312");
    }

    #[test]
    fn http_equiv_content() {
        assert_eq!(
            found("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">"),
            Some("GBK")
        );
        // Attribute order does not matter.
        assert_eq!(
            found("<meta content=\"text/html; charset=big5\" http-equiv=\"content-type\">"),
            Some("Big5")
        );
        // Unquoted.
        assert_eq!(
            found("<meta http-equiv=Content-Type content=text/html;charset=ISO-8859-5>"),
            Some("ISO-8859-5")
        );
        // Quoted value inside content.
        assert_eq!(
            found("<meta http-equiv=\"content-type\" content=\"text/html;charset='tis-620'\">"),
            Some("windows-874")
        );
        // Trailing space inside the attribute.
        assert_eq!(
            found("<meta http-equiv=Content-Type content=\"text/html;charset=iso-8859-2 \">"),
            Some("ISO-8859-2")
        );
        // `charsetcharset=`: the first `charset` is not followed by `=`.
        assert_eq!(
            found("<meta http-equiv=Content-Type content=\"text/html;charsetcharset=iso-8859-2\">"),
            Some("ISO-8859-2")
        );
    }

    #[test]
    fn content_needs_the_pragma() {
        assert_eq!(found("<meta content=\"text/html; charset=gbk\">"), None);
        assert_eq!(found("<meta http-equiv=\"refresh\" content=\"0; charset=gbk\">"), None);
        // Only the first `http-equiv` counts.
        assert_eq!(
            found("<meta http-equiv=refresh http-equiv=Content-Type content=\"text/html;charset=iso-8859-2\">"),
            None
        );
    }

    #[test]
    fn first_attribute_of_a_name_wins() {
        assert_eq!(found("<meta charset=gbk charset=big5>"), Some("GBK"));
        // A `charset` attribute beats a later `content`.
        assert_eq!(
            found("<meta charset=big5 http-equiv=content-type content=\"text/html; charset=gbk\">"),
            Some("Big5")
        );
    }

    #[test]
    fn comments_are_skipped() {
        assert_eq!(found("<!-- <meta charset=big5> --><meta charset=gbk>"), Some("GBK"));
        // `<!-->` is a complete comment.
        assert_eq!(found("<!--><meta charset=\"iso-8859-2\">"), Some("ISO-8859-2"));
        // `<!--->` ends at its own `-->`.
        assert_eq!(found("<!---><meta charset=big5>-->"), Some("Big5"));
        assert_eq!(found("<!-- unterminated <meta charset=big5>"), None);
    }

    #[test]
    fn other_tags_and_their_attributes_are_skipped() {
        assert_eq!(
            found("<script src=\"a.js\" charset=\"UTF-8\"></script><meta charset=\"koi8\">"),
            Some("KOI8-R")
        );
        assert_eq!(
            found("<div title=\"<meta charset=big5>\"></div><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(
            found("<!DOCTYPE html><?xml version=\"1.0\"?></p><meta charset=gbk>"),
            Some("GBK")
        );
        // `<metadata>` is not `<meta`.
        assert_eq!(found("<metadata charset=big5><meta charset=gbk>"), Some("GBK"));
    }

    #[test]
    fn utf16_and_x_user_defined_are_mapped() {
        assert_eq!(found("<meta charset=\"utf-16\">"), Some("UTF-8"));
        assert_eq!(found("<meta charset=\"utf-16be\">"), Some("UTF-8"));
        assert_eq!(found("<meta charset=\"utf-16le\">"), Some("UTF-8"));
        assert_eq!(found("<meta charset=\"x-user-defined\">"), Some("windows-1252"));
    }

    #[test]
    fn real_world_aliases_in_meta() {
        assert_eq!(found("<meta charset=\"cp936\">"), Some("GBK"));
        assert_eq!(found("<meta charset=\"big5hkscs\">"), Some("Big5"));
    }

    #[test]
    fn unknown_labels_and_limits() {
        assert_eq!(
            found("<meta charset=\"no-such-encoding\"><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(found("<meta charset=\"\">"), None);
        assert_eq!(found("no markup at all"), None);
        assert_eq!(found(""), None);
        let late = format!("<p>{}</p><meta charset=gbk>", "x".repeat(1100));
        assert_eq!(found(&late), None);
        // Unterminated attribute at the end of the window.
        assert_eq!(found("<meta charset=\"gbk"), None);
    }

    #[test]
    fn xml_declarations() {
        assert_eq!(
            xml_declaration(b"<?xml version=\"1.0\" encoding=\"MacCyrillic\"?>\n<rss>").as_deref(),
            Some("MacCyrillic")
        );
        assert_eq!(
            xml_declaration(b"\n  <?xml version='1.0' encoding = 'iso-8859-2' ?>").as_deref(),
            Some("iso-8859-2")
        );
        assert_eq!(xml_declaration(b"<?xml version=\"1.0\"?><rss>"), None);
        assert_eq!(xml_declaration(b"<p><?xml version=\"1.0\" encoding=\"gbk\"?>"), None);
        assert_eq!(xml_declaration(b"<?xml-stylesheet href=\"a\" encoding=\"gbk\"?>"), None);
        assert_eq!(xml_declaration(b"<?xml version=\"1.0\" encoding=\"gbk"), None);
    }

    #[test]
    fn charset_from_content_rules() {
        assert_eq!(charset_from_content(b"text/html; charset=gbk"), Some(&b"gbk"[..]));
        assert_eq!(
            charset_from_content(b"text/html; CHARSET = \"big5\""),
            Some(&b"big5"[..])
        );
        assert_eq!(charset_from_content(b"text/html; charset='big5"), None);
        assert_eq!(charset_from_content(b"text/html; charset=gbk; foo"), Some(&b"gbk"[..]));
        assert_eq!(charset_from_content(b"text/html"), None);
        assert_eq!(charset_from_content(b"charset"), None);
        assert_eq!(charset_from_content(b"charset="), None);
    }
}
