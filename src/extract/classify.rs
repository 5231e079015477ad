//! What an element's `class`, `id`, `role` and `style` say about it, in English and Chinese CMS
//! conventions.
//!
//! Names are split into words (`article-body` → `article`, `body`; `postBody` → `post`, `body`;
//! `left_zw` → `left`, `zw`) and words are compared whole, so `ad` matches `ad-slot` but not
//! `header` or `download`. Some CMS names are only meaningful whole (`TRS_Editor`, `artibody`).

use std::collections::HashMap;

use html5ever::local_name;

use super::dom::Element;

/// Why an element is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Negative {
    /// Menus, breadcrumbs, pagination.
    Navigation,
    /// Site header, footer, copyright.
    Masthead,
    Sidebar,
    Comments,
    /// Related, recommended, popular, "hot news" lists.
    Related,
    /// Share and follow bars, toolbars.
    Share,
    Ad,
    /// Newsletter boxes, modals, login forms.
    Overlay,
    /// Cookie and privacy consent dialogs.
    Consent,
    /// Byline, date, tags and other article furniture: not text, but metadata reads it.
    Furniture,
    /// Hidden by a class (`hidden`, `sr-only`).
    HiddenClass,
}

/// Evidence from `class` and `id`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Names such as `article`, `content`, `post-body`, `正文`, `TRS_Editor`.
    pub positive: bool,
    /// A whole-name match of a Chinese or English CMS content container (strong evidence).
    pub strong: bool,
    pub negative: Option<Negative>,
    /// The negative name is one no positive name overrides (`comments`, `related`, `share`,
    /// `sidebar`, `footer`, `ad`…), as in `post-comments` or `content-sidebar`.
    pub strong_negative: bool,
    /// The negative name is `info` (`event-info`, `product-info`): a block of facts or a
    /// description, furniture when short, the page's text when it reads as prose.
    pub info: bool,
}

impl Evidence {
    /// Whether the names alone mark the element as chrome.
    pub fn is_chrome(&self) -> bool {
        self.negative.is_some() && (self.strong_negative || !self.positive)
    }
}

impl Evidence {
    /// Adds what a later name says: the names are read in order, every mark but the kind of
    /// negative only ever turns on, and the first negative name found wins.
    fn merge(&mut self, later: Evidence) {
        self.positive |= later.positive;
        self.strong |= later.strong;
        if self.negative.is_none() {
            self.info = later.info;
        }
        self.negative = self.negative.or(later.negative);
        self.strong_negative |= later.strong_negative;
    }

    /// Score adjustment for candidate containers.
    pub fn weight(&self) -> f32 {
        let mut w = 0.0;
        if self.positive {
            w += 25.0;
        }
        if self.strong {
            w += 25.0;
        }
        if self.negative.is_some() {
            w -= 25.0;
        }
        w
    }
}

/// Reads `class` and `id`.
pub fn evidence(element: &Element) -> Evidence {
    evidence_of(element, true)
}

/// Class lists already judged on a page, by their value: the items of a list, the cells of a
/// table and the blocks of a feed repeat one class list many times.
#[derive(Debug, Default)]
pub struct ClassMemo<'a> {
    judged: HashMap<&'a str, Evidence>,
}

/// [`evidence`], or with `with_id` false what `class` alone says (for an element whose `id`
/// is not a name but a heading's words, see [`is_slug_of`]); class lists are looked up in
/// `memo` first.
pub fn evidence_memo<'a>(element: &'a Element, with_id: bool, memo: &mut ClassMemo<'a>) -> Evidence {
    let mut ev = Evidence::default();
    for attr in &element.attrs {
        // Interned names compare as numbers.
        if attr.name.local == local_name!("class") {
            let value: &'a str = &attr.value;
            let class = *memo.judged.entry(value).or_insert_with(|| value_evidence(value, true));
            ev.merge(class);
        } else if with_id && attr.name.local == local_name!("id") {
            ev.merge(value_evidence(&attr.value, false));
        }
    }
    ev
}

fn evidence_of(element: &Element, with_id: bool) -> Evidence {
    let mut ev = Evidence::default();
    for attr in &element.attrs {
        // Interned names compare as numbers.
        let is_class = attr.name.local == local_name!("class");
        if !is_class && (attr.name.local != local_name!("id") || !with_id) {
            continue;
        }
        ev.merge(value_evidence(&attr.value, is_class));
    }
    ev
}

/// What one `class` or `id` value says.
fn value_evidence(value: &str, is_class: bool) -> Evidence {
    let mut ev = Evidence::default();
    let atomic = is_class && is_atomic_class_list(value);
    let post_classes = is_class && is_post_class_list(value);
    for token in value.split_ascii_whitespace() {
        // Generated short names say nothing (`gg` there is no ad).
        if atomic && token.len() <= ATOMIC_TOKEN_MAX {
            continue;
        }
        // `no-caption`, `no_sidebar`, `without-ads`: the name says what the element lacks.
        // `tag-social-media`, `category-newsletter`: a post's tags and categories (WordPress's
        // post classes), which say what the post is about, not what the element is.
        if is_negated(token) || post_classes && is_taxonomy_term(token) {
            continue;
        }
        whole_token(token, &mut ev);
        for_each_word(token, |word| word_evidence(compound_head(word), &mut ev));
    }
    ev
}

/// The tokens of an element's `class` that each carry a negative name on their own
/// (`elementor-widget` and `elementor-widget-text-editor` of a page builder's text block).
pub fn negative_class_tokens(element: &Element) -> impl Iterator<Item = &str> {
    element
        .attr("class")
        .into_iter()
        .flat_map(str::split_ascii_whitespace)
        .filter(|token| value_evidence(token, true).negative.is_some())
}

/// The classes WordPress's `post_class()` writes on a post's element (`post-42 post type-post
/// status-publish hentry category-allgemein tag-social-media`), known by `hentry`, `type-…` or
/// `status-…`: there `tag-…` and `category-…` name the post's tags and categories.
fn is_post_class_list(value: &str) -> bool {
    value
        .split_ascii_whitespace()
        .any(|t| t == "hentry" || t.starts_with("type-") || t.starts_with("status-"))
}

/// A class naming one of a post's tags or categories among its post classes (`tag-sidebar`,
/// `category-werbung`, `post_tag-share`): the post's subject, not the element's role. Elsewhere
/// `tag-cloud` is a role.
fn is_taxonomy_term(token: &str) -> bool {
    ["tag-", "category-", "post_tag-"].iter().any(|prefix| {
        token.len() > prefix.len() && token.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    })
}

/// Microdata counters (`itemprop="position"`, `interactionStatistic`, `upvoteCount`): a post's
/// number in its thread, its likes and votes, which are furniture, not text.
pub fn itemprop_negative(element: &Element) -> Option<Negative> {
    let itemprop = element.attr("itemprop")?;
    itemprop
        .split_ascii_whitespace()
        .any(|p| {
            [
                "position",
                "interactionStatistic",
                "interactionCount",
                "userInteractionCount",
                "upvoteCount",
                "downvoteCount",
                "commentCount",
                "answerCount",
            ]
            .iter()
            .any(|counter| p.eq_ignore_ascii_case(counter))
        })
        .then_some(Negative::Furniture)
}

/// A name that states an absence (`no-caption`, `no_sidebar`, `noComments`, `without-ads`).
fn is_negated(token: &str) -> bool {
    let lower = token.as_bytes();
    let starts = |prefix: &[u8]| {
        lower.len() > prefix.len() + 1
            && lower[..prefix.len()].eq_ignore_ascii_case(prefix)
            && (matches!(lower[prefix.len()], b'-' | b'_') || lower[prefix.len()].is_ascii_uppercase())
    };
    starts(b"no") || starts(b"without")
}

/// Fewest words in an `id` read as a heading's slug rather than a name: `comments` over a
/// `Comments` heading is a name all the same.
const SLUG_MIN_WORDS: usize = 3;

/// Whether `id` is the slug a documentation or markdown generator made of `heading`'s text
/// (`sharing-with-a-single-developer` for "Sharing with a single developer¶"): then its words
/// are the section's title, and say nothing of what the element is.
pub fn is_slug_of(id: &str, heading: &str) -> bool {
    let id_words = id
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let mut heading_words = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let mut count = 0;
    for word in id_words {
        if heading_words.next().as_deref() != Some(word.as_str()) {
            return false;
        }
        count += 1;
    }
    count >= SLUG_MIN_WORDS && heading_words.next().is_none()
}

/// The longest class name a CSS-in-JS build or an atomic style sheet generates (`gc`, `ay`, `dk1`).
const ATOMIC_TOKEN_MAX: usize = 3;

/// A class list written by a style compiler rather than a person: several names, nearly all of
/// them a few letters long (`gc gd dg ay ax ge di gf dk gg gh`). Its short names are arbitrary
/// letter pairs and can spell a chrome word by chance.
fn is_atomic_class_list(value: &str) -> bool {
    let (mut tokens, mut short) = (0usize, 0usize);
    for token in value.split_ascii_whitespace() {
        tokens += 1;
        if token.len() <= ATOMIC_TOKEN_MAX && token.bytes().all(|b| b.is_ascii_alphanumeric()) {
            short += 1;
        }
    }
    tokens >= 5 && short * 5 >= tokens * 4
}

/// Names written as one word (`relatedposts`, `recommendedstories`, `relatedArticlesList`
/// lower-cased) are read by their first word, which says what the element is.
fn compound_head(word: &str) -> &str {
    for head in ["related", "recommended"] {
        if word.len() > head.len() && word.starts_with(head) {
            return head;
        }
    }
    word
}

/// Longer than any name the tables compare whole: such a token or word is read without its
/// lower-case copy.
const MAX_NAME_BYTES: usize = 32;

/// `text` lower-cased (ASCII) into `buf`, or `None` when it does not fit.
fn lower_in<'b>(text: &str, buf: &'b mut [u8; MAX_NAME_BYTES]) -> Option<&'b str> {
    let bytes = text.as_bytes();
    let out = buf.get_mut(..bytes.len())?;
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b.to_ascii_lowercase();
    }
    // ASCII lower-casing keeps UTF-8 valid.
    std::str::from_utf8(out).ok()
}

fn whole_token(token: &str, ev: &mut Evidence) {
    let mut buf = [0u8; MAX_NAME_BYTES];
    // No name below is longer than the buffer: a longer token matches none of them.
    let lower = lower_in(token, &mut buf).unwrap_or("");
    match lower {
        "trs_editor" | "artibody" | "article_body" | "articlebody" | "post_body" | "endtext" | "left_zw"
        | "custom_unionstyle" | "rm_txt_con" | "article-content" | "article_content" | "articlecontent"
        | "news_content" | "newscontent" | "news-content" | "main_content" | "show_text" | "contentmain"
        | "con_text" | "text_con" | "post-content" | "postcontent" | "entry-content" | "entrycontent"
        | "article-body" | "story-body" | "storybody" | "zoom" | "fontzoom" | "pages_content" | "detail-content"
        | "article-text" | "js_content" | "rich_media_content" | "post-body" | "postbody" | "text_content"
        | "article-main" | "articlemain" | "content-text" | "mainbody" => {
            ev.positive = true;
            ev.strong = true;
        }
        _ => {}
    }
    if matches!(
        lower,
        "hidden"
            | "hide"
            | "sr-only"
            | "visually-hidden"
            | "visuallyhidden"
            | "screen-reader-text"
            | "invisible"
            | "offscreen"
    ) {
        ev.negative.get_or_insert(Negative::HiddenClass);
        ev.strong_negative = true;
    }
    // Chinese names appear in ids of hand-built pages (never in an ASCII token, most of them).
    if token.is_ascii() {
        return;
    }
    if token.contains("正文") || token.contains("内容") {
        ev.positive = true;
    }
    if token.contains("评论") || token.contains("广告") || token.contains("推荐") || token.contains("导航") {
        ev.negative.get_or_insert(Negative::Related);
        ev.strong_negative = true;
    }
}

fn word_evidence(word: &str, ev: &mut Evidence) {
    use Negative::*;
    let negative = match word {
        "article" | "articles" | "content" | "contents" | "post" | "entry" | "story" | "body" | "text" | "main"
        | "zw" | "zhengwen" | "detail" | "details" | "blog" | "prose" | "markdown" | "txt" | "news" | "cont"
        | "conent" | "artical" | "arti" | "page" | "single" | "doc" | "paragraph" | "para" => {
            ev.positive = true;
            return;
        }
        "nav" | "navbar" | "navigation" | "menu" | "menus" | "menubar" | "topbar" | "breadcrumb" | "breadcrumbs"
        | "crumb" | "crumbs" | "bread" | "pagination" | "pager" | "paging" | "pages" | "skip" | "toc" | "subnav"
        | "daohang" | "channel" | "sitemap" => Navigation,
        "header" | "footer" | "foot" | "copyright" | "masthead" | "banner" | "logo" | "topnav" | "bottom"
        | "footnotes" | "colophon" | "beian" | "icp" | "site" => Masthead,
        "sidebar" | "side" | "aside" | "widget" | "widgets" | "rail" | "sidebox" | "sider" => Sidebar,
        "comment" | "comments" | "commentlist" | "respond" | "reply" | "replies" | "disqus" | "discuss"
        | "discussion" | "pinglun" | "reviews" | "feedback" => Comments,
        "related" | "relate" | "recommend" | "recommended" | "recommendation" | "recommendations" | "popular"
        | "trending" | "hot" | "hotnews" | "rank" | "ranking" | "top10" | "latest" | "more" | "readmore" | "also"
        | "xgxw" | "xgyd" | "tuijian" | "rmtj" | "phb" | "list" | "lists" | "teaser" | "teasers" | "card" | "cards"
        | "feed" | "next" | "prev" | "previous" | "outbrain" | "taboola" => Related,
        "share" | "sharing" | "social" | "sns" | "bdshare" | "jiathis" | "follow" | "toolbar" | "tools" | "edit"
        | "editsection" | "controls" | "settings" | "print" | "email" | "actions" | "action" | "facebook"
        | "twitter" | "weibo" | "wechat" | "weixin" | "qrcode" | "ewm" | "button" | "buttons" | "btn"
        | "fullscreen" | "autoplay" => Share,
        "ad" | "ads" | "adv" | "advert" | "adverts" | "advertisement" | "advertising" | "adsense" | "sponsor"
        | "sponsored" | "promo" | "promotion" | "promoted" | "gg" | "guanggao" | "dfp" | "doubleclick"
        | "commercial" => Ad,
        "newsletter" | "subscribe" | "subscription" | "signup" | "login" | "modal" | "popup" | "overlay"
        | "paywall" | "register" | "search" | "dialog" | "flyout" => Overlay,
        "cookie" | "cookies" | "consent" | "gdpr" | "onetrust" | "didomi" | "cmp" | "truste" => Consent,
        "byline" | "author" | "authors" | "date" | "time" | "timestamp" | "dateline" | "tags" | "tag" | "keywords"
        | "meta" | "info" | "infos" | "source" | "credit" | "credits" | "bio" | "biography" | "authorbio"
        | "caption" | "captions" | "figcaption" | "imgcaption" | "photocaption" | "avatar" | "label" | "category"
        | "categories" | "kicker" | "subscribe_box" => Furniture,
        _ => return,
    };
    // The first negative word wins; `sr-only`/`visually-hidden` come as two words.
    if ev.negative.is_none() {
        ev.info = matches!(word, "info" | "infos");
    }
    ev.negative.get_or_insert(negative);

    // Names that describe chrome even next to `article` or `content`. Not `paywall`: sites
    // wrap the rest of the article in it (the text is in the page, shown to subscribers), so
    // only a short one is chrome (the "subscribe to read on" box).
    // Every such name is one of the negative names above: a word that is no negative name
    // (most words) returned before this second list was read.
    let strong = matches!(
        word,
        "nav"
            | "navbar"
            | "navigation"
            | "menu"
            | "menus"
            | "menubar"
            | "breadcrumb"
            | "breadcrumbs"
            | "crumb"
            | "crumbs"
            | "pagination"
            | "pager"
            | "footer"
            | "copyright"
            | "beian"
            | "icp"
            | "sidebar"
            | "widget"
            | "widgets"
            | "sidebox"
            | "comment"
            | "comments"
            | "commentlist"
            | "respond"
            | "disqus"
            | "pinglun"
            | "related"
            | "relate"
            | "recommend"
            | "recommended"
            | "recommendation"
            | "recommendations"
            | "popular"
            | "trending"
            | "hot"
            | "hotnews"
            | "rank"
            | "ranking"
            | "xgxw"
            | "xgyd"
            | "tuijian"
            | "rmtj"
            | "phb"
            | "outbrain"
            | "taboola"
            | "share"
            | "sharing"
            | "social"
            | "sns"
            | "bdshare"
            | "jiathis"
            | "ad"
            | "ads"
            | "advert"
            | "adverts"
            | "advertisement"
            | "advertising"
            | "adsense"
            | "sponsor"
            | "sponsored"
            | "promo"
            | "promotion"
            | "promoted"
            | "gg"
            | "guanggao"
            | "dfp"
            | "doubleclick"
            | "newsletter"
            | "subscribe"
            | "subscription"
            | "signup"
            | "modal"
            | "popup"
            | "flyout"
            | "overlay"
            | "cookie"
            | "cookies"
            | "consent"
            | "onetrust"
            | "didomi"
            | "cmp"
            | "gdpr"
            | "bio"
            | "biography"
            | "authorbio"
    );
    if strong {
        ev.strong_negative = true;
    }
}

/// Splits a class or id into lower-case words at `-`, `_`, `:`, `.`, digits and camelCase.
#[cfg(test)]
fn words(token: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(token, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each lower-case word of a class or id (see [`words`]), a trailing number
/// (`content1`, `ad300`) dropped unless the word is all digits. Words are lower-cased into a
/// buffer on the stack; only a word longer than it is copied to the heap.
fn for_each_word(token: &str, mut f: impl FnMut(&str)) {
    let mut emit = |word: &str| {
        let mut buf = [0u8; MAX_NAME_BYTES];
        let long;
        let lower = match lower_in(word, &mut buf) {
            Some(lower) => lower,
            None => {
                long = word.to_ascii_lowercase();
                long.as_str()
            }
        };
        let trimmed = lower.trim_end_matches(|c: char| c.is_ascii_digit());
        f(if trimmed.is_empty() { lower } else { trimmed });
    };
    // A word is a run of the token between separators, also cut where a lower-case letter or
    // digit is followed by an upper-case letter.
    let mut start: Option<usize> = None;
    let mut prev_lower = false;
    for (i, c) in token.char_indices() {
        if c == '-' || c == '_' || c == ':' || c == '.' || c == '/' {
            if let Some(s) = start.take() {
                emit(&token[s..i]);
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase()
            && prev_lower
            && let Some(s) = start
        {
            emit(&token[s..i]);
            start = Some(i);
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        start.get_or_insert(i);
    }
    if let Some(s) = start {
        emit(&token[s..]);
    }
}

/// ARIA landmark roles of chrome.
pub fn role_negative(element: &Element) -> Option<Negative> {
    let role = element.attr("role")?;
    let mut buf = [0u8; MAX_NAME_BYTES];
    match lower_in(role.trim(), &mut buf)? {
        "navigation" | "menu" | "menubar" | "tablist" => Some(Negative::Navigation),
        "banner" | "contentinfo" => Some(Negative::Masthead),
        "complementary" => Some(Negative::Sidebar),
        "dialog" | "alertdialog" | "search" => Some(Negative::Overlay),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dom::{Dom, Tag};

    fn first_div(html: &str) -> Element {
        let dom = Dom::parse(html);
        let id = dom
            .preorder()
            .order
            .into_iter()
            .find(|&id| dom.tag(id) == Some(Tag::Div))
            .unwrap();
        let node = dom.nodes.into_iter().nth(id as usize).unwrap();
        match node.data {
            crate::extract::dom::Data::Element(e) => e,
            _ => unreachable!(),
        }
    }

    #[test]
    fn words_split() {
        assert_eq!(words("postBody-main_zw2"), ["post", "body", "main", "zw"]);
        assert_eq!(words("--ad300"), ["ad"]);
        assert_eq!(words("x.42"), ["x", "42"]);
        // Longer than the stack buffer: copied, still lower-cased and trimmed.
        let long = "RelatedPostsAndEverythingElseWrittenTogether123";
        assert_eq!(
            words(&format!("x-{}", long.to_lowercase())),
            ["x", &long.to_lowercase()[..44]]
        );
        assert_eq!(
            evidence(&first_div(&format!("<div class='{}'>", long.to_lowercase()))).negative,
            Some(Negative::Related)
        );
    }

    #[test]
    fn class_evidence() {
        let ev = evidence(&first_div("<div class='article-body'>"));
        assert!(ev.positive && ev.strong && ev.negative.is_none());
        let ev = evidence(&first_div("<div id='TRS_Editor'>"));
        assert!(ev.strong);
        let ev = evidence(&first_div("<div class='header'>"));
        assert_eq!(ev.negative, Some(Negative::Masthead));
        assert_eq!(evidence(&first_div("<div class='download'>")).negative, None);
        let ev = evidence(&first_div("<div class='ad-slot'>"));
        assert_eq!(ev.negative, Some(Negative::Ad));
        assert_eq!(
            evidence(&first_div("<div class='comment-list'>")).negative,
            Some(Negative::Comments)
        );
    }

    /// The memo answers as reading the names afresh does, whatever the order of `class` and
    /// `id` and however often a class list repeats.
    #[test]
    fn memoised_evidence_reads_like_fresh() {
        let elements: Vec<Element> = [
            "<div class='article-body'>",
            "<div class='sidebar content' id='main'>",
            "<div id='comments' class='post-body'>",
            "<div class='post-body' id='comments'>",
            "<div id='related' class='footer'>",
            "<div class='footer' id='related'>",
            "<div class='gc gd dg ay ax ge di gf dk gg gh'>",
            "<div class='sidebar content'>",
            "<div class='article-body'>",
        ]
        .iter()
        .map(|html| first_div(html))
        .collect();
        let mut memo = ClassMemo::default();
        for _ in 0..2 {
            for element in &elements {
                assert_eq!(evidence_memo(element, true, &mut memo), evidence(element));
                assert_eq!(evidence_memo(element, false, &mut memo), evidence_of(element, false));
            }
        }
    }

    #[test]
    fn names_of_an_absence_say_nothing() {
        assert_eq!(
            evidence(&first_div("<div class='item item_image no_caption'>")).negative,
            None
        );
        assert_eq!(evidence(&first_div("<div class='no-sidebar'>")).negative, None);
        assert_eq!(evidence(&first_div("<div class='noComments'>")).negative, None);
        // Words that merely start with the letters are names.
        assert_eq!(
            evidence(&first_div("<div class='notice-comments'>")).negative,
            Some(Negative::Comments)
        );
        assert_eq!(evidence(&first_div("<div class='nosidebar'>")).negative, None);
    }

    #[test]
    fn info_is_marked_only_when_it_is_the_negative_name() {
        assert!(evidence(&first_div("<div class='event-info'>")).info);
        assert!(evidence(&first_div("<div class='product infos'>")).info);
        // An author's box is a byline's furniture whatever follows.
        assert!(!evidence(&first_div("<div class='author-info'>")).info);
        assert!(!evidence(&first_div("<div class='byline info'>")).info);
    }

    #[test]
    fn a_posts_tags_and_categories_name_no_role() {
        let post = "<div class='post-42 post type-post status-publish hentry category-ads tag-social-media'>";
        let ev = evidence(&first_div(post));
        assert!(ev.positive && ev.negative.is_none(), "{ev:?}");
        // Outside post classes, `tag-cloud` is a role.
        assert_eq!(
            evidence(&first_div("<div class='tag-cloud'>")).negative,
            Some(Negative::Furniture)
        );
    }

    #[test]
    fn heading_slugs() {
        assert!(is_slug_of(
            "sharing-with-a-single-developer",
            "Sharing with a single developer¶"
        ));
        assert!(is_slug_of(
            "example-1-amend-a-shared-changeset",
            "Example 1: Amend a shared changeset"
        ));
        // One or two words are a name, whatever the heading says.
        assert!(!is_slug_of("comments", "Comments"));
        assert!(!is_slug_of("related-posts", "Related posts"));
        // Not the heading's words.
        assert!(!is_slug_of("share-this-story-now", "Read more stories"));
        assert!(!is_slug_of("sharing-with-a-single", "Sharing with a single developer"));
    }

    #[test]
    fn generated_class_lists_spell_no_names() {
        let ev = evidence(&first_div("<div class='gc gd dg ay ax ge di gf dk gg gh gi'>"));
        assert_eq!(ev.negative, None);
        // A longer name among them still counts.
        let ev = evidence(&first_div("<div class='gc gd dg ay ax sidebar'>"));
        assert_eq!(ev.negative, Some(Negative::Sidebar));
        // A person's short class names are read.
        assert_eq!(evidence(&first_div("<div class='gg'>")).negative, Some(Negative::Ad));
        assert_eq!(
            evidence(&first_div("<div class='box ad top'>")).negative,
            Some(Negative::Ad)
        );
    }

    #[test]
    fn one_word_compounds_read_by_their_head() {
        let ev = evidence(&first_div("<div id='jp-relatedposts' class='jp-relatedposts'>"));
        assert_eq!(ev.negative, Some(Negative::Related));
        assert!(ev.strong_negative);
        let ev = evidence(&first_div("<div class='recommendedStories'>"));
        assert_eq!(ev.negative, Some(Negative::Related));
        // Only a longer word that starts with the head: `relate` alone is not a compound.
        assert_eq!(compound_head("relatedness"), "related");
        assert_eq!(compound_head("related"), "related");
        assert_eq!(evidence(&first_div("<div class='release-notes'>")).negative, None);
    }
}
