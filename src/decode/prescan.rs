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

/// Whether an `http-equiv` value (lower-cased) is `content-type`. Spaces around it are
/// allowed, unlike the standard's exact match: `http-equiv="Content-Type "` is common on real
/// pages (template typos) and their `content` names the charset the author meant. Ours on
/// purpose, like the rule that valid UTF-8 beats a contradicted legacy declaration.
fn is_content_type_pragma(value: &[u8]) -> bool {
    value.trim_ascii() == b"content-type"
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
            b"http-equiv" if is_content_type_pragma(&value) => got_pragma = true,
            b"content" => {
                // Only an encoding counts: a malformed or unknown label leaves `charset` unset.
                if charset.is_none()
                    && let Some(label) = charset_from_content(&value)
                {
                    let label = String::from_utf8_lossy(label).into_owned();
                    if let Some(encoding) = get_encoding(&label) {
                        charset = Some((label, Some(encoding)));
                        need_pragma = Some(true);
                    }
                }
            }
            b"charset" => {
                let label = String::from_utf8_lossy(&value).into_owned();
                let encoding = get_encoding(&label);
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

/// The standard's "get an encoding" from a label (ASCII whitespace trimmed, the label looked
/// up), with the real-world aliases of [`labels::resolve`] (`cp936`, `win-1251`) for a label
/// that is well formed: letters, digits and `-_.:+` only. Anything else (`iso-8859-2"`,
/// `utf-8>`, `gbk;`) is malformed and rejected, as browsers reject it.
pub fn get_encoding(label: &str) -> Option<&'static Encoding> {
    let label = label.trim_matches(|c: char| matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' '));
    if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
        return Some(encoding);
    }
    let well_formed = !label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':' | b'+'));
    if !well_formed {
        return None;
    }
    labels::resolve(label)
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

/// Elements whose content the HTML tokenizer reads as text, not markup (`noscript` with
/// scripting on, as our parse has it): a `<meta>` inside one is never met as an element.
const RAW_TEXT_ELEMENTS: &[&[u8]] = &[
    b"script",
    b"style",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
    b"title",
    b"textarea",
];

/// The first `<meta>` declaring an encoding that the HTML parser meets, anywhere in the
/// document: the one that makes the standard's "change the encoding" step run while the
/// encoding's confidence is tentative (§13.2.6.4.4, a `meta` start tag in head, or in body,
/// which handles it the same way). Unlike the prescan, this reads markup as the tokenizer does:
/// comments end at `-->` or `--!>`, and the content of script, style, title, textarea and the
/// other raw-text elements is text. A `charset` attribute that names an encoding wins;
/// otherwise `http-equiv=content-type` with a `content` that names one.
pub fn first_parsed_meta(bytes: &[u8]) -> Option<MetaDeclaration> {
    let mut pos = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let lt = pos + offset;
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            pos = tokenizer_comment_end(bytes, lt + 4)?;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            // A doctype or a bogus comment, up to the first `>`.
            pos = lt + 2 + memchr::memchr(b'>', &rest[2..])? + 1;
            continue;
        }
        let end_tag = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(end_tag);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            pos = lt + 1;
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|&b| is_space_or_slash(b) || b == b'>')
            .map_or(bytes.len(), |n| name_start + n);
        // The names that matter are short: longer ones are not read (no allocation per tag).
        let mut lower = [0u8; 9];
        let name = match bytes.get(name_start..name_end).filter(|n| n.len() <= lower.len()) {
            Some(name) => {
                let lower = &mut lower[..name.len()];
                lower.copy_from_slice(name);
                lower.make_ascii_lowercase();
                &*lower
            }
            None => &[][..],
        };
        pos = name_end;
        let is_meta = !end_tag && name == b"meta";
        let mut attributes = Vec::new();
        if is_meta {
            loop {
                match get_attribute(bytes, &mut pos) {
                    AttributeOutcome::Attribute(name, value) => {
                        // The tokenizer keeps the first of two attributes of one name.
                        if !attributes.iter().any(|(seen, _)| *seen == name) {
                            attributes.push((name, value));
                        }
                    }
                    AttributeOutcome::None => break,
                    AttributeOutcome::EndOfInput => return None,
                }
            }
        } else {
            pos = skip_attributes(bytes, pos)?;
        }
        pos += 1;
        if end_tag {
            continue;
        }
        if is_meta {
            if let Some(declaration) = parsed_meta_declaration(&attributes) {
                return Some(declaration);
            }
        } else if name == b"plaintext" {
            return None;
        } else if RAW_TEXT_ELEMENTS.contains(&name) {
            pos = raw_text_end(bytes, pos, name)?;
        }
    }
    None
}

/// Where the `>` of a tag is, its attributes read as [`get_attribute`] reads them (a `>` in a
/// quoted value does not end the tag) but not kept: most tags are not `<meta>`.
fn skip_attributes(input: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        while input.get(pos).is_some_and(|&b| is_space_or_slash(b)) {
            pos += 1;
        }
        if *input.get(pos)? == b'>' {
            return Some(pos);
        }
        // The name: at least one byte (a leading `=` belongs to it), up to `=`, a space, `/`
        // or `>`.
        pos += 1;
        loop {
            match *input.get(pos)? {
                b'=' => break,
                b'/' | b'>' => break,
                b if is_space(b) => {
                    while input.get(pos).is_some_and(|&b| is_space(b)) {
                        pos += 1;
                    }
                    break;
                }
                _ => pos += 1,
            }
        }
        if *input.get(pos)? != b'=' {
            continue;
        }
        pos += 1;
        while input.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        match *input.get(pos)? {
            quote @ (b'"' | b'\'') => pos += 1 + memchr::memchr(quote, &input[pos + 1..])? + 1,
            b'>' => return Some(pos),
            _ => {
                while !input.get(pos).is_some_and(|&b| is_space(b) || b == b'>') {
                    input.get(pos)?;
                    pos += 1;
                }
            }
        }
    }
}

/// What the tree builder's `meta` rule makes of a meta element's attributes.
fn parsed_meta_declaration(attributes: &[(Vec<u8>, Vec<u8>)]) -> Option<MetaDeclaration> {
    let value = |name: &[u8]| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_slice());
    let declaration = |label: &[u8]| {
        let label = String::from_utf8_lossy(label).into_owned();
        get_encoding(&label).map(|encoding| MetaDeclaration {
            label: label.trim().to_string(),
            encoding: meta_encoding(encoding),
        })
    };
    if let Some(found) = value(b"charset").and_then(declaration) {
        return Some(found);
    }
    if value(b"http-equiv").is_some_and(is_content_type_pragma) {
        return value(b"content").and_then(charset_from_content).and_then(declaration);
    }
    None
}

/// Where a comment whose `<!--` ends just before `from` ends, read as the tokenizer does:
/// `<!-->` and `<!--->` are whole comments, and `--!>` closes one as `-->` does. `None` when
/// the comment runs to the end.
fn tokenizer_comment_end(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut at = from;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"--") {
        let dashes = at + offset;
        match &bytes[dashes + 2..] {
            [b'>', ..] => return Some(dashes + 3),
            [b'!', b'>', ..] => return Some(dashes + 4),
            _ => at = dashes + 1,
        }
    }
    None
}

/// Where the raw text of element `name` ends: after its end tag (`</name` followed by
/// whitespace, `/` or `>`, in any case). `None` when it runs to the end.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"</") {
        let tag = at + offset + 2;
        let after = tag + name.len();
        if bytes.len() > after
            && bytes[tag..after].eq_ignore_ascii_case(name)
            && (is_space_or_slash(bytes[after]) || bytes[after] == b'>')
        {
            return Some(after + memchr::memchr(b'>', &bytes[after..])? + 1);
        }
        at = tag;
    }
    None
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
        // Spaces around the pragma are a template's typo, not another pragma.
        assert_eq!(
            found("<meta http-equiv=\"Content-Type \" content=\"text/html; charset=gbk\">"),
            found("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">"),
        );
        assert_eq!(
            found("<meta http-equiv=\"Content-Type>\" content=\"text/html; charset=gbk\">"),
            None
        );
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

    #[test]
    fn malformed_labels_are_rejected() {
        // A missing quote leaves the quote in an unquoted value: not a label.
        assert_eq!(
            found("<meta http-equiv=Content-Type content=text/html;charset=iso8859-2\">"),
            None
        );
        assert_eq!(found("<meta charset=\"utf-8>\">"), None);
        assert_eq!(found("<meta charset='gbk;'>"), None);
        assert_eq!(found("<meta charset=\"big5 hkscs\">"), None);
        // The quote unmatched inside content: nothing extracted.
        assert_eq!(
            found("<meta http-equiv=content-type content='text/html; charset=\"koi8-r'>"),
            None
        );
        // Well-formed aliases still count.
        assert_eq!(found("<meta charset=\"win-1251\">"), Some("windows-1251"));
        assert_eq!(found("<meta charset=\" \tISO-8859-5\n\">"), Some("ISO-8859-5"));
        assert_eq!(get_encoding("utf-8 "), Some(UTF_8));
        assert_eq!(get_encoding("x-unknown-thing"), None);
    }

    #[test]
    fn an_unknown_content_label_does_not_block_a_later_charset() {
        assert_eq!(
            found("<meta http-equiv=content-type content='charset=nonsense' charset=koi8-r>"),
            Some("KOI8-R")
        );
    }

    fn parsed(html: &str) -> Option<&'static str> {
        first_parsed_meta(html.as_bytes()).map(|d| d.encoding.name())
    }

    #[test]
    fn the_parser_meets_metas_anywhere() {
        let late = format!("<!-- {} --><meta charset=koi8-r>", "x".repeat(2000));
        assert_eq!(found(&late), None);
        assert_eq!(parsed(&late), Some("KOI8-R"));
        let in_body = format!(
            "<p>{}</p><meta http-equiv=Content-Type content='text/html; charset=big5'>",
            "y".repeat(5000)
        );
        assert_eq!(parsed(&in_body), Some("Big5"));
        // A charset that names no encoding gives way to the http-equiv pair of the same tag.
        assert_eq!(
            parsed("<meta charset=bogus http-equiv=content-type content='charset=gbk'>"),
            Some("GBK")
        );
        // http-equiv must be content-type.
        assert_eq!(parsed("<meta http-equiv=refresh content='0; charset=gbk'>"), None);
        assert_eq!(parsed("<meta charset=utf-16le>"), Some("UTF-8"));
    }

    #[test]
    fn the_parser_reads_markup_as_the_tokenizer_does() {
        // Comments end at `--!>` too; `<!-->` is a whole comment.
        assert_eq!(parsed("<!-- a --!><meta charset=gbk>"), Some("GBK"));
        assert_eq!(parsed("<!--><meta charset=gbk>"), Some("GBK"));
        assert_eq!(parsed("<!-- <meta charset=big5> --><meta charset=gbk>"), Some("GBK"));
        assert_eq!(parsed("<!-- unterminated <meta charset=big5>"), None);
        // Raw text is not markup.
        assert_eq!(
            parsed("<script>var s = '<meta charset=big5>';</script><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(
            parsed("<title><meta charset=big5></title><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(parsed("<STYLE>x{}</style ><meta charset=gbk>"), Some("GBK"));
        assert_eq!(parsed("<textarea><meta charset=big5>"), None);
        assert_eq!(parsed("<plaintext><meta charset=big5>"), None);
        // Attribute values hide markup; end tags and other tags are skipped.
        assert_eq!(
            parsed("<a title='<meta charset=big5>'></a><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(parsed("</meta charset=big5><meta charset=gbk>"), Some("GBK"));
        // The first of two attributes of one name.
        assert_eq!(parsed("<meta charset=gbk charset=big5>"), Some("GBK"));
        assert_eq!(parsed("a < b <3 <meta/charset=gbk>"), Some("GBK"));
    }

    #[test]
    fn skipping_attributes_ends_where_reading_them_does() {
        let tags: &[&[u8]] = &[
            b" a=1 b='x>y' c=\"q\" d>rest",
            b"/>rest",
            b" =x >rest",
            b" a = 'v' / >rest",
            b" a b c>rest",
            b" a='unterminated",
            b" a=",
            b"",
            b" x=y/z>rest",
            b" x='a'b='c'>rest",
        ];
        let random: Vec<Vec<u8>> = crate::testing::joined_pieces(" |a|=|'|\"|>|/|x|\t", 13, 5000, 12)
            .map(String::into_bytes)
            .collect();
        for tag in tags.iter().copied().chain(random.iter().map(Vec::as_slice)) {
            let mut pos = 0;
            let read = loop {
                match get_attribute(tag, &mut pos) {
                    AttributeOutcome::Attribute(..) => {}
                    AttributeOutcome::None => break Some(pos),
                    AttributeOutcome::EndOfInput => break None,
                }
            };
            assert_eq!(skip_attributes(tag, 0), read, "{}", String::from_utf8_lossy(tag));
        }
    }
}
