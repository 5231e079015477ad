//! Decompressing inputs: gzip, zstd, bzip2 and xz, told by their magic bytes.
//!
//! Two things every decoder here does the same way:
//! - A failure of the decoder itself (a corrupt or cut stream) is reported as `InvalidData`, so
//!   that it becomes a `malformed-container` record, while a failure to read the compressed
//!   bytes (the disk, the pipe) keeps its own kind and becomes `io`. The codecs' own errors do
//!   not say which is which (zstd's are all `Other`), so the source is watched instead.
//! - gzip reads every member, and stops, as gzip(1) does, at bytes after a member that do not
//!   start another one (padding, trailing garbage): what decompressed is kept.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::sniff::Compression;

/// A reader of the decompressed bytes of `source`, which holds `compression`.
pub fn decoder<'a, R: BufRead + 'a>(source: R, compression: Compression) -> io::Result<Box<dyn Read + 'a>> {
    let failed = Arc::new(AtomicBool::new(false));
    let source = Watched {
        inner: source,
        failed: Arc::clone(&failed),
    };
    let decoder: Box<dyn Read + 'a> = match compression {
        Compression::None => return Ok(Box::new(source.inner)),
        Compression::Gzip => Box::new(GzipMembers::new(source)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(source)?),
        Compression::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(source)),
        Compression::Xz => Box::new(liblzma::bufread::XzDecoder::new_multi_decoder(source)),
    };
    Ok(Box::new(Classified { decoder, failed }))
}

/// The compressed source; remembers whether reading it ever failed.
struct Watched<R> {
    inner: R,
    failed: Arc<AtomicBool>,
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let failed = &self.failed;
        self.inner
            .read(buf)
            .inspect_err(|_| failed.store(true, Ordering::Relaxed))
    }
}

impl<R: BufRead> BufRead for Watched<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let failed = &self.failed;
        self.inner
            .fill_buf()
            .inspect_err(|_| failed.store(true, Ordering::Relaxed))
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
    }
}

/// The decoder's output, its own errors marked `InvalidData`.
struct Classified<'a> {
    decoder: Box<dyn Read + 'a>,
    failed: Arc<AtomicBool>,
}

impl Read for Classified<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.decoder.read(buf).map_err(|err| {
            let from_source = self.failed.load(Ordering::Relaxed);
            match err.kind() {
                io::ErrorKind::Interrupted => err,
                _ if from_source => err,
                io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => err,
                _ => io::Error::new(io::ErrorKind::InvalidData, err),
            }
        })
    }
}

/// Every gzip member of a stream, up to its end or to bytes that do not start a member.
struct GzipMembers<R: BufRead> {
    member: Option<flate2::bufread::GzDecoder<R>>,
}

impl<R: BufRead> GzipMembers<R> {
    fn new(source: R) -> Self {
        GzipMembers {
            member: Some(flate2::bufread::GzDecoder::new(source)),
        }
    }
}

impl<R: BufRead> Read for GzipMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(member) = self.member.as_mut() else {
                return Ok(0);
            };
            let n = member.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // This member is done; the decoder has consumed exactly its bytes.
            let mut source = self.member.take().expect("a member is being read").into_inner();
            let next = source.fill_buf()?;
            if next.first() == Some(&0x1f) && next.get(1).is_none_or(|&b| b == 0x8b) {
                self.member = Some(flate2::bufread::GzDecoder::new(source));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::testing::gzip;

    fn decode(bytes: &[u8], compression: Compression) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        decoder(bytes, compression)?.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn every_codec_round_trips() {
        let text = b"<p>Some page text, long enough to compress a little.</p>".repeat(40);
        let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
        bz.write_all(&text).unwrap();
        let mut xz = liblzma::write::XzEncoder::new(Vec::new(), 6);
        xz.write_all(&text).unwrap();
        let cases = [
            (Compression::Gzip, gzip(&text)),
            (Compression::Zstd, zstd::encode_all(&text[..], 3).unwrap()),
            (Compression::Bzip2, bz.finish().unwrap()),
            (Compression::Xz, xz.finish().unwrap()),
        ];
        for (compression, bytes) in cases {
            assert_eq!(super::super::sniff::sniff_compression(&bytes), compression);
            assert_eq!(decode(&bytes, compression).unwrap(), text, "{compression:?}");
        }
    }

    #[test]
    fn gzip_reads_all_members_and_stops_at_trailing_garbage() {
        let mut bytes = gzip(b"first ");
        bytes.extend(gzip(b"second"));
        assert_eq!(decode(&bytes, Compression::Gzip).unwrap(), b"first second");
        for garbage in [&b"\0\0\0\0"[..], b"trailing garbage", b"\x1f\x00", b"x"] {
            let mut with_garbage = bytes.clone();
            with_garbage.extend_from_slice(garbage);
            assert_eq!(
                decode(&with_garbage, Compression::Gzip).unwrap(),
                b"first second",
                "{garbage:?}"
            );
        }
        // A member cut short is a broken stream, not garbage.
        let cut = &bytes[..bytes.len() - 5];
        let err = decode(cut, Compression::Gzip).unwrap_err();
        assert!(
            matches!(err.kind(), io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof),
            "{err:?}"
        );
    }

    #[test]
    fn corrupt_streams_are_invalid_data_and_source_failures_keep_their_kind() {
        let zstd = zstd::encode_all(&b"some text to compress, some text"[..], 3).unwrap();
        let corrupt: Vec<(Compression, Vec<u8>)> = vec![
            (Compression::Zstd, zstd[..zstd.len() / 2].to_vec()),
            (Compression::Zstd, vec![0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 0xff]),
            (Compression::Xz, b"\xfd7zXZ\0garbage".to_vec()),
            (Compression::Bzip2, b"BZh91AY&SYgarbage".to_vec()),
            (Compression::Gzip, b"\x1f\x8b\x08\0garbage".to_vec()),
        ];
        for (compression, bytes) in corrupt {
            let err = decode(&bytes, compression).unwrap_err();
            assert!(
                matches!(err.kind(), io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof),
                "{compression:?}: {err:?}"
            );
        }

        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let source = io::BufReader::new(io::Cursor::new(gzip(b"x")[..4].to_vec()).chain(Failing));
        let mut out = Vec::new();
        let err = decoder(source, Compression::Gzip)
            .unwrap()
            .read_to_end(&mut out)
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Other, "{err:?}");
    }
}
