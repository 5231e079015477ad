//! Integration tests: one binary, one file per topic.

mod cli;
mod errors;
mod extract;
mod fixtures;
mod inputs;
mod util;
