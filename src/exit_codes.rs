//! The process exit statuses of `../shared/CONTRACT.md`.

/// Every document was processed without an `error` record.
pub const SUCCESS: i32 = 0;
/// The run itself failed: bad usage, an unreadable input list, an output that cannot be written.
pub const RUN_FAILED: i32 = 1;
/// At least one document got an `error` record; all the others were still written.
pub const DOCUMENT_ERRORS: i32 = 2;

/// The run was interrupted by `signal` (SIGINT: 130, SIGTERM: 143), as a shell reports it.
pub fn interrupted(signal: i32) -> i32 {
    128 + signal
}
