//! Decompressing inputs: gzip, zstd, bzip2 and xz, told by their magic bytes.
//!
//! Two things every decoder here does the same way:
//! - A failure of the decoder itself (a corrupt or cut stream) is reported as `InvalidData`, so
//!   that it becomes a `malformed-container` record, while a failure to read the compressed
//!   bytes (the disk, the pipe) keeps its own kind and becomes `io`. The codecs' own errors do
//!   not say which is which (zstd's are all `Other`), so the source is watched instead.
//! - gzip reads every member, and stops, as gzip(1) does, at bytes after a member that do not
//!   start another one (padding, trailing garbage): what decompressed is kept.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::sniff::Compression;

/// A reader of the decompressed bytes of `source`, which holds `compression`.
pub fn decoder<'a, R: BufRead + 'a>(source: R, compression: Compression) -> io::Result<Box<dyn Read + 'a>> {
    let (decoder, offsets) = decoder_with_offsets(source, compression)?;
    if let Some(offsets) = offsets {
        offsets.stop();
    }
    Ok(decoder)
}

/// [`decoder`], and for gzip where each member starts (recording until told to stop).
pub fn decoder_with_offsets<'a, R: BufRead + 'a>(
    source: R,
    compression: Compression,
) -> io::Result<(Box<dyn Read + 'a>, Option<MemberOffsets>)> {
    let failed = Arc::new(AtomicBool::new(false));
    let source = Watched {
        inner: source,
        failed: Arc::clone(&failed),
    };
    let mut offsets = None;
    let decoder: Box<dyn Read + 'a> = match compression {
        Compression::None => return Ok((Box::new(source.inner), None)),
        Compression::Gzip => {
            let members = GzipMembers::new(source);
            offsets = Some(members.offsets.clone());
            Box::new(members)
        }
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(source)?),
        Compression::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(source)),
        Compression::Xz => Box::new(liblzma::bufread::XzDecoder::new_multi_decoder(source)),
    };
    Ok((Box::new(Classified { decoder, failed }), offsets))
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

/// Where the gzip members of a compressed stream start, in the decompressed stream and in the
/// compressed one: recorded by [`GzipMembers`] as it reads, looked up by a container reader to
/// give a record's offset in the file. Members already read past are forgotten as records are
/// located, so the list stays as short as the read-ahead; a stream that is not ARC stops the
/// recording (the list is then `None`).
#[derive(Debug, Clone, Default)]
pub struct MemberOffsets(Rc<RefCell<Option<MemberStarts>>>);

/// `(decompressed offset, compressed offset)` of each member's start.
type MemberStarts = VecDeque<(u64, u64)>;

impl MemberOffsets {
    /// The file offset of decompressed offset `offset`: its member's offset in the compressed
    /// file, followed by `+N` when it lies N bytes into the member (a file compressed whole).
    /// Offsets must be asked in increasing order.
    pub fn locate(&self, offset: u64) -> String {
        let mut members = self.0.borrow_mut();
        let members = members.get_or_insert_default();
        while members.len() >= 2 && members[1].0 <= offset {
            members.pop_front();
        }
        match members.front() {
            Some(&(start, compressed)) if start == offset => compressed.to_string(),
            Some(&(start, compressed)) if start < offset => format!("{compressed}+{}", offset - start),
            _ => offset.to_string(),
        }
    }

    fn record(&self, decompressed: u64, compressed: u64) {
        if let Some(members) = self.0.borrow_mut().as_mut() {
            members.push_back((decompressed, compressed));
        }
    }

    /// Stops recording: nobody will ask (a WARC has record ids), and a list that nobody
    /// shortens would grow with the file.
    pub fn stop(&self) {
        self.0.borrow_mut().take();
    }
}

/// A gzip stream of any number of members, decompressed member by member so that where each
/// starts is known ([`MemberOffsets`]), up to its end or, as gzip(1) does, to bytes after a
/// member that do not start another one (padding, trailing garbage). One decoder serves all
/// members: a new one per member would allocate and clear its window for each record of a
/// `.warc.gz`.
struct GzipMembers<R: BufRead> {
    decoder: flate2::bufread::GzDecoder<Position<R>>,
    at_member_start: bool,
    /// A member has been read (the first was sniffed as gzip).
    started: bool,
    /// Trailing bytes that start no member were met: the stream is over.
    done: bool,
    decompressed: u64,
    offsets: MemberOffsets,
}

impl<R: BufRead> GzipMembers<R> {
    fn new(source: R) -> Self {
        let mut decoder = flate2::bufread::GzDecoder::new(Position::nothing());
        decoder.reset(Position {
            inner: Some(source),
            at: 0,
        });
        GzipMembers {
            decoder,
            at_member_start: true,
            started: false,
            done: false,
            decompressed: 0,
            offsets: MemberOffsets(Rc::new(RefCell::new(Some(VecDeque::new())))),
        }
    }
}

impl<R: BufRead> Read for GzipMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.done {
                return Ok(0);
            }
            if self.at_member_start {
                let next = self.decoder.get_mut().fill_buf()?;
                if next.is_empty() {
                    return Ok(0);
                }
                // The first member was sniffed as gzip; after it, anything but a gzip header
                // ends the stream, keeping what decompressed.
                let is_member = next.first() == Some(&0x1f) && next.get(1).is_none_or(|&b| b == 0x8b);
                if self.started && !is_member {
                    self.done = true;
                    return Ok(0);
                }
                self.offsets.record(self.decompressed, self.decoder.get_ref().at);
                self.at_member_start = false;
                self.started = true;
            }
            let n = self.decoder.read(buf)?;
            if n > 0 {
                self.decompressed += n as u64;
                return Ok(n);
            }
            // The member ended (its trailer checked): the next one starts where it did.
            let input = self.decoder.reset(Position::nothing());
            self.decoder.reset(input);
            self.at_member_start = true;
        }
    }
}

/// A buffered reader that counts the bytes consumed from it; empty while the decoder is reset.
struct Position<R> {
    inner: Option<R>,
    at: u64,
}

impl<R> Position<R> {
    /// A stand-in while the decoder is reset.
    fn nothing() -> Self {
        Position { inner: None, at: 0 }
    }
}

impl<R: Read> Read for Position<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(inner) = self.inner.as_mut() else {
            return Ok(0);
        };
        let n = inner.read(buf)?;
        self.at += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Position<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.inner.as_mut() {
            Some(inner) => inner.fill_buf(),
            None => Ok(&[]),
        }
    }

    fn consume(&mut self, amt: usize) {
        if let Some(inner) = self.inner.as_mut() {
            inner.consume(amt);
            self.at += amt as u64;
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

    #[test]
    fn member_offsets_locate_records_in_the_compressed_file() {
        let (first, second) = (b"first record\n".to_vec(), b"second record\n".to_vec());
        let mut file = gzip(&first);
        let second_at = file.len();
        file.extend(gzip(&second));
        let (mut members, offsets) = decoder_with_offsets(&file[..], Compression::Gzip).unwrap();
        let offsets = offsets.unwrap();
        let mut out = Vec::new();
        members.read_to_end(&mut out).unwrap();
        assert_eq!(out, [first.clone(), second].concat());
        assert_eq!(offsets.locate(0), "0");
        assert_eq!(offsets.locate(first.len() as u64), second_at.to_string());
        // A record inside a member (a file compressed whole) is its member's offset and more.
        assert_eq!(offsets.locate(first.len() as u64 + 7), format!("{second_at}+7"));
        offsets.stop();
        assert_eq!(offsets.locate(40), "40");
    }
}
