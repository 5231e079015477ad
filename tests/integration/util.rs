//! Shared test helpers.

use std::path::{Path, PathBuf};

use pagewash::batch::{PipelineOptions, process};
use pagewash::input::{Documents, Input, InputOptions};
use pagewash::record::Record;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Records for one input through the library, as the binary would produce them.
pub fn records_for(path: &Path, input: InputOptions, pipeline: &PipelineOptions) -> Vec<Record> {
    let arg = path.to_string_lossy().into_owned();
    Documents::new(vec![Input::Path(arg)], None, input)
        .expect("no input list")
        .map(|doc| process(doc.expect("no run failure"), pipeline))
        .collect()
}

/// A command for the release-independent test binary.
pub fn pagewash() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("pagewash").expect("binary is built")
}
