//! Integration tests: one binary, one file per topic.

mod cli;
mod errors;
mod fixtures;
mod inputs;
mod util;
