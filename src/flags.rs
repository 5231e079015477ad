//! The command line: [`Args`] is the raw parse (clap), [`Args::into_job`] validates it into
//! a [`Job`].

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::batch::{Job, PipelineOptions};
use crate::decode::DecodeOptions;
use crate::decode::repair::{self, RepairOptions};
use crate::decode::script::Script;
use crate::input::{Format, Input, InputOptions, JsonlFields, Shard};
use crate::spam::SpamOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Auto,
    Html,
    Text,
    Warc,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScriptArg {
    Keep,
    Simplified,
}

/// Turn raw scraped web pages into clean, structured JSON: one record per document, in input
/// order.
#[derive(Debug, Parser)]
#[command(name = "pagewash", version, about, max_term_width = 100)]
pub struct Args {
    /// Files, directories (walked recursively in sorted order), WARC/WET or JSONL files
    /// (optionally .gz/.zst); `-` for stdin. With no input and stdin not a terminal, reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Read input paths from FILE, one per line (`-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub input_list: Option<String>,

    /// How to read inputs: by extension then content (auto), or force one format.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,

    /// JSONL field holding HTML.
    #[arg(long, value_name = "NAME", default_value = "html")]
    pub html_field: String,
    /// JSONL field holding plain text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,
    /// JSONL field holding the document id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,
    /// JSONL field holding the URL.
    #[arg(long, value_name = "NAME", default_value = "url")]
    pub url_field: String,
    /// JSONL field holding the page's transport charset label, if your producer kept one.
    #[arg(long, value_name = "NAME")]
    pub charset_field: Option<String>,

    /// Write records to FILE (atomically; `.gz` / `.zst` compress). Default: stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Worker threads (default: all cores, or fewer when the available memory holds fewer
    /// workers at 1 GiB each for 64 MiB documents). Output order never depends on it.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Process only shard I of N (0-based), split by a stable hash of document ids.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,

    /// Documents larger than this become `too-large` error records (bytes; K, M, G, KiB, MiB,
    /// GiB suffixes).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_bytes: u64,

    /// Decode every document with this encoding label, as if its transport declared it.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// Turn a repair family off (repeatable): misaligned-gbk, pinyin-annotation, utf8-as-gbk,
    /// utf8-as-latin1, gbk-as-latin1, replacement-run, leaked-markup, or `all`.
    #[arg(long, value_name = "KIND")]
    pub no_repair: Vec<String>,

    /// Report spam but leave it in `text`.
    #[arg(long)]
    pub keep_spam: bool,

    /// Chinese script of `text` and metadata.
    #[arg(long, value_enum, default_value_t = ScriptArg::Keep)]
    pub script: ScriptArg,

    /// No progress bar or summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,

    /// Write the run's summary as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    #[error("no input: give files, directories or `-`, or pipe data to stdin")]
    NoInput,
    #[error("unknown encoding label {0:?}")]
    UnknownEncoding(String),
    #[error("unknown repair kind {0:?} for --no-repair (known: {known}, all)", known = repair::KINDS.join(", "))]
    UnknownRepair(String),
    #[error("--threads must be at least 1")]
    ZeroThreads,
}

fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| format!("invalid size {text:?}"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return Err(format!("invalid size unit in {text:?}")),
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("size {text:?} too large"))
}

impl Args {
    /// Validates the raw arguments into a job.
    pub fn into_job(self) -> Result<Job, UsageError> {
        let mut inputs: Vec<Input> = self.inputs.iter().map(|arg| Input::from_arg(arg)).collect();
        if inputs.is_empty() && self.input_list.is_none() {
            if std::io::stdin().is_terminal() {
                return Err(UsageError::NoInput);
            }
            inputs.push(Input::Stdin);
        }
        let encoding_override = match &self.encoding {
            None => None,
            Some(label) => {
                Some(crate::decode::labels::resolve(label).ok_or_else(|| UsageError::UnknownEncoding(label.clone()))?)
            }
        };
        let mut disabled = Vec::new();
        for kind in self.no_repair.iter().flat_map(|k| k.split(',')) {
            let kind = kind.trim();
            if kind == "all" {
                disabled.extend(repair::KINDS.iter().map(|k| k.to_string()));
            } else if repair::KINDS.contains(&kind) {
                disabled.push(kind.to_string());
            } else {
                return Err(UsageError::UnknownRepair(kind.to_string()));
            }
        }
        let threads = match self.threads {
            Some(0) => return Err(UsageError::ZeroThreads),
            Some(n) => n,
            None => crate::batch::default_threads(self.max_bytes),
        };
        let format = match self.format {
            FormatArg::Auto => Format::Auto,
            FormatArg::Html => Format::Html,
            FormatArg::Text => Format::Text,
            FormatArg::Warc => Format::Warc,
            FormatArg::Jsonl => Format::Jsonl,
        };
        let script = match self.script {
            ScriptArg::Keep => Script::Keep,
            ScriptArg::Simplified => Script::Simplified,
        };
        Ok(Job {
            inputs,
            input_list: self.input_list,
            input: InputOptions {
                format,
                fields: JsonlFields {
                    html: self.html_field,
                    text: self.text_field,
                    id: self.id_field,
                    url: self.url_field,
                    charset: self.charset_field,
                },
                max_bytes: self.max_bytes,
                shard: self.shard,
            },
            pipeline: PipelineOptions {
                decode: DecodeOptions {
                    encoding_override,
                    repairs: RepairOptions { disabled },
                    script,
                },
                spam: SpamOptions { keep: self.keep_spam },
            },
            threads,
            output: self.output,
            progress: !self.quiet && std::io::stderr().is_terminal(),
            summary: !self.quiet,
            stats: self.stats,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("2k"), Ok(2000));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("").is_err());
    }

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
