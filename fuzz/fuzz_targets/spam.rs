//! The spam stage on arbitrary content: lines become blocks, lines starting with `#` chrome
//! asides and lines starting with `!` hidden ones (`[text](href)` pairs in them links).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagewash::content::{Aside, AsideKind, AsidePosition, Block, Extracted, Link};
use pagewash::spam::{SpamOptions, scrub};

fn links(line: &str) -> Vec<Link> {
    line.split('[')
        .skip(1)
        .filter_map(|piece| {
            let (text, rest) = piece.split_once("](")?;
            let (href, _) = rest.split_once(')')?;
            Some(Link {
                href: href.to_string(),
                text: text.to_string(),
            })
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let mut extracted = Extracted::default();
    for (i, line) in text.lines().enumerate() {
        let position = match i % 3 {
            0 => AsidePosition::Head,
            1 => AsidePosition::Tail,
            _ => AsidePosition::Inline,
        };
        if let Some(rest) = line.strip_prefix('#') {
            extracted.asides.push(Aside {
                kind: AsideKind::Chrome,
                text: rest.to_string(),
                links: links(rest),
                position,
            });
        } else if let Some(rest) = line.strip_prefix('!') {
            extracted.asides.push(Aside {
                kind: AsideKind::Hidden,
                text: rest.to_string(),
                links: links(rest),
                position,
            });
        } else if !line.trim().is_empty() {
            extracted.blocks.push(Block::paragraph(line.trim()));
        }
    }
    let before = extracted.text().chars().count();
    let keep = selector & 1 != 0;
    let _ = scrub(&mut extracted, &SpamOptions { keep });
    let after = extracted.text().chars().count();
    if keep {
        assert_eq!(before, after, "--keep-spam changed the text");
    }
});
