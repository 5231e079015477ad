//! One document through the stages: decode → extract or text → repair → spam → record.

use crate::boilerplate::SiteLines;
use crate::content::Extracted;
use crate::decode::repair::{self, Origin, RepairLog, RepairOptions};
use crate::decode::script::{self, Script};
use crate::decode::{self, DecodeError, DecodeOptions, Hints};
use crate::input::{self, Document};
use crate::record::{ErrorInfo, ErrorKind, Kind, Record};
use crate::spam::{self, SpamOptions};
use crate::{extract, fingerprint, markdown, meta, text};

/// Options of every per-document stage.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    pub decode: DecodeOptions,
    pub spam: SpamOptions,
    pub text: TextOptions,
}

/// How the record's `text` is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// Markdown instead of plain lines (`--text-format markdown`).
    pub markdown: bool,
    /// Markdown links `[text](url)` (`--links`).
    pub links: bool,
}

/// Runs the stages over one document. Never fails: a document that cannot be processed gets a
/// record with `error`.
pub fn process(doc: Document, opts: &PipelineOptions) -> Record {
    process_with_site(doc, opts, None)
}

/// [`process`] with the lines the document's site repeats across the batch
/// ([`crate::boilerplate`]), for the content stage.
pub fn process_with_site(doc: Document, opts: &PipelineOptions, site: Option<&SiteLines>) -> Record {
    let Document {
        id,
        url,
        kind,
        charset,
        body,
        fetch,
    } = doc;
    let bytes = match body {
        Ok(bytes) => bytes,
        Err(err) => {
            let error = ErrorInfo {
                kind: err.kind(),
                message: err.to_string(),
            };
            let mut record = Record::failed(id, url, kind.unwrap_or(Kind::Text), error);
            record.set_fetch(fetch);
            return record;
        }
    };
    let kind = kind.unwrap_or_else(|| input::sniff_kind(&bytes));
    let hints = Hints {
        transport: charset.as_deref(),
        url: url.as_deref(),
        html: kind == Kind::Html,
    };
    let decoded = match decode::decode_owned(bytes, &hints, &opts.decode) {
        Ok(decoded) => decoded,
        Err(err @ DecodeError::Binary(_)) => {
            let error = ErrorInfo {
                kind: ErrorKind::Binary,
                message: err.to_string(),
            };
            let mut record = Record::failed(id, url, kind, error);
            record.set_fetch(fetch);
            return record;
        }
    };

    let mut log = RepairLog::default();
    let mut extracted = content_with_site(
        kind,
        &decoded.text,
        url.as_deref(),
        &opts.decode.repairs,
        &mut log,
        site,
    );
    // The decoded page is not read again: freed before the text is copied out and encoded.
    let encoding = decoded.encoding;
    drop(decoded.text);
    let spam = spam::scrub(&mut extracted, &opts.spam);
    convert_script(&mut extracted, opts.decode.script);

    // Language and fingerprint read the plain text whatever the output format, so that they
    // agree between runs of either format.
    let plain = extracted.text();
    let lang = extracted.meta.lang.take().or_else(|| meta::detect_lang(&plain, None));
    let fingerprint = fingerprint::fingerprint(&plain);
    let text = if opts.text.markdown {
        markdown::render(&extracted.blocks, opts.text.links)
    } else {
        plain
    };
    let meta = extracted.meta;
    Record {
        id,
        url: url.or(meta.url),
        fetched: fetch.fetched,
        http_status: fetch.http_status,
        content_type: fetch.content_type,
        truncated: fetch.truncated || extracted.truncated,
        kind,
        encoding,
        repairs: log.into_counts(),
        lang,
        title: meta.title,
        author: meta.author,
        published: meta.published,
        site: meta.site,
        source: meta.source,
        breadcrumbs: meta.breadcrumbs,
        text,
        spam,
        fingerprint,
        error: None,
    }
}

/// The content stage for decoded text, with the repairs where the pipeline applies them: a text
/// document is repaired whole before its lines are read; an HTML page is parsed first, then each
/// block and metadata field is repaired (repairing markup would break it). What the spam stage
/// receives.
pub fn content(
    kind: Kind,
    decoded: &str,
    url: Option<&str>,
    repairs: &RepairOptions,
    log: &mut RepairLog,
) -> Extracted {
    content_with_site(kind, decoded, url, repairs, log, None)
}

/// [`content`] with the lines the document's site repeats across the batch. The plain-text stage
/// uses them; the HTML stage does not yet (the learner is fed text documents only).
pub fn content_with_site(
    kind: Kind,
    decoded: &str,
    url: Option<&str>,
    repairs: &RepairOptions,
    log: &mut RepairLog,
    site: Option<&SiteLines>,
) -> Extracted {
    match kind {
        Kind::Html => {
            let mut extracted = extract::extract(decoded, url);
            repair_extracted(&mut extracted, repairs, log);
            extracted
        }
        Kind::Text => text_content(decoded, text::MAX_LINES, repairs, log, site),
    }
}

/// A text document's lines up to `max_lines`, repaired and read; `truncated` when there were more.
fn text_content(
    decoded: &str,
    max_lines: usize,
    repairs: &RepairOptions,
    log: &mut RepairLog,
    site: Option<&SiteLines>,
) -> Extracted {
    let (read, truncated) = text::within_lines(decoded, max_lines);
    let mut extracted = text::extract_with_site(&repair::repair(read, Origin::PlainText, repairs, log), site);
    extracted.truncated = truncated;
    extracted
}

/// Text taken out of an HTML tree is repaired block by block, metadata field by field, the
/// pinyin annotations judged on all of them.
fn repair_extracted(extracted: &mut Extracted, opts: &RepairOptions, log: &mut RepairLog) {
    let meta = &mut extracted.meta;
    let mut fields: Vec<&mut String> = extracted.blocks.iter_mut().map(|b| &mut b.text).collect();
    fields.extend(
        [&mut meta.title, &mut meta.author, &mut meta.site, &mut meta.source]
            .into_iter()
            .flatten(),
    );
    fields.extend(meta.breadcrumbs.iter_mut());
    repair::repair_fields(&mut fields, opts, log);
}

fn convert_script(extracted: &mut Extracted, target: Script) {
    if target == Script::Keep {
        return;
    }
    let mut convert = |value: &mut String| {
        if let std::borrow::Cow::Owned(converted) = script::convert(value, target) {
            *value = converted;
        }
    };
    for block in &mut extracted.blocks {
        convert(&mut block.text);
    }
    for_each_meta_string(extracted, &mut convert);
}

fn for_each_meta_string(extracted: &mut Extracted, f: &mut dyn FnMut(&mut String)) {
    let meta = &mut extracted.meta;
    for value in [&mut meta.title, &mut meta.author, &mut meta.site, &mut meta.source]
        .into_iter()
        .flatten()
    {
        f(value);
    }
    for crumb in &mut meta.breadcrumbs {
        f(crumb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_past_its_line_bound_is_read_in_part() {
        let page = "First paragraph of the story, long enough to read as prose.\n\n\
                    Second paragraph of the story, long enough to read as prose.\n\n\
                    Third paragraph of the story, long enough to read as prose.\n";
        let read = |max_lines| {
            text_content(
                page,
                max_lines,
                &RepairOptions::default(),
                &mut RepairLog::default(),
                None,
            )
        };
        let whole = read(3);
        assert!(!whole.truncated);
        assert_eq!(whole.blocks.len(), 3);
        let part = read(2);
        assert!(part.truncated);
        assert_eq!(part.blocks, whole.blocks[..2]);
    }
}
