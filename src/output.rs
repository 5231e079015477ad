//! Where records go: stdout, or a file written atomically (a temporary file in the same
//! directory, renamed into place only when the run completes), gzip- or zstd-compressed by the
//! file's extension. How a record is written is a [`RecordFormat`], except into a `.parquet`
//! file, which takes the records themselves ([`Sink::takes_records`], [`parquet`]).

pub mod parquet;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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

enum Encoder {
    Plain(BufWriter<File>),
    /// Boxed: the zlib-rs deflate state is large, and it would size every sink.
    Gzip(Box<flate2::write::GzEncoder<BufWriter<File>>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
    /// Boxed: the writer holds its batch and schema.
    Parquet(Box<parquet::ParquetRecords<BufWriter<File>>>),
}

/// The destination of the records.
pub struct Sink(Destination);

enum Destination {
    Stdout(BufWriter<io::Stdout>),
    File {
        encoder: Encoder,
        temp: tempfile::TempPath,
        path: PathBuf,
    },
}

impl Sink {
    pub fn stdout() -> Sink {
        Sink(Destination::Stdout(BufWriter::with_capacity(256 * 1024, io::stdout())))
    }

    /// A temporary file beside `path`; compression by `path`'s extension (`.gz`, `.zst`).
    pub fn file(path: &Path) -> Result<Sink, OutputError> {
        let create = |source| OutputError::Create {
            path: path.to_path_buf(),
            source,
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let named = tempfile::Builder::new()
            .prefix(".pagewash-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(create)?;
        let (file, temp) = named.into_parts();
        let writer = BufWriter::with_capacity(256 * 1024, file);
        let name = path.to_string_lossy().to_ascii_lowercase();
        let encoder = if name.ends_with(".gz") {
            Encoder::Gzip(Box::new(flate2::write::GzEncoder::new(
                writer,
                flate2::Compression::default(),
            )))
        } else if name.ends_with(".parquet") {
            Encoder::Parquet(Box::new(parquet::ParquetRecords::new(writer)?))
        } else if name.ends_with(".zst") || name.ends_with(".zstd") {
            Encoder::Zstd(zstd::stream::write::Encoder::new(writer, 3).map_err(create)?)
        } else {
            Encoder::Plain(writer)
        };
        Ok(Sink(Destination::File {
            encoder,
            temp,
            path: path.to_path_buf(),
        }))
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        let result = match &mut self.0 {
            Destination::Stdout(out) => out.write_all(bytes),
            Destination::File { encoder, .. } => match encoder {
                Encoder::Plain(w) => w.write_all(bytes),
                Encoder::Gzip(w) => w.write_all(bytes),
                Encoder::Zstd(w) => w.write_all(bytes),
                Encoder::Parquet(_) => Err(io::Error::other("a Parquet output takes records, not bytes")),
            },
        };
        result.map_err(OutputError::Write)
    }

    /// Whether records are written with [`Sink::write_record`] (a columnar file) rather than
    /// encoded by a [`RecordFormat`].
    pub fn takes_records(&self) -> bool {
        matches!(
            &self.0,
            Destination::File {
                encoder: Encoder::Parquet(_),
                ..
            }
        )
    }

    /// Writes one record to a sink that [takes records](Sink::takes_records).
    pub fn write_record(&mut self, record: crate::record::Record) -> Result<(), OutputError> {
        match &mut self.0 {
            Destination::File {
                encoder: Encoder::Parquet(w),
                ..
            } => Ok(w.write(record)?),
            _ => Err(OutputError::Write(io::Error::other("this output takes encoded bytes"))),
        }
    }

    /// Flushes everything and, for a file, renames it into place. Dropping a sink without
    /// finishing it deletes the temporary file, so a failed run leaves no partial output.
    pub fn finish(self) -> Result<(), OutputError> {
        match self.0 {
            Destination::Stdout(mut out) => out.flush().map_err(OutputError::Write),
            Destination::File { encoder, temp, path } => {
                let finish = |source| OutputError::Finish {
                    path: path.clone(),
                    source,
                };
                let mut writer = match encoder {
                    Encoder::Plain(w) => w,
                    Encoder::Gzip(w) => w.finish().map_err(finish)?,
                    Encoder::Zstd(w) => w.finish().map_err(finish)?,
                    Encoder::Parquet(w) => w.finish()?,
                };
                writer.flush().map_err(finish)?;
                let file = writer.into_inner().map_err(|err| finish(err.into_error()))?;
                file.sync_all().map_err(finish)?;
                // The temporary file was created private (0600); the output is an ordinary file.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    file.set_permissions(std::fs::Permissions::from_mode(0o644))
                        .map_err(finish)?;
                }
                drop(file);
                temp.persist(&path).map_err(|err| finish(err.error))?;
                Ok(())
            }
        }
    }
}
