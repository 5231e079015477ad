//! HTTP responses inside crawl records, read as browsers and warcio read them: the status line
//! and headers, then the payload with its transfer coding (chunked) and content codings (gzip,
//! deflate in zlib or raw form, br, zstd) undone.
//!
//! Crawlers store payloads in every state. A body whose header declares a coding it is not in
//! (ClueWeb09 and Nutch stored bodies decoded and kept `Content-Encoding: gzip`) is used as it
//! is. A body cut short (by the crawler's size limit, a clipped archive, a broken stream) gives
//! what arrived, flagged as truncated. Common Crawl stores bodies decoded and renames the
//! headers it no longer applies (`X-Crawler-Content-Encoding`, `X-Crawler-Transfer-Encoding`);
//! only the real header names are read, so those are informational.

use std::io::Read;

use super::InputError;

/// What the head of an HTTP response says about its payload.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HttpHead {
    /// The status code; `None` when the status line has no valid one.
    pub status: Option<u16>,
    /// The `Content-Type` value as written.
    pub content_type: Option<String>,
    /// `Transfer-Encoding: chunked`.
    pub chunked: bool,
    /// `Content-Encoding` codings, lower case, in the order they were applied.
    pub codings: Vec<String>,
}

/// Whether `line` is an HTTP response status line (`HTTP/1.1 200 OK`, `HTTP/2 404`), and its
/// status code if it has a valid one.
pub(crate) fn status_line(line: &[u8]) -> Option<Option<u16>> {
    if line.len() < 5 || !line[..5].eq_ignore_ascii_case(b"HTTP/") {
        return None;
    }
    let text = String::from_utf8_lossy(line);
    let code = text.split_ascii_whitespace().nth(1)?;
    let status = (code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
        .then(|| code.parse().ok())
        .flatten();
    Some(status)
}

impl HttpHead {
    /// Reads one header line (without its line terminator).
    pub(crate) fn add_header(&mut self, line: &[u8]) {
        let Some(colon) = memchr::memchr(b':', line) else {
            return;
        };
        let name = line[..colon].trim_ascii();
        let value = String::from_utf8_lossy(line[colon + 1..].trim_ascii());
        if name.eq_ignore_ascii_case(b"content-type") {
            if self.content_type.is_none() && !value.is_empty() {
                self.content_type = Some(value.into_owned());
            }
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            let last = value.rsplit(',').next().unwrap_or("").trim();
            self.chunked = last.eq_ignore_ascii_case("chunked");
        } else if name.eq_ignore_ascii_case(b"content-encoding") {
            self.codings.extend(
                value
                    .split(',')
                    .map(|coding| coding.trim().to_ascii_lowercase())
                    .filter(|coding| !coding.is_empty()),
            );
        }
    }
}

/// A payload with its codings undone.
#[derive(Debug)]
pub(crate) struct Payload {
    pub bytes: Result<Vec<u8>, InputError>,
    /// Not all of it arrived.
    pub truncated: bool,
}

/// Undoes the transfer and content codings `head` declares on `body`, keeping at most
/// `max_bytes` of decoded payload. `cut`: the body itself did not arrive whole.
pub(crate) fn decode_payload(mut body: Vec<u8>, head: &HttpHead, cut: bool, max_bytes: u64) -> Payload {
    let mut truncated = cut;
    if head.chunked
        && let Some((joined, chunks_cut)) = dechunk(&body)
    {
        body = joined;
        truncated |= chunks_cut;
    }
    for coding in head.codings.iter().rev() {
        match decode_coding(coding, &body, max_bytes) {
            Decoding::Whole(decoded) => body = decoded,
            Decoding::Cut(decoded) => {
                body = decoded;
                truncated = true;
            }
            Decoding::NotEncoded => break,
            Decoding::TooLarge => {
                return Payload {
                    bytes: Err(InputError::TooLarge {
                        size: None,
                        limit: max_bytes,
                    }),
                    truncated,
                };
            }
        }
    }
    Payload {
        bytes: Ok(body),
        truncated,
    }
}

/// The outcome of undoing one content coding.
#[derive(Debug, PartialEq, Eq)]
enum Decoding {
    Whole(Vec<u8>),
    /// The stream broke off (or broke): what it gave before.
    Cut(Vec<u8>),
    /// The body is not in this coding (or the coding is unknown): use it as it is.
    NotEncoded,
    TooLarge,
}

fn decode_coding(coding: &str, body: &[u8], max_bytes: u64) -> Decoding {
    if coding == "identity" {
        return Decoding::Whole(body.to_vec());
    }
    // Compressed bytes are never text for long; a body that reads as text was stored decoded.
    if looks_textual(body) {
        return Decoding::NotEncoded;
    }
    match coding {
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            read_decoded(flate2::read::MultiGzDecoder::new(body), max_bytes)
        }
        "deflate" if is_zlib_header(body) => read_decoded(flate2::read::ZlibDecoder::new(body), max_bytes),
        // Servers have long sent raw deflate under this name; browsers accept both.
        "deflate" => read_decoded(flate2::read::DeflateDecoder::new(body), max_bytes),
        "br" => read_decoded(brotli_decompressor::Decompressor::new(body, 64 * 1024), max_bytes),
        "zstd" if body.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) => match zstd::stream::read::Decoder::with_buffer(body) {
            Ok(decoder) => read_decoded(decoder, max_bytes),
            Err(_) => Decoding::Cut(Vec::new()),
        },
        _ => Decoding::NotEncoded,
    }
}

/// Reads a decoder to its end or its first error, keeping what it gave before an error.
fn read_decoded<R: Read>(decoder: R, max_bytes: u64) -> Decoding {
    let mut out = Vec::new();
    match decoder.take(max_bytes + 1).read_to_end(&mut out) {
        _ if out.len() as u64 > max_bytes => Decoding::TooLarge,
        Ok(_) => Decoding::Whole(out),
        // `read_to_end` keeps the bytes read before the error.
        Err(_) => Decoding::Cut(out),
    }
}

/// A zlib stream header: deflate method, 32K window at most, check bits right.
fn is_zlib_header(body: &[u8]) -> bool {
    match body {
        [cmf, flg, ..] => cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

/// Whether the head of `body` reads as text: no C0 control bytes but the ones text uses (tab,
/// line breaks, form feed, the ISO-2022 shifts and escape). Compressed data has them every few
/// dozen bytes.
fn looks_textual(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    !head.is_empty() && !head.iter().any(|&b| b < 0x09 || (0x10..0x20).contains(&b) && b != 0x1b)
}

/// Undoes chunked transfer coding. `None` when the body does not start with a chunk (many
/// archives store the body de-chunked but keep the header); otherwise the joined chunks and
/// whether the body ended before the last chunk. A chunk size line that breaks the framing
/// later on keeps the rest of the body as it is: nothing is dropped.
fn dechunk(body: &[u8]) -> Option<(Vec<u8>, bool)> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let Some(line_end) = memchr::memchr(b'\n', rest) else {
            return if first { None } else { Some((out, true)) };
        };
        let Some(size) = chunk_size(&rest[..line_end]) else {
            if first {
                return None;
            }
            out.extend_from_slice(rest);
            return Some((out, false));
        };
        first = false;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some((out, false));
        }
        if rest.len() < size {
            out.extend_from_slice(rest);
            return Some((out, true));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// The size of a chunk size line (`1a2b`, `1a2b;ext=1`, with a CR or spaces around).
fn chunk_size(line: &[u8]) -> Option<usize> {
    let line = line.split(|&b| b == b';').next()?.trim_ascii();
    if line.is_empty() || line.len() > 15 || !line.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    usize::from_str_radix(std::str::from_utf8(line).ok()?, 16).ok()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const PAGE: &[u8] = b"<html><body><p>A paragraph of page text.</p></body></html>";

    fn head(codings: &[&str], chunked: bool) -> HttpHead {
        HttpHead {
            status: Some(200),
            content_type: Some("text/html".into()),
            chunked,
            codings: codings.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    fn decoded(body: Vec<u8>, head: &HttpHead) -> (Vec<u8>, bool) {
        let payload = decode_payload(body, head, false, 1 << 20);
        (payload.bytes.unwrap(), payload.truncated)
    }

    /// A long page that compresses to many kilobytes, so that a cut falls inside the stream.
    fn long_page() -> Vec<u8> {
        let mut page = Vec::new();
        for i in 0..4000u32 {
            page.extend(format!("<p>Paragraph {i} of {} words.</p>\n", i.wrapping_mul(2_654_435_761)).bytes());
        }
        page
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_line(b"HTTP/1.1 200 OK"), Some(Some(200)));
        assert_eq!(status_line(b"HTTP/2 404"), Some(Some(404)));
        assert_eq!(status_line(b"http/1.0 301 Moved\r"), Some(Some(301)));
        assert_eq!(status_line(b"HTTP/1.1 abc"), Some(None));
        assert_eq!(status_line(b"HTTP/1.1"), None);
        assert_eq!(status_line(b"<html>"), None);
    }

    #[test]
    fn headers() {
        let mut head = HttpHead::default();
        for line in [
            &b"Content-Type: text/html; charset=gbk"[..],
            b"content-encoding: gzip, br",
            b"Transfer-Encoding: gzip, chunked",
            b"X-Crawler-Content-Encoding: deflate",
            b"no colon here",
        ] {
            head.add_header(line);
        }
        assert_eq!(head.content_type.as_deref(), Some("text/html; charset=gbk"));
        assert_eq!(head.codings, ["gzip", "br"]);
        assert!(head.chunked);
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n"),
            Some((b"abcde".to_vec(), false))
        );
        assert_eq!(dechunk(b"<html>"), None);
        // Cut inside a chunk, and before the last chunk.
        assert_eq!(dechunk(b"5\r\nabcde\r\n9\r\nfgh"), Some((b"abcdefgh".to_vec(), true)));
        assert_eq!(dechunk(b"3\r\nabc\r\n"), Some((b"abc".to_vec(), true)));
        // Framing broken later on: the rest kept as it is.
        assert_eq!(dechunk(b"3\r\nabc\r\nxyz\r\n"), Some((b"abcxyz\r\n".to_vec(), false)));
        assert_eq!(chunk_size(b"ffffffffffffffffff"), None);
    }

    #[test]
    fn content_codings() {
        assert_eq!(decoded(gzip(PAGE), &head(&["gzip"], false)), (PAGE.to_vec(), false));
        assert_eq!(decoded(gzip(PAGE), &head(&["x-gzip"], false)), (PAGE.to_vec(), false));
        let zlib = {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(PAGE).unwrap();
            z.finish().unwrap()
        };
        assert_eq!(decoded(zlib, &head(&["deflate"], false)), (PAGE.to_vec(), false));
        let raw = {
            let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(PAGE).unwrap();
            z.finish().unwrap()
        };
        assert_eq!(decoded(raw, &head(&["deflate"], false)), (PAGE.to_vec(), false));
        assert_eq!(
            decoded(brotli_stored(PAGE), &head(&["br"], false)),
            (PAGE.to_vec(), false)
        );
        let zstd = zstd::encode_all(PAGE, 3).unwrap();
        assert_eq!(decoded(zstd, &head(&["zstd"], false)), (PAGE.to_vec(), false));
        // Applied in order: gzip first, then zstd over it.
        let both = zstd::encode_all(&gzip(PAGE)[..], 3).unwrap();
        assert_eq!(decoded(both, &head(&["gzip", "zstd"], false)), (PAGE.to_vec(), false));
        // Chunks of a gzipped body.
        let zipped = gzip(PAGE);
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend(&zipped[..10]);
        chunked.extend(format!("\r\n{:x}\r\n", zipped.len() - 10).bytes());
        chunked.extend(&zipped[10..]);
        chunked.extend(b"\r\n0\r\n\r\n");
        assert_eq!(decoded(chunked, &head(&["gzip"], true)), (PAGE.to_vec(), false));
    }

    /// A brotli stream of `data` in its simplest valid form: one uncompressed meta-block (RFC
    /// 7932 §9.2), written by hand so that the tests need no encoder.
    fn brotli_stored(data: &[u8]) -> Vec<u8> {
        // WBITS = 16 (one 0 bit); meta-block header: ISLAST = 0, MNIBBLES = 4 (0b00), MLEN - 1
        // in 16 bits, ISUNCOMPRESSED = 1; padding to the byte.
        let mut bits = vec![false; 4];
        let mlen = data.len() as u32 - 1;
        bits.extend((0..16).map(|i| mlen >> i & 1 == 1));
        bits.push(true);
        bits.resize(bits.len().div_ceil(8) * 8, false);
        let mut out: Vec<u8> = bits
            .chunks(8)
            .map(|byte| {
                byte.iter()
                    .enumerate()
                    .fold(0u8, |acc, (i, &b)| acc | (u8::from(b) << i))
            })
            .collect();
        out.extend_from_slice(data);
        // A last, empty meta-block: ISLAST = 1, ISLASTEMPTY = 1.
        out.push(0b11);
        out
    }

    #[test]
    fn a_declared_coding_the_body_is_not_in_is_ignored() {
        for coding in ["gzip", "deflate", "br", "zstd", "utf-8", "none"] {
            assert_eq!(
                decoded(PAGE.to_vec(), &head(&[coding], false)),
                (PAGE.to_vec(), false),
                "{coding}"
            );
        }
        // An image declared gzip but stored decoded stays the image, for the sniffer to see.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        assert_eq!(decoded(png.clone(), &head(&["gzip"], false)), (png, false));
    }

    #[test]
    fn a_cut_stream_gives_what_arrived() {
        let page = long_page();
        let zipped = gzip(&page);
        let (bytes, truncated) = decoded(zipped[..zipped.len() / 2].to_vec(), &head(&["gzip"], false));
        assert!(truncated);
        assert!(
            bytes.len() > page.len() / 4 && page.starts_with(&bytes),
            "{}",
            bytes.len()
        );
        let zstd = zstd::encode_all(&page[..], 3).unwrap();
        let (bytes, truncated) = decoded(zstd[..zstd.len() / 2].to_vec(), &head(&["zstd"], false));
        assert!(truncated && page.starts_with(&bytes));
        // The container said the body was cut: flagged even when the coding ended cleanly.
        let payload = decode_payload(PAGE.to_vec(), &head(&[], false), true, 1 << 20);
        assert!(payload.truncated);
    }

    #[test]
    fn decoded_size_is_limited() {
        let page = long_page();
        let payload = decode_payload(gzip(&page), &head(&["gzip"], false), false, 1000);
        assert!(matches!(payload.bytes, Err(InputError::TooLarge { .. })));
    }
}
