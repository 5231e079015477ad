//! HTML → main content and metadata.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::content::{Block, BlockKind, Extracted, Metadata};

/// Elements whose text never belongs to the content.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe", "object",
];

/// Elements that start a new block of text.
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "footer",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "pre",
    "br",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "form",
    "hr",
    "address",
    "center",
];

/// Extracts the text blocks and the title of an HTML page.
pub fn extract(html: &str) -> Extracted {
    let document = Html::parse_document(html);
    let mut blocks = Vec::new();
    let mut line = String::new();
    let mut skip_depth = 0usize;
    let mut title = None;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let name = element.name();
                    if name == "title" && title.is_none() {
                        let text: String = node
                            .children()
                            .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                            .collect();
                        title = Some(normalize_space(&text)).filter(|t| !t.is_empty());
                    }
                    if skip_depth > 0 || SKIPPED.contains(&name) {
                        skip_depth += 1;
                    } else if BLOCK_LEVEL.contains(&name) {
                        flush(&mut line, &mut blocks);
                    }
                }
                Node::Text(text) if skip_depth == 0 => line.push_str(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if BLOCK_LEVEL.contains(&element.name()) {
                        flush(&mut line, &mut blocks);
                    }
                }
            }
        }
    }
    flush(&mut line, &mut blocks);
    Extracted {
        blocks,
        meta: Metadata {
            title,
            ..Metadata::default()
        },
        asides: Vec::new(),
    }
}

fn flush(line: &mut String, blocks: &mut Vec<Block>) {
    let text = normalize_space(line);
    if !text.is_empty() {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text,
        });
    }
    line.clear();
}

/// Collapses runs of whitespace into one space and trims.
fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_title() {
        let out = extract("<title> A  page </title><body><p>One <b>two</b></p><script>x</script><div>Three</div>");
        assert_eq!(out.meta.title.as_deref(), Some("A page"));
        assert_eq!(out.text(), "One two\nThree");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(2_000) + "deep" + &"</div>".repeat(2_000);
        assert_eq!(extract(&html).text(), "deep");
    }
}
