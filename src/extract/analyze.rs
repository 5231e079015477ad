//! The passes over the parsed page that come before choosing the main content: what is never
//! text, what is hidden, what is chrome, and the page's text cut into blocks.
//!
//! Every pass is a loop over the pre-order (parents before children) or its reverse (children
//! before parents), so the work is linear and no recursion follows the page's depth.

use std::collections::HashMap;

use super::classify::{self, Negative};
use super::dom::{Data, Dom, NONE, NodeId, Preorder, Tag};
use super::structure::Structure;
use super::style::{self, Colors, StyleSheet};
use super::text::{LineBuilder, Measure, is_blank};
use crate::content::{AsideKind, BlockKind, Form, Link};
use html5ever::local_name;

/// Why a node's text is not part of the page's content flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// In the flow.
    Flow,
    /// `script`, `style`, `head`… : no text at all.
    Skip,
    /// Under a hidden element (the root given).
    Hidden(NodeId),
    /// Under a chrome element (the root given).
    Chrome(NodeId),
}

/// A line of the page's text, with what the scorer needs to know about it.
#[derive(Debug, Clone)]
pub struct RawBlock {
    pub text: String,
    pub kind: BlockKind,
    /// The innermost block-level element holding the text.
    pub container: NodeId,
    /// Pre-order index of the line's first text node (its place in the document).
    pub at: u32,
    pub measure: Measure,
    pub link_words: f32,
    /// Index into [`Page::asides`] when the block is hidden or chrome.
    pub aside: Option<usize>,
    /// The structure it stood in (for Markdown output).
    pub form: Form,
}

/// A removed region and the links in it; its lines are the [`RawBlock`]s pointing to it.
#[derive(Debug, Clone)]
pub struct AsideRegion {
    pub kind: AsideKind,
    pub root: NodeId,
    pub links: Vec<Link>,
}

/// Everything the passes found.
pub struct Page<'a> {
    pub dom: &'a Dom,
    pub pre: Preorder,
    /// Pre-order index of each node (`u32::MAX` for nodes detached from the document).
    pub pos: Vec<u32>,
    pub marks: Vec<Mark>,
    /// Words in the subtree, outside skipped and hidden nodes.
    pub words: Vec<f32>,
    pub link_words: Vec<f32>,
    /// Words of prose-like text (outside links, in sentences) per subtree.
    pub prose_words: Vec<f32>,
    pub body: NodeId,
    pub blocks: Vec<RawBlock>,
    pub asides: Vec<AsideRegion>,
    /// Links in the content flow, with the index of the block holding their text.
    pub links: Vec<(usize, Link)>,
    /// Per-node measures and layout of passes 1–2, kept until the blocks are cut.
    measures: Vec<Measure>,
    layout: Vec<Layout>,
    in_link: Vec<bool>,
    /// [`Page::evidence`] of the elements pass 3 read, kept for the choice of the content.
    known_evidence: Vec<Option<classify::Evidence>>,
}

impl<'a> Page<'a> {
    /// Passes 1–2: what is never text, what is hidden (by its markup or by the rules of the
    /// page's own style `sheet`), and how much text every subtree holds. [`Page::finish`]
    /// completes the page once the headline is known.
    pub fn analyze(dom: &'a Dom, sheet: &StyleSheet) -> Page<'a> {
        let pre = dom.preorder();
        let n = dom.nodes.len();
        let mut pos = vec![u32::MAX; n];
        for (i, &id) in pre.order.iter().enumerate() {
            pos[id as usize] = i as u32;
        }
        let mut page = Page {
            dom,
            pre,
            pos,
            marks: vec![Mark::Flow; n],
            words: vec![0.0; n],
            link_words: vec![0.0; n],
            prose_words: vec![0.0; n],
            body: NONE,
            blocks: Vec::new(),
            asides: Vec::new(),
            links: Vec::new(),
            measures: Vec::new(),
            layout: Vec::new(),
            in_link: Vec::new(),
            known_evidence: Vec::new(),
        };
        let in_link = page.mark_skipped_and_hidden(sheet);
        let (mut measures, mut layout) = page.measure(&in_link);
        if page.reveal_scripted_content() {
            page.words.iter_mut().for_each(|w| *w = 0.0);
            page.link_words.iter_mut().for_each(|w| *w = 0.0);
            page.prose_words.iter_mut().for_each(|w| *w = 0.0);
            (measures, layout) = page.measure(&in_link);
        }
        page.measures = measures;
        page.layout = layout;
        page.in_link = in_link;
        page
    }

    /// Passes 3–4: chrome (judged knowing where the article's headline is) and the text cut
    /// into blocks.
    pub fn finish(&mut self, headline: Option<NodeId>) {
        // The class lists of the page, judged once for both passes.
        let mut memo = classify::ClassMemo::default();
        let anchor = headline.and_then(|h| self.first_prose_after(h, &mut memo));
        self.mark_chrome(anchor, &mut memo);
        let measures = std::mem::take(&mut self.measures);
        let layout = std::mem::take(&mut self.layout);
        self.in_link = Vec::new();
        self.cut_blocks(&measures, &layout);
    }

    /// The block-level element holding the first paragraph of prose after the headline: where
    /// the article's text begins. A name that calls an element holding it chrome (a `paywall`
    /// wrapper, an `enableInArticleAd` flag, a `left-side` column) is wrong.
    fn first_prose_after(&self, headline: NodeId, memo: &mut classify::ClassMemo<'a>) -> Option<NodeId> {
        let dom = self.dom;
        let start = self.pos[headline as usize] as usize;
        if start == u32::MAX as usize {
            return None;
        }
        let from = self.pre.end[start];
        for &id in &self.pre.order[from..] {
            let i = id as usize;
            if self.marks[i] != Mark::Flow || self.in_link[i] {
                continue;
            }
            let Data::Text(_) = &dom.node(id).data else { continue };
            let m = &self.measures[i];
            if m.punct == 0 || m.words < 8.0 {
                continue;
            }
            // The nearest block-level ancestor, which must itself read as a paragraph.
            let mut block = dom.node(id).parent;
            while block != NONE && dom.tag(block).is_some_and(|t| !t.is_block()) {
                block = dom.node(block).parent;
            }
            if block == NONE
                || dom
                    .tag(block)
                    .is_some_and(|t| matches!(t, Tag::Figcaption | Tag::Li | Tag::Td | Tag::H(_)))
            {
                continue;
            }
            let b = block as usize;
            if self.prose_words[b] < 15.0 || self.link_words[b] >= 0.3 * self.words[b] {
                continue;
            }
            // Not the caption of a picture: no element close above is named as furniture
            // (`caption`, `credit`, `info`) or holds a picture and little more text than this block.
            let mut up = block;
            let mut caption = false;
            for _ in 0..3 {
                let u = up as usize;
                let furniture = dom
                    .element(up)
                    .is_some_and(|e| classify::evidence_memo(e, true, memo).negative == Some(Negative::Furniture));
                if furniture || self.layout[u].media && self.prose_words[u] < self.prose_words[b] + 15.0 {
                    caption = true;
                    break;
                }
                up = dom.node(up).parent;
                if up == NONE {
                    break;
                }
            }
            if !caption {
                return Some(block);
            }
        }
        None
    }

    /// What an element's names say about it ([`classify::evidence`]), its `id` left out when
    /// that is the slug of the element's heading (documentation sections are
    /// `<div id="sharing-with-a-single-developer">`: `sharing` there is no share bar).
    pub fn evidence(&self, id: NodeId) -> classify::Evidence {
        if let Some(&Some(ev)) = self.known_evidence.get(id as usize) {
            return ev;
        }
        self.read_evidence(id, &mut classify::ClassMemo::default())
    }

    fn read_evidence(&self, id: NodeId, memo: &mut classify::ClassMemo<'a>) -> classify::Evidence {
        let Some(element) = self.dom.element(id) else {
            return classify::Evidence::default();
        };
        let ev = classify::evidence_memo(element, true, memo);
        if ev.negative.is_none() {
            return ev;
        }
        let Some(slug) = element.attr("id") else {
            return ev;
        };
        let heading = if matches!(element.tag, Tag::H(_)) {
            Some(id)
        } else {
            self.dom
                .children(id)
                .filter(|&c| self.dom.element(c).is_some())
                .take(3)
                .find(|&c| matches!(self.dom.tag(c), Some(Tag::H(_))))
        };
        match heading {
            Some(h) if classify::is_slug_of(slug, &self.short_text(h)) => classify::evidence_memo(element, false, memo),
            _ => ev,
        }
    }

    /// The text of a small subtree (a heading), up to a few hundred bytes.
    fn short_text(&self, id: NodeId) -> String {
        const MAX: usize = 300;
        let start = self.pos[id as usize] as usize;
        let mut out = String::new();
        if start == u32::MAX as usize {
            return out;
        }
        for &n in &self.pre.order[start..self.pre.end[start]] {
            if let Data::Text(t) = &self.dom.node(n).data {
                out.push_str(t);
                out.push(' ');
                if out.len() > MAX {
                    break;
                }
            }
        }
        out
    }

    pub fn parent(&self, id: NodeId) -> NodeId {
        self.dom.node(id).parent
    }

    /// Whether `inner` lies in the subtree of `outer` (or is it).
    pub fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        let (o, i) = (self.pos[outer as usize] as usize, self.pos[inner as usize] as usize);
        o != u32::MAX as usize && i >= o && i < self.pre.end[o]
    }

    /// Pass 1 (top-down): skipped and hidden subtrees, and which nodes are inside links.
    fn mark_skipped_and_hidden(&mut self, sheet: &StyleSheet) -> Vec<bool> {
        let dom = self.dom;
        let mut in_link = vec![false; dom.nodes.len()];
        // The colours in effect at each element, for text coloured like its background.
        let mut colors = vec![Colors::default(); dom.nodes.len()];
        for &id in &self.pre.order {
            let node = dom.node(id);
            let parent = node.parent;
            let inherited = if parent == NONE {
                Mark::Flow
            } else {
                self.marks[parent as usize]
            };
            let parent_in_link = parent != NONE && in_link[parent as usize];
            let Data::Element(element) = &node.data else {
                self.marks[id as usize] = inherited;
                in_link[id as usize] = parent_in_link;
                continue;
            };
            in_link[id as usize] = parent_in_link || element.tag == Tag::A;
            if element.tag == Tag::Body && self.body == NONE {
                self.body = id;
            }
            let inherited_colors = if parent == NONE {
                Colors::default()
            } else {
                colors[parent as usize]
            };
            self.marks[id as usize] = match inherited {
                Mark::Flow => match element.tag {
                    Tag::Skipped | Tag::Script | Tag::Head | Tag::Title | Tag::Meta | Tag::Link | Tag::Base => {
                        Mark::Skip
                    }
                    _ => {
                        let verdict = style::judge(element, sheet, inherited_colors);
                        colors[id as usize] = verdict.colors;
                        if verdict.hidden { Mark::Hidden(id) } else { Mark::Flow }
                    }
                },
                other => other,
            };
        }
        if self.body == NONE {
            self.body = 0;
        }
        in_link
    }

    /// Pages that hide their article until a script shows it (WeChat's `#js_content` starts
    /// as `visibility: hidden`): when the visible page has next to no prose and one hidden
    /// region holds a real text, that region is the content, not hidden text.
    fn reveal_scripted_content(&mut self) -> bool {
        let visible = self.prose_words[self.body as usize];
        let dom = self.dom;
        let mut hidden: HashMap<NodeId, f32> = HashMap::new();
        for &id in &self.pre.order {
            if let (Mark::Hidden(root), Data::Text(text)) = (self.marks[id as usize], &dom.node(id).data) {
                let m = Measure::of(text);
                if m.is_prose() {
                    *hidden.entry(root).or_default() += m.words;
                }
            }
        }
        let Some((&root, &prose)) = hidden.iter().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0))) else {
            return false;
        };
        if prose < 100.0 || visible * 5.0 > prose {
            return false;
        }
        let start = self.pos[root as usize] as usize;
        for &id in &self.pre.order[start..self.pre.end[start]] {
            if self.marks[id as usize] == Mark::Hidden(root) {
                self.marks[id as usize] = Mark::Flow;
            }
        }
        true
    }

    /// Pass 2 (bottom-up): words per subtree, and per element whether it holds block-level
    /// descendants or line breaks (to tell data tables from layout tables).
    fn measure(&mut self, in_link: &[bool]) -> (Vec<Measure>, Vec<Layout>) {
        let dom = self.dom;
        let n = dom.nodes.len();
        let mut measures = vec![Measure::default(); n];
        let mut layout = vec![Layout::default(); n];
        for &id in self.pre.order.iter().rev() {
            let i = id as usize;
            let node = dom.node(id);
            match &node.data {
                Data::Text(text) if self.marks[i] == Mark::Flow => {
                    let m = Measure::of(text);
                    self.words[i] = m.words;
                    if in_link[i] {
                        self.link_words[i] = m.words;
                    } else if m.is_prose() {
                        self.prose_words[i] = m.words;
                    }
                    measures[i] = m;
                }
                Data::Element(element) => {
                    if element.tag == Tag::Br {
                        layout[i].brs += 1;
                    } else if element.tag.is_block() {
                        layout[i].blocks = true;
                    }
                    if matches!(element.tag, Tag::Img | Tag::Figure)
                        || matches!(
                            element.name.local,
                            local_name!("video") | local_name!("picture") | local_name!("iframe")
                        )
                    {
                        layout[i].media = true;
                    }
                }
                _ => {}
            }
            let parent = node.parent;
            if parent != NONE && layout[i].media {
                layout[parent as usize].media = true;
            }
            if parent != NONE && self.marks[i] != Mark::Skip {
                let p = parent as usize;
                self.words[p] += self.words[i];
                self.link_words[p] += self.link_words[i];
                self.prose_words[p] += self.prose_words[i];
                let child = layout[i];
                layout[p].brs += child.brs;
                layout[p].has_descendant_blocks |= child.blocks || child.has_descendant_blocks;
            }
        }
        (measures, layout)
    }

    /// Pass 3 (top-down): chrome by tag, role and class/id, unless the element holds most of
    /// the page's prose (a wrapper named `content sidebar-left` is not a sidebar).
    fn mark_chrome(&mut self, anchor: Option<NodeId>, memo: &mut classify::ClassMemo<'a>) {
        let dom = self.dom;
        let total_prose = self.prose_words[self.body as usize].max(1.0);
        let building_blocks = match anchor {
            Some(a) => self.building_block_names(a, memo),
            None => self.prose_holding_names(memo),
        };
        let mut in_article = vec![false; dom.nodes.len()];
        // The heading each node is inside (`NONE` outside headings).
        let mut heading_of = vec![NONE; dom.nodes.len()];
        self.known_evidence = vec![None; dom.nodes.len()];
        for &id in &self.pre.order {
            let i = id as usize;
            let node = dom.node(id);
            let parent = node.parent;
            if parent != NONE {
                in_article[i] = in_article[parent as usize];
                heading_of[i] = if matches!(dom.tag(parent), Some(Tag::H(_))) {
                    parent
                } else {
                    heading_of[parent as usize]
                };
                if let Mark::Chrome(root) = self.marks[parent as usize]
                    && self.marks[i] == Mark::Flow
                {
                    self.marks[i] = Mark::Chrome(root);
                    continue;
                }
            }
            if self.marks[i] != Mark::Flow {
                continue;
            }
            let Some(element) = node.element() else {
                continue;
            };
            if matches!(element.tag, Tag::Article | Tag::Main) {
                in_article[i] = true;
            }
            if matches!(element.tag, Tag::Html | Tag::Body | Tag::Article | Tag::Main) {
                continue;
            }
            let ev = self.read_evidence(id, memo);
            self.known_evidence[i] = Some(ev);
            let by_tag = match element.tag {
                Tag::Nav => Some(Negative::Navigation),
                Tag::Aside => Some(Negative::Sidebar),
                Tag::Footer => Some(Negative::Masthead),
                Tag::Header if !in_article[i] => Some(Negative::Masthead),
                // Captions describe pictures; they are not the running text.
                Tag::Figcaption => Some(Negative::Furniture),
                _ => None,
            };
            let words = self.words[i];
            let link_density = self.link_words[i] / words.max(1.0);
            // A weak name (`label`, `meta`, `info`, `list`…) marks only small or link-heavy
            // elements: `field-label-hidden` may well hold the article.
            // Nor a small element that reads as a sentence of prose (a `card` holding one
            // paragraph of the story, a `side` column, an `event-info` holding the event's
            // description); mastheads, other furniture (bylines, captions) and the rest are
            // marked however they read.
            let sentence = self.prose_words[i] >= 10.0
                && self.prose_words[i] >= 0.8 * words
                && link_density < 0.2
                && (matches!(ev.negative, Some(Negative::Related | Negative::Sidebar)) || ev.info);
            // A quotation or a code listing is text by its tag; a weak name (an embedded
            // post's `twitter-tweet`) does not outweigh it.
            let quoted = matches!(element.tag, Tag::Blockquote | Tag::Pre) && link_density <= 0.5;
            // A table cell is part of its row: a weak name (`infobox-label`) does not cut it out.
            // Nor an item of a list that is not links (`elementor-icon-list-item`: a list of
            // names, not of teasers).
            let cell = !ev.strong_negative
                && (element.tag == Tag::Td
                    || element.tag == Tag::Li
                        && ev.negative == Some(Negative::Related)
                        && link_density < 0.3
                        && words > 0.0);
            let by_name = ev.is_chrome()
                && !cell
                && !self.holds_formula(id)
                && (ev.strong_negative || (words <= 40.0 && !sentence && !quoted) || link_density > 0.5)
                && (ev.negative == Some(Negative::HiddenClass) || !self.in_running_text(id));
            // A heading named `header` or `sub-header` heads the text (a standfirst, a
            // section's title); a site's masthead is a region, not a heading.
            let heading_named_header = matches!(element.tag, Tag::H(_)) && ev.negative == Some(Negative::Masthead);
            // Nor is the text of a heading (Sphinx's `toc-backref` link back to the contents,
            // a `toclink` or a span named after the section around the title): an element
            // holding every word of the heading it is in is the heading's title, whatever it is
            // named. An `editsection` link beside a title stays chrome; a heading that is chrome
            // is so by its own name or a region's.
            let heading_text = heading_of[i] != NONE && words > 0.0 && words >= self.words[heading_of[i] as usize];
            let by_name = by_name
                && !heading_named_header
                && !heading_text
                && (building_blocks.is_empty()
                    || !classify::negative_class_tokens(element).any(|t| building_blocks.contains(&t)));
            let negative = by_tag
                .or_else(|| classify::role_negative(element))
                .or_else(|| classify::itemprop_negative(element))
                .or_else(|| by_name.then_some(ev.negative).flatten());
            let Some(negative) = negative else {
                continue;
            };
            let prose = self.prose_words[i];
            // Prose counts no link text, so a wrapper of the article and of link-heavy
            // chrome still holds the prose.
            // When the article's start is known and a fair share of the page's prose lies
            // outside, a region without the start holds someone else's prose (a sidebar of
            // long teasers, a recommended story), however much.
            let someone_elses = anchor.is_some_and(|a| !self.contains(id, a)) && total_prose - prose >= 0.25 * prose;
            let holds_the_prose = prose >= 0.5 * total_prose && prose > 40.0 && !someone_elses;
            // A name (not a tag) on an element where the article's text begins.
            let holds_the_start = by_tag.is_none() && anchor.is_some_and(|a| self.contains(id, a));
            // Comment threads and consent dialogs can outweigh the article: no veto for them.
            if (holds_the_prose || holds_the_start) && !matches!(negative, Negative::Comments | Negative::Consent) {
                continue;
            }
            if negative == Negative::HiddenClass {
                self.marks[i] = Mark::Hidden(id);
            } else {
                self.marks[i] = Mark::Chrome(id);
            }
        }
    }

    /// The negative class names (`elementor-widget`, `widget`) of the elements that hold the
    /// article's start and that their names alone would make chrome: on this page such a name
    /// is a building block of the content (a page builder's widgets, Blogger's `widget Blog`),
    /// so the like elements around them, which hold the rest of the text, are not chrome by
    /// that name either. Chrome by tag or role is never such a block. (Not the headline's
    /// holders: a headline sits in captions and info boxes of its own.)
    fn building_block_names(&self, anchor: NodeId, memo: &mut classify::ClassMemo<'a>) -> Vec<&'a str> {
        let dom = self.dom;
        let mut names: Vec<&'a str> = Vec::new();
        let mut at = dom.node(anchor).parent;
        while at != NONE && at != self.body {
            if let Some(element) = dom.element(at)
                && !matches!(element.tag, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header)
                && classify::role_negative(element).is_none()
                && self.read_evidence(at, memo).is_chrome()
            {
                for token in classify::negative_class_tokens(element) {
                    if !names.contains(&token) {
                        names.push(token);
                    }
                }
            }
            at = dom.node(at).parent;
        }
        names
    }

    /// Without a known start of the article, the negative class names (of a sidebar's kind:
    /// `widget`) whose elements together hold most of the page's prose: a page built of
    /// widgets, whatever its headline. Comment threads, teasers, ads and dialogs can hold most
    /// of a page's prose and stay chrome.
    fn prose_holding_names(&self, memo: &mut classify::ClassMemo<'a>) -> Vec<&'a str> {
        let dom = self.dom;
        let total = self.prose_words[self.body as usize];
        if total <= 0.0 {
            return Vec::new();
        }
        let mut held: HashMap<&'a str, f32> = HashMap::new();
        for &id in &self.pre.order {
            let Some(element) = dom.element(id) else { continue };
            if self.marks[id as usize] != Mark::Flow || element.attr("class").is_none() {
                continue;
            }
            let ev = classify::evidence_memo(element, true, memo);
            if !ev.is_chrome() || !matches!(ev.negative, Some(Negative::Sidebar | Negative::Masthead)) {
                continue;
            }
            let parent = dom.element(dom.node(id).parent);
            for token in classify::negative_class_tokens(element) {
                // Counted once, at the outermost of nested elements carrying the name.
                if parent.is_some_and(|p| {
                    p.attr("class")
                        .is_some_and(|c| c.split_ascii_whitespace().any(|t| t == token))
                }) {
                    continue;
                }
                *held.entry(token).or_default() += self.prose_words[id as usize];
            }
        }
        held.into_iter()
            .filter(|&(_, prose)| prose >= 0.5 * total)
            .map(|(token, _)| token)
            .collect()
    }

    /// An inline element in the middle of a longer paragraph's sentences (a glossary link
    /// classed `popup`): cutting it out by its name would leave a hole in the text. Credits
    /// and datelines at a block's edge are not in the middle.
    fn in_running_text(&self, id: NodeId) -> bool {
        const MIN_WORDS_AROUND: f32 = 10.0;
        let dom = self.dom;
        if dom.tag(id).is_none_or(|t| t.is_block() || t == Tag::Skipped) {
            return false;
        }
        let mut block = self.parent(id);
        while block != NONE && dom.tag(block).is_some_and(|t| !t.is_block()) {
            block = self.parent(block);
        }
        if block == NONE || dom.tag(block).is_none_or(|t| t == Tag::Html) {
            return false;
        }
        let (b, i) = (block as usize, id as usize);
        let around = self.words[b] - self.words[i];
        let prose_around = self.prose_words[b] - self.prose_words[i];
        around >= MIN_WORDS_AROUND
            && prose_around >= 0.5 * around
            && self.words[i] <= around
            && self.words_beside(id, block, |n| dom.node(n).prev_sibling)
            && self.words_beside(id, block, |n| dom.node(n).next_sibling)
    }

    /// Whether a MathML formula is a child or grandchild of `id`: a renderer's wrapper
    /// (MathJax's `mjx-container` classed `CtxtMenu_Attached`, KaTeX's spans) whose names
    /// describe the widget, not the formula it holds. A few children are looked at.
    fn holds_formula(&self, id: NodeId) -> bool {
        let dom = self.dom;
        let is_math = |n: NodeId| dom.element(n).is_some_and(|e| e.name.local == local_name!("math"));
        dom.children(id)
            .take(8)
            .any(|c| is_math(c) || dom.children(c).take(8).any(is_math))
    }

    /// Whether words stand next to `id` on one side (`step` goes to the sibling on that side)
    /// before the edge of its `block`: a few siblings looked at, at a few levels of inline
    /// ancestors, so the cost stays constant.
    fn words_beside(&self, id: NodeId, block: NodeId, step: impl Fn(NodeId) -> NodeId) -> bool {
        let dom = self.dom;
        let mut at = id;
        for _ in 0..4 {
            let mut sibling = step(at);
            for _ in 0..3 {
                if sibling == NONE {
                    break;
                }
                if dom.tag(sibling).is_some_and(|t| t.is_block()) {
                    return false;
                }
                if self.marks[sibling as usize] != Mark::Skip && self.words[sibling as usize] > 0.0 {
                    return true;
                }
                sibling = step(sibling);
            }
            at = self.parent(at);
            if at == NONE || at == block {
                return false;
            }
        }
        false
    }

    /// Pass 4 (document order): the text as lines, each with its container and measures;
    /// lines in hidden or chrome regions are gathered into [`AsideRegion`]s with their links.
    fn cut_blocks(&mut self, measures: &[Measure], layout: &[Layout]) {
        let mut cutter = Cutter {
            line: LineBuilder::default(),
            line_at: None,
            measure: Measure::default(),
            link_words: 0.0,
            containers: vec![0],
            kinds: Vec::new(),
            pre_depth: 0,
            link_depth: 0,
            data_rows: 0,
            aside: None,
            outer_asides: Vec::new(),
            link: None,
            link_text: LineBuilder::default(),
            blocks: Vec::new(),
            asides: Vec::new(),
            aside_index: HashMap::new(),
            links: Vec::new(),
            structure: Structure::default(),
        };
        let order = &self.pre.order;
        let mut open: Vec<(usize, NodeId)> = Vec::new();
        for (i, &id) in order.iter().enumerate() {
            while let Some(&(end, closing)) = open.last() {
                if end > i {
                    break;
                }
                open.pop();
                cutter.exit(self, closing);
            }
            if self.marks[id as usize] == Mark::Skip {
                continue;
            }
            cutter.enter(self, id, measures, layout);
            if self.pre.end[i] > i + 1 {
                open.push((self.pre.end[i], id));
            } else {
                cutter.exit(self, id);
            }
        }
        while let Some((_, closing)) = open.pop() {
            cutter.exit(self, closing);
        }
        cutter.flush();
        self.blocks = cutter.blocks;
        self.asides = cutter.asides;
        self.links = cutter.links;
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Layout {
    brs: u32,
    /// The element itself is block-level.
    blocks: bool,
    has_descendant_blocks: bool,
    /// A picture, figure or video in the subtree.
    media: bool,
}

struct Cutter {
    line: LineBuilder,
    /// Pre-order index of the current line's first text node.
    line_at: Option<u32>,
    measure: Measure,
    link_words: f32,
    /// Open block-level elements; the innermost holds the current line.
    containers: Vec<NodeId>,
    kinds: Vec<(NodeId, BlockKind)>,
    pre_depth: u32,
    link_depth: u32,
    /// Open table rows read as data (cells on one line).
    data_rows: u32,
    aside: Option<usize>,
    /// The regions the current one is nested in (`None`: the content flow), innermost last.
    outer_asides: Vec<Option<usize>>,
    /// The link being read inside an aside: its element and href; its text in `link_text`.
    link: Option<(NodeId, String)>,
    link_text: LineBuilder,
    blocks: Vec<RawBlock>,
    asides: Vec<AsideRegion>,
    aside_index: HashMap<NodeId, usize>,
    links: Vec<(usize, Link)>,
    structure: Structure,
}

impl Cutter {
    fn enter(&mut self, page: &Page<'_>, id: NodeId, measures: &[Measure], layout: &[Layout]) {
        let node = page.dom.node(id);
        let mark = page.marks[id as usize];
        match &node.data {
            Data::Text(text) => {
                if self.line_at.is_none() && !is_blank(text) {
                    self.line_at = Some(page.pos[id as usize]);
                }
                if self.pre_depth > 0 {
                    self.line.push_raw(text);
                } else {
                    self.line.push(text);
                }
                let m = &measures[id as usize];
                self.measure.add(m);
                if self.link_depth > 0 {
                    self.link_words += m.words;
                }
                if self.link.is_some() {
                    self.link_text.push(text);
                }
            }
            Data::Element(element) => {
                let root_of_aside = match mark {
                    Mark::Hidden(root) | Mark::Chrome(root) if root == id => Some(mark),
                    _ => None,
                };
                let tag = element.tag;
                if let Some(mark) = root_of_aside {
                    self.flush();
                    let kind = if matches!(mark, Mark::Hidden(_)) {
                        AsideKind::Hidden
                    } else {
                        AsideKind::Chrome
                    };
                    self.aside_index.insert(id, self.asides.len());
                    self.outer_asides.push(self.aside);
                    self.aside = Some(self.asides.len());
                    self.asides.push(AsideRegion {
                        kind,
                        root: id,
                        links: Vec::new(),
                    });
                }
                if tag == Tag::Br {
                    if self.pre_depth > 0 {
                        self.line.push_raw("\n");
                    } else if self.data_rows > 0 {
                        self.line.soft_break();
                    } else {
                        self.flush();
                    }
                    return;
                }
                if tag == Tag::Td && self.data_rows > 0 {
                    self.line.separate(" | ");
                    return;
                }
                if tag.is_block() && !(self.data_rows > 0 && tag != Tag::Tr) {
                    self.flush();
                    self.containers.push(id);
                }
                match tag {
                    Tag::A => {
                        self.link_depth += 1;
                        if self.link.is_none() {
                            self.link = Some((id, element.attr("href").unwrap_or("").to_string()));
                            self.link_text.clear();
                        }
                    }
                    Tag::H(_) => self.kinds.push((id, BlockKind::Heading)),
                    Tag::Li | Tag::Dt | Tag::Dd => self.kinds.push((id, BlockKind::ListItem)),
                    Tag::Blockquote => self.kinds.push((id, BlockKind::Quote)),
                    Tag::Pre => {
                        self.pre_depth += 1;
                        self.kinds.push((id, BlockKind::Code));
                    }
                    Tag::Tr if self.data_rows == 0 && is_data_row(page, id, layout) => {
                        self.data_rows += 1;
                        self.kinds.push((id, BlockKind::TableRow));
                        self.structure.data_row();
                    }
                    _ => {}
                }
                self.structure.enter(page.dom, id, tag);
            }
            _ => {}
        }
    }

    fn exit(&mut self, page: &Page<'_>, id: NodeId) {
        let Some(element) = page.dom.element(id) else {
            return;
        };
        let tag = element.tag;
        if tag == Tag::Br || (tag == Tag::Td && self.data_rows > 0) {
            self.leave_aside(id);
            return;
        }
        if tag.is_block() && !(self.data_rows > 0 && tag != Tag::Tr) {
            self.flush();
            if self.containers.last() == Some(&id) {
                self.containers.pop();
            }
        }
        if self.kinds.last().is_some_and(|(k, _)| *k == id) {
            let (_, kind) = self.kinds.pop().unwrap_or((0, BlockKind::Paragraph));
            if kind == BlockKind::Code {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
            if kind == BlockKind::TableRow {
                self.data_rows = self.data_rows.saturating_sub(1);
            }
        }
        if tag == Tag::A {
            self.link_depth = self.link_depth.saturating_sub(1);
            if self.link.as_ref().is_some_and(|(l, _)| *l == id)
                && let Some((_, href)) = self.link.take()
            {
                let link = Link {
                    href,
                    text: self.link_text.take_copy(),
                };
                match self.aside {
                    Some(aside) => self.asides[aside].links.push(link),
                    None => self.links.push((self.blocks.len(), link)),
                }
            }
        }
        self.structure.exit(id, tag);
        self.leave_aside(id);
    }

    fn leave_aside(&mut self, id: NodeId) {
        if self.aside.is_some_and(|a| self.asides[a].root == id) {
            self.flush();
            // A hidden element inside a chrome region (an ad's countdown, a menu's closed
            // submenu) ends its own region, not the enclosing one.
            self.aside = self.outer_asides.pop().flatten();
            self.link = None;
        }
    }

    fn flush(&mut self) {
        if self.line.is_empty() {
            self.measure = Measure::default();
            self.link_words = 0.0;
            self.line_at = None;
            return;
        }
        let mut text = self.line.take_copy();
        let at = self.line_at.take().unwrap_or(0);
        let kind = self.kinds.last().map_or(BlockKind::Paragraph, |(_, k)| *k);
        // Permalink anchors (`¶`, `#`) trail headings and definitions of documentation sites
        // (`#` only on headings: a paragraph may end in `C#`).
        let anchors: &[char] = if kind == BlockKind::Heading {
            &['¶', '#', '§', '🔗']
        } else {
            &['¶', '🔗']
        };
        let trimmed = text.trim_end_matches(anchors).trim_end().len();
        if trimmed > 0 && trimmed < text.len() {
            text.truncate(trimmed);
        }
        let container = self.containers.last().copied().unwrap_or(0);
        let measure = std::mem::take(&mut self.measure);
        let link_words = std::mem::take(&mut self.link_words);
        let form = self.structure.form(kind);
        if kind == BlockKind::Code && self.aside.is_none() {
            let mut form = Some(form);
            for line in text.lines() {
                let line = line.trim_end();
                if line.trim().is_empty() {
                    continue;
                }
                // The first line keeps the block's form (it starts the code); the others
                // continue it.
                let form = form.take().unwrap_or_else(|| self.structure.form(kind));
                self.blocks.push(RawBlock {
                    text: line.to_string(),
                    kind,
                    container,
                    at,
                    measure: Measure::of(line),
                    link_words: 0.0,
                    aside: None,
                    form,
                });
            }
            return;
        }
        self.blocks.push(RawBlock {
            text,
            kind,
            container,
            at,
            measure,
            link_words: link_words.min(measure.words),
            aside: self.aside,
            form,
        });
    }
}

/// A table row is data (its cells on one line) when no cell holds block-level content or
/// more than one line break: otherwise the table is layout and its cells are containers.
fn is_data_row(page: &Page<'_>, tr: NodeId, layout: &[Layout]) -> bool {
    let mut cells = 0;
    for cell in page.dom.children(tr) {
        if page.dom.tag(cell) != Some(Tag::Td) {
            continue;
        }
        cells += 1;
        let l = layout[cell as usize];
        if l.has_descendant_blocks || l.brs > 1 || page.words[cell as usize] > 120.0 {
            return false;
        }
    }
    cells > 0
}
