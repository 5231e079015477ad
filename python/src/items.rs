//! Python values → documents: what `clean` takes as `data` and `clean_many` as items.
//!
//! `bytes` are the page as fetched (pagewash finds the encoding); `str` is text already decoded,
//! handed on as UTF-8 with `utf-8` as its transport charset, exactly as a JSONL line's string
//! field is. A dict item is read as a JSONL line is (`--html-field`, `--text-field`,
//! `--id-field`, `--url-field`, `--charset-field`), so the same rows give the same records
//! through `clean_many` and through the command line.

use pagewash::input::{Document, InputError, JsonlFields};
use pagewash::record::Kind;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyString, PyTuple};

/// How items are read.
#[derive(Debug, Clone)]
pub struct ItemOptions {
    /// The kind of bare `bytes`/`str` items (`None`: sniffed from the content).
    pub kind: Option<Kind>,
    pub max_bytes: u64,
    pub fields: JsonlFields,
}

/// `"html"`, `"text"` or `None`.
pub fn parse_kind(kind: Option<&str>) -> PyResult<Option<Kind>> {
    match kind {
        None => Ok(None),
        Some("html") => Ok(Some(Kind::Html)),
        Some("text") => Ok(Some(Kind::Text)),
        Some(other) => Err(PyValueError::new_err(format!(
            "kind must be 'html', 'text' or None, not {other:?}"
        ))),
    }
}

/// The bytes of `data` and the charset they are known to be in: `bytes` and `bytearray` as
/// they are (charset unknown), `str` as UTF-8.
pub fn data_bytes(data: &Bound<'_, PyAny>, what: &str) -> PyResult<(Vec<u8>, Option<String>)> {
    if let Ok(bytes) = data.cast::<PyBytes>() {
        return Ok((bytes.as_bytes().to_vec(), None));
    }
    if let Ok(text) = data.cast::<PyString>() {
        return Ok((utf8(text)?, Some("utf-8".to_string())));
    }
    if let Ok(bytes) = data.cast::<PyByteArray>() {
        return Ok((bytes.to_vec(), None));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes or str, not {}",
        type_name(data)
    )))
}

/// A `str` as UTF-8. Lone surrogates (a `str` decoded with `surrogateescape`) go back to the
/// bytes they stood for; any others become `?`.
fn utf8(text: &Bound<'_, PyString>) -> PyResult<Vec<u8>> {
    match text.to_cow() {
        Ok(text) => Ok(text.into_owned().into_bytes()),
        Err(_) => {
            let encoded = text
                .call_method1("encode", ("utf-8", "surrogateescape"))
                .or_else(|_| text.call_method1("encode", ("utf-8", "replace")))?;
            Ok(encoded.cast::<PyBytes>()?.as_bytes().to_vec())
        }
    }
}

/// A document of `body`, or a `too-large` one past the limit (as the command line makes it).
pub fn document(
    id: String,
    url: Option<String>,
    kind: Option<Kind>,
    charset: Option<String>,
    body: Vec<u8>,
    max_bytes: u64,
) -> Document {
    let size = body.len() as u64;
    let body = if size > max_bytes {
        Err(InputError::TooLarge {
            size: Some(size),
            limit: max_bytes,
        })
    } else {
        Ok(body)
    };
    Document {
        url: url.filter(|url| !url.is_empty()),
        kind,
        charset,
        body,
        ..Document::new(id, Vec::new())
    }
}

/// Item `index` (0-based) of `clean_many`: `bytes`, `str`, an `(id, data)` pair or a dict.
/// Items without an id get their index as id.
pub fn item_document(item: &Bound<'_, PyAny>, index: u64, opts: &ItemOptions) -> PyResult<Document> {
    if let Ok(dict) = item.cast::<PyDict>() {
        return dict_document(dict, index, opts);
    }
    if let Ok(pair) = item.cast::<PyTuple>() {
        if pair.len() != 2 {
            return Err(PyTypeError::new_err(format!(
                "item {index}: a tuple item is (id, data), not {} values",
                pair.len()
            )));
        }
        let id = id_string(&pair.get_item(0)?, index)?.unwrap_or_else(|| index.to_string());
        let (body, charset) = data_bytes(&pair.get_item(1)?, &format!("item {index}: data"))?;
        return Ok(document(id, None, opts.kind, charset, body, opts.max_bytes));
    }
    let (body, charset) = data_bytes(item, &format!("item {index}")).map_err(|_| {
        PyTypeError::new_err(format!(
            "item {index} must be bytes, str, an (id, data) tuple or a dict, not {}",
            type_name(item)
        ))
    })?;
    Ok(document(
        index.to_string(),
        None,
        opts.kind,
        charset,
        body,
        opts.max_bytes,
    ))
}

/// A dict read as a JSONL line: its content in the html field (read as HTML) or else the text
/// field (read as text); with neither, a `malformed-container` error record, as the command
/// line gives such a line.
fn dict_document(dict: &Bound<'_, PyDict>, index: u64, opts: &ItemOptions) -> PyResult<Document> {
    let fields = &opts.fields;
    let id = match dict.get_item(&fields.id)? {
        Some(value) => id_string(&value, index)?,
        None => None,
    }
    .unwrap_or_else(|| index.to_string());
    let string_field = |name: &str| -> PyResult<Option<String>> {
        match dict.get_item(name)? {
            Some(value) if !value.is_none() => match value.cast::<PyString>() {
                Ok(text) => Ok(Some(text.to_cow()?.into_owned())),
                Err(_) => Err(PyTypeError::new_err(format!(
                    "item {index}: field {name:?} must be a str, not {}",
                    type_name(&value)
                ))),
            },
            _ => Ok(None),
        }
    };
    let url = string_field(&fields.url)?;
    let declared = match &fields.charset {
        Some(name) => string_field(name)?.filter(|label| !label.is_empty()),
        None => None,
    };
    for (name, kind) in [(&fields.html, Kind::Html), (&fields.text, Kind::Text)] {
        if let Some(value) = dict.get_item(name)?
            && !value.is_none()
        {
            let (body, charset) = data_bytes(&value, &format!("item {index}: field {name:?}"))?;
            return Ok(document(
                id,
                url,
                Some(kind),
                declared.or(charset),
                body,
                opts.max_bytes,
            ));
        }
    }
    let message = format!(
        "item {index} has no string field {:?} or {:?}",
        fields.html, fields.text
    );
    Ok(Document {
        body: Err(InputError::MalformedContainer(message)),
        ..document(id, url, None, None, Vec::new(), opts.max_bytes)
    })
}

/// An id given as a string or an integer (written out, as the command line keeps a JSONL
/// number id); `None` for `None`.
fn id_string(value: &Bound<'_, PyAny>, index: u64) -> PyResult<Option<String>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Some(text.to_cow()?.into_owned()));
    }
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return Ok(Some(value.str()?.to_cow()?.into_owned()));
    }
    Err(PyTypeError::new_err(format!(
        "item {index}: an id must be a str or an int, not {}",
        type_name(value)
    )))
}

pub fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "this type".to_string())
}
