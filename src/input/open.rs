//! Opening one file or stdin: decompression, container sniffing, bounded reads.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::arc::ArcReader;
use super::decompress::{self, MemberOffsets};
use super::jsonl::JsonlReader;
use super::sniff::{self, Compression, Container};
use super::warc::WarcReader;
use super::{Document, Fetch, Format, InputError, InputOptions};
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

/// How a file came to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Named on the command line or in the input list: read whatever it is (a FIFO such as
    /// `<(zcat …)` is a stream like stdin).
    Named,
    /// Found by a directory walk: read only if it is a regular file.
    Walk,
}

/// Opens a file. One found by a walk is opened without blocking (a FIFO put there since the
/// walk listed it would otherwise wait for a writer forever) and refused unless regular.
fn open(path: &PathBuf, origin: Origin) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if origin == Origin::Walk {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if origin == Origin::Walk {
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(io::Error::other(super::walk::not_regular(path, meta.file_type())));
        }
    }
    Ok(file)
}

/// Documents of one file.
pub fn open_file(
    path: PathBuf,
    id: String,
    opts: &Arc<InputOptions>,
    counter: &Arc<AtomicU64>,
    origin: Origin,
) -> Docs {
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
    let file = match open(&path, origin) {
        Ok(file) => file,
        Err(err) => {
            let error = InputError::Io(format!("cannot open {id}: {err}"));
            return if opts.wants(&id) {
                one(Document::failed(id, hints.kind, error))
            } else {
                none()
            };
        }
    };
    let metadata = file.metadata().ok();
    let size = metadata.as_ref().map(|m| m.len());
    if single_by_name
        && let Some(metadata) = metadata
        && metadata.is_file()
        && metadata.len() <= opts.max_bytes
    {
        return one(read_single_file(file, id, hints, metadata.len(), opts, counter));
    }
    let reader = BufReader::with_capacity(READ_BUFFER, CountingReader::new(file, Arc::clone(counter)));
    open_stream(Box::new(reader), id, hints, size, opts)
}

/// A regular file that is one document by its name and within `--max-bytes`: read whole, straight
/// into the vector that becomes the body, and only then sniffed for compression.
///
/// This is what [`open_stream`] does for such a file, without its read buffer: a `BufReader` over
/// a reader that counts bytes zero-fills its whole buffer on the first fill, and the body is then
/// copied out of it. Reading the file itself into a vector of its size zero-fills and copies
/// nothing. Memory stays bounded by `--max-bytes`, since the file is no larger.
fn read_single_file(
    file: File,
    id: String,
    hints: NameHints,
    size: u64,
    opts: &InputOptions,
    counter: &Arc<AtomicU64>,
) -> Document {
    let kind = forced_kind(opts.format).or(hints.kind);
    // One byte over the size lets the read see the end of the file without growing; the limit
    // keeps a file that grew since its size was taken within `--max-bytes` + 1.
    let capacity = usize::try_from(size.saturating_add(1)).unwrap_or(0);
    let mut raw = Vec::with_capacity(capacity);
    let read = file.take(opts.max_bytes.saturating_add(1)).read_to_end(&mut raw);
    counter.fetch_add(raw.len() as u64, Ordering::Relaxed);
    let body = match read {
        // Nothing read yet: the same message as a failing first read of a stream.
        Err(err) if raw.is_empty() => Err(InputError::Io(format!("cannot read {id}: {err}"))),
        Err(err) => Err(InputError::from_read(&id, &err)),
        Ok(_) => match sniff::sniff_compression(&raw) {
            Compression::None if raw.len() as u64 > opts.max_bytes => Err(InputError::TooLarge {
                size: None,
                limit: opts.max_bytes,
            }),
            Compression::None => Ok(raw),
            compression => {
                let size_hint = match compression {
                    Compression::Gzip => gzip_size_hint(&raw),
                    _ => None,
                };
                match decompress::decoder(&raw[..], compression) {
                    Ok(mut decoder) => read_limited(&mut decoder, opts.max_bytes, &id, size_hint),
                    Err(err) => Err(InputError::from_read(&id, &err)),
                }
            }
        },
    };
    Document {
        id,
        url: None,
        kind,
        charset: None,
        body,
        fetch: Fetch::default(),
    }
}

/// The uncompressed size a gzip stream states in its last four bytes (ISIZE, modulo 2^32): exact
/// for the usual single-member file, only a capacity hint otherwise, so it is capped by what
/// deflate can expand to (about 1032:1) as well as, in [`read_limited`], by the limit.
fn gzip_size_hint(compressed: &[u8]) -> Option<u64> {
    let tail: [u8; 4] = compressed.get(compressed.len().checked_sub(4)?..)?.try_into().ok()?;
    Some(u64::from(u32::from_le_bytes(tail)).min(compressed.len() as u64 * 1032))
}

/// Documents of stdin, format sniffed. Stdin with no bytes at all holds no document (sets
/// `empty`); an empty file is a document with empty text.
pub fn open_stdin(opts: &Arc<InputOptions>, counter: &Arc<AtomicU64>, empty: &AtomicBool) -> Docs {
    let mut reader = BufReader::with_capacity(READ_BUFFER, CountingReader::new(io::stdin(), Arc::clone(counter)));
    if reader.fill_buf().is_ok_and(|head| head.is_empty()) {
        empty.store(true, Ordering::Relaxed);
        return none();
    }
    open_stream(Box::new(reader), "-".to_string(), NameHints::NONE, None, opts)
}

/// Documents of any byte stream, read as stdin is: compression and container (`--format`, else
/// sniffed from the content) undone, `name` the id of a single document or the prefix of a
/// container's ids. For library users with bytes in hand, and the fuzz targets of the readers.
pub fn open_reader(
    reader: Box<dyn BufRead>,
    name: String,
    opts: &Arc<InputOptions>,
) -> Box<dyn Iterator<Item = Document>> {
    open_stream(reader, name, NameHints::NONE, None, opts)
}

/// The decompressed stream, and for gzip where each member starts.
fn decompress(
    reader: Box<dyn BufRead>,
    compression: Compression,
) -> io::Result<(Box<dyn BufRead>, Option<MemberOffsets>)> {
    Ok(match compression {
        Compression::None => (reader, None),
        compression => {
            let (decoder, offsets) = decompress::decoder_with_offsets(reader, compression)?;
            (Box::new(BufReader::with_capacity(READ_BUFFER, decoder)), offsets)
        }
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
    let (mut reader, members) = match decompress(reader, compression) {
        Ok(decompressed) => decompressed,
        Err(err) => return failed(id.clone(), InputError::from_read(&id, &err)),
    };
    let container = match opts.format {
        // WARC or its predecessor ARC, by content.
        Format::Warc => match sniff::sniff_container(fill_to(&mut reader, 64 * 1024)) {
            Some(Container::Arc) => Some(Container::Arc),
            _ => Some(Container::Warc),
        },
        Format::Jsonl => Some(Container::Jsonl),
        Format::Html | Format::Text => None,
        Format::Auto if hints.container.is_some() => hints.container,
        Format::Auto if hints.kind.is_some() => None,
        Format::Auto => sniff::sniff_container(fill_to(&mut reader, 64 * 1024)),
    };
    if container != Some(Container::Arc)
        && let Some(members) = &members
    {
        members.stop();
    }
    match container {
        Some(Container::Warc) => Box::new(WarcReader::new(reader, id, Arc::clone(opts))),
        Some(Container::Arc) => Box::new(ArcReader::new(reader, id, Arc::clone(opts), members)),
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
                fetch: Fetch::default(),
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
    match reader.take(limit.saturating_add(1)).read_to_end(&mut body) {
        Ok(_) if body.len() as u64 > limit => Err(InputError::TooLarge { size: None, limit }),
        Ok(_) => Ok(body),
        Err(err) => Err(InputError::from_read(id, &err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::gzip;

    /// The document the streaming path makes of `bytes`, and the one the whole-file path makes
    /// of the same bytes stored as `name`.
    fn both_paths(name: &str, bytes: &[u8], max_bytes: u64) -> (Document, Document) {
        let opts = Arc::new(InputOptions {
            max_bytes,
            ..InputOptions::default()
        });
        let hints = NameHints::of(name);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let counter = Arc::new(AtomicU64::new(0));
        let mut whole: Vec<Document> = open_file(path, "id".into(), &opts, &counter, Origin::Named).collect();
        assert_eq!(
            counter.load(Ordering::Relaxed),
            bytes.len() as u64,
            "every byte of the file is counted"
        );
        let reader = BufReader::new(io::Cursor::new(bytes.to_vec()));
        let mut streamed: Vec<Document> =
            open_stream(Box::new(reader), "id".into(), hints, Some(bytes.len() as u64), &opts).collect();
        assert_eq!((whole.len(), streamed.len()), (1, 1));
        (whole.remove(0), streamed.remove(0))
    }

    #[test]
    fn whole_file_reading_makes_the_same_document_as_streaming() {
        let page = b"<html><body><p>A page.</p></body></html>".repeat(50);
        let mut members = gzip(&page[..700]);
        members.extend(gzip(&page[700..]));
        let zstd = zstd::encode_all(&page[..], 3).unwrap();
        let gzipped = gzip(&page);
        let cases: Vec<(&str, Vec<u8>, u64)> = vec![
            ("a.html", page.clone(), 1 << 20),
            ("a.txt", Vec::new(), 1 << 20),
            ("a.html", page.clone(), page.len() as u64),
            ("a.html.gz", gzipped.clone(), 1 << 20),
            // Compression is told by content, whatever the name says.
            ("a.html", gzipped.clone(), 1 << 20),
            ("a.html.gz", members, 1 << 20),
            ("a.html.zst", zstd, 1 << 20),
            // Decompressed above the limit, compressed within it.
            ("a.html.gz", gzipped.clone(), page.len() as u64 - 1),
            ("a.html.gz", gzipped[..gzipped.len() / 2].to_vec(), 1 << 20),
            ("a.html.zst", vec![0x28, 0xb5, 0x2f, 0xfd, 0, 0], 1 << 20),
        ];
        for (name, bytes, max_bytes) in cases {
            let (whole, streamed) = both_paths(name, &bytes, max_bytes);
            assert_eq!(whole, streamed, "{name}, {} bytes, limit {max_bytes}", bytes.len());
        }
    }
}
