//! `clean_many` and `read`: iterators of records, processed on pagewash's own worker threads
//! with the GIL released, yielded in input order, with at most a window of documents in flight.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use pagewash::batch::Records;
use pagewash::input::{Document, Documents, Input, RunInputError};
use pagewash::record::Record;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyIterator, PyString};

use crate::items::{ItemOptions, item_document, parse_kind, type_name};
use crate::options::{self, Scope, usage_error};
use crate::to_python::to_python;

/// Records waiting for Python to take them, per worker thread, beyond the reorder window.
const READ_AHEAD_PER_THREAD: usize = 4;

/// How often a wait for the next record looks for a pending signal (Ctrl-C).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// The records of `clean_many` or `read`, as dicts, in input order.
#[pyclass(module = "pagewash._pagewash")]
pub struct RecordIterator {
    // A mutex only to be shareable between Python threads; two threads advancing one iterator
    // at once is refused, as for a generator.
    stream: Mutex<Stream>,
}

enum Stream {
    /// `clean_many`: items pulled from a Python iterator (taking the GIL for each) as the
    /// window has room.
    Items(Box<Records<ItemSource, PyErr>>),
    /// `read`: a thread of its own reads the inputs and drives the run.
    Reader(Receiver<Message>),
    Finished,
}

/// What `read`'s thread sends.
enum Message {
    Record(Box<Record>),
    Failed(RunInputError),
    Done,
}

#[pymethods]
impl RecordIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut stream = self
            .stream
            .try_lock()
            .map_err(|_| PyRuntimeError::new_err("this iterator is already being advanced in another thread"))?;
        let next = match &mut *stream {
            Stream::Items(records) => py.detach(|| records.next()),
            Stream::Reader(receiver) => receive(py, receiver)?,
            Stream::Finished => None,
        };
        match next {
            Some(Ok(record)) => to_python(py, &record).map(Some),
            Some(Err(err)) => {
                *stream = Stream::Finished;
                Err(err)
            }
            None => {
                *stream = Stream::Finished;
                Ok(None)
            }
        }
    }
}

/// The next of `read`'s records, waiting for it without the GIL.
fn receive(py: Python<'_>, receiver: &mut Receiver<Message>) -> PyResult<Option<PyResult<Record>>> {
    loop {
        let waiting = &mut *receiver;
        match py.detach(move || waiting.recv_timeout(SIGNAL_CHECK)) {
            Ok(Message::Record(record)) => return Ok(Some(Ok(*record))),
            Ok(Message::Failed(err)) => return Ok(Some(Err(run_input_error(err)))),
            Ok(Message::Done) => return Ok(None),
            Err(RecvTimeoutError::Timeout) => py.check_signals()?,
            Err(RecvTimeoutError::Disconnected) => {
                return Ok(Some(Err(PyRuntimeError::new_err(
                    "pagewash's reader thread stopped before the end of the input",
                ))));
            }
        }
    }
}

fn run_input_error(err: RunInputError) -> PyErr {
    let message = err.to_string();
    let RunInputError::InputList { source, .. } = &err;
    match source.kind() {
        std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
        std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
        _ => PyOSError::new_err(message),
    }
}

/// Documents from a Python iterator of items, taking the GIL for each.
pub struct ItemSource {
    items: Py<PyIterator>,
    index: u64,
    options: ItemOptions,
    done: bool,
}

impl Iterator for ItemSource {
    type Item = PyResult<Document>;

    fn next(&mut self) -> Option<PyResult<Document>> {
        if self.done {
            return None;
        }
        Python::attach(|py| {
            let mut items = self.items.bind(py).clone();
            let doc = match items.next()? {
                Ok(item) => item_document(&item, self.index, &self.options),
                Err(err) => Err(err),
            };
            self.index += 1;
            // A bad item or an exception from the iterator ends the stream, after the records
            // of the items before it.
            self.done = doc.is_err();
            Some(doc)
        })
        .or_else(|| {
            self.done = true;
            None
        })
    }
}

/// Records of many documents, in their order, processed in parallel.
#[pyfunction]
#[pyo3(signature = (items, *, kind = None, **options))]
pub fn clean_many(
    items: &Bound<'_, PyAny>,
    kind: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<RecordIterator> {
    let args = options::parse(Scope::CleanMany, options)?;
    let pipeline = args.pipeline_options().map_err(usage_error)?;
    let input = args.input_options().map_err(usage_error)?;
    let threads = args.thread_count().map_err(usage_error)?;
    let kind = parse_kind(kind)?;
    if items.is_instance_of::<PyBytes>() || items.is_instance_of::<PyString>() || items.is_instance_of::<PyByteArray>()
    {
        return Err(PyTypeError::new_err(
            "clean_many takes an iterable of documents; for one document, use clean()",
        ));
    }
    let iterator = items
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("items must be iterable, not {}", type_name(items))))?;
    let source = ItemSource {
        items: iterator.unbind(),
        index: 0,
        options: ItemOptions {
            kind,
            max_bytes: input.max_bytes,
            fields: input.fields,
        },
        done: false,
    };
    let records = Records::new(source, pipeline, threads).map_err(thread_error)?;
    Ok(RecordIterator {
        stream: Mutex::new(Stream::Items(Box::new(records))),
    })
}

/// Records of everything the command line reads: files, directories, WARC/ARC/WET, JSONL,
/// compressed or not, `-` for stdin.
#[pyfunction]
#[pyo3(signature = (paths, **options))]
pub fn read(py: Python<'_>, paths: &Bound<'_, PyAny>, options: Option<&Bound<'_, PyDict>>) -> PyResult<RecordIterator> {
    let args = options::parse(Scope::Read, options)?;
    let pipeline = args.pipeline_options().map_err(usage_error)?;
    let input = args.input_options().map_err(usage_error)?;
    let threads = args.thread_count().map_err(usage_error)?;
    let input_list = args.input_list.clone().map(PathBuf::from);
    let all_records = args.all_records;
    let inputs = input_paths(paths)?;

    let (started_tx, started_rx) = mpsc::sync_channel::<PyResult<()>>(1);
    let (records_tx, records_rx) = mpsc::sync_channel::<Message>(threads * READ_AHEAD_PER_THREAD);
    // The inputs are read on a thread of its own: the documents' sources (files, decompressors,
    // stdin) stay there, and reading overlaps Python's use of the records.
    let reader = move || {
        let records = Documents::new(inputs, input_list.as_deref(), input)
            .map_err(run_input_error)
            .and_then(|documents| Records::new(documents, pipeline, threads).map_err(thread_error))
            .map(|records| records.all_records(all_records));
        let records = match records {
            Ok(records) => records,
            Err(err) => {
                let _ = started_tx.send(Err(err));
                return;
            }
        };
        let _ = started_tx.send(Ok(()));
        for item in records {
            let message = match item {
                Ok(record) => Message::Record(Box::new(record)),
                Err(err) => Message::Failed(err),
            };
            // The iterator was dropped: stop reading.
            if records_tx.send(message).is_err() {
                return;
            }
        }
        let _ = records_tx.send(Message::Done);
    };
    std::thread::Builder::new()
        .name("pagewash-reader".into())
        .spawn(reader)
        .map_err(|err| PyOSError::new_err(format!("cannot start pagewash's reader thread: {err}")))?;
    // An input list that cannot be opened fails the call, as it fails the command line's run.
    match py.detach(move || started_rx.recv()) {
        Ok(Ok(())) => {}
        Ok(Err(err)) => return Err(err),
        Err(_) => {
            return Err(PyRuntimeError::new_err(
                "pagewash's reader thread stopped before starting",
            ));
        }
    }
    Ok(RecordIterator {
        stream: Mutex::new(Stream::Reader(records_rx)),
    })
}

/// One path or an iterable of them: `str`, `bytes` or `os.PathLike`; `"-"` is stdin.
fn input_paths(paths: &Bound<'_, PyAny>) -> PyResult<Vec<Input>> {
    if let Some(path) = one_path(paths)? {
        return Ok(vec![Input::from_arg(path)]);
    }
    let iterator = paths.try_iter().map_err(|_| not_a_path(paths))?;
    let mut inputs = Vec::new();
    for path in iterator {
        let path = path?;
        inputs.push(Input::from_arg(one_path(&path)?.ok_or_else(|| not_a_path(&path))?));
    }
    Ok(inputs)
}

fn one_path(path: &Bound<'_, PyAny>) -> PyResult<Option<OsString>> {
    if let Ok(bytes) = path.cast::<PyBytes>() {
        return Ok(Some(os_string_from_bytes(bytes.as_bytes())));
    }
    if path.is_instance_of::<PyString>() || path.hasattr("__fspath__")? {
        let fspath = path.py().import("os")?.getattr("fspath")?.call1((path,))?;
        if let Ok(bytes) = fspath.cast::<PyBytes>() {
            return Ok(Some(os_string_from_bytes(bytes.as_bytes())));
        }
        return Ok(Some(fspath.extract::<PathBuf>()?.into_os_string()));
    }
    Ok(None)
}

#[cfg(unix)]
fn os_string_from_bytes(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes.to_vec())
}

#[cfg(not(unix))]
fn os_string_from_bytes(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(bytes).into_owned())
}

fn not_a_path(value: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!(
        "paths must be a path (str, bytes or os.PathLike) or an iterable of paths, not {}",
        type_name(value)
    ))
}

fn thread_error(err: impl std::fmt::Display) -> PyErr {
    PyOSError::new_err(format!("cannot start pagewash's worker threads: {err}"))
}
