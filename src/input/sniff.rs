//! Sniffing what a stream holds: compression, container format, HTML or plain text.

use crate::record::Kind;

/// Compression recognised by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

pub fn sniff_compression(head: &[u8]) -> Compression {
    if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0x00]) {
        Compression::Xz
    } else if is_bzip2(head) {
        Compression::Bzip2
    } else {
        Compression::None
    }
}

/// `BZh`, the block size digit, then the magic of a first block (the digits of pi) or of the
/// end of an empty stream (those of the square root of pi): text that starts `BZh1` is not one.
fn is_bzip2(head: &[u8]) -> bool {
    match head {
        [b'B', b'Z', b'h', b'1'..=b'9', magic @ ..] => {
            let magic = &magic[..magic.len().min(6)];
            magic.len() < 6
                || magic == [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]
                || magic == [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]
        }
        _ => false,
    }
}

/// Container formats that hold many documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Warc,
    Arc,
    Jsonl,
}

/// Recognises a container by its first bytes: a WARC version line, or a first line that is a
/// JSON object.
pub fn sniff_container(head: &[u8]) -> Option<Container> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"WARC/") {
        return Some(Container::Warc);
    }
    if head.starts_with(b"filedesc://") {
        return Some(Container::Arc);
    }
    if head.first() == Some(&b'{') {
        let line_end = memchr::memchr(b'\n', head).unwrap_or(head.len());
        let line = &head[..line_end];
        // A complete first line that parses as an object, or a first line too long to see whole
        // that starts like a JSON object with a string key.
        if serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(line).is_ok() {
            return Some(Container::Jsonl);
        }
        if line_end == head.len() && head.len() >= 4096 {
            let rest = head[1..].iter().skip_while(|b| b.is_ascii_whitespace()).copied().next();
            if rest == Some(b'"') {
                return Some(Container::Jsonl);
            }
        }
    }
    None
}

/// Tags whose opening form near the top of a file says it is HTML.
const STRUCTURAL_TAGS: &[&[u8]] = &[
    b"html", b"head", b"body", b"meta", b"title", b"div", b"p", b"br", b"span", b"a", b"table", b"td", b"tr",
    b"script", b"style", b"link", b"h1", b"h2", b"h3", b"h4", b"li", b"ul", b"ol", b"img", b"section", b"article",
    b"header", b"footer", b"nav", b"form", b"input", b"iframe", b"font", b"b", b"strong", b"em", b"center",
];

/// HTML or plain text, from the first bytes of a document.
///
/// A document is HTML when it opens like one (a doctype, `<html>`, `<head>`, a comment or an XML
/// declaration) or has several opening tags of HTML elements near the top. Stray closing tags
/// such as a leaked `</p>` in extracted text do not make a text document HTML.
pub fn sniff_kind(bytes: &[u8]) -> Kind {
    let head = ascii_view(&bytes[..bytes.len().min(16 * 1024)]);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let trimmed = &head[start..];
    let lower_prefix: Vec<u8> = trimmed.iter().take(16).map(u8::to_ascii_lowercase).collect();
    for opening in [
        &b"<!doctype"[..],
        b"<html",
        b"<head",
        b"<!--",
        b"<?xml",
        b"<body",
        b"<meta",
    ] {
        if lower_prefix.starts_with(opening) {
            return Kind::Html;
        }
    }
    let mut opening_tags = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &head[i..]) {
        let at = i + offset + 1;
        let name_end = head[at..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(head.len(), |n| at + n);
        let followed_properly = matches!(head.get(name_end), Some(b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r'));
        if name_end > at && followed_properly {
            let name: Vec<u8> = head[at..name_end].iter().map(u8::to_ascii_lowercase).collect();
            if STRUCTURAL_TAGS.contains(&name.as_slice()) {
                opening_tags += 1;
                if opening_tags >= 3 {
                    return Kind::Html;
                }
            }
        }
        i = at;
    }
    Kind::Text
}

/// UTF-16 text (by BOM) narrowed to its low bytes so the ASCII checks above can see its markup.
fn ascii_view(head: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let (skip, low) = match head {
        [0xff, 0xfe, ..] => (2, 0),
        [0xfe, 0xff, ..] => (2, 1),
        [0xef, 0xbb, 0xbf, ..] => return std::borrow::Cow::Borrowed(&head[3..]),
        _ => return std::borrow::Cow::Borrowed(head),
    };
    std::borrow::Cow::Owned(
        head[skip..]
            .chunks(2)
            .filter_map(|pair| pair.get(low).copied())
            .collect(),
    )
}

/// The document kind an extension implies, if any.
pub fn kind_from_extension(name: &str) -> Option<Kind> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" | "xht" | "php" | "asp" | "aspx" | "jsp" => Some(Kind::Html),
        "txt" | "text" | "wet" => Some(Kind::Text),
        _ => None,
    }
}

/// The container an extension implies, if any (`x.warc`, `x.wet`, `x.arc`, `x.jsonl`, `x.ndjson`).
pub fn container_from_extension(name: &str) -> Option<Container> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "warc" | "wet" | "wat" => Some(Container::Warc),
        "arc" => Some(Container::Arc),
        "jsonl" | "ndjson" => Some(Container::Jsonl),
        _ => None,
    }
}

/// The extensions of the compressions read and written.
const COMPRESSION_EXTENSIONS: [&str; 6] = [".gz", ".gzip", ".zst", ".zstd", ".bz2", ".xz"];

/// A file name without a compression extension (`a.warc.gz` → `a.warc`).
pub fn strip_compression_extension(name: &str) -> &str {
    for ext in COMPRESSION_EXTENSIONS {
        // Compared as bytes: the name's last bytes may be inside a character (`中中`), and
        // where they equal the ASCII extension, cutting before them is a character boundary.
        let cut = name.len().saturating_sub(ext.len());
        if cut > 0 && name.as_bytes()[cut..].eq_ignore_ascii_case(ext.as_bytes()) {
            return &name[..cut];
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_by_its_opening() {
        assert_eq!(sniff_kind(b"  <!DOCTYPE html><p>x"), Kind::Html);
        assert_eq!(sniff_kind(b"<html lang=zh>"), Kind::Html);
        assert_eq!(sniff_kind(b"\xef\xbb\xbf<!-- saved -->"), Kind::Html);
        assert_eq!(sniff_kind(b"\xff\xfe<\0h\0t\0m\0l\0>\0"), Kind::Html);
    }

    #[test]
    fn html_fragment_by_its_tags() {
        assert_eq!(
            sniff_kind(b"Intro\n<div class=a><p>One</p><p>Two</p></div>"),
            Kind::Html
        );
    }

    #[test]
    fn text_with_a_leaked_closing_tag_stays_text() {
        let seed_like = "首頁 > 正文\n\n他說。”?/p>\n\n第二段?/p>\n\n第三段</p>\n";
        assert_eq!(sniff_kind(seed_like.as_bytes()), Kind::Text);
        assert_eq!(sniff_kind(b"a < b and c > d, 1<2"), Kind::Text);
    }

    #[test]
    fn containers_by_content() {
        assert_eq!(
            sniff_container(b"WARC/1.0\r\nWARC-Type: warcinfo"),
            Some(Container::Warc)
        );
        assert_eq!(
            sniff_container(b"{\"id\": 1, \"html\": \"<p>\"}\n{"),
            Some(Container::Jsonl)
        );
        assert_eq!(
            sniff_container(b"\xEF\xBB\xBF{\"id\": 1, \"html\": \"<p>\"}\n"),
            Some(Container::Jsonl)
        );
        assert_eq!(
            sniff_container(b"filedesc://a.arc 0.0.0.0 20140216050221 text/plain 75\n"),
            Some(Container::Arc)
        );
        assert_eq!(sniff_container(b"{not json}\n"), None);
        assert_eq!(sniff_container(b"<html>"), None);
    }

    #[test]
    fn compression_by_magic() {
        assert_eq!(sniff_compression(b"\x1f\x8b\x08"), Compression::Gzip);
        assert_eq!(sniff_compression(b"\x28\xb5\x2f\xfd"), Compression::Zstd);
        assert_eq!(sniff_compression(b"\xfd7zXZ\0\0"), Compression::Xz);
        assert_eq!(sniff_compression(b"BZh91AY&SY\x01"), Compression::Bzip2);
        assert_eq!(sniff_compression(b"BZh9\x17rE8P\x90"), Compression::Bzip2);
        assert_eq!(sniff_compression(b"BZh1 is a model number"), Compression::None);
        assert_eq!(sniff_compression(b"<html>"), Compression::None);
    }

    #[test]
    fn extensions() {
        assert_eq!(strip_compression_extension("a.warc.gz"), "a.warc");
        assert_eq!(strip_compression_extension("a.jsonl.XZ"), "a.jsonl");
        assert_eq!(strip_compression_extension("a.txt.bz2"), "a.txt");
        for name in ["中中", "中", "新闻\u{FFFD}", "a\u{FFFD}"] {
            assert_eq!(strip_compression_extension(name), name);
        }
        assert_eq!(container_from_extension("a.warc"), Some(Container::Warc));
        assert_eq!(
            container_from_extension(strip_compression_extension("a.arc.gz")),
            Some(Container::Arc)
        );
        assert_eq!(
            container_from_extension(strip_compression_extension("x.jsonl.zst")),
            Some(Container::Jsonl)
        );
        assert_eq!(
            kind_from_extension(strip_compression_extension("p.html.gz")),
            Some(Kind::Html)
        );
        assert_eq!(kind_from_extension("README"), None);
    }
}
