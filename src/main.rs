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
use pagewash::flags::{self, Args};
use pagewash::output::{self, JsonLines};

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
    if let Some(kind) = args.generate {
        let mut stdout = std::io::stdout().lock();
        return match flags::generate(kind, &mut stdout).and_then(|()| std::io::Write::flush(&mut stdout)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("pagewash: cannot write --generate output: {err}");
                ExitCode::from(exit_codes::RUN_FAILED as u8)
            }
        };
    }
    if let Err(err) = handle_signals() {
        eprintln!("pagewash: cannot install signal handlers: {err}");
        return ExitCode::from(exit_codes::RUN_FAILED as u8);
    }
    match run(args) {
        Ok(code) => ExitCode::from(code as u8),
        Err(err) => {
            // Each error's message already says its cause.
            eprintln!("pagewash: {err}");
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

/// SIGINT, SIGTERM and SIGHUP end the run at once, as they would by default, but first remove
/// the temporary file of a `-o` output (which the default would leave behind); the exit status
/// is the shell's for a death by that signal, 128 + its number (130, 143, 129).
fn handle_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("pagewash-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                output::remove_temporary_files();
                std::process::exit(exit_codes::interrupted(signal));
            }
        })?;
    Ok(())
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
