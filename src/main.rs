//! The pagewash binary: parse flags, run the batch, map the outcome to an exit status.

use std::process::ExitCode;

/// mimalloc instead of the system allocator: a page's DOM, lines and records are many small
/// allocations freed together, which glibc's malloc spends about a tenth of the run on. Its v2
/// (the crate feature): v3 tripled the peak memory over extract-en (77 MB against glibc's 26 MB,
/// v2's 40 MB) and spent the time saved clearing fresh pages in the kernel.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use pagewash::exit_codes;
use pagewash::flags::Args;
use pagewash::output::JsonLines;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => ExitCode::SUCCESS,
                _ => ExitCode::from(exit_codes::RUN_FAILED as u8),
            };
        }
    };
    match run(args) {
        Ok(code) => ExitCode::from(code as u8),
        Err(err) => {
            eprintln!("pagewash: {err:#}");
            ExitCode::from(exit_codes::RUN_FAILED as u8)
        }
    }
}

fn run(args: Args) -> anyhow::Result<i32> {
    let quiet = args.quiet;
    let job = args.into_job()?;
    install_panic_hook(quiet);
    match pagewash::batch::run(&job, &JsonLines) {
        Ok(summary) if summary.errors > 0 => Ok(exit_codes::DOCUMENT_ERRORS),
        Ok(_) => Ok(exit_codes::SUCCESS),
        Err(pagewash::batch::RunError::Output(err)) if err.is_broken_pipe() => Ok(exit_codes::SUCCESS),
        Err(err) => Err(err.into()),
    }
}

/// Panics inside a document's processing become `internal` error records; the default hook
/// would also print a backtrace note per panic. Keep one line, and none under `--quiet`.
fn install_panic_hook(quiet: bool) {
    std::panic::set_hook(Box::new(move |info| {
        if !quiet {
            let location = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            eprintln!("pagewash: internal error{location} (recorded as an `internal` error record)");
        }
    }));
}
