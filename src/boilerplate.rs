//! Boilerplate learned across a batch: the lines a site prints on many of its pages (menus,
//! footers, disclaimers, "related" boxes) are its template, whatever language they are in.
//!
//! [`crate::batch`] reads the documents of a run a window at a time; before any of a window's
//! documents is processed, a [`Learner`] counts, for every host, in how many of the window's
//! documents each line occurs ([`document_keys`]). A line two or more documents of one host
//! share is that host's boilerplate ([`SiteLines`]), handed with each of its documents to the
//! content stage, which takes it as strong evidence of chrome. Each document counts a line once,
//! so a document's own repeated lines never make boilerplate on their own.
//!
//! Lines are keyed by a hash of their text with whitespace runs folded: a key function both the
//! learning and the content stage call, so the two agree. The content stage for plain text
//! ([`crate::text`]) uses the evidence; the key is a block's text, so the HTML stage can look up
//! its blocks the same way once the learner is fed them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A line this long or longer (in bytes) is text of its own, never learned as a template line.
const MAX_LINE_BYTES: usize = 2_000;
/// Lines past this many in a document are not learned (a template's lines are among the first
/// thousands of any page, and the count bounds the learner's work per document).
const MAX_LINES_PER_DOCUMENT: usize = 5_000;

/// The lines of one site that other documents of the same window also hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteLines {
    keys: HashSet<u64>,
}

impl SiteLines {
    /// Whether `line` is one of the site's template lines.
    pub fn contains(&self, line: &str) -> bool {
        line_key(line).is_some_and(|key| self.keys.contains(&key))
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl FromIterator<u64> for SiteLines {
    fn from_iter<I: IntoIterator<Item = u64>>(keys: I) -> Self {
        SiteLines {
            keys: keys.into_iter().collect(),
        }
    }
}

/// The key of a line: FNV-1a over its words joined by single spaces; `None` for a blank line
/// or one too long to be a template's.
pub fn line_key(line: &str) -> Option<u64> {
    let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}');
    if line.is_empty() || line.len() >= MAX_LINE_BYTES {
        return None;
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for (i, word) in line.split_whitespace().enumerate() {
        if i > 0 {
            feed(b' ');
        }
        word.bytes().for_each(&mut feed);
    }
    Some(hash)
}

/// The distinct keys of a text document's lines, in no particular order.
pub fn document_keys(text: &str) -> Vec<u64> {
    let mut keys: Vec<u64> = text.lines().take(MAX_LINES_PER_DOCUMENT).filter_map(line_key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The host of a URL, lower-cased, without `www.` and port: the unit whose pages share a
/// template. `None` when the URL has none.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty() && host.contains(|c: char| c.is_ascii_alphanumeric())).then(|| host.to_string())
}

/// Counts, per host, the documents of a window each line occurs in.
#[derive(Debug, Default)]
pub struct Learner {
    hosts: HashMap<String, HostCounts>,
}

#[derive(Debug, Default)]
struct HostCounts {
    documents: usize,
    lines: HashMap<u64, u32>,
}

impl Learner {
    /// Adds one document of `host` with its [`document_keys`].
    pub fn add(&mut self, host: &str, keys: &[u64]) {
        let counts = self.hosts.entry(host.to_string()).or_default();
        counts.documents += 1;
        for &key in keys {
            *counts.lines.entry(key).or_default() += 1;
        }
    }

    /// Each host with two or more documents, and the lines two or more of them share.
    pub fn finish(self) -> HashMap<String, Arc<SiteLines>> {
        self.hosts
            .into_iter()
            .filter(|(_, counts)| counts.documents >= 2)
            .map(|(host, counts)| {
                let lines: SiteLines = counts
                    .lines
                    .into_iter()
                    .filter(|&(_, n)| n >= 2)
                    .map(|(k, _)| k)
                    .collect();
                (host, Arc::new(lines))
            })
            .filter(|(_, lines)| !lines.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.Example.com:8080/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host("http://user@news.example.org/").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(
            host("an.wikipedia.org/wiki/Escopete").as_deref(),
            Some("an.wikipedia.org")
        );
        assert_eq!(host("https://[::1]:80/").as_deref(), Some("[::1]"));
        assert_eq!(host(""), None);
        assert_eq!(host("file:///tmp/x"), None);
    }

    #[test]
    fn keys_fold_whitespace_only() {
        assert_eq!(line_key("  Menú   principal \t"), line_key("Menú principal"));
        assert_ne!(line_key("Menú principal"), line_key("menú principal"));
        assert_eq!(line_key(" \u{200b} "), None);
        assert_eq!(document_keys("a\nb\na\n\n").len(), 2);
    }

    #[test]
    fn lines_two_documents_of_a_host_share() {
        let mut learner = Learner::default();
        learner.add("a.example", &document_keys("Home\nNews\nFirst story text.\nFooter\n"));
        learner.add("a.example", &document_keys("Home\nNews\nSecond story text.\nFooter\n"));
        learner.add("b.example", &document_keys("Home\nNews\n"));
        let sites = learner.finish();
        assert_eq!(sites.len(), 1, "a host with one document learns nothing");
        let a = &sites["a.example"];
        assert!(a.contains("Home") && a.contains("  Footer "));
        assert!(!a.contains("First story text."));
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn a_line_repeated_within_one_document_is_not_learned() {
        let mut learner = Learner::default();
        learner.add("a.example", &document_keys("Chorus\nChorus\nverse one\n"));
        learner.add("a.example", &document_keys("verse two\n"));
        assert!(learner.finish().is_empty());
    }
}
