//! The README's example record is what the tool prints for that fixture.

use crate::util::{pagewash, parse_records, root};

#[test]
fn readme_example_record_is_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let marker = "Example: the record of `";
    let start = readme.find(marker).expect("README has an example record") + marker.len();
    let fixture = &readme[start..start + readme[start..].find('`').unwrap()];
    let block = &readme[start..];
    let json_start = block.find("```json\n").unwrap() + "```json\n".len();
    let json_end = json_start + block[json_start..].find("```").unwrap();
    let documented: serde_json::Value = serde_json::from_str(&block[json_start..json_end]).unwrap();
    let output = pagewash()
        .current_dir(root())
        .args(["--quiet", fixture])
        .output()
        .unwrap();
    assert_eq!(
        parse_records(&output.stdout),
        vec![documented],
        "update the README example"
    );
}
