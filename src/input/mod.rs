//! Inputs → documents: files, directories, WARC/WET, ARC, JSONL and stdin, read as streams.
//!
//! [`Documents`] is a lazy iterator: a directory is walked as it is consumed, a WARC or JSONL
//! file yields one record at a time, and no document body is held longer than it takes the
//! batch to hand it to a worker. Everything that goes wrong with one document becomes that
//! document's [`InputError`]; only a failure of the run itself (an unreadable input list) ends
//! the iteration with an error.

mod arc;
mod crawl;
mod decompress;
mod http;
mod jsonl;
mod open;
mod path_id;
mod select;
mod shard;
mod sniff;
pub mod walk;
mod warc;

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64};

use crate::record::{ErrorKind, Kind};

pub use open::{CountingReader, open_reader};
pub use path_id::path_id;
pub use select::{BinaryFormat, SkipReason, binary_format};
pub use shard::{Shard, ShardParseError};
pub use sniff::sniff_kind;
pub use walk::WalkOptions;

/// How to read inputs (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// By extension, then by content.
    #[default]
    Auto,
    Html,
    Text,
    Warc,
    Jsonl,
}

/// Field names of JSONL input (`--html-field`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    pub html: String,
    pub text: String,
    pub id: String,
    pub url: String,
    /// A field carrying the transport charset label of the page, if the producer kept one.
    pub charset: Option<String>,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            html: "html".into(),
            text: "text".into(),
            id: "id".into(),
            url: "url".into(),
            charset: None,
        }
    }
}

/// Validated options of the input stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputOptions {
    pub format: Format,
    pub fields: JsonlFields,
    /// Documents larger than this become `too-large` error records.
    pub max_bytes: u64,
    pub shard: Option<Shard>,
    /// What a directory walk reads.
    pub walk: WalkOptions,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            format: Format::Auto,
            fields: JsonlFields::default(),
            max_bytes: 64 << 20,
            shard: None,
            walk: WalkOptions::default(),
        }
    }
}

impl InputOptions {
    /// Whether the document with this id belongs to the shard being processed.
    pub(crate) fn wants(&self, id: &str) -> bool {
        self.shard.is_none_or(|shard| shard.contains(id))
    }
}

/// Why one document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Io(String),
    #[error("{}", too_large_message(*size, *limit))]
    TooLarge { size: Option<u64>, limit: u64 },
    #[error("{0}")]
    MalformedContainer(String),
    /// A crawl record that is not a page (see [`SkipReason`]).
    #[error("not a page ({}): {detail}", reason.as_str())]
    Skipped { reason: SkipReason, detail: String },
}

impl InputError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            InputError::Io(_) => ErrorKind::Io,
            InputError::TooLarge { .. } => ErrorKind::TooLarge,
            InputError::MalformedContainer(_) => ErrorKind::MalformedContainer,
            InputError::Skipped { .. } => ErrorKind::Skipped,
        }
    }

    /// Classifies a read error: a damaged compressed stream or container is the input's fault,
    /// anything else is the system's.
    pub(crate) fn from_read(context: &str, err: &io::Error) -> InputError {
        match err.kind() {
            io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => {
                InputError::MalformedContainer(format!("{context}: truncated or corrupt stream ({err})"))
            }
            _ => InputError::Io(format!("{context}: {err}")),
        }
    }
}

fn too_large_message(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("document is {size} bytes, above the limit of {limit} bytes (--max-bytes)"),
        None => format!("document is larger than the limit of {limit} bytes (--max-bytes)"),
    }
}

/// One document as read from the input, before decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub url: Option<String>,
    /// How to read it when the container or the extension said so; `None` means sniff.
    pub kind: Option<Kind>,
    /// The transport-layer charset label (HTTP `Content-Type` of a WARC response, a JSONL field).
    pub charset: Option<String>,
    /// The raw bytes, or why they could not be read.
    pub body: Result<Vec<u8>, InputError>,
    /// What the container said about the fetch (WARC/ARC); empty for files and JSONL.
    pub fetch: Fetch,
}

/// What a crawl container records about how a document was fetched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fetch {
    /// When it was fetched (WARC-Date, ARC date), ISO 8601.
    pub fetched: Option<String>,
    /// The HTTP status of the response.
    pub http_status: Option<u16>,
    /// The payload's media type (`text/html`), lower-cased, without parameters.
    pub content_type: Option<String>,
    /// The payload is not whole (cut by the crawler, a clipped archive, a broken stream).
    pub truncated: bool,
}

impl Document {
    /// A document of these bytes, with nothing else known: its kind is sniffed, its charset
    /// determined from the bytes.
    pub fn new(id: String, bytes: Vec<u8>) -> Document {
        Document {
            id,
            url: None,
            kind: None,
            charset: None,
            body: Ok(bytes),
            fetch: Fetch::default(),
        }
    }

    /// Why the document is not a page, when it is a skipped crawl record.
    pub fn skip_reason(&self) -> Option<SkipReason> {
        match &self.body {
            Err(InputError::Skipped { reason, .. }) => Some(*reason),
            _ => None,
        }
    }

    pub(crate) fn failed(id: String, kind: Option<Kind>, error: InputError) -> Document {
        Document {
            id,
            url: None,
            kind,
            charset: None,
            body: Err(error),
            fetch: Fetch::default(),
        }
    }
}

/// A failure of the run itself, not of one document.
#[derive(Debug, thiserror::Error)]
pub enum RunInputError {
    #[error("cannot read input list {}: {source}", path_id(path))]
    InputList { path: PathBuf, source: io::Error },
}

/// Where the documents come from, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A path, as bytes: it need not be UTF-8 (its id is then escaped, see [`path_id`]).
    Path(PathBuf),
    Stdin,
}

impl Input {
    /// `-` means stdin.
    pub fn from_arg(arg: impl Into<OsString>) -> Input {
        let arg = arg.into();
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// An entry of an input list: surrounding spaces trimmed; `None` for a blank line or a
    /// `#` comment (a path that starts with `#` is listed as `./#name`).
    pub fn from_list_line(line: &[u8]) -> Option<Input> {
        let entry = line.trim_ascii();
        if entry.is_empty() || entry.starts_with(b"#") {
            return None;
        }
        Some(if entry == b"-" {
            Input::Stdin
        } else {
            Input::Path(path_id::path_from_bytes(entry))
        })
    }
}

/// A lazy stream of documents over all inputs.
pub struct Documents {
    opts: Arc<InputOptions>,
    pending: VecDeque<Input>,
    input_list: Option<(PathBuf, Box<dyn BufRead>)>,
    /// Lines of the input list read so far (to skip a UTF-8 BOM on the first).
    list_lines: u64,
    walk: Option<walk::Walk>,
    current: Option<Box<dyn Iterator<Item = Document>>>,
    bytes_read: Arc<AtomicU64>,
    empty_stdin: Arc<AtomicBool>,
}

impl Documents {
    /// Opens the inputs. The input list, if any, is opened now so that a missing list fails the
    /// run before any record is written.
    pub fn new(inputs: Vec<Input>, input_list: Option<&Path>, opts: InputOptions) -> Result<Documents, RunInputError> {
        let input_list = match input_list {
            None => None,
            Some(path) if path.as_os_str() == "-" => Some((
                path.to_path_buf(),
                Box::new(BufReader::new(io::stdin())) as Box<dyn BufRead>,
            )),
            Some(path) => {
                let file = File::open(path).map_err(|source| RunInputError::InputList {
                    path: path.to_path_buf(),
                    source,
                })?;
                Some((path.to_path_buf(), Box::new(BufReader::new(file)) as Box<dyn BufRead>))
            }
        };
        Ok(Documents {
            opts: Arc::new(opts),
            pending: inputs.into(),
            input_list,
            list_lines: 0,
            walk: None,
            current: None,
            bytes_read: Arc::new(AtomicU64::new(0)),
            empty_stdin: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Bytes read so far from files and stdin (compressed size where compressed), for progress.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.bytes_read)
    }

    /// Set once stdin was read as an input and held no bytes at all: no document, which the
    /// caller may want to say.
    pub fn empty_stdin(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.empty_stdin)
    }

    fn next_input(&mut self) -> Result<Option<Input>, RunInputError> {
        if let Some(input) = self.pending.pop_front() {
            return Ok(Some(input));
        }
        let Some((path, list)) = self.input_list.as_mut() else {
            return Ok(None);
        };
        // Paths are bytes: a line need not be UTF-8.
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = list
                .read_until(b'\n', &mut line)
                .map_err(|source| RunInputError::InputList {
                    path: path.clone(),
                    source,
                })?;
            if n == 0 {
                self.input_list = None;
                return Ok(None);
            }
            self.list_lines += 1;
            let entry = match line.strip_prefix(b"\xEF\xBB\xBF") {
                Some(rest) if self.list_lines == 1 => rest,
                _ => &line[..],
            };
            if let Some(input) = Input::from_list_line(entry) {
                return Ok(Some(input));
            }
        }
    }

    fn open_file(&self, path: PathBuf, id: String, origin: open::Origin) -> Box<dyn Iterator<Item = Document>> {
        open::open_file(path, id, &self.opts, &self.bytes_read, origin)
    }
}

impl Iterator for Documents {
    type Item = Result<Document, RunInputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = self.current.as_mut() {
                if let Some(doc) = current.next() {
                    return Some(Ok(doc));
                }
                self.current = None;
            }
            if let Some(walk) = self.walk.as_mut() {
                match walk.next() {
                    Some(Ok(path)) => {
                        let id = path_id(&path);
                        self.current = Some(self.open_file(path, id, open::Origin::Walk));
                        continue;
                    }
                    Some(Err((path, err))) => {
                        let id = path_id(&path);
                        if self.opts.wants(&id) {
                            return Some(Ok(Document::failed(id, None, err)));
                        }
                        continue;
                    }
                    None => {
                        self.walk = None;
                        continue;
                    }
                }
            }
            let input = match self.next_input() {
                Ok(Some(input)) => input,
                Ok(None) => return None,
                Err(err) => return Some(Err(err)),
            };
            match input {
                Input::Stdin => {
                    self.current = Some(open::open_stdin(&self.opts, &self.bytes_read, &self.empty_stdin));
                }
                Input::Path(path) => {
                    let id = path_id(&path);
                    match std::fs::metadata(&path) {
                        Ok(meta) if meta.is_dir() => {
                            self.walk = Some(walk::Walk::new(path, &self.opts.walk));
                        }
                        Ok(_) => self.current = Some(self.open_file(path, id, open::Origin::Named)),
                        Err(err) => {
                            if self.opts.wants(&id) {
                                let error = InputError::Io(format!("cannot read {id}: {err}"));
                                return Some(Ok(Document::failed(id, None, error)));
                            }
                        }
                    }
                }
            }
        }
    }
}
