//! Integration tests: one binary, one file per topic.

mod fixtures;
mod util;
