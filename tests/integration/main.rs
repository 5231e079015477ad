//! Integration tests: one binary, one file per topic.

mod cli;
mod crawl;
mod decode;
mod dedup;
mod errors;
mod extract;
mod fixtures;
mod inputs;
mod markdown;
mod outputs;
mod readme;
mod spam;
mod spark;
mod text;
mod util;
mod walks;
