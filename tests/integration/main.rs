//! Integration tests: one binary, one file per topic.

mod cli;
mod crawl;
mod decode;
mod errors;
mod extract;
mod fixtures;
mod inputs;
mod outputs;
mod readme;
mod spam;
mod spark;
mod text;
mod util;
mod walks;
