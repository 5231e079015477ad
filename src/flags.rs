//! The command line: [`Args`] is the raw parse (clap), [`Args::into_job`] validates it into
//! a [`Job`]; [`generate`] writes the man page and shell completions.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, ValueEnum, ValueHint};

use crate::batch::{DedupMode, DedupOptions, Job, PipelineOptions, TextOptions};
use crate::decode::DecodeOptions;
use crate::decode::repair::{self, RepairOptions};
use crate::decode::script::Script;
use crate::input::{Format, Input, InputOptions, JsonlFields, Shard, WalkOptions, walk};
use crate::spam::SpamOptions;

/// `pagewash --version`: the crate version and, when the build could ask git, the commit.
pub const VERSION: &str = env!("PAGEWASH_VERSION");

/// The end of `--help`: exit statuses and examples.
const AFTER_HELP: &str = "\
Exit status: 0 every document processed; 2 some documents got an `error` record (all the others \
were still written); 1 the run itself failed (bad usage, unreadable input list, unwritable \
output), before any record was written when it could be told at the start; 130 or 143 \
interrupted by SIGINT or SIGTERM (a file output is left as it was).

Examples:
  pagewash pages/ -o pages.jsonl.zst --stats run-stats.json
      A directory of saved pages, to a compressed file, with the run's statistics.
  pagewash -g '*.html' -g '!drafts/' site-mirror/ > records.jsonl
      Only the HTML pages of a mirrored site, leaving its drafts out.
  find crawl/ -name '*.warc.gz' | pagewash --input-list - -o crawl.jsonl.gz
      Every WARC file below crawl/, named one per line on stdin.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Auto,
    Html,
    Text,
    Warc,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormatArg {
    Plain,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DedupArg {
    Exact,
    Near,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScriptArg {
    Keep,
    Simplified,
}

/// What `--generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    Man,
    CompleteBash,
    CompleteZsh,
    CompleteFish,
    CompletePowershell,
    CompleteElvish,
}

/// Turn raw scraped web pages into clean, structured JSON: one record per document, in input
/// order.
#[derive(Debug, Parser)]
#[command(name = "pagewash", version = VERSION, about, max_term_width = 100, after_help = AFTER_HELP)]
pub struct Args {
    /// Files, directories (walked recursively in byte-wise sorted order), WARC/WET, ARC or
    /// JSONL files (optionally .gz/.zst/.bz2/.xz); `-` for stdin. With no input and stdin not a
    /// terminal, reads stdin.
    #[arg(value_name = "INPUT", value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<OsString>,

    /// Read input paths from FILE, one per line (`-` = stdin); blank lines and lines starting
    /// with `#` are skipped, spaces around a path trimmed.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Input")]
    pub input_list: Option<OsString>,

    /// How to read inputs: by extension then content (auto), or force one format.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto, help_heading = "Input")]
    pub format: FormatArg,

    /// JSONL field holding HTML.
    #[arg(long, value_name = "NAME", default_value = "html", help_heading = "Input")]
    pub html_field: String,
    /// JSONL field holding plain text.
    #[arg(long, value_name = "NAME", default_value = "text", help_heading = "Input")]
    pub text_field: String,
    /// JSONL field holding the document id.
    #[arg(long, value_name = "NAME", default_value = "id", help_heading = "Input")]
    pub id_field: String,
    /// JSONL field holding the URL.
    #[arg(long, value_name = "NAME", default_value = "url", help_heading = "Input")]
    pub url_field: String,
    /// JSONL field holding the page's transport charset label, if your producer kept one.
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub charset_field: Option<String>,

    /// Write records to FILE: a file is replaced atomically when the run completes (through a
    /// symlink, its target), a device or FIFO written as it is, `-` is stdout; `.gz`, `.zst`,
    /// `.bz2`, `.xz` compress; `.parquet` writes Parquet. Default: stdout.
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Worker threads (default: all cores, or fewer when the available memory holds fewer
    /// workers at 1 GiB each for 64 MiB documents). Output order never depends on it.
    #[arg(short = 'j', long, value_name = "N", help_heading = "Processing")]
    pub threads: Option<usize>,

    /// Process only shard I of N (0-based), split by a stable hash of document ids.
    #[arg(long, value_name = "I/N", help_heading = "Input")]
    pub shard: Option<Shard>,

    /// Documents larger than this become `too-large` error records (bytes; K, M, G, KiB, MiB,
    /// GiB suffixes).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size, help_heading = "Input")]
    pub max_bytes: u64,

    /// Decode every document with this encoding label, as if its transport declared it.
    #[arg(long, value_name = "LABEL", help_heading = "Processing")]
    pub encoding: Option<String>,

    /// Turn a repair family off (repeatable): misaligned-gbk, pinyin-annotation, utf8-as-gbk,
    /// utf8-as-latin1, gbk-as-latin1, replacement-run, leaked-markup, or `all`.
    #[arg(long, value_name = "KIND", help_heading = "Processing")]
    pub no_repair: Vec<String>,

    /// Report spam but leave it in `text`.
    #[arg(long, help_heading = "Processing")]
    pub keep_spam: bool,

    /// Chinese script of `text` and metadata.
    #[arg(long, value_enum, default_value_t = ScriptArg::Keep, help_heading = "Processing")]
    pub script: ScriptArg,

    /// `text` as plain lines, one block a line, or as Markdown (headings, lists, pipe tables,
    /// fenced code, quotes).
    #[arg(long, value_enum, default_value_t = TextFormatArg::Plain, help_heading = "Output")]
    pub text_format: TextFormatArg,

    /// With `--text-format markdown`, write the text's links as `[text](url)`.
    #[arg(long, help_heading = "Output")]
    pub links: bool,

    /// No progress bar or summary on stderr.
    #[arg(short, long, help_heading = "Output")]
    pub quiet: bool,

    /// Write the run's summary as JSON to FILE (written as -o is).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Output")]
    pub stats: Option<PathBuf>,

    /// In directory walks, read only files that match GLOB (gitignore syntax, matched below the
    /// walked directory: `*.html`, `news/**`); `!GLOB` leaves files out. Repeatable; a later
    /// glob wins. Files named on the command line are always read.
    #[arg(short = 'g', long = "glob", value_name = "GLOB", help_heading = "Directory walks")]
    pub globs: Vec<String>,

    /// In directory walks, read only files with extension EXT (repeatable, or comma-separated:
    /// `-e html,htm`); `-e warc` also reads `.warc.gz`.
    #[arg(
        short = 'e',
        long = "extension",
        visible_alias = "include-ext",
        value_name = "EXT",
        value_delimiter = ',',
        help_heading = "Directory walks"
    )]
    pub extensions: Vec<String>,

    /// Leave out hidden files and directories (names starting with `.`).
    #[arg(long, overrides_with = "hidden", help_heading = "Directory walks")]
    pub no_hidden: bool,

    /// Read hidden files and directories (the default; undoes --no-hidden).
    #[arg(short = 'H', long, overrides_with = "no_hidden", help_heading = "Directory walks")]
    pub hidden: bool,

    /// Honour `.ignore` files, and `.gitignore` files inside git repositories, as ripgrep and fd
    /// do.
    #[arg(long, overrides_with = "no_ignore", help_heading = "Directory walks")]
    pub ignore: bool,

    /// Read what ignore files list (the default; undoes --ignore).
    #[arg(short = 'I', long, overrides_with = "ignore", help_heading = "Directory walks")]
    pub no_ignore: bool,

    /// Follow symbolic links to directories (links to files are always read).
    #[arg(short = 'L', long, help_heading = "Directory walks")]
    pub follow: bool,

    /// Print the man page (`--generate man > pagewash.1`) or a shell's completions on stdout,
    /// and exit.
    #[arg(long, value_enum, value_name = "KIND")]
    pub generate: Option<Generate>,

    /// Also output WARC/ARC records that are not pages (requests, redirects, errors, images…),
    /// as records with error kind `skipped`. They are counted in the summary either way.
    #[arg(long, help_heading = "Input")]
    pub all_records: bool,

    /// Drop later copies of a document within the run, keeping the first: the same text
    /// (exact), or a fingerprint at most 3 bits away (near). Counted in the summary.
    #[arg(long, value_enum, value_name = "MODE", help_heading = "Output")]
    pub dedup: Option<DedupArg>,

    /// Kept documents --dedup remembers (the oldest are forgotten past it; memory is about 50
    /// bytes a document).
    #[arg(long, value_name = "N", default_value_t = crate::batch::DEFAULT_WINDOW, requires = "dedup", help_heading = "Output")]
    pub dedup_window: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    #[error("no input: give files, directories or `-`, or pipe data to stdin")]
    NoInput,
    #[error("unknown encoding label {0:?}")]
    UnknownEncoding(String),
    #[error("unknown repair kind {0:?} for --no-repair (known: {known}, all)", known = repair::KINDS.join(", "))]
    UnknownRepair(String),
    #[error("--encoding {0:?} names the replacement encoding, which decodes every document to one U+FFFD")]
    ReplacementEncoding(String),
    #[error("--threads must be at least 1")]
    ZeroThreads,
    #[error("invalid --glob: {0}")]
    Glob(String),
    #[error("--stats - and the records would both go to stdout: give -o FILE or another --stats FILE")]
    StdoutTwice,
    #[error("-o and --stats name the same file, {0:?}")]
    SameOutput(PathBuf),
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
        let pipeline = self.pipeline_options()?;
        let input = self.input_options()?;
        let threads = self.thread_count()?;
        let mut inputs: Vec<Input> = self.inputs.into_iter().map(Input::from_arg).collect();
        if inputs.is_empty() && self.input_list.is_none() {
            if std::io::stdin().is_terminal() {
                return Err(UsageError::NoInput);
            }
            inputs.push(Input::Stdin);
        }
        let is_stdout = |path: &Option<PathBuf>| path.as_ref().is_none_or(|p| p.as_os_str() == "-");
        if self.stats.as_ref().is_some_and(|p| p.as_os_str() == "-") && is_stdout(&self.output) {
            return Err(UsageError::StdoutTwice);
        }
        if let (Some(output), Some(stats)) = (&self.output, &self.stats)
            && output == stats
            && output.as_os_str() != "-"
        {
            return Err(UsageError::SameOutput(output.clone()));
        }
        Ok(Job {
            inputs,
            input_list: self.input_list.map(PathBuf::from),
            input,
            pipeline,
            threads,
            output: self.output,
            progress: !self.quiet && std::io::stderr().is_terminal(),
            summary: !self.quiet,
            stats: self.stats,
            all_records: self.all_records,
            dedup: self.dedup.map(|mode| DedupOptions {
                mode: match mode {
                    DedupArg::Exact => DedupMode::Exact,
                    DedupArg::Near => DedupMode::Near,
                },
                window: self.dedup_window,
            }),
        })
    }

    /// How each document is processed (the options headed `Processing`, but `-j`, and the text's
    /// format, `--text-format` and `--links`): also what
    /// library callers and the Python binding validate their options with.
    pub fn pipeline_options(&self) -> Result<PipelineOptions, UsageError> {
        let encoding_override = match &self.encoding {
            None => None,
            Some(label) => match crate::decode::labels::resolve(label) {
                None => return Err(UsageError::UnknownEncoding(label.clone())),
                Some(encoding) if encoding == encoding_rs::REPLACEMENT => {
                    return Err(UsageError::ReplacementEncoding(label.clone()));
                }
                Some(encoding) => Some(encoding),
            },
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
        let script = match self.script {
            ScriptArg::Keep => Script::Keep,
            ScriptArg::Simplified => Script::Simplified,
        };
        Ok(PipelineOptions {
            decode: DecodeOptions {
                encoding_override,
                repairs: RepairOptions { disabled },
                script,
            },
            spam: SpamOptions { keep: self.keep_spam },
            text: TextOptions {
                markdown: self.text_format == TextFormatArg::Markdown,
                links: self.links,
            },
        })
    }

    /// How inputs are read (the options headed `Input` and `Directory walks`).
    pub fn input_options(&self) -> Result<InputOptions, UsageError> {
        let format = match self.format {
            FormatArg::Auto => Format::Auto,
            FormatArg::Html => Format::Html,
            FormatArg::Text => Format::Text,
            FormatArg::Warc => Format::Warc,
            FormatArg::Jsonl => Format::Jsonl,
        };
        if let Err(err) = walk::compile_globs(Path::new("."), &self.globs) {
            return Err(UsageError::Glob(err.to_string()));
        }
        let walk = WalkOptions {
            hidden: !self.no_hidden,
            ignore_files: self.ignore,
            follow: self.follow,
            globs: self.globs.clone(),
            extensions: self
                .extensions
                .iter()
                .map(|ext| ext.trim().trim_start_matches('.').to_ascii_lowercase())
                .filter(|ext| !ext.is_empty())
                .collect(),
            // The run's outputs, known once they are opened.
            exclude: Vec::new(),
        };
        Ok(InputOptions {
            format,
            fields: JsonlFields {
                html: self.html_field.clone(),
                text: self.text_field.clone(),
                id: self.id_field.clone(),
                url: self.url_field.clone(),
                charset: self.charset_field.clone(),
            },
            max_bytes: self.max_bytes,
            shard: self.shard,
            walk,
        })
    }

    /// Worker threads: `-j`, else one per core, or fewer when the available memory holds fewer
    /// (`batch::default_threads`).
    pub fn thread_count(&self) -> Result<usize, UsageError> {
        match self.threads {
            Some(0) => Err(UsageError::ZeroThreads),
            Some(n) => Ok(n),
            None => Ok(crate::batch::default_threads(self.max_bytes)),
        }
    }
}

/// Writes the man page or a shell's completion script.
pub fn generate(kind: Generate, out: &mut dyn Write) -> io::Result<()> {
    use clap_complete::Shell;
    let mut command = Args::command();
    let shell = match kind {
        Generate::Man => return clap_mangen::Man::new(command).render(out),
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
        Generate::CompletePowershell => Shell::PowerShell,
        Generate::CompleteElvish => Shell::Elvish,
    };
    clap_complete::generate(shell, &mut command, "pagewash", out);
    Ok(())
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
        Args::command().debug_assert();
    }

    #[test]
    fn man_page_and_completions_name_the_flags() {
        let kinds = [
            Generate::Man,
            Generate::CompleteBash,
            Generate::CompleteZsh,
            Generate::CompleteFish,
            Generate::CompletePowershell,
            Generate::CompleteElvish,
        ];
        for kind in kinds {
            let mut out = Vec::new();
            generate(kind, &mut out).unwrap();
            // roff escapes the hyphens.
            let text = String::from_utf8(out).unwrap().replace('\\', "");
            for flag in ["input-list", "max-bytes", "glob", "no-hidden"] {
                assert!(text.contains(flag), "{kind:?} lacks --{flag}");
            }
        }
    }
}
