//! What the benches share: loading a corpus folder once, before anything is timed.

use std::path::Path;

use pagewash::input::{Document, Documents, Input, InputOptions};

/// Every readable document under `dir`, read into memory (none when the folder is absent, so a
/// bench over a missing corpus skips instead of failing).
pub fn load_documents(dir: &Path) -> Vec<Document> {
    if !dir.exists() {
        return Vec::new();
    }
    let input = Input::Path(dir.to_path_buf());
    Documents::new(vec![input], None, InputOptions::default())
        .expect("no input list")
        .filter_map(Result::ok)
        .filter(|doc| doc.body.is_ok())
        .collect()
}
