//! The first pass over a window of documents: the lines each site repeats across them
//! ([`crate::boilerplate`]), before any of the window's documents is processed.

use std::collections::HashMap;
use std::sync::Arc;

use crate::boilerplate::{self, Learner, SiteLines};
use crate::input::{self, Document};
use crate::record::Kind;

/// Documents read ahead, and learned from, before any of them is processed: at most this many…
pub(super) const WINDOW_DOCS: usize = 1024;
/// …and this many input bytes (a window of a WET file holds a few hundred to a thousand pages).
const WINDOW_BYTES: u64 = 64 << 20;

/// A document and the lines its site repeats on other documents of its window.
pub type Learned = (Document, Option<Arc<SiteLines>>);

/// The documents of `inputs` a window at a time, each with what its window taught about its
/// site. Where windows end depends on the input alone (document count and bytes), never on
/// timing, so the records do not depend on the number of threads. An input error (it fails the
/// run) ends the window it falls in: the documents before it are yielded, then the error.
pub struct Windows<I, E> {
    inputs: I,
    failure: Option<E>,
}

impl<I, E> Windows<I, E> {
    pub fn new(inputs: I) -> Self {
        Windows { inputs, failure: None }
    }
}

impl<I, E> Iterator for Windows<I, E>
where
    I: Iterator<Item = Result<Document, E>>,
{
    type Item = Result<Vec<Learned>, E>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(err) = self.failure.take() {
            return Some(Err(err));
        }
        let mut window = Vec::new();
        let mut bytes = 0u64;
        for doc in self.inputs.by_ref() {
            let doc = match doc {
                Ok(doc) => doc,
                Err(err) if window.is_empty() => return Some(Err(err)),
                Err(err) => {
                    self.failure = Some(err);
                    break;
                }
            };
            bytes += doc.body.as_ref().map_or(0, |b| b.len() as u64);
            window.push(doc);
            if window.len() >= WINDOW_DOCS || bytes >= WINDOW_BYTES {
                break;
            }
        }
        if window.is_empty() {
            return None;
        }
        let sites = site_lines(&window);
        Some(Ok(window.into_iter().zip(sites).collect()))
    }
}

/// For each document of `window`, the lines its site repeats on other documents of the window,
/// when it has any. Only text documents with a URL are learned from (and the HTML stage does not
/// yet use the evidence); a host with one document in the window learns nothing.
pub fn site_lines(window: &[Document]) -> Vec<Option<Arc<SiteLines>>> {
    let hosts: Vec<Option<String>> = window
        .iter()
        .map(|doc| {
            let text = text_of(doc)?;
            let host = boilerplate::host(doc.url.as_deref()?)?;
            (!text.is_empty()).then_some(host)
        })
        .collect();
    let mut documents: HashMap<&str, usize> = HashMap::new();
    for host in hosts.iter().flatten() {
        *documents.entry(host).or_default() += 1;
    }
    let mut learner = Learner::default();
    for (doc, host) in window.iter().zip(&hosts) {
        if let (Some(host), Some(text)) = (host, text_of(doc))
            && documents[host.as_str()] >= 2
        {
            learner.add(host, &boilerplate::document_keys(text));
        }
    }
    let sites = learner.finish();
    hosts
        .into_iter()
        .map(|host| host.and_then(|host| sites.get(&host).cloned()))
        .collect()
}

/// The text of a plain-text document in UTF-8 (as WET records are); others are not learned
/// from.
fn text_of(doc: &Document) -> Option<&str> {
    let bytes = doc.body.as_ref().ok()?;
    let kind = doc.kind.unwrap_or_else(|| input::sniff_kind(bytes));
    if kind != Kind::Text {
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).ok()
}
