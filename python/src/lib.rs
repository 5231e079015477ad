//! `pagewash._pagewash`: the native half of the `pagewash` Python package (see README.md).
//!
//! Every function gives the records the command line gives, as dicts: `clean` for one document
//! on the calling thread, `clean_many` and `read` as iterators over the library's
//! [`Records`](pagewash::batch::Records) (the same ordered, windowed run the binary drives) on
//! pagewash's own worker threads. The GIL is released while documents are processed.

mod items;
mod options;
mod stream;
mod to_python;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use pagewash::batch::process_caught;

use crate::items::{data_bytes, document, parse_kind};
use crate::options::clean_options;
use crate::to_python::to_python;

/// Rust's allocations here (a page's tree, its lines, its record) are many small ones freed
/// together; mimalloc serves them faster than the system allocator, as it does in the binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One document's record, as a dict.
#[pyfunction]
#[pyo3(signature = (data, *, id = None, url = None, kind = None, charset = None, **options))]
fn clean<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    id: Option<String>,
    url: Option<String>,
    kind: Option<&str>,
    charset: Option<String>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = clean_options(options)?;
    let kind = parse_kind(kind)?;
    let (body, data_charset) = data_bytes(data, "data")?;
    let doc = document(
        id.unwrap_or_default(),
        url,
        kind,
        charset.or(data_charset),
        body,
        options.max_bytes,
    );
    let record = py.detach(|| process_caught(doc, &options.pipeline, None));
    to_python(py, &record)
}

#[pymodule]
fn _pagewash(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(clean, module)?)?;
    module.add_function(wrap_pyfunction!(stream::clean_many, module)?)?;
    module.add_function(wrap_pyfunction!(stream::read, module)?)?;
    module.add_class::<stream::RecordIterator>()?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add("PAGEWASH_VERSION", pagewash::flags::VERSION)?;
    Ok(())
}
