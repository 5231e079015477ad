//! WARC and WET files: one document per `response`, `resource` or `conversion` record.
//!
//! Records stream through one at a time. A response's HTTP headers are parsed off: its
//! `Content-Type` charset becomes the transport encoding, chunked transfer coding and
//! gzip/deflate content coding are undone. The first structural break (a bad version line, a
//! missing `Content-Length`, a record cut short) yields a `malformed-container` record for the
//! break and ends the file, after all the records before it.

use std::io::{self, BufRead, Read};
use std::sync::Arc;

use super::{Document, Fetch, InputError, InputOptions};
use crate::record::Kind;

/// The longest header block accepted; anything longer is not a WARC header.
const MAX_HEADER_BYTES: usize = 256 * 1024;

pub struct WarcReader {
    reader: Box<dyn BufRead>,
    path: String,
    opts: Arc<InputOptions>,
    offset: u64,
    done: bool,
}

#[derive(Default)]
struct Header {
    warc_type: String,
    record_id: Option<String>,
    target_uri: Option<String>,
    content_type: Option<String>,
    content_length: Option<u64>,
}

/// What reading one record gave.
enum Step {
    End,
    Skipped,
    Doc(Box<Document>),
    /// A structural break: the record for it, and the end of the file.
    Break(Box<Document>),
}

impl WarcReader {
    pub fn new(reader: Box<dyn BufRead>, path: String, opts: Arc<InputOptions>) -> WarcReader {
        WarcReader {
            reader,
            path,
            opts,
            offset: 0,
            done: false,
        }
    }

    fn break_at(&self, id: Option<String>, message: String) -> Step {
        let id = id.unwrap_or_else(|| format!("{}#@{}", self.path, self.offset));
        Step::Break(Box::new(Document::failed(
            id,
            None,
            InputError::MalformedContainer(message),
        )))
    }

    /// Reads one line (with its terminator) of at most `limit` bytes; `None` at end of stream.
    fn read_line(&mut self, line: &mut Vec<u8>, limit: usize) -> io::Result<Option<()>> {
        line.clear();
        let n = self.reader.by_ref().take(limit as u64).read_until(b'\n', line)?;
        self.offset += n as u64;
        Ok(if n == 0 { None } else { Some(()) })
    }

    fn read_header(&mut self) -> Result<Option<Header>, Step> {
        let mut line = Vec::new();
        // Tolerate extra blank lines between records.
        loop {
            match self.read_line(&mut line, MAX_HEADER_BYTES) {
                Ok(None) => return Ok(None),
                Ok(Some(())) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(())) => break,
                Err(err) => return Err(self.break_at(None, read_error_message(&self.path, &err))),
            }
        }
        if !line.starts_with(b"WARC/") {
            let start = self.offset - line.len() as u64;
            return Err(self.break_at(
                Some(format!("{}#@{start}", self.path)),
                format!("{}: expected a WARC version line at byte {start}", self.path),
            ));
        }
        let mut header = Header::default();
        let mut header_bytes = line.len();
        loop {
            match self.read_line(&mut line, MAX_HEADER_BYTES) {
                Ok(Some(())) => {}
                Ok(None) => {
                    return Err(self.break_at(header.id(&self.path), format!("{}: truncated WARC header", self.path)));
                }
                Err(err) => return Err(self.break_at(header.id(&self.path), read_error_message(&self.path, &err))),
            }
            header_bytes += line.len();
            if header_bytes > MAX_HEADER_BYTES || !line.ends_with(b"\n") {
                return Err(self.break_at(header.id(&self.path), format!("{}: WARC header too long", self.path)));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "warc-record-id" => header.record_id = Some(value),
                "warc-target-uri" => header.target_uri = Some(value.trim_matches(['<', '>']).to_string()),
                "content-type" => header.content_type = Some(value),
                "content-length" => header.content_length = value.parse().ok(),
                _ => {}
            }
        }
        Ok(Some(header))
    }

    fn skip(&mut self, len: u64) -> io::Result<u64> {
        let skipped = io::copy(&mut self.reader.by_ref().take(len), &mut io::sink())?;
        self.offset += skipped;
        Ok(skipped)
    }

    /// The blank line pair after a block; lenient about how many CR/LF bytes there are.
    fn skip_record_trailer(&mut self) {
        for _ in 0..4 {
            match self.reader.fill_buf() {
                Ok([b'\r' | b'\n', ..]) => {
                    self.reader.consume(1);
                    self.offset += 1;
                }
                _ => break,
            }
        }
    }

    fn step(&mut self) -> Step {
        let header = match self.read_header() {
            Ok(Some(header)) => header,
            Ok(None) => return Step::End,
            Err(step) => return step,
        };
        let id = header
            .id(&self.path)
            .unwrap_or_else(|| format!("{}#@{}", self.path, self.offset));
        let Some(len) = header.content_length else {
            return self.break_at(
                Some(id),
                format!("{}: WARC record without a valid Content-Length", self.path),
            );
        };
        let wanted =
            matches!(header.warc_type.as_str(), "response" | "resource" | "conversion") && self.opts.wants(&id);
        if !wanted || len > self.opts.max_bytes {
            match self.skip(len) {
                Ok(skipped) if skipped == len => {}
                Ok(skipped) => return self.break_at(Some(id), truncated_message(&self.path, len, skipped)),
                Err(err) => return self.break_at(Some(id), read_error_message(&self.path, &err)),
            }
            self.skip_record_trailer();
            if !wanted {
                return Step::Skipped;
            }
            let error = InputError::TooLarge {
                size: Some(len),
                limit: self.opts.max_bytes,
            };
            let mut doc = Document::failed(id, None, error);
            doc.url = header.target_uri;
            return Step::Doc(Box::new(doc));
        }
        let mut block = Vec::with_capacity(len.min(16 << 20) as usize);
        match self.reader.by_ref().take(len).read_to_end(&mut block) {
            Ok(n) => {
                self.offset += n as u64;
                if (n as u64) < len {
                    return self.break_at(Some(id), truncated_message(&self.path, len, n as u64));
                }
            }
            Err(err) => return self.break_at(Some(id), read_error_message(&self.path, &err)),
        }
        self.skip_record_trailer();
        Step::Doc(Box::new(header.into_document(id, block, self.opts.max_bytes)))
    }
}

impl Iterator for WarcReader {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        while !self.done {
            match self.step() {
                Step::End => self.done = true,
                Step::Skipped => {}
                Step::Doc(doc) => return Some(*doc),
                Step::Break(doc) => {
                    self.done = true;
                    if self.opts.wants(&doc.id) {
                        return Some(*doc);
                    }
                }
            }
        }
        None
    }
}

fn truncated_message(path: &str, expected: u64, got: u64) -> String {
    format!("{path}: WARC record truncated: Content-Length {expected}, only {got} bytes before the end")
}

fn read_error_message(path: &str, err: &io::Error) -> String {
    format!("{path}: cannot read WARC stream: {err}")
}

impl Header {
    fn id(&self, path: &str) -> Option<String> {
        self.record_id.as_ref().map(|rid| format!("{path}#{rid}"))
    }

    fn into_document(self, id: String, block: Vec<u8>, max_bytes: u64) -> Document {
        let content_type = self.content_type.as_deref().unwrap_or("");
        let mut doc = Document {
            id,
            url: self.target_uri,
            kind: None,
            charset: None,
            body: Ok(Vec::new()),
            fetch: Fetch::default(),
        };
        match self.warc_type.as_str() {
            "response" if is_http_payload(content_type, &block) => {
                let response = parse_http_response(block, max_bytes);
                doc.kind = kind_of_mime(response.content_type.as_deref().unwrap_or(""));
                doc.charset = response.content_type.as_deref().and_then(charset_param);
                doc.body = response.body;
            }
            "conversion" => {
                doc.kind = Some(Kind::Text);
                doc.charset = charset_param(content_type);
                doc.body = Ok(block);
            }
            _ => {
                doc.kind = kind_of_mime(content_type);
                doc.charset = charset_param(content_type);
                doc.body = Ok(block);
            }
        }
        doc
    }
}

fn is_http_payload(content_type: &str, block: &[u8]) -> bool {
    content_type.to_ascii_lowercase().starts_with("application/http") || block.starts_with(b"HTTP/")
}

fn kind_of_mime(content_type: &str) -> Option<Kind> {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(Kind::Html),
        "text/plain" => Some(Kind::Text),
        _ => None,
    }
}

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(['"', '\'']).trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

struct HttpResponse {
    content_type: Option<String>,
    body: Result<Vec<u8>, InputError>,
}

/// Splits an HTTP response into headers and payload and undoes transfer and content codings.
fn parse_http_response(block: Vec<u8>, max_bytes: u64) -> HttpResponse {
    let (head_end, body_start) = match memchr::memmem::find(&block, b"\r\n\r\n") {
        Some(at) => (at, at + 4),
        None => match memchr::memmem::find(&block, b"\n\n") {
            Some(at) => (at, at + 2),
            None => (block.len(), block.len()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut content_type = None;
    let mut chunked = false;
    let mut content_encoding = None;
    for line in head.lines().skip(1) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => content_encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    // The head is read; the block's own buffer becomes the body.
    let mut body = block;
    body.drain(..body_start);
    if chunked && let Some(joined) = dechunk(&body) {
        body = joined;
    }
    let body = match content_encoding.as_deref() {
        Some("gzip" | "x-gzip") => inflate(flate2::read::MultiGzDecoder::new(&body[..]), max_bytes, "gzip"),
        Some("deflate") => inflate(flate2::read::ZlibDecoder::new(&body[..]), max_bytes, "deflate"),
        _ => Ok(body),
    };
    HttpResponse { content_type, body }
}

fn inflate<R: Read>(mut decoder: R, max_bytes: u64, coding: &str) -> Result<Vec<u8>, InputError> {
    super::open::read_limited(
        &mut decoder,
        max_bytes,
        &format!("HTTP body with Content-Encoding {coding}"),
        None,
    )
}

/// Undoes chunked transfer coding; `None` when the body is not well-formed chunks (many
/// archives store the body already de-chunked but keep the header).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = memchr::memchr(b'\n', rest)?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size_text = size_text.trim().split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            return None;
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameter() {
        assert_eq!(charset_param("text/html; charset=GB2312"), Some("GB2312".into()));
        assert_eq!(charset_param("text/html;Charset=\"utf-8\""), Some("utf-8".into()));
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("text/html; charset="), None);
    }

    #[test]
    fn chunked_body() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n"),
            Some(b"abcde".to_vec())
        );
        assert_eq!(dechunk(b"<html>"), None);
    }

    #[test]
    fn http_response_headers_and_gzip_body() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<p>hi</p>").unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(gz.finish().unwrap());
        let response = parse_http_response(block, 1 << 20);
        assert_eq!(response.content_type.as_deref(), Some("text/html; charset=gbk"));
        assert_eq!(response.body.unwrap(), b"<p>hi</p>");
    }
}
