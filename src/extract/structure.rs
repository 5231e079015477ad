//! The structure each line of the page stood in (heading level, list nesting and numbering,
//! table header rows, a code block's language), followed as the lines are cut
//! ([`super::analyze`]) and carried on each block as its [`Form`]: what Markdown output writes.

use super::dom::{Dom, NONE, NodeId, Tag};
use crate::content::{BlockKind, Form};
use html5ever::local_name;

/// What is open at the current point of the walk.
#[derive(Debug, Default)]
pub(super) struct Structure {
    lists: Vec<List>,
    heading: u8,
    quotes: u8,
    tables: Vec<NodeId>,
    /// The table whose rows were cut last.
    last_row_table: Option<NodeId>,
    /// The data row being read: whether it starts its table.
    row: Option<bool>,
    /// The next line is a list item's first.
    item_starts: bool,
    /// The next line is a heading's first (a `<br>` cuts a heading into lines).
    heading_starts: bool,
    /// The `<pre>` being read: its language, and whether its first line is still to come.
    code: Option<(Option<String>, bool)>,
}

#[derive(Debug)]
struct List {
    id: NodeId,
    ordered: bool,
    next: u32,
    /// The number of the item being read (ordered lists).
    current: Option<u32>,
}

impl Structure {
    /// An element opens (after the line before it was flushed).
    pub fn enter(&mut self, dom: &Dom, id: NodeId, tag: Tag) {
        match tag {
            Tag::Ul | Tag::Ol => self.lists.push(List {
                id,
                ordered: tag == Tag::Ol,
                next: 1,
                current: None,
            }),
            Tag::Li => {
                if let Some(list) = self.lists.last_mut() {
                    list.current = list.ordered.then_some(list.next);
                    list.next += 1;
                }
                self.item_starts = true;
            }
            Tag::H(level) => {
                self.heading = level;
                self.heading_starts = true;
            }
            Tag::Blockquote => self.quotes = self.quotes.saturating_add(1),
            Tag::Table => self.tables.push(id),
            Tag::Pre => self.code = Some((code_language(dom, id), true)),
            _ => {}
        }
    }

    /// An element closes (after its last line was flushed).
    pub fn exit(&mut self, id: NodeId, tag: Tag) {
        match tag {
            Tag::Ul | Tag::Ol if self.lists.last().is_some_and(|l| l.id == id) => {
                self.lists.pop();
            }
            Tag::H(_) => self.heading = 0,
            Tag::Blockquote => self.quotes = self.quotes.saturating_sub(1),
            Tag::Table if self.tables.last() == Some(&id) => {
                self.tables.pop();
            }
            Tag::Tr => self.row = None,
            Tag::Pre => self.code = None,
            _ => {}
        }
    }

    /// A table row read as data (its cells on one line) opens.
    pub fn data_row(&mut self) {
        let table = self.tables.last().copied();
        let starts = table.is_none() || self.last_row_table != table;
        self.last_row_table = table;
        self.row = Some(starts);
    }

    /// The form of a line of `kind` cut now.
    pub fn form(&mut self, kind: BlockKind) -> Form {
        let mut form = Form::default();
        match kind {
            BlockKind::Heading => {
                form.level = self.heading;
                form.starts = std::mem::take(&mut self.heading_starts);
            }
            BlockKind::ListItem => {
                form.depth = u8::try_from(self.lists.len()).unwrap_or(u8::MAX);
                form.number = self.lists.last().and_then(|l| l.current);
                form.starts = std::mem::take(&mut self.item_starts);
            }
            BlockKind::Quote => form.depth = self.quotes,
            BlockKind::TableRow => {
                if let Some(starts) = &mut self.row {
                    form.starts = std::mem::take(starts);
                }
            }
            BlockKind::Code => {
                if let Some((lang, starts)) = &mut self.code {
                    form.code_lang = lang.clone();
                    form.starts = std::mem::take(starts);
                }
            }
            BlockKind::Paragraph => {}
        }
        form
    }
}

/// The language a code block is marked with: `language-X` / `lang-X` on the `<pre>` or its
/// `<code>`, `highlight-X` / `highlight-source-X` on the `<pre>` or the two elements above it
/// (Sphinx, GitHub), `brush: X` (SyntaxHighlighter).
fn code_language(dom: &Dom, pre: NodeId) -> Option<String> {
    let code = dom
        .children(pre)
        .find(|&c| dom.element(c).is_some_and(|e| e.name.local == local_name!("code")));
    let parent = dom.node(pre).parent;
    let grandparent = if parent == NONE { NONE } else { dom.node(parent).parent };
    [Some(pre), code, Some(parent), Some(grandparent)]
        .into_iter()
        .flatten()
        .filter(|&id| id != NONE)
        .filter_map(|id| dom.element(id)?.attr("class"))
        .find_map(language_of_class)
}

fn language_of_class(class: &str) -> Option<String> {
    let mut words = class.split_ascii_whitespace();
    while let Some(word) = words.next() {
        let name = if word == "brush:" {
            words.next().map(|w| w.trim_end_matches(';'))
        } else {
            ["language-", "lang-", "highlight-source-", "highlight-", "brush:"]
                .iter()
                .find_map(|prefix| word.strip_prefix(prefix))
                .map(|w| w.trim_end_matches(';'))
        };
        if let Some(name) = name
            && !name.is_empty()
            && name.len() <= 20
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'#' | b'-' | b'_'))
            && !matches!(name, "none" | "text" | "plaintext" | "default" | "notranslate")
        {
            return Some(name.to_ascii_lowercase());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_languages_of_classes() {
        assert_eq!(language_of_class("language-rust").as_deref(), Some("rust"));
        assert_eq!(language_of_class("hljs lang-Python").as_deref(), Some("python"));
        assert_eq!(
            language_of_class("highlight-source-js notranslate").as_deref(),
            Some("js")
        );
        assert_eq!(language_of_class("brush: php; gutter: false").as_deref(), Some("php"));
        assert_eq!(language_of_class("language-none"), None);
        assert_eq!(language_of_class("highlight"), None);
        assert_eq!(language_of_class("code-block"), None);
    }
}
