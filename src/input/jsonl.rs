//! JSONL files: one document per non-blank line, its content in the `--html-field` (read as
//! HTML) or the `--text-field` (read as text).

use std::io::{self, BufRead};
use std::sync::Arc;

use serde_json::{Map, Value};

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
        let mut object: Map<String, Value> = match serde_json::from_slice(line) {
            Ok(object) => object,
            Err(err) => {
                let message = format!("{}: line {} is not a JSON object: {err}", self.path, self.line_no);
                return Document::failed(self.line_id(), None, InputError::MalformedContainer(message));
            }
        };
        let id = match object.get(&fields.id) {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => self.line_id(),
        };
        let url = match object.get(&fields.url) {
            Some(Value::String(url)) if !url.is_empty() => Some(url.clone()),
            _ => None,
        };
        let charset = match fields.charset.as_ref().and_then(|name| object.get(name)) {
            Some(Value::String(label)) if !label.is_empty() => Some(label.clone()),
            // The content arrives as a JSON string: it is Unicode already.
            _ => Some("utf-8".to_string()),
        };
        // The page is taken out of the parsed line, not copied.
        let mut take = |name: &str, kind: Kind| match object.remove(name) {
            Some(Value::String(content)) => Some((kind, content)),
            _ => None,
        };
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
