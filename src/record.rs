//! The output record: one JSON object per input document (see `../shared/CONTRACT.md`).
//!
//! Every field is always present so that downstream schemas stay stable; unknown values are
//! `null`, `[]` or `""`.

use serde::Serialize;

pub use crate::decode::EncodingInfo;
pub use crate::decode::repair::RepairCount;
pub use crate::spam::SpamReport;

/// How a document was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Html,
    Text,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Html => "html",
            Kind::Text => "text",
        }
    }
}

/// The class of a per-document failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    Io,
    TooLarge,
    Binary,
    MalformedContainer,
    Internal,
    /// A container record that is not a page (only output with `--all-records`).
    Skipped,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Binary => "binary",
            ErrorKind::MalformedContainer => "malformed-container",
            ErrorKind::Internal => "internal",
            ErrorKind::Skipped => "skipped",
        }
    }
}

/// Why a document could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    pub message: String,
}

/// The output record. Field order is the contract's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub id: String,
    pub url: Option<String>,
    /// When the page was fetched (WARC-Date, ARC date), ISO 8601.
    pub fetched: Option<String>,
    /// The HTTP status of a WARC/ARC response.
    pub http_status: Option<u16>,
    /// The payload's media type, from the HTTP header or sniffed.
    pub content_type: Option<String>,
    /// The payload processed was not whole.
    pub truncated: bool,
    pub kind: Kind,
    pub encoding: EncodingInfo,
    pub repairs: Vec<RepairCount>,
    pub lang: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub source: Option<String>,
    pub breadcrumbs: Vec<String>,
    pub text: String,
    pub spam: Vec<SpamReport>,
    /// SimHash of the text's shingles, 16 hex digits (see [`crate::fingerprint`]).
    pub fingerprint: String,
    pub error: Option<ErrorInfo>,
}

impl Record {
    /// An empty record for a document, to be filled by the stages.
    pub fn new(id: String, url: Option<String>, kind: Kind) -> Record {
        Record {
            id,
            url,
            fetched: None,
            http_status: None,
            content_type: None,
            truncated: false,
            kind,
            encoding: EncodingInfo::default(),
            repairs: Vec::new(),
            lang: None,
            title: None,
            author: None,
            published: None,
            site: None,
            source: None,
            breadcrumbs: Vec::new(),
            text: String::new(),
            spam: Vec::new(),
            fingerprint: crate::fingerprint::fingerprint(""),
            error: None,
        }
    }

    /// Copies what the container said about the fetch.
    pub fn set_fetch(&mut self, fetch: crate::input::Fetch) {
        self.fetched = fetch.fetched;
        self.http_status = fetch.http_status;
        self.content_type = fetch.content_type;
        self.truncated = fetch.truncated;
    }

    /// A record for a document that could not be processed.
    pub fn failed(id: String, url: Option<String>, kind: Kind, error: ErrorInfo) -> Record {
        let mut record = Record::new(id, url, kind);
        record.error = Some(error);
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_present_in_contract_order() {
        let record = Record::new("a.html".into(), None, Kind::Html);
        let json = serde_json::to_string(&record).unwrap();
        assert_eq!(
            json,
            r#"{"id":"a.html","url":null,"fetched":null,"http_status":null,"content_type":null,"truncated":false,"kind":"html","encoding":{"name":null,"source":null,"declared":null,"malformed":0},"repairs":[],"lang":null,"title":null,"author":null,"published":null,"site":null,"source":null,"breadcrumbs":[],"text":"","spam":[],"fingerprint":"0000000000000000","error":null}"#
        );
    }

    #[test]
    fn error_kinds_serialize_as_in_the_contract() {
        for (kind, name) in [
            (ErrorKind::Io, "io"),
            (ErrorKind::TooLarge, "too-large"),
            (ErrorKind::Binary, "binary"),
            (ErrorKind::MalformedContainer, "malformed-container"),
            (ErrorKind::Internal, "internal"),
            (ErrorKind::Skipped, "skipped"),
        ] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{name}\""));
            assert_eq!(kind.as_str(), name);
        }
    }
}
