//! The record's metadata fields from an HTML page: meta tags, JSON-LD, microdata, the
//! headline element, bylines and the page's own lines (`发布时间：…`, `来源：…`, `By …`).

mod author;
mod lines;
mod published;
mod title;

use std::sync::LazyLock;

use ahash::AHashMap as HashMap;

use html5ever::{local_name, ns};
use regex::Regex;

use super::analyze::{Mark, Page};
use super::dom::{Data, NodeId, Tag};
use super::jsonld::LinkedData;
use super::select::Selection;
use super::text::{LineBuilder, fold_space, is_unspaced};
use crate::content::{BlockKind, Metadata};
use crate::meta::{DateTime, find_date, identify_lang};

/// What one pass over the tree collects, before the content is chosen.
#[derive(Debug, Default)]
pub struct Found {
    pub lang_attr: Option<String>,
    pub title_tag: Option<String>,
    /// `(key, content)` of meta tags; keys are `property`, `name` or `itemprop`, lower-cased.
    pub meta: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub ld: LinkedData,
    /// `h1` and `h2` elements with their text.
    pub headings: Vec<(NodeId, u8, String)>,
    /// The element holding the article's headline.
    pub headline: Option<NodeId>,
    /// The headline element says something other than the title (a page titled by its
    /// `<title>` whose only `h1` heads the first section): its line is the text's too.
    pub headline_in_text: bool,
    pub title: Option<String>,
    pub site_from_title: Option<String>,
    /// Elements that name an author: `itemprop=author`, `rel=author`, links to authors' pages.
    pub author_marks: Vec<author::AuthorMark>,
    pub byline_elements: Vec<(NodeId, String)>,
    /// Microdata publication dates (`itemprop=datePublished`), each with the story
    /// (`<article>`, an Article item) it stands in.
    pub item_dates: Vec<(String, Option<NodeId>)>,
    /// `<time>` elements: position, `datetime` (or text), and whether marked as publication.
    pub times: Vec<(NodeId, String, bool)>,
    pub breadcrumbs: Vec<String>,
}

impl Found {
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|key| {
            self.meta
                .iter()
                .find(|(k, v)| k == key && !v.trim().is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    pub fn scan(page: &Page<'_>) -> Found {
        let mut found = Found::default();
        let dom = page.dom;
        let mut breadcrumb_root: Option<NodeId> = None;
        let mut places: Vec<NodeId> = Vec::new();
        // Open regions, as the pre-order index where each ends: figures, credits and comments
        // (whose author marks are not the article's), and stories (`<article>`).
        let mut credit_scopes: Vec<usize> = Vec::new();
        let mut stories: Vec<(usize, NodeId)> = Vec::new();
        let mut class_names: HashMap<&str, NameWords> = HashMap::new();
        for (i, &id) in page.pre.order.iter().enumerate() {
            while credit_scopes.last().is_some_and(|&end| end <= i) {
                credit_scopes.pop();
            }
            while stories.last().is_some_and(|&(end, _)| end <= i) {
                stories.pop();
            }
            let Some(element) = dom.element(id) else { continue };
            match element.tag {
                Tag::Html if found.lang_attr.is_none() => {
                    found.lang_attr = element.attr("lang").or(element.attr("xml:lang")).map(str::to_string);
                }
                Tag::Title if found.title_tag.is_none() => {
                    let t = element_text(page, id, 600);
                    if !t.is_empty() {
                        found.title_tag = Some(t);
                    }
                }
                Tag::Meta => {
                    let key = element
                        .attr("property")
                        .or(element.attr("name"))
                        .or(element.attr("itemprop"))
                        .or(element.attr("http-equiv"));
                    if let (Some(key), Some(content)) = (key, element.attr("content")) {
                        let value = fold_space(content);
                        // `property` may list several names.
                        for k in key.split_whitespace() {
                            found.meta.push((k.to_ascii_lowercase(), value.clone()));
                        }
                    }
                }
                Tag::Link => {
                    let rel = element.attr("rel").unwrap_or("");
                    if rel.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) && found.canonical.is_none()
                    {
                        found.canonical = element.attr("href").map(|h| h.trim().to_string());
                    }
                }
                Tag::Script => {
                    let ty = element.attr("type").unwrap_or("");
                    if ty.trim().eq_ignore_ascii_case("application/ld+json") {
                        let json: String = dom
                            .children(id)
                            .filter_map(|c| match &dom.node(c).data {
                                Data::Text(t) => Some(&**t),
                                _ => None,
                            })
                            .collect();
                        found.ld.add_script(&json);
                    }
                }
                Tag::H(level @ (1 | 2)) if found.headings.len() < 60 => {
                    // Permalink anchors (`¶`, `#`) trail some headings.
                    let t = element_text(page, id, 400)
                        .trim_end_matches(['¶', '#', '🔗', '§'])
                        .trim_end()
                        .to_string();
                    if !t.is_empty() {
                        found.headings.push((id, level, t));
                    }
                }
                _ => {}
            }
            if matches!(page.marks[id as usize], Mark::Skip) {
                continue;
            }
            let names = NameWords::of(element, &mut class_names);
            let itemtype = html_attr(element, &local_name!("itemtype"));
            if author::is_credit_scope(element.tag, itemtype, names.credit) {
                credit_scopes.push(page.pre.end[i]);
            }
            if author::is_article_scope(element.tag, itemtype) {
                stories.push((page.pre.end[i], id));
            }
            let in_credit = !credit_scopes.is_empty();
            let story = stories.last().map(|&(_, s)| s);
            if let Some(prop) = html_attr(element, &local_name!("itemprop")) {
                for prop in prop.split_whitespace() {
                    match prop {
                        "author" | "creator" if found.author_marks.len() < 64 && !in_credit => {
                            let name = element
                                .attr("content")
                                .map(fold_space)
                                .unwrap_or_else(|| item_name(page, id));
                            if !name.is_empty() {
                                let person = element
                                    .attr("itemtype")
                                    .is_some_and(|t| t.to_ascii_lowercase().ends_with("person"));
                                found.author_marks.push(author::AuthorMark {
                                    id,
                                    name,
                                    kind: author::MarkKind::ItemProp,
                                    person,
                                    article: story,
                                });
                            }
                        }
                        "datePublished" | "dateCreated" if found.item_dates.len() < 4 => {
                            let value = element
                                .attr("content")
                                .or(element.attr("datetime"))
                                .map(str::to_string)
                                .unwrap_or_else(|| element_text(page, id, 200));
                            found.item_dates.push((value, story));
                        }
                        _ => {}
                    }
                }
            }
            if element.tag == Tag::A && !in_credit && found.author_marks.len() < 64 {
                let rel_author = html_attr(element, &local_name!("rel"))
                    .is_some_and(|rel| rel.split_whitespace().any(|r| r.eq_ignore_ascii_case("author")));
                let kind = if rel_author {
                    Some(author::MarkKind::RelAuthor)
                } else if html_attr(element, &local_name!("href")).is_some_and(author::is_profile_link) {
                    Some(author::MarkKind::ProfileLink)
                } else {
                    None
                };
                if let Some(kind) = kind {
                    let t = author::byline_text(page, id, 200);
                    if !t.is_empty() {
                        found.author_marks.push(author::AuthorMark {
                            id,
                            name: t,
                            kind,
                            person: false,
                            article: story,
                        });
                    }
                }
            }
            if element.tag == Tag::Time && found.times.len() < 20 {
                let value = element
                    .attr("datetime")
                    .map(str::to_string)
                    .unwrap_or_else(|| element_text(page, id, 200));
                let marked = element.attr("pubdate").is_some()
                    || element.attr("itemprop").is_some_and(|p| p.contains("datePublished"))
                    || element.attr("class").is_some_and(|c| {
                        let c = c.to_ascii_lowercase();
                        c.contains("publish") || c.contains("posted") || c.contains("pubdate")
                    });
                found.times.push((id, value, marked));
            }
            if names.place {
                // A dateline's place inside an author box (`author-origin`: `São Paulo`) is not
                // a name; it is taken out of the byline elements holding it below.
                if places.len() < 12 && page.words[id as usize] <= 10.0 {
                    places.push(id);
                }
            } else if names.byline && !in_credit && found.byline_elements.len() < 12 && page.words[id as usize] <= 40.0
            {
                let t = author::byline_text(page, id, 300);
                let t = author::label_and_next(page, id, &t).unwrap_or(t);
                if !t.is_empty() {
                    found.byline_elements.push((id, t));
                }
            }
            let in_previous_crumbs = breadcrumb_root.is_some_and(|r| page.contains(r, id));
            if !in_previous_crumbs
                && found.breadcrumbs.is_empty()
                && (names.breadcrumb || is_breadcrumb_by_text(page, id))
            {
                let crumbs = breadcrumb_items(page, i);
                if crumbs.len() >= 2 {
                    found.breadcrumbs = crumbs;
                    breadcrumb_root = Some(id);
                }
            }
        }
        for &place in &places {
            let place_text = element_text(page, place, 300);
            for (byline, text) in &mut found.byline_elements {
                if !place_text.is_empty() && page.contains(*byline, place) {
                    *text = fold_space(&text.replacen(place_text.as_str(), " ", 1));
                }
            }
        }
        found.decide_title(page);
        found
    }
}

/// [`Element::attr`](super::dom::Element::attr) for an attribute name known at compile time:
/// interned names compare as numbers, not strings (this runs for every element of a page).
fn html_attr<'e>(element: &'e super::dom::Element, name: &html5ever::LocalName) -> Option<&'e str> {
    debug_assert!(
        super::dom::is_read_attribute(name.as_bytes()),
        "attribute {name} is cut before parsing"
    );
    element
        .attrs
        .iter()
        .find(|a| a.name.ns == ns!() && a.name.local == *name)
        .map(|a| &*a.value)
}

/// `hay.contains(needle)` for the short names of class and id attributes, without the
/// substring searcher `str::contains` sets up on every call.
fn has(hay: &str, needle: &str) -> bool {
    needle.is_empty() || hay.as_bytes().windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Which metadata roles an element's class and id names suggest.
#[derive(Default, Clone, Copy)]
struct NameWords {
    byline: bool,
    breadcrumb: bool,
    /// A place (`author-origin`, `byline-location`).
    place: bool,
    /// A region whose author marks are not the article's (a word of
    /// [`author::CREDIT_SCOPE_WORDS`]: `comment`, `credit`…).
    credit: bool,
}

/// Class and id words of bylines, breadcrumbs and places (`author-origin`: `São Paulo`).
const BYLINE_NAMES: &[&str] = &[
    "byline",
    "author",
    "authors",
    "writer",
    "reporter",
    "byl",
    "contributor",
    "authorname",
    "zuozhe",
];
const BREADCRUMB_NAMES: &[&str] = &[
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "bread",
    "breadnav",
    "mbx",
];
const PLACE_NAMES: &[&str] = &["origin", "location", "place", "city"];

/// Pieces one of which every name [`NameWords::of`] acts on holds (`byline` holds `byl`,
/// `breadcrumbs` holds `crumb`, `authorname` holds `author`, `replies` holds `repl`…), ASCII case
/// aside. Most class and id values hold none, and are passed over without being split into words.
static NAME_WORD_PIECES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .prefilter(false)
        .build([
            "byl",
            "author",
            "writer",
            "reporter",
            "contributor",
            "zuozhe",
            "crumb",
            "bread",
            "mbx",
            "origin",
            "location",
            "place",
            "city",
            "comment",
            "repl",
            "respond",
            "disqus",
            "credit",
            "figcaption",
        ])
        .expect("valid name pieces")
});

impl NameWords {
    /// What `element`'s class, id, `aria-label` and `itemtype` say; class lists are looked up
    /// in `classes` first (the items of a menu or a feed repeat one class list many times).
    fn of<'a>(element: &'a super::dom::Element, classes: &mut HashMap<&'a str, NameWords>) -> NameWords {
        let mut words = NameWords::default();
        for attr in &element.attrs {
            let value: &'a str = &attr.value;
            let said = match attr.name.local {
                local_name!("class") => *classes
                    .entry(value)
                    .or_insert_with(|| NameWords::of_value(value, false)),
                local_name!("id") => NameWords::of_value(value, false),
                local_name!("aria-label") | local_name!("itemtype") => NameWords::of_value(value, true),
                _ => continue,
            };
            words.byline |= said.byline;
            words.breadcrumb |= said.breadcrumb;
            words.place |= said.place;
            words.credit |= said.credit;
        }
        words
    }

    /// What one class or id value says; `label`: an `aria-label` or `itemtype` value, which
    /// only a breadcrumb's name is looked for in.
    fn of_value(value: &str, label: bool) -> NameWords {
        let mut words = NameWords::default();
        if !NAME_WORD_PIECES.is_match(value) {
            return words;
        }
        // Most names are lower-case already: copied only when they are not.
        let value: std::borrow::Cow<'_, str> = if value.bytes().any(|b| b.is_ascii_uppercase()) {
            value.to_ascii_lowercase().into()
        } else {
            value.into()
        };
        if label {
            words.breadcrumb = has(&value, "breadcrumb");
            return words;
        }
        for token in value.split_ascii_whitespace() {
            for word in token.split(['-', '_']) {
                words.byline |= BYLINE_NAMES.contains(&word);
                words.breadcrumb |= BREADCRUMB_NAMES.contains(&word);
                words.place |= PLACE_NAMES.contains(&word);
                words.credit |= author::CREDIT_SCOPE_WORDS.contains(&word);
            }
            if has(token, "author")
                && !has(token, "authority")
                && !has(token, "avatar")
                && !has(token, "bio")
                && !has(token, "img")
                && !has(token, "photo")
            {
                words.byline = true;
            }
        }
        words
    }
}

/// A "current position" label. Every alternative ends in `位置`, which [`is_breadcrumb_by_text`]
/// looks for before running it.
static POSITION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:当前位置|您现在的位置|您的位置|你的位置|你现在的位置|所在位置|当前的位置|現在位置|目前位置|位置)\s*[：:]?")
        .expect("valid pattern")
});

/// A short element whose own first text is a "current position" label (`当前位置：`).
fn is_breadcrumb_by_text(page: &Page<'_>, id: NodeId) -> bool {
    let words = page.words[id as usize];
    if !(1.0..=40.0).contains(&words) {
        return false;
    }
    let Some(first) = page.dom.children(id).find_map(|c| match &page.dom.node(c).data {
        Data::Text(t) if !is_blank(t) => Some(&**t),
        _ => None,
    }) else {
        return false;
    };
    // Every label ends in `位置`: most elements are answered without the regex, and ASCII text
    // (most of it on many pages) without the substring search.
    !first.is_ascii() && first.contains("位置") && POSITION_LABEL.is_match(first)
}

/// `text.trim().is_empty()`, with the ASCII whitespace that indents most markup passed over a
/// byte at a time.
fn is_blank(text: &str) -> bool {
    match text.bytes().position(|b| !b.is_ascii_whitespace() && b != 0x0b) {
        None => true,
        Some(at) => text[at..].trim_start().is_empty(),
    }
}

const CRUMB_PLACEHOLDERS: &[&str] = &["正文", "内容", "详情", "文章", "正文内容", "详细内容", "阅读文章"];

/// The link texts of a breadcrumb container (and a trailing plain item).
fn breadcrumb_items(page: &Page<'_>, at: usize) -> Vec<String> {
    let dom = page.dom;
    let end = page.pre.end[at];
    let mut crumbs: Vec<String> = Vec::new();
    let mut i = at + 1;
    let mut trailing = String::new();
    while i < end && crumbs.len() < 20 {
        let id = page.pre.order[i];
        match &dom.node(id).data {
            Data::Element(e) if e.tag == Tag::A => {
                let t = clean_crumb(&element_text(page, id, 100));
                if !t.is_empty() {
                    crumbs.push(t);
                }
                trailing.clear();
                i = page.pre.end[i];
                continue;
            }
            Data::Text(t) => trailing.push_str(t),
            _ => {}
        }
        i += 1;
    }
    let last = clean_crumb(&trailing);
    if !last.is_empty() && last.chars().count() <= 20 && !CRUMB_PLACEHOLDERS.contains(&last.as_str()) {
        crumbs.push(last);
    }
    crumbs
}

fn clean_crumb(text: &str) -> String {
    let t = fold_space(text);
    let t = POSITION_LABEL.replace(&t, "");
    t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '>' | '»' | '›' | '→' | '＞' | '/' | '|' | '·' | '-' | '：' | ':')
    })
    .to_string()
}

/// The text of an element's subtree, folded, at most about `cap` bytes.
pub fn element_text(page: &Page<'_>, id: NodeId, cap: usize) -> String {
    subtree_text(page, id, cap, |_, _| false)
}

/// [`element_text`], with a space put between the text before an element boundary and the text
/// after it when `apart(before, after)` says the two do not run on.
fn subtree_text(page: &Page<'_>, id: NodeId, cap: usize, apart: impl Fn(&str, &str) -> bool) -> String {
    let Some(&start) = page.pos.get(id as usize) else {
        return String::new();
    };
    if start == u32::MAX {
        return String::new();
    }
    let start = start as usize;
    let end = page.pre.end[start];
    let mut line = LineBuilder::default();
    let mut crossed = false;
    for &n in &page.pre.order[start..end] {
        match &page.dom.node(n).data {
            Data::Text(t) => {
                if crossed && apart(&line.text, t) {
                    line.soft_break();
                }
                crossed = false;
                line.push(t);
            }
            Data::Element(e) => {
                crossed = true;
                if e.tag.is_block() {
                    line.soft_break();
                }
            }
            _ => {}
        }
        if line.text.len() > cap {
            break;
        }
    }
    line.take()
}

/// The `itemprop="name"` inside an author element, or its text.
fn item_name(page: &Page<'_>, id: NodeId) -> String {
    let start = page.pos[id as usize] as usize;
    for &n in &page.pre.order[start + 1..page.pre.end[start]] {
        if let Some(e) = page.dom.element(n)
            && e.attr("itemprop")
                .is_some_and(|p| p.split_whitespace().any(|p| p == "name"))
        {
            return e
                .attr("content")
                .map(fold_space)
                .unwrap_or_else(|| element_text(page, n, 200));
        }
    }
    element_text(page, id, 200)
}

/// Lower-cased, whitespace-folded, NFKC-ish (full-width ASCII folded) form for comparisons.
fn normalize(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        // ASCII, most of most titles, is its own half-width form.
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            continue;
        }
        let c = match crate::meta::byline::halfwidth_char(c) {
            '\u{a0}' => ' ',
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        };
        folded.extend(c.to_lowercase());
    }
    fold_space(&folded)
}

/// The first characters of [`SOURCE_LINE`]'s labels.
const SOURCE_LINE_FIRST: [char; 7] = ['来', '來', '稿', '出', '文', '新', '信'];

/// A `来源：` label and the name after it, of one character or more: [`source_line`] wants two
/// to forty, which a bounded repetition of this class would say with forty copies of it, costly
/// to build.
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:来源|來源|稿源|出处|出處|文章来源|新闻来源|信息来源)\s*[：:]\s*([^\s|｜　:：]+)")
        .expect("valid pattern")
});

/// The first source named after a `来源：` label in `line`, at most forty characters of it; a
/// name of one character is no source, and the search goes on from the next character (what
/// `([^\s|｜　:：]{2,40})` in [`SOURCE_LINE`] would find).
fn source_line(line: &str) -> Option<&str> {
    let mut at = 0;
    loop {
        let caps = SOURCE_LINE.captures_at(line, at)?;
        let name = caps.get(1)?.as_str();
        if name.chars().nth(1).is_some() {
            return Some(name.char_indices().nth(40).map_or(name, |(end, _)| &name[..end]));
        }
        let start = caps.get(0)?.start();
        at = start + line[start..].chars().next().map_or(1, char::len_utf8);
    }
}

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:发布时间|發布時間|发布日期|發佈日期|发表时间|發表時間|发表于|发布于|时间|時間|日期|published|posted|updated on|date)")
        .expect("valid pattern")
});

/// The first characters of [`CN_AUTHOR`]'s labels.
const CN_AUTHOR_FIRST: [char; 12] = ['作', '撰', '文', '本', '特', '通', '记', '記', '实', '實', '执', '執'];

static CN_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:作者|撰文|撰稿|文\s*[／/|]|本报记者|本報記者|本台记者|特约记者|通讯员|记者|記者|本报实习生|本報實習生|实习生|實習生|执笔人|執筆人|文字)\s*[：:／/]?\s*((?:[\p{Han}·]{2,4}(?:[\s、,，和与及）)]+|$)){1,6})",
    )
    .expect("valid pattern")
});

/// A reporter's role between the names a Chinese byline lists (`记者 张三 通讯员 李四`,
/// `本报实习生 周某 本报记者 吴某`): the names' separator, every one of them a writer.
static CN_ROLE_BETWEEN_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:本报|本報|本台)?(?:见习|見習|实习|實習|特约|特約|首席)?(?:记者|記者|通讯员|通訊員|实习生|實習生)\s*[：:]?\s*")
        .expect("valid pattern")
});

/// `By Jane Doe`: the label and the names after it, of two to 120 characters.
static EN_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|written by|words by|von|par|por|door|di|av)\s*:?\s+(.{2,120})$").expect("valid pattern")
});

/// [`EN_BYLINE`] with names of any length, which builds in a fraction of the time (one copy of
/// `.` instead of 120). Its first reading takes the most label and separator it can, so leaves
/// the shortest names: when those are two to 120 characters long, `EN_BYLINE` reads the line the
/// same way; when longer, every other reading is longer still and `EN_BYLINE` finds nothing.
static EN_BYLINE_ANY_LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|written by|words by|von|par|por|door|di|av)\s*:?\s+(.+)$").expect("valid pattern")
});

/// The names of an English byline line, as [`EN_BYLINE`] captures them.
fn en_byline(line: &str) -> Option<&str> {
    let caps = EN_BYLINE_ANY_LENGTH.captures(line)?;
    let names = caps.get(1)?.as_str();
    match names.chars().take(121).count() {
        2..=120 => Some(names),
        121 => None,
        // A one-character rest: `EN_BYLINE` may read fewer separators into the label (`By : x`).
        _ => EN_BYLINE.captures(line).and_then(|c| c.get(1)).map(|m| m.as_str()),
    }
}

/// Words that end a name in a byline (`By Jane Doe | April 2` / `and Jane Doe, Reuters`).
static BYLINE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:[|•·—–]|\bupdated\b|\bpublished\b|\bposted\b|\bon\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b\d{1,2}\s*(?:min|minute)|\d{4}[-/年]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|来源|來源|时间|時間|发布|編輯|编辑|责任|日期|通讯员|摄影|实习生|报道|\s{2,}).*$")
        .expect("valid pattern")
});

static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:written|words|posted|reported|photos?|text)\s+)?(?:by|von|par|por|door|av)\s*:?\s+|^\s*(?:author|authors|作者|撰文|文|记者|本报记者|記者)\s*[：:／/]\s*")
        .expect("valid pattern")
});

/// A byline candidate reduced to the names, or `None` when it does not look like names.
fn clean_author(raw: &str, site: Option<&str>) -> Option<String> {
    let mut t = fold_space(raw);
    for _ in 0..2 {
        t = BYLINE_PREFIX.replace(&t, "").into_owned();
    }
    let t = BYLINE_TAIL.replace(&t, "").into_owned();
    let t = t
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '|' | '-' | '，' | '：' | '、'))
        .to_string();
    // Parentheses belong to the name unless they wrap all of it or are left unbalanced.
    let t = if t.starts_with(['(', '（']) && t.ends_with([')', '）']) {
        t.trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）'])
            .trim()
            .to_string()
    } else {
        let opened = t.matches(['(', '（']).count();
        let closed = t.matches([')', '）']).count();
        if closed > opened {
            t.trim_end_matches([')', '）']).trim().to_string()
        } else if opened > closed {
            t.trim_start_matches(['(', '（']).trim().to_string()
        } else {
            t
        }
    };
    let t = crate::meta::byline::names_before_role(&t).to_string();
    // An e-mail address goes (`Jane Doe jane@example.com`); a template's `name, email@…` leaves
    // its placeholder.
    let t = if t.contains('@') {
        t.split_whitespace()
            .filter(|w| !(w.contains('@') && w.contains('.')))
            .collect::<Vec<_>>()
            .join(" ")
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|'))
            .to_string()
    } else {
        t
    };
    if t.is_empty() || t.len() > 120 || t.contains("http") || t.contains("www.") || t.contains('@') && !t.contains(' ')
    {
        return None;
    }
    // A sentence (`Get More Stuff Like This in Your Inbox!`), a placeholder (`未知`, `name`), or
    // Chinese with figures (`股市行情总篇数919篇`) is no name.
    if t.ends_with(['!', '?', '！', '？'])
        || crate::meta::byline::is_placeholder(&t)
        || matches!(t.to_lowercase().as_str(), "name" | "your name" | "author" | "by")
        || t.chars().any(|c| c.is_ascii_digit()) && t.chars().any(is_unspaced)
    {
        return None;
    }
    let words = t.split_whitespace().count();
    let cjk = t.chars().filter(|&c| is_unspaced(c)).count();
    if words > 12 || cjk > 20 {
        return None;
    }
    if !t.chars().any(char::is_alphabetic) || find_date(&t).is_some() {
        return None;
    }
    if t.chars().filter(char::is_ascii_digit).count() >= 4 {
        return None;
    }
    if let Some(site) = site
        && normalize(&t) == normalize(site)
    {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "admin" | "administrator" | "staff" | "editor" | "unknown" | "anonymous" | "guest"
            // What a cut-off "Last updated: …" / "Originally published …" leaves.
            | "last" | "first" | "originally" | "date" | "time"
    ) {
        return None;
    }
    Some(t)
}

/// `texts` each followed by a line break, up to the first character boundary at or past
/// `limit` bytes.
fn lines_prefix(texts: &[&str], limit: usize) -> String {
    let mut out = String::new();
    for text in texts {
        if out.len() >= limit {
            break;
        }
        let mut end = (limit - out.len()).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        out.push_str(&text[..end]);
        if end == text.len() {
            out.push('\n');
        }
    }
    out
}

fn first_date(values: impl IntoIterator<Item = impl AsRef<str>>) -> Option<DateTime> {
    values.into_iter().find_map(|v| find_date(v.as_ref()))
}

/// Fills the metadata once the content is chosen.
pub fn decide(page: &Page<'_>, found: &Found, selection: &Selection, url: Option<&str>) -> Metadata {
    // The language is told from the first kept blocks, else the page's first blocks, each
    // followed by a line break; of those, only the part `detect_lang` reads is copied (a page of
    // one 200 MB block would otherwise be copied whole).
    let blank = |text: &str| text.trim().is_empty();
    let kept = || selection.kept.iter().take(200).map(|&i| page.blocks[i].text.as_str());
    let mut first_blocks: Vec<&str> = kept().collect();
    if first_blocks.iter().all(|text| blank(text)) {
        first_blocks.extend(page.blocks.iter().take(200).map(|b| b.text.as_str()));
    }
    let content_text = lines_prefix(&first_blocks, 4 * crate::meta::lang::SAMPLE_CHARS);
    let declared_lang = found
        .lang_attr
        .as_deref()
        .or(found.meta(&["content-language", "og:locale", "dc.language", "language"]))
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let probe: &str = if first_blocks.iter().all(|text| blank(text)) {
        found.title.as_deref().unwrap_or("")
    } else {
        &content_text
    };
    // The title is a hint (read first) unless it is all there is.
    let hint = found.title.as_deref().filter(|_| !content_text.trim().is_empty());
    let lang = identify_lang(
        probe,
        hint,
        declared_lang.map(|d| d.split([',', ';']).next().unwrap_or(d)),
    );

    let canonical = found
        .canonical
        .clone()
        .or_else(|| found.meta(&["og:url"]).map(str::to_string))
        .or_else(|| found.ld.url.clone())
        .and_then(|c| absolutize(&c, url));
    let page_url = url.map(str::to_string).or_else(|| canonical.clone());
    let chinese = lang.as_deref() == Some("zh")
        || declared_lang.is_some_and(|l| l.to_ascii_lowercase().starts_with("zh"))
        || page_url
            .as_deref()
            .is_some_and(|u| host(u).is_some_and(|h| h.ends_with(".cn")));

    let site = found
        .meta(&["og:site_name", "sitename", "application-name", "al:ios:app_name"])
        .map(fold_space)
        .or_else(|| found.ld.publisher.clone())
        .or_else(|| found.site_from_title.clone())
        .filter(|s| !s.is_empty() && s.chars().count() <= 60);

    let lines = lines::nearby_lines(page, found, selection);
    let header = lines::header_lines(page, found, selection);
    let parsed = lines::Parsed::of(&lines, &header);
    let published = published::decide(
        page,
        found,
        selection,
        &lines,
        &header,
        &parsed,
        page_url.as_deref(),
        lang.as_deref(),
        chinese,
    );
    let bylines = parsed.into_bylines();

    // Source: a credit line near the headline or at the end of the content.
    let source = bylines
        .iter()
        .find_map(|b| b.source.clone())
        .or_else(|| {
            lines.iter().find_map(|l| {
                l.contains(SOURCE_LINE_FIRST)
                    .then(|| source_line(l))
                    .flatten()
                    .map(|name| name.trim_end_matches(['。', '，', ',']).to_string())
            })
        })
        .or_else(|| {
            found
                .meta(&["contentsource", "source", "og:source", "sourcename"])
                .map(fold_space)
        })
        .filter(|s| !s.is_empty() && !s.starts_with("http"));
    let author = author::decide(
        page,
        found,
        selection,
        &lines,
        &bylines,
        site.as_deref(),
        source.as_deref(),
    );

    let breadcrumbs = if !found.ld.breadcrumbs.is_empty() {
        found.ld.breadcrumbs.clone()
    } else {
        found.breadcrumbs.clone()
    };

    let title = found
        .title
        .clone()
        .map(|t| unescape_entities(&t))
        .or_else(|| {
            // A heading in the content when nothing else named the page.
            selection
                .kept
                .iter()
                .map(|&i| &page.blocks[i])
                .find(|b| b.kind == BlockKind::Heading)
                .map(|b| b.text.clone())
        })
        .filter(|t| !t.is_empty());

    Metadata {
        title,
        author,
        published,
        site,
        source,
        breadcrumbs,
        url: canonical,
        lang,
    }
}

fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#', ':']).next().unwrap_or(rest))
}

/// Makes a canonical link absolute against the document URL; `None` when it cannot be.
pub(super) fn absolutize(link: &str, base: Option<&str>) -> Option<String> {
    let link = link.trim();
    if link.is_empty() {
        return None;
    }
    if link.starts_with("http://") || link.starts_with("https://") {
        return Some(link.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    if let Some(path) = link.strip_prefix("//") {
        return Some(format!("{scheme}://{path}"));
    }
    if link.starts_with('/') {
        return Some(format!("{scheme}://{host}{link}"));
    }
    None
}

/// Decodes the character references JSON-LD and attribute values sometimes carry twice.
pub fn unescape_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // A name is at most nine bytes: look for its `;` only that far, so a text of many `&`
        // and no `;` is read once, not once per `&`.
        let end = rest.as_bytes()[1..]
            .iter()
            .take(10)
            .position(|&b| b == b';')
            .map(|e| e + 1);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let n = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                        u32::from_str_radix(hex, 16).ok()
                    } else if let Some(dec) = name.strip_prefix('#') {
                        dec.parse().ok()
                    } else {
                        None
                    };
                    n.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_language_probe_is_the_start_of_the_blocks() {
        use super::lines_prefix;
        assert_eq!(lines_prefix(&["ab", "中文"], 100), "ab\n中文\n");
        assert_eq!(lines_prefix(&["ab", "中文"], 3), "ab\n");
        // Cut at the first character boundary at or past the limit.
        assert_eq!(lines_prefix(&["ab", "中文"], 4), "ab\n中");
        assert_eq!(lines_prefix(&["ab", "中文"], 6), "ab\n中");
        assert_eq!(lines_prefix(&[], 6), "");
    }

    #[test]
    fn a_very_long_title_is_compared_by_its_start() {
        // A very long title compares by its start, with the same answer for a headline in it.
        let long_title = format!("A headline about things | Site {}", "x ".repeat(100_000));
        assert!(similarity("A headline about things", &long_title) >= 0.75);
    }

    use super::title::{similarity, split_title};
    use super::*;

    /// [`en_byline`] and [`source_line`] read every line as the bounded patterns they stand for.
    #[test]
    fn unbounded_patterns_read_as_the_bounded_ones() {
        let long = "x".repeat(119);
        let mut lines: Vec<String> = Vec::new();
        for rest in [
            "Jane Doe", "x", "xy", "  x", " : x", ":x", ": x", " :  x", "\t: x", " ", "", "a\nb",
        ] {
            for label in ["By", "by", "WRITTEN BY", "von", "Di", "\u{17f}"] {
                lines.push(format!("{label}{rest}"));
                lines.push(format!("{label} {rest}"));
                lines.push(format!("{label}  {long}{rest}"));
                lines.push(format!("{label} {long}{rest}"));
                lines.push(format!("{label} x{long}{rest}"));
            }
        }
        for line in &lines {
            let bounded = EN_BYLINE.captures(line).map(|c| c.get(1).unwrap().as_str());
            assert_eq!(en_byline(line), bounded, "{line:?}");
        }
        let bounded =
            Regex::new(r"(?:来源|來源|稿源|出处|出處|文章来源|新闻来源|信息来源)\s*[：:]\s*([^\s|｜　:：]{2,40})")
                .unwrap();
        let forty = "新".repeat(39);
        for line in [
            "来源：新华社",
            "来源：A 来源：新华社",
            "文章来源：A",
            "文章来源：A 信息来源 ： 人民网|编辑",
            "来源：来源：新华",
            "来源:",
            "来源： 甲",
            &format!("来源：{forty}"),
            &format!("来源：{forty}华社"),
            &format!("稿源：甲{forty}华社 来源：乙"),
        ] {
            let want = bounded.captures(line).map(|c| c.get(1).unwrap().as_str());
            assert_eq!(source_line(line), want, "{line:?}");
        }
    }

    #[test]
    fn blank_is_empty_when_trimmed() {
        for text in [
            "",
            " ",
            "\n\t  \r\x0b\x0c",
            " \u{3000}\u{a0} ",
            " x ",
            "\n中",
            "\u{3000}x",
            "\u{200b}",
        ] {
            assert_eq!(is_blank(text), text.trim().is_empty(), "{text:?}");
        }
    }

    /// The pieces [`NameWords::of`] looks for first are in every name it acts on, in any ASCII
    /// case: the prefilter hides none of them.
    #[test]
    fn name_pieces_are_in_every_name_word() {
        let names = BYLINE_NAMES
            .iter()
            .chain(BREADCRUMB_NAMES)
            .chain(PLACE_NAMES)
            .chain(author::CREDIT_SCOPE_WORDS)
            .chain(&["author", "breadcrumb"]);
        for name in names {
            for form in [name.to_string(), name.to_ascii_uppercase(), format!("post-{name}_x")] {
                assert!(NAME_WORD_PIECES.is_match(&form), "{form:?}");
            }
        }
        for other in ["article-body", "main content", "nav", "footer-links"] {
            assert!(!NAME_WORD_PIECES.is_match(other), "{other:?}");
        }
    }

    #[test]
    fn job_titles_after_a_comma_are_no_names() {
        assert_eq!(
            clean_author("By Helen Marsh, Transport Correspondent", None).as_deref(),
            Some("Helen Marsh")
        );
        assert_eq!(
            clean_author("Jane Doe | Senior Editor", None).as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_author("Jane Doe, John Roe", None).as_deref(),
            Some("Jane Doe, John Roe")
        );
        // A title alone is left for the other checks.
        assert_eq!(crate::meta::byline::names_before_role("Staff Writer"), "Staff Writer");
    }

    #[test]
    fn a_heading_the_title_starts_with_beats_a_portal_name_inside_it() {
        let title = normalize("新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::");
        let post = similarity(&normalize("新竹尖石_美樹營地賞楓 (2)"), &title);
        let portal = similarity(&normalize("痞客邦 PIXNET"), &title);
        assert!(0.9 * post > portal, "{post} {portal}");
        // Only up to a separator: a recipe card's name is not the start of the title's headline.
        let title = normalize("Spiced Honey Pear Jam Recipe | The Cleaver");
        assert!(similarity(&normalize("Spiced Honey Pear Jam"), &title) < 0.75);
    }

    #[test]
    fn titles_lose_their_site() {
        assert_eq!(
            split_title("宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网", None),
            ("宇航员在太空中喝酒会怎么样？后果很严重".into(), Some("光明网".into()))
        );
        assert_eq!(
            split_title("How to Build a Terrarium | eHow", None),
            ("How to Build a Terrarium".into(), Some("eHow".into()))
        );
        assert_eq!(
            split_title("BBC News - Obama admits US gun laws are his biggest frustration", None).0,
            "Obama admits US gun laws are his biggest frustration"
        );
        assert_eq!(
            split_title("Headline - with dash - Example Times", Some("Example Times")).0,
            "Headline"
        );
        assert_eq!(
            split_title("Daring Fireball: Colophon", None).0,
            "Daring Fireball: Colophon"
        );
    }

    #[test]
    fn authors_are_cleaned() {
        assert_eq!(
            clean_author("By Jane Doe | April 2, 2024", None).as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(clean_author("作者：张三", None).as_deref(), Some("张三"));
        assert_eq!(clean_author("Last Updated: January 7, 2025", None), None);
        assert_eq!(clean_author("Originally published March 3", None), None);
        assert_eq!(clean_author("https://example.com/jane", None), None);
        assert_eq!(clean_author("Example News", Some("Example News")), None);
    }

    #[test]
    fn chinese_bylines() {
        let c = CN_AUTHOR.captures("新华社北京4月2日电（记者张三、李四）").unwrap();
        assert_eq!(clean_author(&c[1], None).as_deref(), Some("张三、李四"));
        let c = CN_AUTHOR.captures("本报记者 王五 通讯员 赵六").unwrap();
        assert_eq!(clean_author(&c[1], None).as_deref(), Some("王五"));
    }

    #[test]
    fn substring_test_of_names_agrees_with_contains() {
        for hay in [
            "",
            "a",
            "author",
            "post-author-bio",
            "co-authority",
            "作者author",
            "breadcrumbs",
        ] {
            for needle in ["author", "authority", "bio", "breadcrumb", "a", ""] {
                assert_eq!(has(hay, needle), hay.contains(needle), "{hay:?} {needle:?}");
            }
        }
    }

    #[test]
    fn entities() {
        assert_eq!(
            unescape_entities("A &amp; B &#39;c&#x27; &bogus; &"),
            "A & B 'c' &bogus; &"
        );
    }
}
