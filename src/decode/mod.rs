//! Bytes → text: binary sniffing, encoding determination, decoding, and repair of text damaged
//! before it reached us (see [`repair`]).

pub mod binary;
pub mod repair;
pub mod script;

use encoding_rs::{DecoderResult, Encoding, UTF_8};
use serde::Serialize;

/// The encoding decision for a document, as reported in the record; all `null` when the
/// document never reached decoding.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EncodingInfo {
    /// WHATWG name of the encoding used to decode (`UTF-8`, `GBK`, `Big5`…).
    pub name: Option<&'static str>,
    /// `bom`, `transport`, `meta`, `detected` or `default`.
    pub source: Option<&'static str>,
    /// The label the document or its transport declared.
    pub declared: Option<String>,
    /// Malformed byte sequences met while decoding.
    pub malformed: u64,
}

/// Options of the decode stage.
#[derive(Debug, Clone, Default)]
pub struct DecodeOptions {
    /// `--encoding`: used as the transport-layer encoding for every document.
    pub encoding_override: Option<&'static Encoding>,
    pub repairs: repair::RepairOptions,
    pub script: script::Script,
}

/// What the decode stage knows about a document besides its bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// Charset label from the transport layer (HTTP header, JSONL field).
    pub transport: Option<&'a str>,
    pub url: Option<&'a str>,
    /// Whether the bytes are HTML (the `<meta>` prescan applies only then).
    pub html: bool,
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: EncodingInfo,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary content ({0}), not text")]
    Binary(&'static str),
}

/// Determines the encoding of `bytes` and decodes them.
pub fn decode(bytes: &[u8], hints: &Hints<'_>, opts: &DecodeOptions) -> Result<Decoded, DecodeError> {
    if let Some(what) = binary::sniff(bytes) {
        return Err(DecodeError::Binary(what));
    }
    let mut info = EncodingInfo::default();
    let encoding = determine(bytes, hints, opts, &mut info);
    info.name = Some(encoding.name());
    let body = match Encoding::for_bom(bytes) {
        Some((_, bom_len)) => &bytes[bom_len..],
        None => bytes,
    };
    let (text, malformed) = decode_counting(encoding, body);
    info.malformed = malformed;
    Ok(Decoded { text, encoding: info })
}

fn determine(bytes: &[u8], hints: &Hints<'_>, opts: &DecodeOptions, info: &mut EncodingInfo) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        info.source = Some("bom");
        return encoding;
    }
    if let Some(encoding) = opts.encoding_override {
        info.source = Some("transport");
        info.declared = Some(encoding.name().to_string());
        return encoding;
    }
    if let Some(label) = hints.transport {
        info.declared = Some(label.to_string());
        if let Some(encoding) = Encoding::for_label(label.trim().as_bytes()) {
            info.source = Some("transport");
            return encoding.output_encoding();
        }
    }
    if hints.html
        && let Some((label, encoding)) = meta_prescan(&bytes[..bytes.len().min(1024)])
    {
        info.declared = Some(label);
        info.source = Some("meta");
        return encoding;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    info.source = Some("detected");
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// A simplified `<meta charset>` / `http-equiv` prescan of the head of the document.
fn meta_prescan(head: &[u8]) -> Option<(String, &'static Encoding)> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(pos) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[pos + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(value) = rest.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let len = value
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(value.len());
                let label = &value[..len];
                if let Some(encoding) = Encoding::for_label(label) {
                    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                        UTF_8
                    } else if encoding == encoding_rs::X_USER_DEFINED {
                        encoding_rs::WINDOWS_1252
                    } else {
                        encoding
                    };
                    return Some((String::from_utf8_lossy(label).into_owned(), encoding));
                }
            }
        }
        from = end.max(start + 5);
    }
    None
}

/// Decodes, replacing malformed sequences with U+FFFD and counting them.
pub fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, u64) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let mut malformed = 0;
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                malformed += 1;
                text.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(rest.len())
                    .unwrap_or(rest.len() * 3);
                text.reserve(more.max(16));
            }
        }
    }
    (text, malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8], html: bool, transport: Option<&str>) -> Decoded {
        decode(
            bytes,
            &Hints {
                transport,
                url: None,
                html,
            },
            &DecodeOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn bom_wins() {
        let decoded = run(b"\xef\xbb\xbf<meta charset=gbk>\xe4\xb8\xad", true, Some("big5"));
        assert_eq!(decoded.encoding.source, Some("bom"));
        assert_eq!(decoded.text, "<meta charset=gbk>中");
    }

    #[test]
    fn meta_charset() {
        let decoded = run(b"<meta charset=\"gb2312\"><p>\xd6\xd0</p>", true, None);
        assert_eq!(decoded.encoding.name, Some("GBK"));
        assert_eq!(decoded.encoding.source, Some("meta"));
        assert_eq!(decoded.text, "<meta charset=\"gb2312\"><p>中</p>");
    }

    #[test]
    fn malformed_sequences_are_counted() {
        let decoded = run(b"a\xffb\xfe", false, Some("utf-8"));
        assert_eq!(decoded.text, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(decoded.encoding.malformed, 2);
    }
}
