//! A lean arena DOM built by html5ever's tree builder.
//!
//! Nodes live in one `Vec` and link to each other by index, so every later pass is a loop over
//! indices: no reference counting, no recursion, and the pre-order ([`Dom::preorder`]) gives
//! each subtree as a contiguous range.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName, local_name, ns};

mod tokenize;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// Bytes of prepared HTML per node, at least, on nearly every page (see [`Sink::for_page`]):
/// on extract-en the fewest are 17, the median 38.
const NODE_BYTES: usize = 16;

/// "No node" in the link fields.
pub const NONE: NodeId = u32::MAX;

/// The most nodes a page is parsed into; the rest of a page past them is not read (see
/// [`Dom::truncated`]). Real pages stay far below (the densest corpus page, a long Wikipedia-like
/// list, has about 60 000); a node costs about 300 bytes by the time the page is extracted (the
/// arena, the per-node analysis, the blocks), so the bound holds a page's extraction to about
/// 300 MB whatever its size. Without it a 64 MiB page of `<p>x` took 6.6 GB.
pub const MAX_NODES: usize = 1 << 20;

/// The elements the extractor treats specially; everything else is [`Tag::Other`] (inline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Base,
    /// `script`, `style`, `noscript`, `template`, `svg`, MathML annotations, `iframe`, `object`, `embed`,
    /// `canvas`, `select`, `textarea`, `button`, `input`, `audio`, `video`, `map`: never text.
    Skipped,
    Script,
    A,
    Br,
    Hr,
    P,
    Div,
    Section,
    Article,
    Main,
    Aside,
    Header,
    Footer,
    Nav,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    /// `thead`, `tbody`, `tfoot`, `caption`, `colgroup`.
    TableSection,
    Tr,
    Td,
    Blockquote,
    Pre,
    Figure,
    Figcaption,
    Form,
    Address,
    Center,
    Time,
    Img,
    /// Other block-level elements (`fieldset`, `details`, `summary`, `legend`, `menu`, `dir`…).
    OtherBlock,
    Other,
}

impl Tag {
    fn of(name: &QualName) -> Tag {
        if name.ns != ns!(html) {
            return match name.local {
                // MathML's presentation elements hold the formula's text, which the sentence
                // around it reads through (`When a ≠ 0, there are two solutions`); its
                // annotations repeat the formula in TeX or markup.
                local_name!("svg") | local_name!("annotation") | local_name!("annotation-xml") => Tag::Skipped,
                _ => Tag::Other,
            };
        }
        match name.local {
            local_name!("html") => Tag::Html,
            local_name!("head") => Tag::Head,
            local_name!("body") => Tag::Body,
            local_name!("title") => Tag::Title,
            local_name!("meta") => Tag::Meta,
            local_name!("link") => Tag::Link,
            local_name!("base") => Tag::Base,
            local_name!("script") => Tag::Script,
            local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("select")
            | local_name!("textarea")
            | local_name!("button")
            | local_name!("input")
            | local_name!("audio")
            | local_name!("video")
            | local_name!("map")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("datalist") => Tag::Skipped,
            local_name!("a") => Tag::A,
            local_name!("br") => Tag::Br,
            local_name!("hr") => Tag::Hr,
            local_name!("p") => Tag::P,
            local_name!("div") => Tag::Div,
            local_name!("section") => Tag::Section,
            local_name!("article") => Tag::Article,
            local_name!("main") => Tag::Main,
            local_name!("aside") => Tag::Aside,
            local_name!("header") => Tag::Header,
            local_name!("footer") => Tag::Footer,
            local_name!("nav") => Tag::Nav,
            local_name!("h1") => Tag::H(1),
            local_name!("h2") => Tag::H(2),
            local_name!("h3") => Tag::H(3),
            local_name!("h4") => Tag::H(4),
            local_name!("h5") => Tag::H(5),
            local_name!("h6") => Tag::H(6),
            local_name!("ul") => Tag::Ul,
            local_name!("ol") => Tag::Ol,
            local_name!("li") => Tag::Li,
            local_name!("dl") => Tag::Dl,
            local_name!("dt") => Tag::Dt,
            local_name!("dd") => Tag::Dd,
            local_name!("table") => Tag::Table,
            local_name!("thead")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("caption")
            | local_name!("colgroup") => Tag::TableSection,
            local_name!("tr") => Tag::Tr,
            local_name!("td") | local_name!("th") => Tag::Td,
            local_name!("blockquote") => Tag::Blockquote,
            local_name!("pre") | local_name!("listing") | local_name!("xmp") | local_name!("plaintext") => Tag::Pre,
            local_name!("figure") => Tag::Figure,
            local_name!("figcaption") => Tag::Figcaption,
            local_name!("form") => Tag::Form,
            local_name!("address") => Tag::Address,
            local_name!("center") => Tag::Center,
            local_name!("time") => Tag::Time,
            local_name!("img") => Tag::Img,
            local_name!("fieldset")
            | local_name!("legend")
            | local_name!("details")
            | local_name!("summary")
            | local_name!("menu")
            | local_name!("dir")
            | local_name!("hgroup")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("frameset")
            | local_name!("frame")
            | local_name!("search") => Tag::OtherBlock,
            _ => Tag::Other,
        }
    }

    /// Whether the element breaks the flow of text into a new line.
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Other | Tag::A | Tag::Time | Tag::Img | Tag::Skipped | Tag::Script | Tag::Title
        )
    }
}

/// An element: its tag class, its name and its attributes as parsed.
#[derive(Debug)]
pub struct Element {
    pub tag: Tag,
    pub name: QualName,
    pub attrs: Vec<Attribute>,
}

/// Whether the extractor or html5ever's tree builder reads the attribute named `name` (ASCII
/// lower case, as the tokenizer gives names). [`super::nesting::prepare`] cuts every other
/// attribute from start tags before html5ever sees them: most of a modern page's markup is
/// attributes nobody reads here (`d` paths of inline SVG, `srcset`, `data-*`, `onclick`), and
/// the tokenizer reads names a character at a time. An attribute read anywhere in `extract`
/// must be listed here; [`Element::attr`] checks that in debug builds.
pub fn is_read_attribute(name: &[u8]) -> bool {
    matches!(
        name,
        // Class and id names (chrome, content and byline evidence, repeated blocks).
        b"class" | b"id"
        // Links, canonical URL, `rel=author`.
        | b"href" | b"rel"
        // Language, meta tags, microdata, JSON-LD script types, dates.
        | b"lang" | b"xml:lang" | b"property" | b"name" | b"itemprop" | b"itemtype" | b"http-equiv"
        | b"content" | b"type" | b"datetime" | b"pubdate"
        // Landmarks and breadcrumbs.
        | b"role" | b"aria-label"
        // Hidden elements, and the background colours hidden text is matched against.
        | b"hidden" | b"aria-hidden" | b"style" | b"bgcolor"
        // Read by the tree builder: `input type=hidden` in tables, `font` with these breaks
        // out of SVG/MathML, `annotation-xml encoding`, declarative shadow roots, `meta charset`.
        | b"color" | b"face" | b"size" | b"encoding" | b"shadowrootmode" | b"charset"
    )
}

impl Element {
    /// The value of attribute `name` (no namespace), which must be one [`is_read_attribute`]
    /// lists (the others never reach the tree).
    pub fn attr(&self, name: &str) -> Option<&str> {
        debug_assert!(
            is_read_attribute(name.as_bytes()),
            "attribute {name} is cut before parsing"
        );
        self.attrs
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value)
    }
}

#[derive(Debug)]
pub enum Data {
    Document,
    Element(Element),
    /// Text as html5ever gives it.
    Text(StrTendril),
    /// Comments, processing instructions, doctype, template contents.
    Other,
}

#[derive(Debug)]
pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev_sibling: NodeId,
    pub next_sibling: NodeId,
    pub data: Data,
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            data,
        }
    }

    pub fn element(&self) -> Option<&Element> {
        match &self.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn tag(&self) -> Option<Tag> {
        self.element().map(|e| e.tag)
    }
}

/// The parsed document. Node 0 is the document node.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// The page reached [`MAX_NODES`]: the tree is that of the page up to where it did, as if
    /// the page ended there.
    pub truncated: bool,
}

impl Dom {
    /// Parses `html` (whose nesting depth the caller has already bounded) into the tree
    /// html5ever's `parse_document` builds, tokenizing the plain bulk of it without html5ever's
    /// tokenizer (see the `tokenize` module); at most about [`MAX_NODES`] nodes of it.
    pub fn parse(html: &str) -> Dom {
        Dom::parse_at_most(html, MAX_NODES)
    }

    /// [`Dom::parse`] with another bound on the nodes: the tree of the page up to the first
    /// construct after which the arena holds `max_nodes` nodes or more.
    pub fn parse_at_most(html: &str, max_nodes: usize) -> Dom {
        tokenize::parse(html, Sink::for_page(html, max_nodes), max_nodes)
    }

    /// [`Dom::parse`] with html5ever's tokenizer reading everything: what `parse` must equal.
    #[cfg(test)]
    pub fn parse_with_html5ever_alone(html: &str) -> Dom {
        use html5ever::tendril::TendrilSink;
        html5ever::parse_document(Sink::for_page(html, MAX_NODES), Default::default()).one(StrTendril::from_slice(html))
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        self.nodes.get(id as usize).and_then(Node::element)
    }

    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        self.element(id).map(|e| e.tag)
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).first_child,
        }
    }

    /// The nodes reachable from the document in document order, with `end[i]` the index just
    /// past the subtree of `order[i]` (so a subtree is `order[i..end[i]]`).
    pub fn preorder(&self) -> Preorder {
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut end = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<usize> = Vec::new();
        let mut id = 0u32;
        loop {
            order.push(id);
            end.push(0);
            stack.push(order.len() - 1);
            let node = self.node(id);
            if node.first_child != NONE {
                id = node.first_child;
                continue;
            }
            // Close finished subtrees until one has a next sibling.
            loop {
                let Some(at) = stack.pop() else {
                    return Preorder { order, end };
                };
                end[at] = order.len();
                let closed = order[at];
                let next = self.node(closed).next_sibling;
                if next != NONE && !stack.is_empty() {
                    id = next;
                    break;
                }
            }
        }
    }
}

/// Document order of the nodes (see [`Dom::preorder`]).
#[derive(Debug)]
pub struct Preorder {
    pub order: Vec<NodeId>,
    pub end: Vec<usize>,
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.node(id).next_sibling;
        Some(id)
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
}

impl Sink {
    fn for_page(html: &str, max_nodes: usize) -> Sink {
        // At most one node per 16 bytes of a page as `nesting::prepare` leaves it; reserving
        // them spares the arena its doublings, each a copy of every node so far (its untouched
        // tail costs no memory).
        let mut nodes = Vec::with_capacity((html.len() / NODE_BYTES).min(max_nodes) + 16);
        nodes.push(Node::new(Data::Document));
        Sink {
            nodes: RefCell::new(nodes),
        }
    }

    fn len(&self) -> usize {
        self.nodes.borrow().len()
    }

    fn push(&self, data: Data) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        (nodes.len() - 1) as NodeId
    }
}

fn detach(nodes: &mut [Node], id: NodeId) {
    let (parent, prev, next) = {
        let n = &nodes[id as usize];
        (n.parent, n.prev_sibling, n.next_sibling)
    };
    if parent == NONE {
        return;
    }
    if prev != NONE {
        nodes[prev as usize].next_sibling = next;
    } else {
        nodes[parent as usize].first_child = next;
    }
    if next != NONE {
        nodes[next as usize].prev_sibling = prev;
    } else {
        nodes[parent as usize].last_child = prev;
    }
    let n = &mut nodes[id as usize];
    n.parent = NONE;
    n.prev_sibling = NONE;
    n.next_sibling = NONE;
}

fn append_child(nodes: &mut [Node], parent: NodeId, child: NodeId) {
    detach(nodes, child);
    let last = nodes[parent as usize].last_child;
    {
        let c = &mut nodes[child as usize];
        c.parent = parent;
        c.prev_sibling = last;
    }
    if last != NONE {
        nodes[last as usize].next_sibling = child;
    } else {
        nodes[parent as usize].first_child = child;
    }
    nodes[parent as usize].last_child = child;
}

fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
    detach(nodes, child);
    let (parent, prev) = {
        let s = &nodes[sibling as usize];
        (s.parent, s.prev_sibling)
    };
    {
        let c = &mut nodes[child as usize];
        c.parent = parent;
        c.prev_sibling = prev;
        c.next_sibling = sibling;
    }
    nodes[sibling as usize].prev_sibling = child;
    if prev != NONE {
        nodes[prev as usize].next_sibling = child;
    } else {
        nodes[parent as usize].first_child = child;
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
            truncated: false,
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| match &nodes[*target as usize].data {
            Data::Element(e) => &e.name,
            // The tree builder asks only for names of elements.
            _ => &FALLBACK_NAME,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let tag = Tag::of(&name);
        let id = self.push(Data::Element(Element { tag, name, attrs }));
        if flags.template {
            // Template contents: a detached fragment child the extractor never reads as text.
            let contents = self.push(Data::Other);
            append_child(&mut self.nodes.borrow_mut(), id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(id) => append_child(&mut self.nodes.borrow_mut(), *parent, id),
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                let last = nodes[*parent as usize].last_child;
                if last != NONE
                    && let Data::Text(existing) = &mut nodes[last as usize].data
                {
                    existing.push_tendril(&text);
                    return;
                }
                // A new node, linked in place (it has nothing to be detached from).
                let id = nodes.len() as NodeId;
                let mut node = Node::new(Data::Text(text));
                node.parent = *parent;
                node.prev_sibling = last;
                nodes.push(node);
                if last != NONE {
                    nodes[last as usize].next_sibling = id;
                } else {
                    nodes[*parent as usize].first_child = id;
                }
                nodes[*parent as usize].last_child = id;
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        if self.nodes.borrow()[*element as usize].parent != NONE {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let first = self.nodes.borrow()[*target as usize].first_child;
        if first != NONE { first } else { *target }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        if nodes[*sibling as usize].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => insert_before(&mut nodes, *sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = nodes[*sibling as usize].prev_sibling;
                if prev != NONE
                    && let Data::Text(existing) = &mut nodes[prev as usize].data
                {
                    existing.push_tendril(&text);
                    return;
                }
                drop(nodes);
                let id = self.push(Data::Text(text));
                insert_before(&mut self.nodes.borrow_mut(), *sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Data::Element(element) = &mut nodes[*target as usize].data {
            for attr in attrs {
                if !element.attrs.iter().any(|a| a.name == attr.name) {
                    element.attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[*node as usize].first_child;
        while child != NONE {
            let next = nodes[child as usize].next_sibling;
            append_child(&mut nodes, *new_parent, child);
            child = next;
        }
    }
}

static FALLBACK_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, ns!(html), local_name!("span")));

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(dom: &Dom) -> String {
        let pre = dom.preorder();
        pre.order
            .iter()
            .filter_map(|&id| match &dom.node(id).data {
                Data::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn parses_into_document_order() {
        let dom = Dom::parse("<p>a<b>b</b>c<table><tr><td>d</td></tr>e</table><p>f");
        // `e` is foster-parented before the table, next to `c`.
        assert_eq!(texts(&dom), "a|b|ce|d|f");
        let pre = dom.preorder();
        assert_eq!(pre.order[0], 0);
        assert_eq!(pre.end[0], pre.order.len());
    }

    #[test]
    fn a_page_past_the_node_bound_is_parsed_up_to_it() {
        let page = "<p>x</p>".repeat(100) + "<p>last</p>";
        let whole = Dom::parse(&page);
        assert!(!whole.truncated);
        assert!(texts(&whole).ends_with("x|last"));
        for max_nodes in [1, 10, 51, 120] {
            let cut = Dom::parse_at_most(&page, max_nodes);
            assert!(cut.truncated, "{max_nodes}");
            // A turn of the parser adds a few nodes: `<html><head><body>` with the first `p`.
            assert!(cut.nodes.len() < max_nodes + 8, "{max_nodes}: {}", cut.nodes.len());
            // The tree of the page's beginning, as if it ended there.
            let kept = texts(&cut);
            assert!(texts(&whole).starts_with(&kept) && !kept.contains("last"), "{kept}");
        }
        let exact = Dom::parse_at_most(&page, whole.nodes.len() + 1);
        assert!(!exact.truncated);
        assert_eq!(texts(&exact), texts(&whole));
    }

    #[test]
    fn adoption_agency_moves_nodes() {
        let dom = Dom::parse("<b>1<p>2</b>3</p>");
        assert_eq!(texts(&dom), "1|2|3");
        let ids: Vec<_> = dom.preorder().order;
        assert_eq!(
            ids.len(),
            dom.nodes.len() - dom.nodes.iter().filter(|n| n.parent == NONE).count() + 1
        );
    }
}
