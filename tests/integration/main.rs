//! Integration tests: one binary, one file per topic.

mod decode;
mod fixtures;
mod util;
