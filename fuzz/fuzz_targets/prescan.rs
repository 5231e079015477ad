//! The `<meta>` prescan and the XML declaration reader on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagewash::decode::prescan;

fuzz_target!(|data: &[u8]| {
    let _ = prescan::prescan(data);
    let _ = prescan::xml_declaration(data);
    let _ = prescan::charset_from_content(data);
});
