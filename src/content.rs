//! What a content stage ([`crate::extract`] for HTML, [`crate::text`] for plain text) hands on:
//! the main content as blocks, the page's metadata, and the chrome it set aside that the
//! [`crate::spam`] stage still has to see (hidden elements, link blocks).

/// The structural role of one block of main content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    TableRow,
    Quote,
    Code,
}

/// One line of the output `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// What Markdown output writes of the block's structure (plain text ignores it).
    pub form: Form,
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            form: Form::default(),
        }
    }
}

/// The structure a block stood in, beyond its kind: what `--text-format markdown` writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    /// Headings: the level, 1 to 6 (0: not known).
    pub level: u8,
    /// List items: how many lists hold the item (1 for a top-level list); quotes: how many
    /// quotes hold the block.
    pub depth: u8,
    /// Items of an ordered list: the item's number.
    pub number: Option<u32>,
    /// The block is the first of its element: a heading's or list item's first line, a
    /// `<pre>`'s first line, a table's first row.
    pub starts: bool,
    /// Code: the language marked on it (`class="language-rust"`).
    pub code_lang: Option<String>,
    /// The links of the block's text, in order.
    pub links: Vec<Link>,
}

/// A hyperlink inside a set-aside block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// Why a block was set aside rather than kept in the main content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsideKind {
    /// Hidden by its markup or the page's style sheets (`hidden`, `display:none`,
    /// `visibility:hidden`, `font-size:0`, a collapsed box, an off-screen position, text
    /// coloured like its background…).
    Hidden,
    /// Removed as chrome (navigation, sidebars, footers, text outside the article), kept for
    /// the spam stage: what it finds there is reported as `chrome`.
    Chrome,
}

/// Where a set-aside block stood relative to the article's kept blocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AsidePosition {
    /// Before the first kept block.
    Head,
    /// Between kept blocks.
    Inline,
    /// After the last kept block (or on a page with none).
    Tail,
    /// The content stage does not track it (the spam stage reports such blocks as inline).
    #[default]
    Unknown,
}

impl AsidePosition {
    /// The position of a block that stood just before kept block number `next_kept` (`None`:
    /// after every kept block).
    pub fn before_block(next_kept: Option<usize>) -> AsidePosition {
        match next_kept {
            Some(0) => AsidePosition::Head,
            Some(_) => AsidePosition::Inline,
            None => AsidePosition::Tail,
        }
    }
}

/// A block the content stage removed but that the spam stage must still judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aside {
    pub kind: AsideKind,
    pub text: String,
    pub links: Vec<Link>,
    pub position: AsidePosition,
}

/// Metadata fields of the record, as found by a content stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    /// ISO 8601 (`2024-04-02T07:56:00+08:00` or `2024-04-02`).
    pub published: Option<String>,
    pub site: Option<String>,
    pub source: Option<String>,
    pub breadcrumbs: Vec<String>,
    /// Canonical or og:url, used when the input carried no URL.
    pub url: Option<String>,
    /// ISO 639-1 code.
    pub lang: Option<String>,
}

/// The output of a content stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub blocks: Vec<Block>,
    pub meta: Metadata,
    pub asides: Vec<Aside>,
    /// The stage read only the first part of the document: the rest was past its memory bound
    /// ([`crate::extract::dom::MAX_NODES`], [`crate::text::MAX_LINES`]). The record says
    /// `truncated`.
    pub truncated: bool,
}

impl Extracted {
    /// The record's `text`: one block per line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&block.text);
        }
        out
    }
}
