//! Where records (and the run's stats) go, and how a record is written ([`RecordFormat`]).
//!
//! An output path is resolved before any input is read ([`Sink::open`]), so that a path that
//! cannot be written fails the run before any work:
//! - `-` is stdout;
//! - a regular file, or a path where nothing exists yet, is written atomically: a temporary
//!   file in the same directory, renamed over the path only when the run completes, so a
//!   failed or interrupted run leaves the old content (or nothing) in place;
//! - a symbolic link is followed, and its final target written atomically in the target's
//!   directory (the link stays a link);
//! - anything else that exists (a character or block device, a FIFO, a socket) is written
//!   directly and never replaced: `-o /dev/null` stays the system's `/dev/null`;
//! - a directory is refused.
//!
//! Compression is chosen by the path's extension: `.gz`, `.zst`, `.bz2`, `.xz`; an extension of
//! another compression format is refused rather than silently written uncompressed. `.parquet`
//! writes Parquet ([`parquet`]): such a sink takes the records themselves
//! ([`Sink::takes_records`]), not a [`RecordFormat`]'s bytes.

pub mod parquet;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::record::Record;

/// How records are encoded. Encoding runs on worker threads, so it must be shareable.
pub trait RecordFormat: Sync {
    /// Appends one encoded record to `out`.
    fn encode(&self, record: &Record, out: &mut Vec<u8>);
}

/// One JSON object per line.
pub struct JsonLines;

impl RecordFormat for JsonLines {
    fn encode(&self, record: &Record, out: &mut Vec<u8>) {
        // A record holds only strings, numbers and arrays of them: serialization cannot fail.
        serde_json::to_writer(&mut *out, record).expect("a record always serializes");
        out.push(b'\n');
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot write to {path}: it is a directory")]
    Directory { path: PathBuf },
    #[error(
        "cannot write {path}: {format} output is not supported (use .gz, .zst, .bz2, .xz, .parquet or no compression)"
    )]
    UnsupportedFormat { path: PathBuf, format: &'static str },
    #[error("cannot create output {path}: {source}")]
    Create { path: PathBuf, source: io::Error },
    #[error("cannot write output: {0}")]
    Write(#[source] io::Error),
    #[error("cannot finish output {path}: {source}")]
    Finish { path: PathBuf, source: io::Error },
    #[error("cannot write Parquet output: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
}

impl OutputError {
    /// A closed stdout pipe (`| head`): the reader has all it wants.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, OutputError::Write(err) if err.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Compression of an output, by its path's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
    Bzip2,
    Xz,
    /// Not a compression: a Parquet file of the records.
    Parquet,
}

/// Extensions of formats that are not written: refused, not ignored (JSONL in a file of another
/// format's name is useless to whatever reads it by that name).
const UNSUPPORTED_FORMATS: [(&str, &str); 11] = [
    (".lz4", "lz4"),
    (".lz", "lzip"),
    (".lzma", "lzma"),
    (".lzo", "lzop"),
    (".br", "brotli"),
    (".sz", "snappy"),
    (".z", "compress"),
    (".zip", "zip"),
    (".7z", "7-zip"),
    (".tgz", "tar"),
    (".tar", "tar"),
];

fn compression_of(path: &Path) -> Result<Compression, OutputError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let compression = match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("gz" | "gzip") => Compression::Gzip,
        Some("zst" | "zstd") => Compression::Zstd,
        Some("bz2") => Compression::Bzip2,
        Some("xz") => Compression::Xz,
        Some("parquet") => Compression::Parquet,
        _ => Compression::None,
    };
    if compression == Compression::None
        && let Some((_, format)) = UNSUPPORTED_FORMATS.iter().find(|(ext, _)| name.ends_with(ext))
    {
        return Err(OutputError::UnsupportedFormat {
            path: path.to_path_buf(),
            format,
        });
    }
    Ok(compression)
}

/// Where an output path leads.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    Stdout,
    /// A regular file, or nothing yet: replaced atomically.
    Replace(PathBuf),
    /// A device, FIFO or socket: written as it is.
    Direct(PathBuf),
}

/// At most this many symbolic links are followed (Linux's own limit).
const MAX_LINKS: usize = 40;

fn resolve(path: &Path) -> Result<Target, OutputError> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let create = |source| OutputError::Create {
        path: path.to_path_buf(),
        source,
    };
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current).map_err(create)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(meta) if meta.is_dir() => {
                return Err(OutputError::Directory {
                    path: path.to_path_buf(),
                });
            }
            Ok(meta) if meta.is_file() => return Ok(Target::Replace(current)),
            Ok(_) => return Ok(Target::Direct(current)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                // `out/` names a directory that does not exist: there is no file to write.
                if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
                    return Err(OutputError::Directory {
                        path: path.to_path_buf(),
                    });
                }
                return Ok(Target::Replace(current));
            }
            Err(err) => return Err(create(err)),
        }
    }
    Err(create(io::Error::other("too many levels of symbolic links")))
}

/// Temporary files of outputs being written, for [`remove_temporary_files`].
static TEMPORARY_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every output's temporary file: for a signal handler, before the process exits
/// without unwinding (the files would otherwise stay behind).
pub fn remove_temporary_files() {
    for path in lock_temporary_files().iter() {
        let _ = fs::remove_file(path);
    }
}

/// A temporary file listed in [`TEMPORARY_FILES`] for as long as it lives; dropped, it is
/// deleted.
struct Temporary {
    path: Option<tempfile::TempPath>,
}

impl Temporary {
    fn new(path: tempfile::TempPath) -> Temporary {
        lock_temporary_files().push(path.to_path_buf());
        Temporary { path: Some(path) }
    }

    /// Renames the file over `target`. The list is held meanwhile, so that a signal handler
    /// finds the file either still temporary or already in place.
    fn persist(mut self, target: &Path) -> io::Result<()> {
        let mut files = lock_temporary_files();
        let Some(path) = self.path.take() else {
            return Ok(());
        };
        files.retain(|listed| *listed != *path);
        path.persist(target).map_err(|err| err.error)
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            lock_temporary_files().retain(|listed| listed != &**path);
        }
    }
}

fn lock_temporary_files() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARY_FILES.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

enum Encoder<W: Write + Send> {
    Plain(W),
    /// Boxed: the zlib-rs deflate state is large, and it would size every sink.
    Gzip(Box<flate2::write::GzEncoder<W>>),
    Zstd(zstd::stream::write::Encoder<'static, W>),
    Bzip2(bzip2::write::BzEncoder<W>),
    Xz(liblzma::write::XzEncoder<W>),
    /// Boxed: the writer holds its batch of records.
    Parquet(Box<parquet::ParquetRecords<W>>),
}

impl<W: Write + Send> Encoder<W> {
    fn new(writer: W, compression: Compression) -> io::Result<Encoder<W>> {
        Ok(match compression {
            Compression::None => Encoder::Plain(writer),
            Compression::Gzip => Encoder::Gzip(Box::new(flate2::write::GzEncoder::new(
                writer,
                flate2::Compression::default(),
            ))),
            Compression::Zstd => Encoder::Zstd(zstd::stream::write::Encoder::new(writer, 3)?),
            Compression::Bzip2 => Encoder::Bzip2(bzip2::write::BzEncoder::new(writer, bzip2::Compression::default())),
            Compression::Xz => Encoder::Xz(liblzma::write::XzEncoder::new(writer, 6)),
            Compression::Parquet => Encoder::Parquet(Box::new(
                parquet::ParquetRecords::new(writer).map_err(io::Error::other)?,
            )),
        })
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Encoder::Plain(w) => w.write_all(bytes),
            Encoder::Gzip(w) => w.write_all(bytes),
            Encoder::Zstd(w) => w.write_all(bytes),
            Encoder::Bzip2(w) => w.write_all(bytes),
            Encoder::Xz(w) => w.write_all(bytes),
            Encoder::Parquet(_) => Err(io::Error::other("a Parquet output takes records, not bytes")),
        }
    }

    /// Ends the compressed stream; returns the writer, flushed.
    fn finish(self) -> io::Result<W> {
        let mut writer = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w.finish()?,
            Encoder::Zstd(w) => w.finish()?,
            Encoder::Bzip2(w) => w.finish()?,
            Encoder::Xz(w) => w.finish()?,
            Encoder::Parquet(w) => w.finish().map_err(io::Error::other)?,
        };
        writer.flush()?;
        Ok(writer)
    }
}

/// What [`Sink`] asks of its encoder whatever the writer under it.
trait RecordSink {
    fn takes_records(&self) -> bool;
    fn write_record(&mut self, record: Record) -> Result<(), OutputError>;
}

impl<W: Write + Send> RecordSink for Encoder<W> {
    fn takes_records(&self) -> bool {
        matches!(self, Encoder::Parquet(_))
    }

    fn write_record(&mut self, record: Record) -> Result<(), OutputError> {
        match self {
            Encoder::Parquet(w) => Ok(w.write(record)?),
            _ => Err(OutputError::Write(io::Error::other("this output takes encoded bytes"))),
        }
    }
}

const BUFFER: usize = 256 * 1024;

/// The destination of the records.
pub struct Sink(Destination);

enum Destination {
    Stdout(Encoder<BufWriter<io::Stdout>>),
    Direct {
        encoder: Encoder<BufWriter<File>>,
        path: PathBuf,
    },
    Replace {
        encoder: Encoder<BufWriter<File>>,
        temp: Temporary,
        target: PathBuf,
        path: PathBuf,
    },
}

impl Sink {
    pub fn stdout() -> Sink {
        Sink(Destination::Stdout(Encoder::Plain(BufWriter::with_capacity(
            BUFFER,
            io::stdout(),
        ))))
    }

    /// Opens the output at `path` (see the module documentation): a temporary file is created
    /// now, a device or FIFO opened now, so that whatever fails, fails before any work.
    pub fn open(path: &Path) -> Result<Sink, OutputError> {
        let compression = compression_of(path)?;
        let create = |source| OutputError::Create {
            path: path.to_path_buf(),
            source,
        };
        match resolve(path)? {
            Target::Stdout => Ok(Sink(Destination::Stdout(
                Encoder::new(BufWriter::with_capacity(BUFFER, io::stdout()), compression).map_err(create)?,
            ))),
            Target::Direct(target) => {
                let file = fs::OpenOptions::new().write(true).open(&target).map_err(create)?;
                Ok(Sink(Destination::Direct {
                    encoder: Encoder::new(BufWriter::with_capacity(BUFFER, file), compression).map_err(create)?,
                    path: path.to_path_buf(),
                }))
            }
            Target::Replace(target) => {
                let dir = match target.parent() {
                    Some(dir) if !dir.as_os_str().is_empty() => dir,
                    _ => Path::new("."),
                };
                // An existing file keeps its permissions; a new one gets the usual 0666 less the
                // umask (the temporary file is created with that mode, which the kernel masks).
                let mode = fs::metadata(&target).ok().map(|meta| meta.permissions());
                let mut builder = tempfile::Builder::new();
                builder.prefix(".pagewash-").suffix(".tmp");
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(fs::Permissions::from_mode(0o666));
                }
                // A missing directory is said as such (tempfile's error would name the
                // temporary file instead).
                fs::metadata(dir).map_err(create)?;
                let named = builder.tempfile_in(dir).map_err(create)?;
                let (file, temp) = named.into_parts();
                let temp = Temporary::new(temp);
                if let Some(mode) = mode {
                    file.set_permissions(mode).map_err(create)?;
                }
                Ok(Sink(Destination::Replace {
                    encoder: Encoder::new(BufWriter::with_capacity(BUFFER, file), compression).map_err(create)?,
                    temp,
                    target,
                    path: path.to_path_buf(),
                }))
            }
        }
    }

    /// The files this sink writes or will replace (none for stdout): a directory walk of the
    /// same run leaves them out.
    pub fn files(&self) -> Vec<PathBuf> {
        match &self.0 {
            Destination::Stdout(_) => Vec::new(),
            Destination::Direct { path, .. } => vec![path.clone()],
            Destination::Replace { temp, target, .. } => {
                let mut files = vec![target.clone()];
                files.extend(temp.path.as_deref().map(Path::to_path_buf));
                files
            }
        }
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        let result = match &mut self.0 {
            Destination::Stdout(encoder) => encoder.write_all(bytes),
            Destination::Direct { encoder, .. } | Destination::Replace { encoder, .. } => encoder.write_all(bytes),
        };
        result.map_err(OutputError::Write)
    }

    fn encoder(&mut self) -> &mut dyn RecordSink {
        match &mut self.0 {
            Destination::Stdout(encoder) => encoder,
            Destination::Direct { encoder, .. } | Destination::Replace { encoder, .. } => encoder,
        }
    }

    /// Whether records are written with [`Sink::write_record`] (a Parquet file) rather than
    /// encoded by a [`RecordFormat`].
    pub fn takes_records(&mut self) -> bool {
        self.encoder().takes_records()
    }

    /// Writes one record to a sink that [takes records](Sink::takes_records).
    pub fn write_record(&mut self, record: Record) -> Result<(), OutputError> {
        self.encoder().write_record(record)
    }

    /// Flushes everything and, for a replaced file, renames it into place. Dropping a sink
    /// without finishing it deletes its temporary file, so a failed run leaves no partial output.
    pub fn finish(self) -> Result<(), OutputError> {
        match self.0 {
            Destination::Stdout(encoder) => encoder.finish().map(drop).map_err(OutputError::Write),
            Destination::Direct { encoder, path } => encoder
                .finish()
                .map(drop)
                .map_err(|source| OutputError::Finish { path, source }),
            Destination::Replace {
                encoder,
                temp,
                target,
                path,
            } => {
                let finish = |source| OutputError::Finish {
                    path: path.clone(),
                    source,
                };
                let file = encoder
                    .finish()
                    .map_err(finish)?
                    .into_inner()
                    .map_err(|err| finish(err.into_error()))?;
                file.sync_all().map_err(finish)?;
                drop(file);
                temp.persist(&target).map_err(finish)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_by_extension() {
        let of = |name: &str| compression_of(Path::new(name));
        assert_eq!(of("out.jsonl").unwrap(), Compression::None);
        assert_eq!(of("out.JSONL.GZ").unwrap(), Compression::Gzip);
        assert_eq!(of("out.jsonl.zst").unwrap(), Compression::Zstd);
        assert_eq!(of("out.jsonl.bz2").unwrap(), Compression::Bzip2);
        assert_eq!(of("out.jsonl.xz").unwrap(), Compression::Xz);
        assert_eq!(of("records.Parquet").unwrap(), Compression::Parquet);
        assert_eq!(of("v1.2/out").unwrap(), Compression::None);
        for refused in [
            "out.jsonl.lz4",
            "out.jsonl.br",
            "out.jsonl.Z",
            "out.zip",
            "out.jsonl.lzma",
        ] {
            assert!(
                matches!(of(refused), Err(OutputError::UnsupportedFormat { .. })),
                "{refused}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn paths_resolve_to_what_they_lead_to() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("file"), "x").unwrap();
        fs::create_dir(root.join("sub")).unwrap();
        std::os::unix::fs::symlink("file", root.join("link")).unwrap();
        std::os::unix::fs::symlink("link", root.join("link2")).unwrap();
        std::os::unix::fs::symlink("sub/new", root.join("dangling")).unwrap();
        std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        std::os::unix::fs::symlink("sub", root.join("dirlink")).unwrap();
        assert_eq!(resolve(Path::new("-")).unwrap(), Target::Stdout);
        assert_eq!(resolve(&root.join("file")).unwrap(), Target::Replace(root.join("file")));
        assert_eq!(resolve(&root.join("new")).unwrap(), Target::Replace(root.join("new")));
        assert_eq!(
            resolve(&root.join("link2")).unwrap(),
            Target::Replace(root.join("file"))
        );
        assert_eq!(
            resolve(&root.join("dangling")).unwrap(),
            Target::Replace(root.join("sub/new"))
        );
        assert_eq!(
            resolve(Path::new("/dev/null")).unwrap(),
            Target::Direct("/dev/null".into())
        );
        for refused in ["sub", "dirlink", "missing/"] {
            assert!(
                matches!(resolve(&root.join(refused)), Err(OutputError::Directory { .. })),
                "{refused}"
            );
        }
        assert!(matches!(resolve(&root.join("loop")), Err(OutputError::Create { .. })));
    }

    #[test]
    fn every_compression_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let records = b"{\"id\":\"a\"}\n{\"id\":\"b\"}\n".repeat(100);
        for name in ["o.jsonl", "o.jsonl.gz", "o.jsonl.zst", "o.jsonl.bz2", "o.jsonl.xz"] {
            let path = dir.path().join(name);
            let mut sink = Sink::open(&path).unwrap();
            sink.write_all(&records).unwrap();
            sink.finish().unwrap();
            let raw = fs::read(&path).unwrap();
            let mut decoder: Box<dyn io::Read> = match compression_of(&path).unwrap() {
                Compression::None => Box::new(&raw[..]),
                Compression::Gzip => Box::new(flate2::read::GzDecoder::new(&raw[..])),
                Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(&raw[..]).unwrap()),
                Compression::Bzip2 => Box::new(bzip2::read::BzDecoder::new(&raw[..])),
                Compression::Xz => Box::new(liblzma::read::XzDecoder::new(&raw[..])),
                Compression::Parquet => unreachable!("no Parquet name in the list"),
            };
            let mut out = Vec::new();
            decoder.read_to_end(&mut out).unwrap();
            assert_eq!(out, records, "{name}");
        }
        let leftovers = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(leftovers, 0);
    }
}
