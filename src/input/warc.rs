//! WARC files (also WET and WAT): one document per record, streamed one at a time; what a
//! record holds and whether it is a page is [`super::crawl`]'s business.
//!
//! The first structural break (a bad version line, a missing `Content-Length`, a header cut
//! short) yields a `malformed-container` record for the break and ends the file, after all the
//! records before it. A file that ends inside a record's block (a clipped archive) gives that
//! record's document from what arrived, flagged truncated; a compressed stream that breaks
//! inside a block gives the same, and a `malformed-container` record for the rest of the file
//! when the break was corruption rather than the end of the data.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::sync::Arc;

use super::crawl::{self, Block, RecordHeader};
use super::{Document, InputError, InputOptions};

/// The longest header block accepted; anything longer is not a WARC header.
const MAX_HEADER_BYTES: usize = 256 * 1024;

pub struct WarcReader {
    reader: Box<dyn BufRead>,
    path: String,
    opts: Arc<InputOptions>,
    offset: u64,
    done: bool,
    /// A break found after a record's document, to be yielded after it.
    pending: VecDeque<Document>,
}

#[derive(Default)]
struct Header {
    warc_type: String,
    record_id: Option<String>,
    target_uri: Option<String>,
    content_type: Option<String>,
    content_length: Option<u64>,
    date: Option<String>,
    identified_type: Option<String>,
    truncated: bool,
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
            pending: VecDeque::new(),
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
        // Tolerate extra blank lines between records, and after the first record a few bytes
        // of junk: a Content-Length a little short leaves the end of its block before the next
        // record (warcio reads on the same way).
        let mut junk_start = None;
        loop {
            match self.read_line(&mut line, MAX_HEADER_BYTES) {
                Ok(None) if junk_start.is_none() => return Ok(None),
                Ok(None) => break,
                Ok(Some(())) if line.starts_with(b"WARC/") => break,
                Ok(Some(())) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(())) => {
                    let start = *junk_start.get_or_insert(self.offset - line.len() as u64);
                    if self.offset == line.len() as u64 || self.offset - start > crawl::MAX_JUNK_BYTES {
                        break;
                    }
                }
                Err(err) => return Err(self.break_at(None, read_error_message(&self.path, &err))),
            }
        }
        if !line.starts_with(b"WARC/") {
            let start = junk_start.unwrap_or(self.offset - line.len() as u64);
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
                "warc-target-uri" => header.target_uri = crawl::target_uri(&value),
                "content-type" => header.content_type = Some(value),
                "content-length" => header.content_length = value.parse().ok(),
                "warc-date" => header.date = Some(value),
                "warc-identified-payload-type" if !value.is_empty() => header.identified_type = Some(value),
                "warc-truncated" => header.truncated = true,
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
        if !self.opts.wants(&id) {
            match self.skip(len) {
                Ok(skipped) if skipped == len => {}
                Ok(skipped) => return self.break_at(Some(id), truncated_message(&self.path, len, skipped)),
                Err(err) => return self.break_at(Some(id), read_error_message(&self.path, &err)),
            }
            self.skip_record_trailer();
            return Step::Skipped;
        }
        let start = self.offset;
        let mut block = Block::new(&mut *self.reader, len);
        let doc = crawl::read_record(header.into_record_header(id), &mut block, self.opts.max_bytes);
        block.drain();
        self.offset += block.consumed();
        if block.cut() {
            // The data ends inside this record: it is the last one.
            self.done = true;
            if let Some(err) = block.take_error()
                && err.kind() != io::ErrorKind::UnexpectedEof
            {
                self.pending.push_back(Document::failed(
                    format!("{}#@{}", self.path, start),
                    None,
                    InputError::MalformedContainer(format!(
                        "{}: stream broken inside the record at byte {start}; the rest of the file is not read: {err}",
                        self.path
                    )),
                ));
            }
            return Step::Doc(Box::new(doc));
        }
        self.skip_record_trailer();
        Step::Doc(Box::new(doc))
    }
}

impl Iterator for WarcReader {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        if let Some(doc) = self.pending.pop_front() {
            return self.opts.wants(&doc.id).then_some(doc);
        }
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

    fn into_record_header(self, id: String) -> RecordHeader {
        RecordHeader {
            id,
            url: self.target_uri,
            record_type: self.warc_type,
            block_type: self.content_type,
            payload_type: self.identified_type,
            fetched: self.date.as_deref().and_then(crawl::warc_date),
            truncated: self.truncated,
        }
    }
}
