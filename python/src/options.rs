//! Keyword options → the library's option types, through the command line's own definition.
//!
//! A keyword is a long flag with `_` for `-` (`keep_spam=True` is `--keep-spam`,
//! `no_repair=["pinyin-annotation"]` is `--no-repair pinyin-annotation` twice over): the values
//! are parsed by the binary's clap parser and validated by the same functions
//! ([`Args::pipeline_options`], [`Args::input_options`], [`Args::thread_count`]), so the
//! bindings accept exactly what the command line accepts, with the same defaults, and a flag
//! added there is a keyword here with no change. Which flags a function takes is told by their
//! help headings: output flags (`-o`, `--stats`, `--quiet`…) have no meaning in-process and are
//! refused like any unknown keyword.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use clap::{ArgAction, CommandFactory, Parser};
use pagewash::flags::Args;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple};

use crate::items::type_name;

/// Which flags a function takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `clean`: how one document is processed, and the size limit.
    Clean,
    /// `clean_many`: as `clean`, plus `threads` and the field names read from dict items.
    CleanMany,
    /// `read`: everything about reading inputs and processing them.
    Read,
}

impl Scope {
    fn function(self) -> &'static str {
        match self {
            Scope::Clean => "clean",
            Scope::CleanMany => "clean_many",
            Scope::Read => "read",
        }
    }

    fn takes(self, arg: &clap::Arg) -> bool {
        let heading = arg.get_help_heading();
        let long = arg.get_long().unwrap_or_default();
        // Headed `Output`, but they shape the record's text: every function takes them.
        if matches!(long, "text-format" | "links") {
            return true;
        }
        match self {
            Scope::Clean => (heading == Some("Processing") && long != "threads") || long == "max-bytes",
            Scope::CleanMany => {
                heading == Some("Processing")
                    || matches!(
                        long,
                        "max-bytes" | "html-field" | "text-field" | "id-field" | "url-field" | "charset-field"
                    )
            }
            Scope::Read => matches!(heading, Some("Input" | "Processing" | "Directory walks")),
        }
    }
}

static COMMAND: LazyLock<clap::Command> = LazyLock::new(Args::command);

/// The parsed flags of `kwargs` for a function of `scope`. A keyword the function does not
/// take, or a value of the wrong type, is a `TypeError`; a value the flag refuses is a
/// `ValueError`.
pub fn parse(scope: Scope, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Args> {
    let argv = argv(scope, kwargs)?;
    parse_argv(&argv)
}

/// The command line `kwargs` stand for (without the program name).
pub fn argv(scope: Scope, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Vec<String>> {
    let mut argv = Vec::new();
    let Some(kwargs) = kwargs else {
        return Ok(argv);
    };
    for (key, value) in kwargs.iter() {
        let key: String = key.extract()?;
        let long = key.replace('_', "-");
        let arg = COMMAND
            .get_arguments()
            .find(|arg| arg.get_long() == Some(long.as_str()) && !key.contains('-') && scope.takes(arg))
            .ok_or_else(|| {
                PyTypeError::new_err(format!(
                    "{}() got an unexpected keyword argument '{key}'",
                    scope.function()
                ))
            })?;
        push_flag(&mut argv, arg, &key, &value)?;
    }
    Ok(argv)
}

fn push_flag(argv: &mut Vec<String>, arg: &clap::Arg, key: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let long = arg.get_long().unwrap_or_default();
    if value.is_none() {
        // The flag's default.
        return Ok(());
    }
    match arg.get_action() {
        ArgAction::SetTrue | ArgAction::SetFalse => {
            let Ok(on) = value.cast::<PyBool>() else {
                return Err(PyTypeError::new_err(format!(
                    "{key} must be True or False, not {}",
                    type_name(value)
                )));
            };
            if on.is_true() {
                argv.push(format!("--{long}"));
            }
        }
        ArgAction::Append => {
            let many = value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>();
            if many {
                for item in value.try_iter()? {
                    argv.push(format!("--{long}={}", scalar(key, &item?)?));
                }
            } else {
                argv.push(format!("--{long}={}", scalar(key, value)?));
            }
        }
        _ => argv.push(format!("--{long}={}", scalar(key, value)?)),
    }
    Ok(())
}

/// A flag's value as the command line would spell it: a string, an integer or a path.
fn scalar(key: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return Ok(value.str()?.to_cow()?.into_owned());
    }
    if let Ok(path) = value.extract::<std::path::PathBuf>() {
        return Ok(path.to_string_lossy().into_owned());
    }
    Err(PyTypeError::new_err(format!(
        "{key} must be a string or an integer, not {}",
        type_name(value)
    )))
}

fn parse_argv(argv: &[String]) -> PyResult<Args> {
    let program = std::iter::once("pagewash".to_string());
    Args::try_parse_from(program.chain(argv.iter().cloned())).map_err(|err| PyValueError::new_err(clap_message(&err)))
}

/// clap's message, first line, with flags named as keywords (`'--script <SCRIPT>'` → `script`).
fn clap_message(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let message = first.strip_prefix("error: ").unwrap_or(first);
    let mut possible = String::new();
    if let Some(clap::error::ContextValue::Strings(values)) = err.get(clap::error::ContextKind::ValidValue) {
        possible = format!(" (possible values: {})", values.join(", "));
    }
    keywords_for_flags(message) + &possible
}

/// Flags in a message as the keywords that stand for them: `'--no-repair <KIND>'` and
/// `--no-repair` both become `no_repair`.
pub fn keywords_for_flags(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("--") {
        let quoted = rest[..at].ends_with('\'');
        let (before, flag) = rest.split_at(at);
        let name_len = flag[2..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(flag.len() - 2);
        let name = &flag[2..2 + name_len];
        if name.is_empty() {
            out.push_str(before);
            out.push_str("--");
            rest = &flag[2..];
            continue;
        }
        let mut after = &flag[2 + name_len..];
        if quoted {
            // `'--flag <VALUE>'`: the quotes and the value name go.
            out.push_str(&before[..before.len() - 1]);
            after = after.find('\'').map_or(after, |end| &after[end + 1..]);
        } else {
            out.push_str(before);
        }
        out.push_str(&name.replace('-', "_"));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Options of `clean` (parsed once per distinct set of keywords: a call in a loop with the
/// same keywords does not parse them again).
#[derive(Debug)]
pub struct CleanOptions {
    pub pipeline: pagewash::batch::PipelineOptions,
    pub max_bytes: u64,
}

const CACHED_OPTION_SETS: usize = 64;

static CLEAN_CACHE: LazyLock<Mutex<HashMap<Vec<String>, Arc<CleanOptions>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

pub fn clean_options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Arc<CleanOptions>> {
    let argv = argv(Scope::Clean, kwargs)?;
    if let Some(options) = CLEAN_CACHE.lock().ok().and_then(|cache| cache.get(&argv).cloned()) {
        return Ok(options);
    }
    let args = parse_argv(&argv)?;
    let options = Arc::new(CleanOptions {
        pipeline: args.pipeline_options().map_err(usage_error)?,
        max_bytes: args.max_bytes,
    });
    if let Ok(mut cache) = CLEAN_CACHE.lock() {
        if cache.len() >= CACHED_OPTION_SETS {
            cache.clear();
        }
        cache.insert(argv, Arc::clone(&options));
    }
    Ok(options)
}

/// A flag value the library refused, as Python's `ValueError`.
pub fn usage_error(err: pagewash::flags::UsageError) -> PyErr {
    PyValueError::new_err(keywords_for_flags(&err.to_string()))
}
