//! Paths as bytes, and the ids made of them.
//!
//! A Unix path is any bytes but NUL; it need not be UTF-8. An id must be a JSON string, so a
//! path is written as given when it is UTF-8 without a backslash, and otherwise with each
//! backslash doubled and each byte that is not part of valid UTF-8 written `\xNN`. The escaped
//! form always holds a backslash and the plain form never does, so two different paths never
//! share an id, and the path can be read back from its id.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The id of a path (see the module documentation).
pub fn path_id(path: &Path) -> String {
    bytes_id(path.as_os_str().as_encoded_bytes())
}

/// The id of a path given as bytes.
pub fn bytes_id(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes)
        && !text.contains('\\')
    {
        return text.to_string();
    }
    let mut id = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                id.push_str("\\\\");
            } else {
                id.push(c);
            }
        }
        for byte in chunk.invalid() {
            id.push_str(&format!("\\x{byte:02X}"));
        }
    }
    id
}

/// A path from raw bytes (a manifest line): exact on Unix, where paths are bytes; elsewhere,
/// bytes that are not UTF-8 cannot name a file and are read lossily.
pub fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(OsString::from_vec(bytes.to_vec()))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(OsString::from(String::from_utf8_lossy(bytes).into_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path an id stands for: the inverse of [`bytes_id`].
    fn id_bytes(id: &str) -> Vec<u8> {
        if !id.contains('\\') {
            return id.as_bytes().to_vec();
        }
        let bytes = id.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut at = 0;
        while at < bytes.len() {
            match (bytes[at], bytes.get(at + 1)) {
                (b'\\', Some(b'\\')) => {
                    out.push(b'\\');
                    at += 2;
                }
                (b'\\', Some(b'x')) if at + 4 <= bytes.len() => {
                    match std::str::from_utf8(&bytes[at + 2..at + 4])
                        .ok()
                        .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                    {
                        Some(byte) => {
                            out.push(byte);
                            at += 4;
                        }
                        None => {
                            out.push(b'\\');
                            at += 1;
                        }
                    }
                }
                (byte, _) => {
                    out.push(byte);
                    at += 1;
                }
            }
        }
        out
    }

    #[test]
    fn utf8_paths_without_backslashes_are_their_own_ids() {
        for path in ["pages/a.html", "新闻/第一页.html", "-", "a b/c#d:1", ""] {
            assert_eq!(bytes_id(path.as_bytes()), path);
            assert_eq!(id_bytes(path), path.as_bytes());
        }
    }

    #[test]
    fn other_paths_are_escaped_losslessly_and_uniquely() {
        let paths: Vec<&[u8]> = vec![
            b"a\xff.html",
            b"a\xfe.html",
            b"a\\xFF.html",
            b"a\\\\xFF.html",
            b"a\\.html",
            b"\xe4\xb8.txt",
            b"\xe4\xb8\xad.txt\xc3",
            b"dir\\",
            b"\\x",
        ];
        let ids: Vec<String> = paths.iter().map(|p| bytes_id(p)).collect();
        assert_eq!(ids[0], "a\\xFF.html");
        assert_eq!(ids[2], "a\\\\xFF.html");
        assert_eq!(ids[5], "\\xE4\\xB8.txt");
        assert_eq!(ids[6], "中.txt\\xC3");
        for (path, id) in paths.iter().zip(&ids) {
            assert!(!id.contains('\u{FFFD}'), "{id}");
            assert_eq!(&id_bytes(id), path, "{id}");
        }
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        // A UTF-8 path never takes the id of an escaped one.
        assert_ne!(bytes_id(b"a\xff.html"), bytes_id("a\\xFF.html".as_bytes()));
    }
}
