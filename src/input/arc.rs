//! ARC files, the Internet Archive's format of older crawls: one document per record, each
//! record a header line (`URL IP-address Archive-date Content-type Archive-length`, with more
//! fields in version 2) and a block of that many bytes, usually an HTTP response. The file
//! opens with a `filedesc://` record that says the version. ARC records have no id: a
//! document's id is `PATH#<byte offset of its record>` (the offset of the record's gzip member
//! in a compressed file, as CDX indexes give it).
//!
//! What a record holds and whether it is a page is [`super::crawl`]'s business. Some writers
//! wrote a length that is not a number (`-1`); such a record is read as empty, as warcio does.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::sync::Arc;

use super::crawl::{self, Block, RecordHeader};
use super::decompress::MemberOffsets;
use super::{Document, InputError, InputOptions};

/// The longest header line accepted.
const MAX_LINE: u64 = 64 * 1024;

pub struct ArcReader {
    reader: Box<dyn BufRead>,
    path: String,
    opts: Arc<InputOptions>,
    /// Offset in the (decompressed) stream.
    offset: u64,
    /// Where each gzip member starts, for the offsets of records in a compressed file.
    members: Option<MemberOffsets>,
    /// Version 2 header lines have ten fields.
    version: u8,
    records: u64,
    done: bool,
    pending: VecDeque<Document>,
}

/// The fields of an ARC header line.
#[derive(Debug, PartialEq, Eq)]
struct HeaderLine {
    url: String,
    date: String,
    content_type: String,
    length: u64,
}

impl ArcReader {
    pub fn new(
        reader: Box<dyn BufRead>,
        path: String,
        opts: Arc<InputOptions>,
        members: Option<MemberOffsets>,
    ) -> ArcReader {
        ArcReader {
            reader,
            path,
            opts,
            offset: 0,
            members,
            version: 1,
            records: 0,
            done: false,
            pending: VecDeque::new(),
        }
    }

    /// The id of the record starting at `offset` in the decompressed stream.
    fn id_at(&self, offset: u64) -> String {
        let at = self.members.as_ref().map_or(offset.to_string(), |m| m.locate(offset));
        format!("{}#{at}", self.path)
    }

    fn broken(&mut self, offset: u64, message: String) -> Option<Document> {
        self.done = true;
        let doc = Document::failed(self.id_at(offset), None, InputError::MalformedContainer(message));
        self.opts.wants(&doc.id).then_some(doc)
    }

    /// Reads the next header line, skipping blank lines (and, after the first record, a little
    /// junk). `Ok(None)` at the end of the stream.
    fn read_header(&mut self) -> Result<Option<(u64, HeaderLine)>, (u64, String)> {
        let mut line = Vec::new();
        let mut junk_start = None;
        loop {
            line.clear();
            let start = self.offset;
            let n = match self.reader.by_ref().take(MAX_LINE).read_until(b'\n', &mut line) {
                Ok(n) => n,
                Err(err) => return Err((start, format!("{}: cannot read ARC stream: {err}", self.path))),
            };
            self.offset += n as u64;
            if n == 0 {
                return match junk_start {
                    None => Ok(None),
                    Some(at) => Err((at, format!("{}: expected an ARC header line at byte {at}", self.path))),
                };
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if let Some(header) = parse_header_line(&line, self.version) {
                return Ok(Some((start, header)));
            }
            let at = *junk_start.get_or_insert(start);
            if self.records == 0 || self.offset - at > crawl::MAX_JUNK_BYTES {
                return Err((at, format!("{}: expected an ARC header line at byte {at}", self.path)));
            }
        }
    }

    fn step(&mut self) -> Option<Document> {
        let (start, line) = match self.read_header() {
            Ok(Some(found)) => found,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err((at, message)) => return self.broken(at, message),
        };
        self.records += 1;
        let id = self.id_at(start);
        let filedesc = line.url.starts_with("filedesc://");
        let wanted = self.opts.wants(&id);
        let mut block = Block::new(&mut *self.reader, line.length);
        let doc = if filedesc {
            // The version block: `1 0 Origin` (or `2 0 …`), then the field names.
            let mut first = Vec::new();
            let _ = block.by_ref().take(MAX_LINE).read_until(b'\n', &mut first);
            if first.starts_with(b"2 ") {
                self.version = 2;
            }
            let header = record_header(id, &line, "warcinfo");
            let mut nothing = io::empty();
            wanted.then(|| crawl::read_record(header, &mut Block::new(&mut nothing, 0), 0))
        } else if wanted {
            let header = record_header(id, &line, "response");
            Some(crawl::read_record(header, &mut block, self.opts.max_bytes))
        } else {
            None
        };
        block.drain();
        self.offset += block.consumed();
        if block.cut() {
            self.done = true;
            if let Some(err) = block.take_error()
                && err.kind() != io::ErrorKind::UnexpectedEof
            {
                let message = format!(
                    "{}: stream broken inside the record at byte {start}; the rest of the file is not read: {err}",
                    self.path
                );
                let broken = Document::failed(
                    format!("{}#@{}", self.path, self.offset),
                    None,
                    InputError::MalformedContainer(message),
                );
                if self.opts.wants(&broken.id) {
                    self.pending.push_back(broken);
                }
            }
        }
        doc
    }
}

impl Iterator for ArcReader {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        loop {
            if let Some(doc) = self.pending.pop_front() {
                return Some(doc);
            }
            if self.done {
                return None;
            }
            if let Some(doc) = self.step() {
                return Some(doc);
            }
        }
    }
}

fn record_header(id: String, line: &HeaderLine, record_type: &str) -> RecordHeader {
    RecordHeader {
        id,
        url: crawl::target_uri(&line.url).filter(|_| record_type != "warcinfo"),
        record_type: record_type.to_string(),
        block_type: None,
        payload_type: Some(line.content_type.clone()),
        fetched: crawl::arc_date(&line.date),
        truncated: false,
    }
}

/// Parses a header line: the URL (which some writers left with spaces in it) is everything
/// before the fixed fields at the end. An unreadable length counts as zero.
fn parse_header_line(line: &[u8], version: u8) -> Option<HeaderLine> {
    let line = std::str::from_utf8(line).ok()?.trim_end_matches(['\r', '\n']);
    let fields: Vec<&str> = line.split(' ').filter(|f| !f.is_empty()).collect();
    // Fields after the URL: IP, date, type, length; version 2 adds result code, checksum,
    // location, offset and file name before the length.
    let after_url = if version == 2 { 9 } else { 4 };
    if fields.len() <= after_url {
        return None;
    }
    let url_end = fields.len() - after_url;
    let url = fields[..url_end].join(" ");
    if !url.contains(':') {
        return None;
    }
    let date = fields[url_end + 1];
    if date.len() < 12 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(HeaderLine {
        url,
        date: date.to_string(),
        content_type: fields[url_end + 2].to_string(),
        length: fields[fields.len() - 1].parse().unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        assert_eq!(
            parse_header_line(b"http://example.com/ 93.184.216.119 20140216050221 text/html 1591\n", 1),
            Some(HeaderLine {
                url: "http://example.com/".into(),
                date: "20140216050221".into(),
                content_type: "text/html".into(),
                length: 1591,
            })
        );
        let spaced = parse_header_line(b"http://a.example/x?t=A B C 1.2.3.4 20140216050221 text/html 10\n", 1).unwrap();
        assert_eq!(spaced.url, "http://a.example/x?t=A B C");
        assert_eq!(
            parse_header_line(b"http://a.example/ 1.2.3.4 20140216050221 text/html -1\n", 1).map(|h| h.length),
            Some(0)
        );
        let v2 = parse_header_line(
            b"http://a.example/ 1.2.3.4 20080430204825 text/html 200 ABCDEF - 1234 a.arc.gz 77\n",
            2,
        )
        .unwrap();
        assert_eq!((v2.content_type.as_str(), v2.length), ("text/html", 77));
        assert_eq!(parse_header_line(b"<html><body>\n", 1), None);
        assert_eq!(parse_header_line(b"WARC/1.0\r\n", 1), None);
    }
}
