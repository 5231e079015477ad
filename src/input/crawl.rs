//! One crawl record (WARC or ARC) → one [`Document`]: the HTTP response inside it, page
//! selection ([`super::select`]), the payload with its codings undone, and what the container
//! says about the fetch.
//!
//! The block is read as a stream: a record that is not a page by its type, status or declared
//! media type is skipped without its payload ever being held.

use std::io::{self, BufRead, Read};

use super::http::{self, HttpHead};
use super::select::{self, Media, SkipReason};
use super::{Document, Fetch, InputError};
use crate::record::Kind;

/// The longest HTTP head read before the payload; a longer one is cut there.
const MAX_HTTP_HEAD: u64 = 256 * 1024;
/// The most bytes of junk a WARC or ARC reader skips between two records looking for the next one.
pub(crate) const MAX_JUNK_BYTES: u64 = 64 * 1024;

/// What a container's header says about one record.
#[derive(Debug, Clone, Default)]
pub(crate) struct RecordHeader {
    pub id: String,
    pub url: Option<String>,
    /// The WARC-Type, lower case; ARC records are `response`s (or a `warcinfo` for the
    /// file's version block).
    pub record_type: String,
    /// The block's content type (WARC `Content-Type`).
    pub block_type: Option<String>,
    /// A type the crawler recorded for the payload (`WARC-Identified-Payload-Type`, the ARC
    /// header's content type): the payload's type when the HTTP head gives none.
    pub payload_type: Option<String>,
    /// When it was fetched, ISO 8601.
    pub fetched: Option<String>,
    /// The container says the block is not whole (`WARC-Truncated`).
    pub truncated: bool,
}

/// The block of one record: at most `remaining` bytes of the container's stream. A read error
/// ends the block as the end of the stream does, and is kept for the container to judge.
pub(crate) struct Block<'a> {
    inner: &'a mut dyn BufRead,
    remaining: u64,
    consumed: u64,
    ended: bool,
    error: Option<io::Error>,
}

impl<'a> Block<'a> {
    pub(crate) fn new(inner: &'a mut dyn BufRead, len: u64) -> Block<'a> {
        Block {
            inner,
            remaining: len,
            consumed: 0,
            ended: false,
            error: None,
        }
    }

    /// Reads past the rest of the block.
    pub(crate) fn drain(&mut self) {
        loop {
            let n = match self.fill_buf() {
                Ok(buf) => buf.len(),
                Err(_) => 0,
            };
            if n == 0 {
                return;
            }
            self.consume(n);
        }
    }

    /// Appends the rest of the block to `out`, up to `limit` bytes in all. Copied from the
    /// stream's buffer as it is: `read_to_end` would zero every byte of room first.
    pub(crate) fn read_rest(&mut self, out: &mut Vec<u8>, limit: u64) {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let expected = usize::try_from(self.remaining).unwrap_or(usize::MAX);
        out.reserve(expected.min(limit.saturating_sub(out.len())));
        while out.len() < limit {
            let taken = match self.fill_buf() {
                Ok([]) | Err(_) => return,
                Ok(buf) => {
                    let n = buf.len().min(limit - out.len());
                    out.extend_from_slice(&buf[..n]);
                    n
                }
            };
            self.consume(taken);
        }
    }

    /// Bytes of the stream the block took.
    pub(crate) fn consumed(&self) -> u64 {
        self.consumed
    }

    /// The stream ended (or failed) before the block did.
    pub(crate) fn cut(&self) -> bool {
        self.ended || self.error.is_some()
    }

    /// The read error that ended the block early, if one did.
    pub(crate) fn take_error(&mut self) -> Option<io::Error> {
        self.error.take()
    }
}

impl Read for Block<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Block<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.remaining == 0 || self.ended || self.error.is_some() {
            return Ok(&[]);
        }
        let available = loop {
            match self.inner.fill_buf() {
                Ok(buf) => break buf.len(),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => {
                    self.error = Some(err);
                    return Ok(&[]);
                }
            }
        };
        if available == 0 {
            self.ended = true;
            return Ok(&[]);
        }
        let n = usize::try_from(self.remaining).map_or(available, |remaining| remaining.min(available));
        // The data is buffered: this second call does no I/O.
        Ok(&self.inner.fill_buf()?[..n])
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.remaining -= amt as u64;
        self.consumed += amt as u64;
    }
}

/// Reads the record whose header is `header` from its block (leaving the rest of the block
/// unread) and makes its document: a page, a page that could not be read, or a skipped record.
pub(crate) fn read_record(header: RecordHeader, block: &mut Block<'_>, max_bytes: u64) -> Document {
    let mut fetch = Fetch {
        fetched: header.fetched.clone(),
        truncated: header.truncated,
        ..Fetch::default()
    };
    if let Some(reason) = SkipReason::of_record_type(&header.record_type) {
        let detail = format!("WARC-Type {}", header.record_type);
        return skipped(header, fetch, reason, detail);
    }
    // A response block is an HTTP response when it starts with a status line; other
    // responses (DNS, FTP, a page stored bare) are their payload.
    let mut prefix = Vec::new();
    let mut http = None;
    if header.record_type == "response" {
        if let Err(err) = read_line(block, &mut prefix, MAX_HTTP_HEAD) {
            return failed(header, fetch, InputError::from_read("HTTP head", &err));
        }
        if let Some(status) = http::status_line(trim_line_end(&prefix)) {
            prefix.clear();
            http = Some(read_http_head(block, status, &mut fetch.truncated));
        }
    }
    let declared = match &http {
        Some(head) => head.content_type.clone().or_else(|| header.payload_type.clone()),
        None => header
            .block_type
            .clone()
            .filter(|t| !t.trim_start().to_ascii_lowercase().starts_with("application/http"))
            .or_else(|| header.payload_type.clone()),
    };
    fetch.http_status = http.as_ref().and_then(|head| head.status);
    let media = declared.as_deref().and_then(select::media_type);
    fetch.content_type.clone_from(&media);
    let class = select::classify(media.as_deref());
    if let Some(head) = &http
        && let Some(reason) = SkipReason::of_status(head.status)
    {
        let detail = match head.status {
            Some(status) => format!("HTTP status {status}"),
            None => "no valid HTTP status".to_string(),
        };
        let mut doc = skipped(header, fetch, reason, detail);
        // A 404 page is still HTML, for whoever reads it with --all-records.
        if let Media::Page(kind) = class {
            doc.kind = Some(kind);
        }
        return doc;
    }
    if let Media::NotPage(reason) = class {
        let detail = media.clone().unwrap_or_default();
        return skipped(header, fetch, reason, detail);
    }
    let mut body = prefix;
    block.read_rest(&mut body, max_bytes.saturating_add(1));
    if body.len() as u64 > max_bytes {
        let error = InputError::TooLarge {
            size: None,
            limit: max_bytes,
        };
        return failed(header, fetch, error);
    }
    let payload = match &http {
        Some(head) => http::decode_payload(body, head, block.cut(), max_bytes),
        None => http::Payload {
            bytes: Ok(body),
            truncated: block.cut(),
        },
    };
    fetch.truncated |= payload.truncated;
    let bytes = match payload.bytes {
        Ok(bytes) => bytes,
        Err(error) => return failed(header, fetch, error),
    };
    // Whatever the header says, an image is not a page.
    if let Some(format) = select::binary_format(&bytes) {
        return skipped(header, fetch, format.reason, format.name.to_string());
    }
    let kind = match class {
        Media::Page(kind) => kind,
        _ if !select::mostly_text(&bytes) => {
            return skipped(header, fetch, SkipReason::OtherMedia, "binary content".to_string());
        }
        _ => {
            let kind = super::sniff_kind(&bytes);
            let sniffed = match kind {
                Kind::Html => "text/html",
                Kind::Text => "text/plain",
            };
            fetch.content_type = Some(sniffed.to_string());
            kind
        }
    };
    Document {
        id: header.id,
        url: header.url,
        kind: Some(kind),
        charset: declared.as_deref().and_then(charset_param),
        body: Ok(bytes),
        fetch,
    }
}

/// The head of an HTTP response after its status line, up to the blank line that ends it.
fn read_http_head(block: &mut Block<'_>, status: Option<u16>, truncated: &mut bool) -> HttpHead {
    let mut head = HttpHead {
        status,
        ..HttpHead::default()
    };
    let mut line = Vec::new();
    let mut read = 0;
    loop {
        line.clear();
        match read_line(block, &mut line, MAX_HTTP_HEAD - read.min(MAX_HTTP_HEAD)) {
            Ok(0) | Err(_) => {
                // The block ended inside the head: no payload arrived.
                *truncated = true;
                return head;
            }
            Ok(n) => read += n as u64,
        }
        let text = trim_line_end(&line);
        if text.is_empty() {
            return head;
        }
        if read >= MAX_HTTP_HEAD {
            return head;
        }
        head.add_header(text);
    }
}

/// Appends one line (with its `\n`) of at most `limit` bytes to `line`.
fn read_line(block: &mut Block<'_>, line: &mut Vec<u8>, limit: u64) -> io::Result<usize> {
    block.by_ref().take(limit).read_until(b'\n', line)
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn skipped(header: RecordHeader, fetch: Fetch, reason: SkipReason, detail: String) -> Document {
    failed(header, fetch, InputError::Skipped { reason, detail })
}

fn failed(header: RecordHeader, fetch: Fetch, error: InputError) -> Document {
    Document {
        id: header.id,
        url: header.url,
        kind: None,
        charset: None,
        body: Err(error),
        fetch,
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

/// A target URI as a URI: the spaces some crawlers wrote into it percent-encoded (as warcio
/// does), angle brackets of WARC/0.17 and ISO 28500 drafts removed.
pub(crate) fn target_uri(value: &str) -> Option<String> {
    let value = value.trim().trim_start_matches('<').trim_end_matches('>').trim();
    (!value.is_empty()).then(|| value.replace(' ', "%20"))
}

/// A WARC-Date as ISO 8601 (`2024-04-02T07:56:00Z`); `None` when it is not a valid date.
pub(crate) fn warc_date(value: &str) -> Option<String> {
    let value = value.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = value.split_once(['T', 't']).unwrap_or((value, ""));
    let mut parts = date.splitn(3, '-');
    let (year, month, day) = (
        parts.next()?,
        parts.next().unwrap_or("01"),
        parts.next().unwrap_or("01"),
    );
    if year.len() != 4 || month.len() != 2 || day.len() != 2 || ![year, month, day].into_iter().all(digits) {
        return None;
    }
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => time.split_at(at),
        None => (time, ""),
    };
    let clock = clock.split('.').next().unwrap_or("");
    let mut fields = clock.split(':');
    let hour = fields.next().filter(|s| !s.is_empty()).unwrap_or("00");
    let minute = fields.next().unwrap_or("00");
    let second = fields.next().unwrap_or("00");
    if fields.next().is_some() {
        return None;
    }
    let zone = match zone {
        "" | "Z" | "z" => "Z".to_string(),
        zone => {
            let (sign, rest) = zone.split_at(1);
            let rest = rest.replace(':', "");
            if rest.len() != 4
                || !digits(&rest)
                || rest[..2].parse::<u8>().ok()? > 23
                || rest[2..].parse::<u8>().ok()? > 59
            {
                return None;
            }
            format!("{sign}{}:{}", &rest[..2], &rest[2..])
        }
    };
    iso_timestamp(year, month, day, hour, minute, second, &zone)
}

/// An ARC date (`YYYYMMDDhhmmss`, some writers adding digits past the seconds) as ISO 8601.
pub(crate) fn arc_date(value: &str) -> Option<String> {
    if value.len() < 14 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    iso_timestamp(
        &value[0..4],
        &value[4..6],
        &value[6..8],
        &value[8..10],
        &value[10..12],
        &value[12..14],
        "Z",
    )
}

fn iso_timestamp(
    year: &str,
    month: &str,
    day: &str,
    hour: &str,
    minute: &str,
    second: &str,
    zone: &str,
) -> Option<String> {
    let number = |s: &str| -> Option<u32> { (s.len() == 2 || s.len() == 4).then(|| s.parse().ok()).flatten() };
    let (y, mo, d) = (number(year)?, number(month)?, number(day)?);
    let (h, mi, s) = (number(hour)?, number(minute)?, number(second)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    // 60: a leap second.
    if d == 0 || d > days || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            warc_date("2024-04-02T07:56:00Z").as_deref(),
            Some("2024-04-02T07:56:00Z")
        );
        assert_eq!(
            warc_date("2021-10-01T18:51:25.123456Z").as_deref(),
            Some("2021-10-01T18:51:25Z")
        );
        assert_eq!(
            warc_date("2009-01-28T17:05:56-0800").as_deref(),
            Some("2009-01-28T17:05:56-08:00")
        );
        assert_eq!(warc_date("2016-10-17").as_deref(), Some("2016-10-17T00:00:00Z"));
        // ClueWeb09 wrote day-of-year into the day field.
        assert_eq!(warc_date("2008-10-294T05:21:46-0700"), None);
        assert_eq!(warc_date("2023-02-29T00:00:00Z"), None);
        assert_eq!(warc_date("yesterday"), None);
        assert_eq!(arc_date("20140216050221").as_deref(), Some("2014-02-16T05:02:21Z"));
        assert_eq!(arc_date("201404010000000000").as_deref(), Some("2014-04-01T00:00:00Z"));
        assert_eq!(arc_date("2014"), None);
        assert_eq!(arc_date("20141301000000"), None);
    }

    #[test]
    fn uris() {
        assert_eq!(
            target_uri("<http://a.example/x>").as_deref(),
            Some("http://a.example/x")
        );
        assert_eq!(
            target_uri("http://a.example/a b?c d").as_deref(),
            Some("http://a.example/a%20b?c%20d")
        );
        assert_eq!(target_uri("  "), None);
    }

    #[test]
    fn charset_parameter() {
        assert_eq!(charset_param("text/html; charset=GB2312"), Some("GB2312".into()));
        assert_eq!(charset_param("text/html;Charset=\"utf-8\""), Some("utf-8".into()));
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("text/html; charset="), None);
    }

    fn document(header: RecordHeader, block: &[u8]) -> Document {
        let mut stream = io::Cursor::new(block.to_vec());
        let mut block = Block::new(&mut stream, block.len() as u64);
        read_record(header, &mut block, 1 << 20)
    }

    fn response() -> RecordHeader {
        RecordHeader {
            id: "r".into(),
            record_type: "response".into(),
            block_type: Some("application/http; msgtype=response".into()),
            ..RecordHeader::default()
        }
    }

    fn skip_reason(doc: &Document) -> Option<SkipReason> {
        match &doc.body {
            Err(InputError::Skipped { reason, .. }) => Some(*reason),
            _ => None,
        }
    }

    #[test]
    fn pages_are_selected_by_status_and_type() {
        let page = document(
            response(),
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\n\r\n<p>x</p>",
        );
        assert_eq!(page.body.as_deref(), Ok(&b"<p>x</p>"[..]));
        assert_eq!(page.charset.as_deref(), Some("gbk"));
        assert_eq!(page.fetch.http_status, Some(200));
        assert_eq!(page.fetch.content_type.as_deref(), Some("text/html"));
        assert_eq!(page.kind, Some(Kind::Html));
        let moved = document(response(), b"HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n");
        assert_eq!(skip_reason(&moved), Some(SkipReason::Redirect));
        assert_eq!(moved.fetch.http_status, Some(301));
        let missing = document(
            response(),
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>",
        );
        assert_eq!(skip_reason(&missing), Some(SkipReason::ClientError));
        assert_eq!(missing.kind, Some(Kind::Html));
        let image = document(response(), b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
        assert_eq!(skip_reason(&image), Some(SkipReason::Image));
        // An image served as HTML is an image.
        let lying = document(
            response(),
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nGIF89a\x01\x00",
        );
        assert_eq!(skip_reason(&lying), Some(SkipReason::Image));
        let request = RecordHeader {
            record_type: "request".into(),
            ..response()
        };
        assert_eq!(
            skip_reason(&document(request, b"GET / HTTP/1.1\r\n\r\n")),
            Some(SkipReason::Request)
        );
    }

    #[test]
    fn an_undeclared_type_is_sniffed() {
        let html = document(response(), b"HTTP/1.0 200 OK\n\n<!DOCTYPE html><title>t</title>");
        assert_eq!(html.fetch.content_type.as_deref(), Some("text/html"));
        assert_eq!(html.kind, Some(Kind::Html));
        let text = document(
            response(),
            b"HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n\r\nPlain words.",
        );
        assert_eq!(text.fetch.content_type.as_deref(), Some("text/plain"));
        let binary = document(
            response(),
            b"HTTP/1.0 200 OK\r\n\r\n\x00\x01\x02\x03\x04\x05\x06\x07\x08",
        );
        assert_eq!(skip_reason(&binary), Some(SkipReason::OtherMedia));
        // The crawler's identified type stands in for a missing Content-Type.
        let identified = RecordHeader {
            payload_type: Some("application/pdf".into()),
            ..response()
        };
        assert_eq!(
            skip_reason(&document(identified, b"HTTP/1.0 200 OK\r\n\r\nxyz")),
            Some(SkipReason::Pdf)
        );
    }

    #[test]
    fn responses_without_an_http_head_are_their_payload() {
        let bare = RecordHeader {
            block_type: Some("text/html".into()),
            ..response()
        };
        let doc = document(bare, b"<html><p>bare</p></html>");
        assert_eq!(doc.body.as_deref(), Ok(&b"<html><p>bare</p></html>"[..]));
        assert_eq!(doc.fetch.http_status, None);
        assert_eq!(doc.kind, Some(Kind::Html));
    }

    #[test]
    fn a_cut_block_is_a_truncated_page() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>the whole page</p>";
        let mut stream = io::Cursor::new(block.to_vec());
        let mut cut = Block::new(&mut stream, block.len() as u64 + 100);
        let doc = read_record(response(), &mut cut, 1 << 20);
        assert!(doc.fetch.truncated);
        assert_eq!(doc.body.as_deref(), Ok(&b"<p>the whole page</p>"[..]));
        assert!(cut.cut());
        // Cut inside the HTTP head: nothing of the payload arrived.
        let doc = document(response(), b"HTTP/1.1 200 OK\r\nContent-Type: text/ht");
        assert!(doc.fetch.truncated);
        let truncated = RecordHeader {
            truncated: true,
            ..response()
        };
        assert!(document(truncated, block).fetch.truncated);
    }

    #[test]
    fn blocks_stop_at_their_length() {
        let mut stream = io::Cursor::new(b"0123456789".to_vec());
        let mut block = Block::new(&mut stream, 4);
        let mut out = Vec::new();
        block.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"0123");
        assert!(!block.cut());
        assert_eq!(block.consumed(), 4);
        let mut rest = Vec::new();
        stream.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"456789");
    }
}
