//! Who wrote the article, read as a reader reads it: the byline shown with the headline wins
//! over what the page declares for machines when the two disagree, and a person over a
//! publisher.
//!
//! Where names come from, in order of trust:
//! 1. JSON-LD `author` people (an organisation there is a publisher);
//! 2. the visible byline: elements marked as the author (`itemprop=author`, `rel=author`, a link
//!    to an author's page), byline elements, and byline lines near the headline or closing the
//!    story (`By …`, `作者：…`, `（记者 王某）`, `本贴由 X 发表`);
//! 3. `<meta name=author>` and its kin.
//!
//! The publisher (the site's own name, the JSON-LD publisher, an outlet such as `网易`, `人民网`
//! or `Us Weekly Staff`) is the author only when no person is named anywhere. Marks in figures,
//! photo credits and comments are never the article's author, nor is a teaser's byline (an
//! `<article>` that holds neither the headline nor the content).

use super::super::analyze::Page;
use super::super::dom::{NodeId, Tag};
use super::super::select::Selection;
use super::super::text::fold_space;
use super::{CN_AUTHOR, CN_AUTHOR_FIRST, CN_ROLE_BETWEEN_NAMES, Found, clean_author, en_byline, normalize};
use crate::meta::byline::{self, Byline};

/// How an element names an author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// `itemprop=author` / `creator`.
    ItemProp,
    /// `rel=author`.
    RelAuthor,
    /// A link to an author's or a poster's page (`/author/jane-doe`, `/c/user/123/`).
    ProfileLink,
}

/// An element that names an author.
#[derive(Debug, Clone)]
pub struct AuthorMark {
    pub id: NodeId,
    pub name: String,
    pub kind: MarkKind,
    /// Typed as a person (`itemtype=…/Person`).
    pub person: bool,
    /// The innermost `<article>` (or article-typed item) holding it.
    pub article: Option<NodeId>,
}

/// Path words of the pages sites keep for their writers and members.
const PROFILE_PATH_WORDS: &[&str] = &[
    "author",
    "authors",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "columnist",
    "columnists",
    "contributor",
    "contributors",
    "journalist",
    "journalists",
    "byline",
    "profile",
    "profiles",
    "staff",
    "people",
    "by",
    "autor",
    "autoren",
    "auteur",
    "auteurs",
    "autore",
    "user",
    "users",
    "member",
    "members",
];

/// Whether a link goes to a writer's or member's page: a path segment naming such pages,
/// followed by the person's own segment (`/author/jane-doe/`, `/profiles/jeremy-herb`,
/// `/c/user/5827361912/`).
pub fn is_profile_link(href: &str) -> bool {
    let path = after_scheme(href).map_or(href, |rest| rest.find('/').map_or("", |at| &rest[at..]));
    let path = path.split(['?', '#']).next().unwrap_or("");
    // Every link of a page comes here: no copies of its segments.
    let mut segments = path.split('/').filter(|s| !s.is_empty()).peekable();
    while let Some(segment) = segments.next() {
        if PROFILE_PATH_WORDS.iter().any(|w| segment.eq_ignore_ascii_case(w))
            && segments.peek().is_some_and(|next| next.len() >= 2)
        {
            return true;
        }
    }
    false
}

/// What follows the first `://` of `href` (`href.split_once("://")`'s second part, without
/// the substring searcher it sets up on every call).
fn after_scheme(href: &str) -> Option<&str> {
    let bytes = href.as_bytes();
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(|&b| b == b':') {
        let at = from + at;
        if bytes[at + 1..].starts_with(b"//") {
            return Some(&href[at + 3..]);
        }
        from = at + 1;
    }
    None
}

/// Class and id words of regions whose author marks are not the article's: photo credits,
/// captions, comments and replies (lower-case: compared with lower-cased words).
pub(super) const CREDIT_SCOPE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "reply",
    "replies",
    "respond",
    "disqus",
    "credit",
    "credits",
    "figcaption",
];

/// Item types of regions whose author is not the article's.
const CREDIT_ITEM_TYPES: &[&str] = &["imageobject", "photograph", "videoobject", "mediaobject", "comment"];

/// Whether an element (`tag`, its `itemtype`) opens a region whose author marks are credits,
/// comments or a comment form's fields; `named_credit`: whether its class or id holds a word of
/// [`CREDIT_SCOPE_WORDS`] (read with the element's other class and id words, by the caller).
pub fn is_credit_scope(tag: Tag, itemtype: Option<&str>, named_credit: bool) -> bool {
    matches!(tag, Tag::Figure | Tag::Figcaption | Tag::Img | Tag::Form)
        || named_credit
        || itemtype.is_some_and(|t| CREDIT_ITEM_TYPES.iter().any(|k| ends_with_ignore_ascii_case(t, k)))
}

/// Whether an element (`tag`, its `itemtype`) is one story of a page: `<article>` or an
/// article-typed item.
pub fn is_article_scope(tag: Tag, itemtype: Option<&str>) -> bool {
    tag == Tag::Article
        || itemtype.is_some_and(|t| {
            ["article", "blogposting", "posting"]
                .iter()
                .any(|k| ends_with_ignore_ascii_case(t, k))
        })
}

/// `text.to_ascii_lowercase().ends_with(suffix)` for a lower-case `suffix`, without the copy.
fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len() && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// The text of a byline element, a space put back where two inline elements glue a word to the
/// next (`<span>By</span><a>Travis Haney</a>`, `<b>Gina Trapani</b><i>CEO</i>`): after a
/// lower-case letter before an upper-case one, after a bare `By`, and between Chinese fields.
pub fn byline_text(page: &Page<'_>, id: NodeId, cap: usize) -> String {
    super::subtree_text(page, id, cap, glued)
}

/// Whether `next`, the text after an element boundary, glues onto `before` into one word that
/// the markup kept apart.
fn glued(before: &str, next: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().next_back(), next.chars().next()) else {
        return false;
    };
    // Chinese fields are unspaced: elements keep a name from the title after it (`<a>王文</a>
    // <p>中国人民大学…</p>`).
    let is_han = crate::decode::script::is_han;
    if is_han(last) && is_han(first) {
        return true;
    }
    if !first.is_uppercase() || !last.is_alphabetic() {
        return false;
    }
    let last_word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    last.is_lowercase() || last_word.eq_ignore_ascii_case("by")
}

/// Glued text that no element boundary shows: `ByTravis Haney` (a label run into the name) and
/// `Gina TrapaniCEO` (a name run into an all-capital or role title).
pub fn unglue(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let trimmed = text.trim_start();
    let rest = match trimmed.strip_prefix("By").or_else(|| trimmed.strip_prefix("BY")) {
        Some(rest)
            if rest.chars().next().is_some_and(char::is_uppercase)
                && rest.chars().nth(1).is_some_and(char::is_lowercase) =>
        {
            out.push_str("By ");
            rest
        }
        _ => trimmed,
    };
    let chars: Vec<char> = rest.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && chars[i - 1].is_lowercase() && c.is_uppercase() {
            // The rest of the word: a title in capitals (`CEO`) or a role word (`Editor`).
            let word: String = chars[i..].iter().take_while(|c| c.is_alphabetic()).collect();
            let capitals = word.chars().count() >= 2 && word.chars().all(char::is_uppercase);
            if capitals || byline::is_role_word(&word) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// Whether `name` is the site's own name or the brand it starts with (`网易` of `网易财经`,
/// `Example` of `Example News`). `publishers` are normalized.
fn is_site(name: &str, publishers: &[String]) -> bool {
    let n = normalize(name);
    if n.chars().count() < 2 {
        return false;
    }
    publishers.iter().any(|p| {
        let brand = p.strip_prefix(n.as_str()).is_some_and(|rest| {
            // A brand ends where a word does: before a space or punctuation, or anywhere in
            // unspaced Chinese.
            rest.chars()
                .next()
                .is_some_and(|c| !c.is_alphanumeric() || !c.is_ascii() && !n.is_ascii())
        });
        *p == n || brand
    })
}

/// Whether `name` is the publisher rather than a writer: the site (see [`is_site`]), the
/// JSON-LD publisher, or an outlet's name (`人民网`, `Reuters`, `Us Weekly Staff`).
fn is_publisher(name: &str, publishers: &[String]) -> bool {
    is_site(name, publishers) || byline::looks_like_outlet(name)
}

/// Link texts and buttons of author boxes (`See All Articles`, `View author archive`, `More
/// Articles`, `Become a fan`, `Follow`): their first word is a verb or a listing's name.
fn is_action(name: &str) -> bool {
    const FIRST_WORDS: &[&str] = &[
        "see",
        "view",
        "more",
        "read",
        "all",
        "get",
        "follow",
        "subscribe",
        "send",
        "email",
        "contact",
        "visit",
        "browse",
        "other",
        "latest",
        "recent",
        "about",
        "posts",
        "articles",
        "stories",
        "archive",
        "bio",
        "profile",
        "become",
        "sign",
        "log",
        "click",
        "share",
        "print",
        "youtube",
        "authoring",
        "关注",
        "關注",
        "加关注",
        "订阅",
        "訂閱",
        "粉丝",
        "粉絲",
        "私信",
    ];
    let first = name
        .split(|c: char| c.is_whitespace() || c == '+')
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    FIRST_WORDS.contains(&first.as_str())
}

/// `value` up to its first button or counter (`好看的hk 粉丝 - 1 关注 - 0 +加关注`, `Jane Doe See
/// All Articles`).
fn cut_actions(value: &str) -> &str {
    let mut previous: Option<char> = None;
    for (at, c) in value.char_indices() {
        if previous.is_some_and(char::is_whitespace) && !c.is_whitespace() && is_action(&value[at..]) {
            return value[..at].trim_end();
        }
        previous = Some(c);
    }
    value
}

/// Names from a cleaned value: `Jane Doe, John Roe` → both; `王乐文 方 敏` → `王乐文`, `方敏` (a
/// two-character name spaced out); none for a credit or a button (`Photographs by …`, `See All
/// Articles`). Names in other scripts, and a single name, stay as written.
fn split_names(value: &str) -> Vec<String> {
    let value = fold_space(value);
    if is_action(&value) {
        return Vec::new();
    }
    let is_han = crate::decode::script::is_han;
    let han = value.chars().filter(|&c| is_han(c)).count();
    let latin = value.chars().filter(char::is_ascii_alphabetic).count();
    let letters = value.chars().filter(|c| c.is_alphabetic()).count();
    if han + latin < letters {
        return vec![value];
    }
    let single = |n: &str| n.chars().count() == 1 && n.chars().all(is_han);
    let mut names: Vec<String> = Vec::new();
    // A run of single characters is one name spaced out.
    let mut spaced = String::new();
    for name in byline::parse_author(&value) {
        if is_action(&name) {
            break;
        }
        if single(&name) {
            spaced.push_str(&name);
            continue;
        }
        if !spaced.is_empty() {
            names.push(std::mem::take(&mut spaced));
        }
        names.push(name);
    }
    if !spaced.is_empty() {
        names.push(spaced);
    }
    // Beside a person's name, a long run of Chinese is a title or an affiliation
    // (`王文 中国人民大学重阳金融研究院执行院长`).
    let person = |n: &String| n.chars().all(is_han) && (2..=6).contains(&n.chars().count());
    if names.iter().any(person) {
        names.retain(|n| !n.chars().all(is_han) || person(n));
    }
    // One Latin name stays as written (`Richard (R.J.) Eskow`, `Martin Untersinger (avec …)`).
    let listed = value.contains([',', '&', '、', ';']) || value.contains(" and ");
    if names.len() == 1 && latin > han && !listed {
        return vec![value];
    }
    names
}

fn push_unique(names: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
    for name in more {
        if !name.is_empty() && !names.iter().any(|n| normalize(n) == normalize(&name)) {
            names.push(name);
        }
    }
}

/// The article's author(s), joined as their script writes lists.
pub fn decide(
    page: &Page<'_>,
    found: &Found,
    selection: &Selection,
    lines: &[&str],
    bylines: &[Byline],
    site: Option<&str>,
    credited: Option<&str>,
) -> Option<String> {
    let publishers: Vec<String> = site
        .into_iter()
        .chain(found.ld.publisher.as_deref())
        .chain(found.site_from_title.as_deref())
        .map(normalize)
        .filter(|p| !p.is_empty())
        .collect();
    let clean = |raw: &str| clean_author(cut_actions(&unglue(raw)), None);
    let join = |names: Vec<String>| byline::join_names(&names);

    // 1. JSON-LD people; a name typed `Person` stays even when it is the site's own.
    let mut ld_people: Vec<String> = Vec::new();
    let mut ld_publishers: Vec<String> = Vec::new();
    for raw in &found.ld.authors {
        let Some(name) = clean(raw) else { continue };
        let typed_person = found.ld.typed_people.iter().any(|p| p == raw);
        if !found.ld.authors_are_organisations && (typed_person || !is_publisher(&name, &publishers)) {
            push_unique(&mut ld_people, [name]);
        } else {
            push_unique(&mut ld_publishers, [name]);
        }
    }
    if !ld_people.is_empty() {
        return join(ld_people);
    }

    // 2. The visible byline.
    let visible = visible_people(page, found, selection, lines, bylines, &publishers);

    // 3. Meta tags: the first author key present.
    let meta_names: Vec<String> = META_AUTHOR_KEYS
        .iter()
        .map(|key| {
            let mut names = Vec::new();
            for (_, v) in found.meta.iter().filter(|(k, _)| k == key) {
                if let Some(name) = clean(v) {
                    push_unique(&mut names, [name]);
                }
            }
            names
        })
        .find(|names| !names.is_empty())
        .unwrap_or_default();
    let (meta_people, meta_publishers): (Vec<String>, Vec<String>) =
        meta_names.into_iter().partition(|n| !is_publisher(n, &publishers));

    if let Some((visible, _)) = visible.as_ref().filter(|(people, _)| !people.is_empty()) {
        // The byline and the declared names agree: the declared ones are the whole list (the
        // byline may show `and 2 others`) and the clean spelling (no role or outlet glued on,
        // no capitals for layout).
        let declared = normalize(&meta_people.join(" "));
        let shown = normalize(&visible.join(" "));
        let agree = !meta_people.is_empty()
            && (visible.iter().all(|v| declared.contains(&normalize(v)))
                || meta_people.iter().all(|m| shown.contains(&normalize(m))));
        if agree {
            return join(meta_people);
        }
        return join(visible.clone());
    }
    if !meta_people.is_empty() {
        return join(meta_people);
    }
    // No person is named: the publisher the page declares as the author (`BBC News`), or one
    // the byline names where a person is expected (`By Reuters`). The portal's own name (`网易`
    // on 网易财经, `Example Staff` on Example) and the outlet it credits as the story's source
    // (`来源：环球网`) say who published or supplied the story, not who wrote it.
    ld_publishers
        .into_iter()
        .chain(meta_publishers)
        .chain(visible.map(|(_, publishers)| publishers).unwrap_or_default())
        .find(|name| !names_the_site(name, &publishers) && credited.is_none_or(|c| normalize(c) != normalize(name)))
}

/// Fewest characters of a site's name found inside a longer name for the two to be one outlet.
const MIN_SITE_NAME_CHARS: usize = 4;

/// Whether `name` is the site's own name (see [`is_site`]) or holds it (`Example Editorial
/// Staff` on Example). `publishers` are normalized.
fn names_the_site(name: &str, publishers: &[String]) -> bool {
    let n = normalize(name);
    is_site(name, publishers)
        || publishers.iter().any(|p| {
            let site = p.strip_prefix("the ").unwrap_or(p);
            site.chars().count() >= MIN_SITE_NAME_CHARS && holds_name(&n, site)
        })
}

/// Whether `name` holds `site` as whole words (`Example Editorial Staff` holds `example`;
/// `Fox News` does not hold a site called `news` in `Newsroom`, nor `Times of India` one called
/// `time`). Chinese and Japanese names are not written in words, so there any occurrence counts.
fn holds_name(name: &str, site: &str) -> bool {
    if site.chars().any(crate::meta::chars::is_cjk) {
        return name.contains(site);
    }
    name.match_indices(site).any(|(at, _)| {
        let before = name[..at].chars().next_back();
        let after = name[at + site.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The author keys of meta tags, in order of trust (Dublin Core, then `author`…): a page declares
/// one name in several vocabularies.
const META_AUTHOR_KEYS: &[&str] = &[
    "dc:creator",
    "dcterm:creator",
    "dcterms:creator",
    "author",
    "article:author",
    "parsely-author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "byl",
    "citation_author",
    "article:author_name",
    "author_name",
    "twitter:creator:name",
];

/// The people of the visible byline, and the publishers named where a person was expected;
/// `None` when the page shows no byline.
fn visible_people(
    page: &Page<'_>,
    found: &Found,
    selection: &Selection,
    lines: &[&str],
    bylines: &[Byline],
    publishers: &[String],
) -> Option<(Vec<String>, Vec<String>)> {
    let widen = |mut at: NodeId| {
        for _ in 0..2 {
            let parent = page.parent(at);
            if parent == super::super::dom::NONE || parent == page.body || parent == 0 {
                break;
            }
            at = parent;
        }
        at
    };
    let first_content = selection.kept.first().map(|&b| page.blocks[b].at);
    // Between the headline and the article's first line is the article's byline, however the
    // page nests the two (a header column, an attribution box beside the title).
    let between = |id: NodeId| {
        let at = page.pos[id as usize];
        found.headline.is_some_and(|h| page.pos[h as usize] < at) && first_content.is_some_and(|first| at < first)
    };
    let near_article = |id: NodeId| -> bool {
        page.contains(widen(selection.root), id)
            || found.headline.is_some_and(|h| page.contains(widen(h), id))
            || between(id)
    };
    // A story of its own that holds neither the headline nor the content: a teaser.
    let teaser = |article: Option<NodeId>| {
        article.is_some_and(|a| {
            !found.headline.is_some_and(|h| page.contains(a, h))
                && !page.contains(a, selection.root)
                && !page.contains(selection.root, a)
        })
    };
    let mut people: Vec<String> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    let sort = |names: Vec<String>, people: &mut Vec<String>, outlets: &mut Vec<String>| {
        for name in names {
            if is_publisher(&name, publishers) {
                push_unique(outlets, [name]);
            } else {
                push_unique(people, [name]);
            }
        }
    };

    // Marked elements: every mark of the byline holding the first one (co-authors are marked
    // one by one).
    let marks: Vec<&AuthorMark> = found
        .author_marks
        .iter()
        .filter(|m| !teaser(m.article))
        .filter(|m| match m.kind {
            MarkKind::ProfileLink => between(m.id),
            _ => near_article(m.id),
        })
        .collect();
    let mark_name = |mark: &AuthorMark| clean_author(cut_actions(&unglue(&mark.name)), None).filter(|n| !is_action(n));
    if let Some(first) = marks.iter().find(|m| mark_name(m).is_some()) {
        let block = enclosing_block(page, first.id);
        for mark in marks.iter().filter(|m| enclosing_block(page, m.id) == block) {
            if let Some(name) = mark_name(mark) {
                if mark.person {
                    // Typed a person: a personal site's owner is named like the site.
                    push_unique(&mut people, split_names(&name));
                } else {
                    sort(split_names(&name), &mut people, &mut outlets);
                }
            }
        }
        if !people.is_empty() {
            return Some((people, outlets));
        }
    }
    // Byline elements.
    for (_, text) in found.byline_elements.iter().filter(|(id, _)| near_article(*id)) {
        if let Some(name) = clean_author(cut_actions(&unglue(text)), None) {
            sort(split_names(&name), &mut people, &mut outlets);
            if !people.is_empty() {
                return Some((people, outlets));
            }
        }
    }
    // Byline lines: `By …`, Chinese labels, and lines of nothing but byline material.
    let mut previous_label: Option<&str> = None;
    for l in lines.iter().take(30) {
        let l = l.trim();
        if matches!(
            l.to_ascii_lowercase().as_str(),
            "by" | "written by" | "words by" | "von" | "par" | "por"
        ) {
            previous_label = Some(l);
            continue;
        }
        // A bare `By` on a line of its own, the names on the next.
        let l = match previous_label.take() {
            Some(label) => format!("{label} {l}"),
            None => l.to_string(),
        };
        if let Some(names) = line_authors(&l) {
            sort(names, &mut people, &mut outlets);
            if !people.is_empty() {
                return Some((people, outlets));
            }
        }
    }
    for b in bylines {
        sort(b.authors.clone(), &mut people, &mut outlets);
        if !people.is_empty() {
            return Some((people, outlets));
        }
    }
    // The story's own first and last lines: `新华社巴黎12月9日电（记者唐霁）…`, `……（记者 王某）`.
    let kept = &selection.kept;
    if let Some(&first) = kept.first() {
        sort(
            byline::dateline_authors(&page.blocks[first].text),
            &mut people,
            &mut outlets,
        );
    }
    for &last in kept.iter().rev().take(2) {
        if people.is_empty() {
            sort(
                byline::closing_authors(&page.blocks[last].text),
                &mut people,
                &mut outlets,
            );
        }
    }
    (!people.is_empty() || !outlets.is_empty()).then_some((people, outlets))
}

/// The nearest block-level element holding `id`.
pub(super) fn enclosing_block(page: &Page<'_>, id: NodeId) -> NodeId {
    let mut at = id;
    for _ in 0..16 {
        let parent = page.parent(at);
        if parent == super::super::dom::NONE {
            break;
        }
        at = parent;
        if page.dom.element(at).is_some_and(|e| e.tag.is_block()) {
            break;
        }
    }
    at
}

/// The authors a byline line names: `By Jane Doe and John Roe`, `作者：张三`, `（记者 张三）`,
/// `本贴由 张三 发表`.
fn line_authors(l: &str) -> Option<Vec<String>> {
    if l.chars().count() > 150 {
        return None;
    }
    let l = unglue(l);
    if let Some(names) = en_byline(&l) {
        return clean_author(names, None).map(|n| split_names(&n));
    }
    // Every label starts with one of these characters: other lines skip the regex.
    if !l.contains(CN_AUTHOR_FIRST) {
        return None;
    }
    if let Some(poster) = byline::forum_poster(&l) {
        return Some(vec![poster]);
    }
    let c = CN_AUTHOR.captures(&l)?;
    // In running text `记者` starts sentences (`记者了解到`); a byline is a short line or a
    // parenthesised credit (`（记者 张三）`).
    let at = c.get(0).map_or(0, |m| m.start());
    let parenthesised = l[..at].ends_with(['（', '(']);
    if l.chars().count() > 60 && !parenthesised {
        return None;
    }
    // `记者从市住房和城乡建设局获悉，…`: the "names" run on into the sentence, or the line goes
    // on to end a sentence.
    let names_end = c.get(1).map_or(0, |m| m.end());
    let runs_on = l[names_end..].chars().next().is_some_and(|ch| ch.is_alphabetic());
    if !parenthesised && (runs_on || l[names_end..].contains(['。', '！', '？'])) {
        return None;
    }
    // A parenthesised credit ends at its parenthesis (`（记者 张三 通讯员 李四）近日，…`).
    let names = if parenthesised {
        c[1].split(['）', ')']).next().unwrap_or_default()
    } else {
        &c[1]
    };
    let names = CN_ROLE_BETWEEN_NAMES.replace_all(names, "、");
    clean_author(&names, None).map(|n| split_names(&n))
}

/// Text of the byline element after `id` when `id` holds only the label (`<span>By</span>
/// <span>Jane Doe</span>`, `<dt>作者</dt><dd>张三</dd>`).
pub fn label_and_next(page: &Page<'_>, id: NodeId, text: &str) -> Option<String> {
    let bare = text.trim().trim_end_matches([':', '：']).trim().to_lowercase();
    if !matches!(
        bare.as_str(),
        "by" | "written by" | "words by" | "author" | "作者" | "文" | "记者" | "von" | "par" | "por"
    ) {
        return None;
    }
    let mut next = page.dom.node(id).next_sibling;
    while next != super::super::dom::NONE && page.dom.element(next).is_none() {
        next = page.dom.node(next).next_sibling;
    }
    if next == super::super::dom::NONE {
        return None;
    }
    let names = byline_text(page, next, 200);
    (!names.is_empty()).then(|| fold_space(&format!("{} {names}", text.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_writer_of_a_chinese_byline() {
        let names = |l: &str| line_authors(l).map(|n| n.join("、"));
        assert_eq!(
            names("本报讯（记者 陈某某 通讯员 刘某）4月11日，项目全面开工。").as_deref(),
            Some("陈某某、刘某")
        );
        assert_eq!(names("记者 王立新 通讯员 赵小东").as_deref(), Some("王立新、赵小东"));
        assert_eq!(
            names("本报实习生 周某某 本报记者 吴某某").as_deref(),
            Some("周某某、吴某某")
        );
        assert_eq!(names("执笔人：孙某某").as_deref(), Some("孙某某"));
        // A photographer is no writer; running text is no byline.
        assert_eq!(names("记者 王立新 摄影 赵小东").as_deref(), Some("王立新"));
        assert_eq!(names("记者从市住房和城乡建设局获悉，项目进展顺利。"), None);
    }

    #[test]
    fn links_to_writers_pages() {
        for href in [
            "https://example.org/author/maria-lopez/",
            "/profiles/jeremy-herb",
            "/c/user/5827361912/",
            "https://www.example.com/people/dana-whitfield/",
            "/by/jane-doe",
            "/Author/Maria-Lopez",
            "//example.org//AUTHORS//maria-lopez",
        ] {
            assert!(is_profile_link(href), "{href}");
        }
        for href in ["https://a.b/c", "a:/b://c", "::://", "x:", "://", "a:b", "é://ü"] {
            assert_eq!(
                after_scheme(href),
                href.split_once("://").map(|(_, rest)| rest),
                "{href}"
            );
        }
        // Compared with segments in any ASCII case: the words are lower-case.
        assert!(PROFILE_PATH_WORDS.iter().all(|w| *w == w.to_ascii_lowercase()));
        for href in [
            "/author/",
            "/author/x",
            "https://example.org/author?name=maria-lopez",
            "/news/2024/03/story.html",
            "https://example.org/users",
            "/about/people",
        ] {
            assert!(!is_profile_link(href), "{href}");
        }
    }

    #[test]
    fn glued_names_come_apart() {
        assert_eq!(unglue("ByTravis Haney"), "By Travis Haney");
        assert_eq!(unglue("Gina TrapaniCEO"), "Gina Trapani CEO");
        assert_eq!(unglue("Jane DoeEditor"), "Jane Doe Editor");
        // Names with inner capitals stay whole.
        assert_eq!(unglue("Mary McDonald"), "Mary McDonald");
        assert_eq!(unglue("LeBron James"), "LeBron James");
        assert_eq!(unglue("Byron Kim"), "Byron Kim");
    }

    #[test]
    fn buttons_and_lists() {
        assert_eq!(cut_actions("Jane Doe See All Articles"), "Jane Doe");
        assert_eq!(cut_actions("好看的hk 粉丝 - 1 关注 - 0 +加关注"), "好看的hk");
        assert_eq!(cut_actions("Ana Ruiz"), "Ana Ruiz");
        assert!(split_names("See full bio").is_empty());
        assert_eq!(split_names("王乐文 方 敏"), ["王乐文", "方敏"]);
        assert_eq!(split_names("王文 中国人民大学重阳金融研究院执行院长"), ["王文"]);
        assert_eq!(split_names("Richard (R.J.) Eskow"), ["Richard (R.J.) Eskow"]);
        assert_eq!(split_names("Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(split_names("Венера Ерофеева"), ["Венера Ерофеева"]);
    }

    #[test]
    fn a_site_name_is_held_as_whole_words() {
        assert!(holds_name("example editorial staff", "example"));
        assert!(holds_name("the example staff", "example"));
        assert!(!holds_name("times of india", "time"));
        assert!(!holds_name("newsroom staff", "news"));
        assert!(!holds_name("public service", "vice"));
        assert!(holds_name("网易财经编辑", "网易"));
    }

    #[test]
    fn publishers_are_the_site_or_an_outlet() {
        let publishers = vec![normalize("网易财经"), normalize("Example News")];
        assert!(is_publisher("网易", &publishers));
        assert!(is_publisher("Example News", &publishers));
        assert!(is_publisher("Example", &publishers));
        assert!(is_publisher("Us Weekly Staff", &publishers));
        assert!(!is_publisher("Exam", &publishers));
        assert!(!is_publisher("Jane Doe", &publishers));
        assert!(!is_publisher("李海涛", &publishers));
    }
}
