//! JSONL files: one document per non-blank line, its content in the `--html-field` (read as
//! HTML) or the `--text-field` (read as text).

use std::io::{self, BufRead};
use std::sync::Arc;

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use super::{Document, Fetch, InputError, InputOptions};
use crate::record::Kind;

pub struct JsonlReader {
    reader: Box<dyn BufRead>,
    path: String,
    opts: Arc<InputOptions>,
    line_no: u64,
    done: bool,
}

/// One line, read without ever holding more than the document size limit.
enum Line {
    Eof,
    Complete(Vec<u8>),
    TooLong,
}

impl JsonlReader {
    pub fn new(reader: Box<dyn BufRead>, path: String, opts: Arc<InputOptions>) -> JsonlReader {
        JsonlReader {
            reader,
            path,
            opts,
            line_no: 0,
            done: false,
        }
    }

    fn read_line(&mut self) -> io::Result<Line> {
        // A line may carry a whole page plus JSON escaping; allow some slack over the limit.
        let limit = self.opts.max_bytes.saturating_mul(2).saturating_add(4096) as usize;
        let mut line = Vec::new();
        let mut too_long = false;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(match (too_long, line.is_empty()) {
                    (true, _) => Line::TooLong,
                    (false, true) => Line::Eof,
                    (false, false) => Line::Complete(line),
                });
            }
            let (chunk, consumed, finished) = match memchr::memchr(b'\n', buf) {
                Some(at) => (&buf[..at], at + 1, true),
                None => (buf, buf.len(), false),
            };
            if !too_long {
                if line.len() + chunk.len() > limit {
                    too_long = true;
                    line = Vec::new();
                } else {
                    line.extend_from_slice(chunk);
                }
            }
            self.reader.consume(consumed);
            if finished {
                return Ok(if too_long { Line::TooLong } else { Line::Complete(line) });
            }
        }
    }

    fn line_id(&self) -> String {
        format!("{}:{}", self.path, self.line_no)
    }

    fn document(&self, line: &[u8]) -> Document {
        let fields = &self.opts.fields;
        // A UTF-8 BOM before the first line (a file saved by a Windows editor) is no content.
        let line = match line.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) if self.line_no == 1 => rest,
            _ => line,
        };
        // The line is checked whole, but only the fields read are decoded: the others, however
        // large, are skipped, and a number is kept as written (an id beyond 2^53 would lose
        // digits as a float).
        let object: BTreeMap<String, &RawValue> = match serde_json::from_slice(line) {
            Ok(object) => object,
            Err(err) => {
                let message = format!("{}: line {} is not a JSON object: {err}", self.path, self.line_no);
                return Document::failed(self.line_id(), None, InputError::MalformedContainer(message));
            }
        };
        let string = |name: &str| {
            object
                .get(name)
                .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
        };
        let id = match object.get(&fields.id) {
            Some(raw) if raw.get().starts_with(|c: char| c == '-' || c.is_ascii_digit()) => raw.get().to_string(),
            Some(_) => string(&fields.id).unwrap_or_else(|| self.line_id()),
            None => self.line_id(),
        };
        let url = string(&fields.url).filter(|url| !url.is_empty());
        let charset = match fields.charset.as_ref().and_then(|name| string(name)) {
            Some(label) if !label.is_empty() => Some(label),
            // The content arrives as a JSON string: it is Unicode already.
            _ => Some("utf-8".to_string()),
        };
        let take = |name: &str, kind: Kind| string(name).map(|content| (kind, content));
        let (kind, content) = match take(&fields.html, Kind::Html).or_else(|| take(&fields.text, Kind::Text)) {
            Some(found) => found,
            None => {
                let message = format!(
                    "{}: line {} has no string field {:?} or {:?}",
                    self.path, self.line_no, fields.html, fields.text
                );
                let mut doc = Document::failed(id, None, InputError::MalformedContainer(message));
                doc.url = url;
                return doc;
            }
        };
        let body = if content.len() as u64 > self.opts.max_bytes {
            Err(InputError::TooLarge {
                size: Some(content.len() as u64),
                limit: self.opts.max_bytes,
            })
        } else {
            Ok(content.into_bytes())
        };
        Document {
            id,
            url,
            kind: Some(kind),
            charset,
            body,
            fetch: Fetch::default(),
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        while !self.done {
            let line = self.read_line();
            self.line_no += 1;
            let doc = match line {
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::Complete(line)) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Complete(line)) => self.document(&line),
                Ok(Line::TooLong) => {
                    let error = InputError::TooLarge {
                        size: None,
                        limit: self.opts.max_bytes,
                    };
                    Document::failed(self.line_id(), None, error)
                }
                Err(err) => {
                    self.done = true;
                    let message = format!("{}: cannot read line {}: {err}", self.path, self.line_no);
                    let error = match InputError::from_read(&self.path, &err) {
                        InputError::MalformedContainer(_) => InputError::MalformedContainer(message),
                        _ => InputError::Io(message),
                    };
                    Document::failed(self.line_id(), None, error)
                }
            };
            if self.opts.wants(&doc.id) {
                return Some(doc);
            }
        }
        None
    }
}
