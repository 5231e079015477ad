//! Integration tests: one binary, one file per topic.

mod cli;
mod decode;
mod dedup;
mod errors;
mod extract;
mod fixtures;
mod inputs;
mod markdown;
mod readme;
mod spam;
mod text;
mod util;
