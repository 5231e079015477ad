//! Language identification alone, for `scripts/eval-lang`: reads texts from stdin, one a line,
//! and prints the ISO 639-1 code pagewash gives each (`-` for none), one a line.

use std::io::{BufRead, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let lang = pagewash::meta::detect_lang(&line, None);
        writeln!(out, "{}", lang.as_deref().unwrap_or("-"))?;
    }
    out.flush()
}
