//! Opening one file or stdin: decompression, container sniffing, bounded reads.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::jsonl::JsonlReader;
use super::sniff::{self, Compression, Container};
use super::warc::WarcReader;
use super::{Document, Format, InputError, InputOptions};
use crate::record::Kind;

const READ_BUFFER: usize = 256 * 1024;

/// Counts the bytes read through it, for progress reporting.
pub struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    pub fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        CountingReader { inner, count }
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

type Docs = Box<dyn Iterator<Item = Document>>;

fn one(doc: Document) -> Docs {
    Box::new(std::iter::once(doc))
}

fn none() -> Docs {
    Box::new(std::iter::empty())
}

/// What the file name says about a file.
#[derive(Debug, Clone, Copy)]
struct NameHints {
    kind: Option<Kind>,
    container: Option<Container>,
}

impl NameHints {
    fn of(name: &str) -> NameHints {
        let inner = sniff::strip_compression_extension(name);
        NameHints {
            kind: sniff::kind_from_extension(inner),
            container: sniff::container_from_extension(inner),
        }
    }

    const NONE: NameHints = NameHints {
        kind: None,
        container: None,
    };
}

fn forced_kind(format: Format) -> Option<Kind> {
    match format {
        Format::Html => Some(Kind::Html),
        Format::Text => Some(Kind::Text),
        _ => None,
    }
}

/// Documents of one file.
pub fn open_file(path: PathBuf, id: String, opts: &Arc<InputOptions>, counter: &Arc<AtomicU64>) -> Docs {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let hints = NameHints::of(&name);
    let single_by_name = forced_kind(opts.format).is_some()
        || (opts.format == Format::Auto && hints.kind.is_some() && hints.container.is_none());
    // A page that is surely a single document is skipped by its shard before it is even opened.
    if single_by_name && !opts.wants(&id) {
        return none();
    }
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(err) => {
            let error = InputError::Io(format!("cannot open {}: {err}", path.display()));
            return if opts.wants(&id) {
                one(Document::failed(id, hints.kind, error))
            } else {
                none()
            };
        }
    };
    let size = file.metadata().ok().map(|m| m.len());
    let reader = BufReader::with_capacity(READ_BUFFER, CountingReader::new(file, Arc::clone(counter)));
    open_stream(Box::new(reader), id, hints, size, opts)
}

/// Documents of stdin, format sniffed.
pub fn open_stdin(opts: &Arc<InputOptions>, counter: &Arc<AtomicU64>) -> Docs {
    let reader = BufReader::with_capacity(READ_BUFFER, CountingReader::new(io::stdin(), Arc::clone(counter)));
    open_stream(Box::new(reader), "-".to_string(), NameHints::NONE, None, opts)
}

fn decompress(reader: Box<dyn BufRead>, compression: Compression) -> io::Result<Box<dyn BufRead>> {
    Ok(match compression {
        Compression::None => reader,
        Compression::Gzip => Box::new(BufReader::with_capacity(
            READ_BUFFER,
            flate2::bufread::MultiGzDecoder::new(reader),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            READ_BUFFER,
            zstd::stream::read::Decoder::with_buffer(reader)?,
        )),
    })
}

fn open_stream(
    mut reader: Box<dyn BufRead>,
    id: String,
    hints: NameHints,
    file_size: Option<u64>,
    opts: &Arc<InputOptions>,
) -> Docs {
    let failed = |id: String, error: InputError| {
        if opts.wants(&id) {
            one(Document::failed(id, hints.kind, error))
        } else {
            none()
        }
    };
    let compression = match reader.fill_buf() {
        Ok(head) => sniff::sniff_compression(head),
        Err(err) => return failed(id.clone(), InputError::Io(format!("cannot read {id}: {err}"))),
    };
    let mut reader = match decompress(reader, compression) {
        Ok(reader) => reader,
        Err(err) => return failed(id.clone(), InputError::from_read(&id, &err)),
    };
    let container = match opts.format {
        Format::Warc => Some(Container::Warc),
        Format::Jsonl => Some(Container::Jsonl),
        Format::Html | Format::Text => None,
        Format::Auto if hints.container.is_some() => hints.container,
        Format::Auto if hints.kind.is_some() => None,
        Format::Auto => sniff::sniff_container(fill_to(&mut reader, 64 * 1024)),
    };
    match container {
        Some(Container::Warc) => Box::new(WarcReader::new(reader, id, Arc::clone(opts))),
        Some(Container::Jsonl) => Box::new(JsonlReader::new(reader, id, Arc::clone(opts))),
        None => {
            if !opts.wants(&id) {
                return none();
            }
            let kind = forced_kind(opts.format).or(hints.kind);
            let known_size = if compression == Compression::None {
                file_size
            } else {
                None
            };
            let body = match known_size {
                Some(size) if size > opts.max_bytes => Err(InputError::TooLarge {
                    size: Some(size),
                    limit: opts.max_bytes,
                }),
                _ => read_limited(&mut reader, opts.max_bytes, &id, known_size),
            };
            one(Document {
                id,
                url: None,
                kind,
                charset: None,
                body,
            })
        }
    }
}

/// Makes at least `want` bytes visible in the buffer when the stream has them, without
/// consuming anything. `BufReader::fill_buf` returns whatever one read gave, which from a
/// decompressor can be a handful of bytes.
fn fill_to(reader: &mut Box<dyn BufRead>, want: usize) -> &[u8] {
    // A BufReader cannot be asked to read more into its buffer without consuming, so peek by
    // reading into our own buffer and chaining it back in front of the stream. A read error is
    // put back in place too, so that the container reader meets it after the records before it.
    let mut head = Vec::with_capacity(want);
    let taken = reader.by_ref().take(want as u64).read_to_end(&mut head);
    let rest: Box<dyn Read> = match taken {
        Ok(_) => Box::new(std::mem::replace(reader, Box::new(io::empty()))),
        Err(err) => Box::new(FailingReader(Some(err))),
    };
    *reader = Box::new(BufReader::with_capacity(READ_BUFFER, io::Cursor::new(head).chain(rest)));
    reader.fill_buf().unwrap_or(&[])
}

/// Replays a read error once, then reports end of stream.
struct FailingReader(Option<io::Error>);

impl Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(err) => Err(err),
            None => Ok(0),
        }
    }
}

/// Reads a whole document, failing with `too-large` above `limit` bytes (without reading on).
/// `size_hint` (a plain file's length) sizes the buffer once instead of by doublings, each of
/// which copies what was read so far.
pub(crate) fn read_limited<R: Read + ?Sized>(
    reader: &mut R,
    limit: u64,
    id: &str,
    size_hint: Option<u64>,
) -> Result<Vec<u8>, InputError> {
    // One byte over the hint lets the read see the end of the stream without growing.
    let capacity = size_hint.map_or(0, |size| size.min(limit).saturating_add(1));
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    match reader.take(limit + 1).read_to_end(&mut body) {
        Ok(_) if body.len() as u64 > limit => Err(InputError::TooLarge { size: None, limit }),
        Ok(_) => Ok(body),
        Err(err) => Err(InputError::from_read(id, &err)),
    }
}
