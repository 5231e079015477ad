//! `--text-format markdown`: the blocks of a content stage written as Markdown (CommonMark
//! with GitHub's pipe tables): headings `#`, list items `-` and `1.` indented by nesting, pipe
//! tables (the first row as the header), code fenced with its language, quotes `>`, and with
//! `--links` the links of the text as `[text](url)`.
//!
//! Blocks are separated by a blank line, except the items of one list, the rows of one table
//! and the lines of one code block. A paragraph that would read as Markdown structure (`# `,
//! `- `, `1. `, `> `, a fence) has its first character escaped; table cells have their pipes
//! escaped. Other text is left as it is: the output is for reading and training, and escaping
//! every `*` and `_` of prose would damage it more than the rare emphasis it prevents.

use crate::content::{Block, BlockKind, Form};

/// Markdown of `blocks`; `links`: write their links as `[text](url)`.
pub fn render(blocks: &[Block], links: bool) -> String {
    let mut out = String::new();
    let mut code_open = false;
    for (i, block) in blocks.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| &blocks[p]);
        let code_continues = code_open && block.kind == BlockKind::Code && !block.form.starts;
        if code_open && !code_continues {
            out.push_str("\n```");
            code_open = false;
        }
        // A later line of a heading (cut by `<br>`): Markdown headings are one line.
        let heading_continues = block.kind == BlockKind::Heading
            && !block.form.starts
            && previous.is_some_and(|p| p.kind == BlockKind::Heading && p.form.level == block.form.level);
        if heading_continues {
            out.push(' ');
        } else if let Some(previous) = previous {
            out.push('\n');
            if !(code_continues || continues(previous, block)) {
                out.push('\n');
            }
        }
        let text = if links && block.kind != BlockKind::Code {
            linked(&block.text, &block.form)
        } else {
            block.text.clone()
        };
        match block.kind {
            BlockKind::Heading if heading_continues => out.push_str(&text),
            BlockKind::Heading => {
                let level = match block.form.level {
                    0 => 2,
                    level => level.min(6),
                };
                out.push_str(&"#".repeat(level as usize));
                out.push(' ');
                out.push_str(&text);
            }
            BlockKind::ListItem => {
                let indent = "   ".repeat(block.form.depth.saturating_sub(1) as usize);
                out.push_str(&indent);
                if block.form.starts || !matches!(previous, Some(p) if p.kind == BlockKind::ListItem) {
                    match block.form.number {
                        Some(n) => out.push_str(&format!("{n}. ")),
                        None => out.push_str("- "),
                    }
                } else {
                    // A later line of the same item: a paragraph of it.
                    out.push_str("   ");
                }
                out.push_str(&text);
            }
            BlockKind::Quote => {
                for _ in 0..block.form.depth.max(1) {
                    out.push_str("> ");
                }
                out.push_str(&escape_start(&text));
            }
            BlockKind::Code => {
                if !code_continues {
                    out.push_str("```");
                    out.push_str(block.form.code_lang.as_deref().unwrap_or(""));
                    out.push('\n');
                    code_open = true;
                }
                out.push_str(&text);
            }
            BlockKind::TableRow => {
                let cells: Vec<String> = text.split(" | ").map(|c| c.replace('|', "\\|")).collect();
                out.push_str("| ");
                out.push_str(&cells.join(" | "));
                out.push_str(" |");
                if starts_table(previous, block) {
                    out.push_str("\n|");
                    out.push_str(&" --- |".repeat(cells.len()));
                }
            }
            BlockKind::Paragraph => out.push_str(&escape_start(&text)),
        }
    }
    if code_open {
        out.push_str("\n```");
    }
    out
}

/// Whether `block` goes on the line right after `previous` (same list, same table).
fn continues(previous: &Block, block: &Block) -> bool {
    match (previous.kind, block.kind) {
        (BlockKind::ListItem, BlockKind::ListItem) => true,
        (BlockKind::TableRow, BlockKind::TableRow) => !block.form.starts,
        _ => false,
    }
}

/// Whether a table row is its table's first: a header line follows it.
fn starts_table(previous: Option<&Block>, block: &Block) -> bool {
    block.form.starts || previous.is_none_or(|p| p.kind != BlockKind::TableRow)
}

/// A paragraph's text with a first character that would open Markdown structure escaped.
fn escape_start(text: &str) -> String {
    let trimmed = text.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let ordered = digits > 0
        && digits < 10
        && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(trimmed.as_bytes().get(digits + 1), None | Some(b' '));
    if ordered {
        return format!("{}\\{}", &trimmed[..digits], &trimmed[digits..]);
    }
    let marker = matches!(
        trimmed.as_bytes(),
        [b'#' | b'>' | b'-' | b'+' | b'*', b' ' | b'#', ..]
            | [b'#' | b'>' | b'-' | b'+' | b'*']
            | [b'`', b'`', b'`', ..]
            | [b'~', b'~', b'~', ..]
            | [b'=', b'=', ..]
            | [b'|', ..]
    );
    if marker {
        format!("\\{trimmed}")
    } else {
        text.to_string()
    }
}

/// `text` with each link of `form` written `[text](url)` where its text is found, in order.
fn linked(text: &str, form: &Form) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for link in &form.links {
        let href = link.href.trim();
        let label = link.text.trim();
        if label.is_empty() || !is_followable(href) {
            continue;
        }
        let Some(found) = text[at..].find(label) else { continue };
        let start = at + found;
        out.push_str(&text[at..start]);
        out.push('[');
        out.push_str(&label.replace('[', "\\[").replace(']', "\\]"));
        out.push_str("](");
        out.push_str(&href.replace(' ', "%20").replace('(', "%28").replace(')', "%29"));
        out.push(')');
        at = start + label.len();
    }
    out.push_str(&text[at..]);
    out
}

/// A link worth writing: not a fragment of the page, not a script.
fn is_followable(href: &str) -> bool {
    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
    !href.is_empty() && !href.starts_with('#') && !lower.starts_with("javascript:")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Link;

    fn block(kind: BlockKind, text: &str, form: Form) -> Block {
        Block {
            kind,
            text: text.to_string(),
            form,
        }
    }

    #[test]
    fn structure() {
        let item = |text: &str, depth, number| {
            block(
                BlockKind::ListItem,
                text,
                Form {
                    depth,
                    number,
                    starts: true,
                    ..Form::default()
                },
            )
        };
        let row = |text: &str, starts| {
            block(
                BlockKind::TableRow,
                text,
                Form {
                    starts,
                    ..Form::default()
                },
            )
        };
        let code = |text: &str, starts| {
            block(
                BlockKind::Code,
                text,
                Form {
                    starts,
                    code_lang: Some("rust".into()),
                    ..Form::default()
                },
            )
        };
        let heading = |text: &str, level, starts| {
            block(
                BlockKind::Heading,
                text,
                Form {
                    level,
                    starts,
                    ..Form::default()
                },
            )
        };
        let blocks = vec![
            heading("Title", 1, true),
            // A heading cut by <br>: one Markdown heading; the next heading its own.
            heading("Designed to", 2, true),
            heading("be redesigned", 2, false),
            heading("Themes", 2, true),
            block(BlockKind::Paragraph, "# not a heading", Form::default()),
            item("one", 1, None),
            item("nested", 2, None),
            item("first", 1, Some(1)),
            item("second", 1, Some(2)),
            row("Name | Size", true),
            row("a|b | 3", false),
            code("fn main() {", true),
            code("}", false),
            block(
                BlockKind::Quote,
                "- quoted",
                Form {
                    depth: 1,
                    ..Form::default()
                },
            ),
            block(BlockKind::Paragraph, "2. Not a list", Form::default()),
        ];
        assert_eq!(
            render(&blocks, false),
            "# Title\n\n## Designed to be redesigned\n\n## Themes\n\n\\# not a heading\n\n- one\n   - nested\n1. first\n2. second\n\n\
             | Name | Size |\n| --- | --- |\n| a\\|b | 3 |\n\n```rust\nfn main() {\n}\n```\n\n> \\- quoted\n\n2\\. Not a list"
        );
    }

    #[test]
    fn links_where_their_text_is() {
        let form = Form {
            links: vec![
                Link {
                    href: "https://example.com/a".into(),
                    text: "the report".into(),
                },
                Link {
                    href: "#top".into(),
                    text: "top".into(),
                },
                Link {
                    href: "https://example.com/b (2)".into(),
                    text: "annex".into(),
                },
            ],
            ..Form::default()
        };
        let blocks = vec![block(
            BlockKind::Paragraph,
            "See the report and its annex, back to top.",
            form,
        )];
        assert_eq!(
            render(&blocks, true),
            "See [the report](https://example.com/a) and its [annex](https://example.com/b%20%282%29), back to top."
        );
        assert_eq!(render(&blocks, false), "See the report and its annex, back to top.");
    }
}
