//! Page selection: which crawl records are pages, and why the others are skipped.
//!
//! A record is a page when it is a `response` with a 2xx status (or no HTTP header at all), a
//! `resource` or a `conversion`, and its payload's media type (declared, else sniffed) is HTML,
//! XHTML or plain text. A payload that is a known binary format by its magic number (an image
//! served as `text/html`) is not a page whatever its header says. Everything else is skipped
//! and counted by a [`SkipReason`].

use crate::record::Kind;

/// Why a crawl record is not a page. The names are the keys of the run summary's
/// `skipped_by_reason` and stay stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// WARC record types that never hold a page.
    Warcinfo,
    Request,
    Metadata,
    Revisit,
    Continuation,
    OtherRecordType,
    /// HTTP status classes other than 2xx.
    Informational,
    Redirect,
    ClientError,
    ServerError,
    BadStatus,
    /// Media types that are not pages.
    Image,
    AudioVideo,
    Pdf,
    Script,
    Style,
    Data,
    OtherMedia,
}

impl SkipReason {
    pub const ALL: [SkipReason; 18] = [
        SkipReason::Warcinfo,
        SkipReason::Request,
        SkipReason::Metadata,
        SkipReason::Revisit,
        SkipReason::Continuation,
        SkipReason::OtherRecordType,
        SkipReason::Informational,
        SkipReason::Redirect,
        SkipReason::ClientError,
        SkipReason::ServerError,
        SkipReason::BadStatus,
        SkipReason::Image,
        SkipReason::AudioVideo,
        SkipReason::Pdf,
        SkipReason::Script,
        SkipReason::Style,
        SkipReason::Data,
        SkipReason::OtherMedia,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Warcinfo => "warcinfo",
            SkipReason::Request => "request",
            SkipReason::Metadata => "metadata",
            SkipReason::Revisit => "revisit",
            SkipReason::Continuation => "continuation",
            SkipReason::OtherRecordType => "other-record-type",
            SkipReason::Informational => "http-1xx",
            SkipReason::Redirect => "http-3xx",
            SkipReason::ClientError => "http-4xx",
            SkipReason::ServerError => "http-5xx",
            SkipReason::BadStatus => "http-bad-status",
            SkipReason::Image => "image",
            SkipReason::AudioVideo => "audio-video",
            SkipReason::Pdf => "pdf",
            SkipReason::Script => "script",
            SkipReason::Style => "style",
            SkipReason::Data => "data",
            SkipReason::OtherMedia => "other-media",
        }
    }

    /// The reason for a record of this WARC type, or `None` when the type can hold a page.
    pub(crate) fn of_record_type(warc_type: &str) -> Option<SkipReason> {
        Some(match warc_type {
            "response" | "resource" | "conversion" => return None,
            "warcinfo" => SkipReason::Warcinfo,
            "request" => SkipReason::Request,
            "metadata" => SkipReason::Metadata,
            "revisit" => SkipReason::Revisit,
            "continuation" => SkipReason::Continuation,
            _ => SkipReason::OtherRecordType,
        })
    }

    /// The reason for an HTTP status, or `None` for 2xx.
    pub(crate) fn of_status(status: Option<u16>) -> Option<SkipReason> {
        Some(match status {
            Some(200..=299) => return None,
            Some(100..=199) => SkipReason::Informational,
            Some(300..=399) => SkipReason::Redirect,
            Some(400..=499) => SkipReason::ClientError,
            Some(500..=599) => SkipReason::ServerError,
            _ => SkipReason::BadStatus,
        })
    }
}

/// What a media type says about a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Media {
    Page(Kind),
    NotPage(SkipReason),
    /// No usable type (missing, `application/octet-stream`, malformed): sniff the bytes.
    Unknown,
}

/// The media type of a `Content-Type` value: lower case, without parameters; `None` when there
/// is none or it is not `type/subtype`.
pub(crate) fn media_type(content_type: &str) -> Option<String> {
    // Some servers repeat the header joined by commas (`text/html, text/html; charset=…`).
    let essence = content_type.split([';', ',']).next().unwrap_or("").trim();
    let (top, sub) = essence.split_once('/')?;
    let valid = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    (valid(top) && valid(sub)).then(|| essence.to_ascii_lowercase())
}

/// Classifies a media type (as [`media_type`] gives it).
pub(crate) fn classify(media: Option<&str>) -> Media {
    let Some(media) = media else {
        return Media::Unknown;
    };
    let (top, sub) = media.split_once('/').unwrap_or((media, ""));
    let reason = match (top, sub) {
        ("text", "html") | ("application", "xhtml+xml" | "vnd.wap.xhtml+xml") => return Media::Page(Kind::Html),
        ("text", "plain" | "markdown" | "x-markdown") => return Media::Page(Kind::Text),
        ("application", "octet-stream" | "unknown" | "binary") | ("unknown" | "binary", _) | ("*", _) => {
            return Media::Unknown;
        }
        ("image", _) => SkipReason::Image,
        ("audio" | "video", _) => SkipReason::AudioVideo,
        ("application", "pdf" | "x-pdf") => SkipReason::Pdf,
        ("text", "css") => SkipReason::Style,
        (_, sub) if sub.ends_with("javascript") || sub.ends_with("ecmascript") => SkipReason::Script,
        ("application" | "text", "json" | "xml" | "csv" | "tab-separated-values" | "x-ndjson")
        | ("application", "rss+xml" | "atom+xml" | "rdf+xml") => SkipReason::Data,
        (_, sub) if sub.ends_with("+json") || sub.ends_with("+xml") => SkipReason::Data,
        _ => SkipReason::OtherMedia,
    };
    Media::NotPage(reason)
}

/// A known binary format recognised by its magic number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BinaryFormat {
    /// What it is, for messages (`PNG image`).
    pub name: &'static str,
    /// Why a crawl record holding it is not a page.
    pub reason: SkipReason,
}

const fn format(name: &'static str, reason: SkipReason) -> BinaryFormat {
    BinaryFormat { name, reason }
}

/// Magic numbers of common non-text formats met in crawls.
const MAGIC: &[(&[u8], BinaryFormat)] = &[
    (b"%PDF-", format("PDF", SkipReason::Pdf)),
    (b"\x89PNG\r\n\x1a\n", format("PNG image", SkipReason::Image)),
    (b"GIF87a", format("GIF image", SkipReason::Image)),
    (b"GIF89a", format("GIF image", SkipReason::Image)),
    (b"\xff\xd8\xff", format("JPEG image", SkipReason::Image)),
    (b"PK\x03\x04", format("ZIP archive", SkipReason::OtherMedia)),
    (b"PK\x05\x06", format("ZIP archive", SkipReason::OtherMedia)),
    (b"Rar!\x1a\x07", format("RAR archive", SkipReason::OtherMedia)),
    (b"7z\xbc\xaf\x27\x1c", format("7z archive", SkipReason::OtherMedia)),
    (b"\x1f\x8b", format("gzip data", SkipReason::OtherMedia)),
    (b"BZh", format("bzip2 data", SkipReason::OtherMedia)),
    (b"\xfd7zXZ\x00", format("xz data", SkipReason::OtherMedia)),
    (b"\x28\xb5\x2f\xfd", format("zstd data", SkipReason::OtherMedia)),
    (b"\x7fELF", format("ELF executable", SkipReason::OtherMedia)),
    (b"MZ\x90\x00", format("Windows executable", SkipReason::OtherMedia)),
    (b"\x00asm", format("WebAssembly", SkipReason::OtherMedia)),
    (
        b"SQLite format 3\x00",
        format("SQLite database", SkipReason::OtherMedia),
    ),
    (b"OggS", format("Ogg media", SkipReason::AudioVideo)),
    (b"ID3", format("MP3 audio", SkipReason::AudioVideo)),
    (b"fLaC", format("FLAC audio", SkipReason::AudioVideo)),
    (b"\x1aE\xdf\xa3", format("Matroska/WebM media", SkipReason::AudioVideo)),
    (b"wOFF", format("WOFF font", SkipReason::OtherMedia)),
    (b"wOF2", format("WOFF2 font", SkipReason::OtherMedia)),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        format("OLE document (doc/xls)", SkipReason::OtherMedia),
    ),
    (b"II*\x00", format("TIFF image", SkipReason::Image)),
    (b"MM\x00*", format("TIFF image", SkipReason::Image)),
];

/// The binary format `bytes` begin with, if they begin with a known magic number.
pub fn binary_format(bytes: &[u8]) -> Option<BinaryFormat> {
    if let Some((_, format)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(*format);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some(format("MP4/QuickTime media", SkipReason::AudioVideo));
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") {
        let reason = if &bytes[8..12] == b"WEBP" {
            SkipReason::Image
        } else {
            SkipReason::AudioVideo
        };
        return Some(format("RIFF media (WebP/WAV/AVI)", reason));
    }
    None
}

/// Whether a payload of unknown type reads as text: empty, a UTF-16 byte-order mark, or at most
/// one in a hundred of its first KiB a C0 control byte that text does not use.
pub(crate) fn mostly_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return true;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || ((0x10..0x20).contains(&b) && b != 0x1b))
        .count();
    controls * 100 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_parsed_leniently_and_validated() {
        assert_eq!(media_type("text/html; charset=UTF-8").as_deref(), Some("text/html"));
        assert_eq!(media_type(" TEXT/HTML ").as_deref(), Some("text/html"));
        assert_eq!(
            media_type("text/html, text/html; charset=gbk").as_deref(),
            Some("text/html")
        );
        assert_eq!(media_type("html"), None);
        assert_eq!(media_type(""), None);
        assert_eq!(media_type("text/"), None);
        assert_eq!(media_type("text/ht ml"), None);
    }

    #[test]
    fn pages_are_html_xhtml_and_text() {
        let class = |m: &str| classify(media_type(m).as_deref());
        assert_eq!(class("text/html;charset=gbk"), Media::Page(Kind::Html));
        assert_eq!(class("application/xhtml+xml"), Media::Page(Kind::Html));
        assert_eq!(class("text/plain"), Media::Page(Kind::Text));
        assert_eq!(class("image/webp"), Media::NotPage(SkipReason::Image));
        assert_eq!(class("video/mp4"), Media::NotPage(SkipReason::AudioVideo));
        assert_eq!(class("application/pdf"), Media::NotPage(SkipReason::Pdf));
        assert_eq!(class("text/css"), Media::NotPage(SkipReason::Style));
        assert_eq!(class("application/x-javascript"), Media::NotPage(SkipReason::Script));
        assert_eq!(class("text/javascript"), Media::NotPage(SkipReason::Script));
        assert_eq!(class("application/ld+json"), Media::NotPage(SkipReason::Data));
        assert_eq!(class("application/rss+xml"), Media::NotPage(SkipReason::Data));
        assert_eq!(class("text/xml"), Media::NotPage(SkipReason::Data));
        assert_eq!(class("application/zip"), Media::NotPage(SkipReason::OtherMedia));
        assert_eq!(class("application/octet-stream"), Media::Unknown);
        assert_eq!(class("unknown/unknown"), Media::Unknown);
        assert_eq!(class("nonsense"), Media::Unknown);
    }

    #[test]
    fn record_types_and_statuses() {
        assert_eq!(SkipReason::of_record_type("response"), None);
        assert_eq!(SkipReason::of_record_type("conversion"), None);
        assert_eq!(SkipReason::of_record_type("request"), Some(SkipReason::Request));
        assert_eq!(SkipReason::of_record_type("unknown"), Some(SkipReason::OtherRecordType));
        assert_eq!(SkipReason::of_status(Some(204)), None);
        assert_eq!(SkipReason::of_status(Some(301)), Some(SkipReason::Redirect));
        assert_eq!(SkipReason::of_status(Some(404)), Some(SkipReason::ClientError));
        assert_eq!(SkipReason::of_status(Some(503)), Some(SkipReason::ServerError));
        assert_eq!(SkipReason::of_status(Some(999)), Some(SkipReason::BadStatus));
        assert_eq!(SkipReason::of_status(None), Some(SkipReason::BadStatus));
    }

    #[test]
    fn reasons_have_distinct_names() {
        let mut names: Vec<&str> = SkipReason::ALL.iter().map(|r| r.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SkipReason::ALL.len());
    }

    #[test]
    fn binary_formats_by_magic() {
        assert_eq!(
            binary_format(b"\x89PNG\r\n\x1a\n\0\0").map(|f| f.reason),
            Some(SkipReason::Image)
        );
        assert_eq!(binary_format(b"%PDF-1.7").map(|f| f.name), Some("PDF"));
        assert_eq!(
            binary_format(b"RIFF\0\0\0\0WEBPVP8 ").map(|f| f.reason),
            Some(SkipReason::Image)
        );
        assert_eq!(binary_format(b"<!doctype html>"), None);
    }

    #[test]
    fn text_by_its_bytes() {
        assert!(mostly_text(b""));
        assert!(mostly_text("Plain words, 中文.\r\n\x1b$B".as_bytes()));
        assert!(mostly_text(b"\xff\xfeh\0i\0"));
        assert!(!mostly_text(b"\x00\x01\x02\x03 some words"));
    }
}
