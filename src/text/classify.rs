//! What one line of a text page looks like on its own: a site header, a breadcrumb trail, page
//! chrome, a kicker, a headline-shaped line or prose. Where the line stands in the page decides
//! what it is (see [`super::layout`]).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

pub use crate::meta::chars::is_cjk;

/// Size of a line in reading units: one per Chinese, Japanese or Korean character, one per word
/// of other scripts.
pub fn units(text: &str) -> usize {
    if text.is_ascii() {
        let mut units = 0;
        let mut in_word = false;
        for b in text.bytes() {
            let word = b.is_ascii_alphanumeric();
            if word && !in_word {
                units += 1;
            }
            in_word = word;
        }
        return units;
    }
    let mut units = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word_char = match c {
            c if c.is_ascii() => c.is_ascii_alphanumeric(),
            c if is_cjk(c) => {
                units += 1;
                in_word = false;
                continue;
            }
            // General and CJK punctuation, full-width forms' punctuation: never word characters.
            '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' => {
                false
            }
            c => c.is_alphanumeric(),
        };
        if word_char && !in_word {
            units += 1;
        }
        in_word = word_char;
    }
    units
}

/// Characters that end a sentence (a line ending with one is prose, not a heading).
/// The Arabic-script full stop and comma and the Devanagari danda count with the others.
#[rustfmt::skip]
const SENTENCE_END: &[char] = &['。', '．', '.', '；', ';', '，', ',', '、', '：', ':', '۔', '،', '।'];
/// Characters that end a sentence anywhere in a line.
const SENTENCE_MARKS: &[char] = &['。', '！', '？', '；'];

/// A line that reads as running text: ends like a sentence, holds a full stop, or is long.
pub fn is_prose(text: &str) -> bool {
    is_prose_with(text, units(text))
}

/// [`is_prose`] for a line whose [`units`] are known.
pub fn is_prose_with(text: &str, words: usize) -> bool {
    let last = text
        .trim_end_matches(['”', '"', '’', '\'', '」', '』', ')', '）', '】', ']', '…'])
        .chars()
        .next_back();
    let ends_sentence = last.is_some_and(|c| SENTENCE_END.contains(&c) || "!?！？؟".contains(c));
    // Headlines may hold `！` or `？` inside; running text holds full stops.
    ends_sentence && words >= 4
        || text.contains(['。', '；', '۔', '।']) && words >= 8
        || text.contains(['！', '？']) && words > 30
        || text.contains(". ") && words >= 12
        // Long lines are text, unless they run on without any punctuation (keyword lists).
        || words > 40
            && (words <= 100 || text.contains(['，', ',', '。', '.', '、', '；', ';', '۔', '،', '।']))
            && !is_list_like(text)
}

/// A line shaped like a headline: short, not ending like a sentence, not a list of items.
pub fn is_title_like(text: &str) -> bool {
    let words = units(text);
    let last = text.chars().next_back().unwrap_or(' ');
    (2..=40).contains(&words)
        && !SENTENCE_END.contains(&last)
        && !text.contains(SENTENCE_MARKS[0])
        && !is_list_like(text)
}

/// A line shaped like an in-article section heading: short and not ending like a sentence.
pub fn is_heading_like(text: &str) -> bool {
    let words = units(text);
    let cjk = text.chars().any(is_cjk);
    let limit = if cjk { 30 } else { 16 };
    let last = text.chars().next_back().unwrap_or(' ');
    (1..=limit).contains(&words)
        && !SENTENCE_END.contains(&last)
        && !text.contains(SENTENCE_MARKS)
        && !text.contains(". ")
        && !is_list_like(text)
}

/// A kicker (引题) above a Chinese headline: `遼寧省樹導向、優素質、建機制——`.
pub fn is_kicker(text: &str) -> bool {
    let body = text.trim_end_matches(['—', '─', '-', '－', ' ']);
    body.len() < text.len()
        && text.ends_with(['—', '─', '－'])
        && (2..=40).contains(&units(body))
        && !text.contains(SENTENCE_MARKS)
}

/// A subtitle (副题) under a Chinese headline: `——记优秀共产党员张三`.
pub fn is_subtitle(text: &str) -> bool {
    text.starts_with(['—', '─', '－']) && (2..=40).contains(&units(text)) && !text.contains(SENTENCE_MARKS)
}

/// Pieces of `text` separated by `|`-like bars.
fn bar_parts(text: &str) -> Vec<&str> {
    text.split(['|', '｜', '丨', '¦'])
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Short names joined by bars (`手机|数码|家电|电脑`): under a site's menu, a second menu row.
/// The shape alone does not make a menu (a keyword list has it too); where it stands does.
pub fn is_bar_joined_names(text: &str) -> bool {
    if !text.contains(['|', '｜', '丨', '¦']) {
        return false;
    }
    let parts = bar_parts(text);
    (3..=20).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=6).contains(&units(p)) && !p.contains(SENTENCE_MARKS) && !p.ends_with(['.', '。']))
}

/// A masthead of short names joined by bars (`中國共產黨新聞網|黨建頻道|黨建數據庫`): the site, the
/// channel, the section. Returns the site's name.
pub fn site_header(text: &str) -> Option<String> {
    let parts = bar_parts(text);
    if parts.len() < 2 {
        // `香港新聞網 - 港聞`, `装修论坛_家居生活`: the site first, then the section.
        let (first, rest) = [" - ", " – ", " — ", "_"].iter().find_map(|sep| text.split_once(sep))?;
        let (first, rest) = (first.trim(), rest.trim());
        let short = |p: &str| (1..=8).contains(&units(p)) && !p.contains(SENTENCE_MARKS) && !p.ends_with(['.', '。']);
        return (is_outlet_name(first) && short(first) && short(rest)).then(|| first.to_string());
    }
    if !(2..=5).contains(&parts.len()) || text.chars().filter(|&c| "|｜丨¦".contains(c)).count() + 1 != parts.len() {
        return None;
    }
    if parts
        .iter()
        .any(|p| units(p) > 15 || p.contains(SENTENCE_MARKS) || p.contains(['>', '»', '›']))
    {
        return None;
    }
    parts.iter().find(|p| is_outlet_name(p)).map(|p| p.to_string())
}

/// A name shaped like a news site or publication: `人民网`, `黨建頻道`, `Example Daily News`,
/// `example.com`.
pub fn is_outlet_name(text: &str) -> bool {
    const CJK_SUFFIXES: &[&str] = &[
        "网",
        "網",
        "新闻",
        "新聞",
        "日报",
        "日報",
        "晚报",
        "晚報",
        "报",
        "報",
        "时报",
        "時報",
        "频道",
        "頻道",
        "在线",
        "在線",
        "传媒",
        "傳媒",
        "电视台",
        "電視台",
        "杂志",
        "雜誌",
        "周刊",
        "週刊",
        "社",
        "台",
        "论坛",
        "論壇",
    ];
    const EN_WORDS: &[&str] = &[
        "news",
        "times",
        "post",
        "herald",
        "tribune",
        "journal",
        "daily",
        "gazette",
        "telegraph",
        "guardian",
        "chronicle",
        "review",
        "weekly",
        "magazine",
        "online",
        "press",
        "observer",
        "express",
        "standard",
        "mail",
        "wire",
        "today",
        "forum",
        "forums",
        "blog",
        "paper",
        "newsletter",
        "bulletin",
    ];
    let text = text.trim();
    let words = units(text);
    if words == 0 || words > 12 {
        return false;
    }
    let lower = text.to_lowercase();
    if lower.starts_with("www.")
        || [".com", ".cn", ".net", ".org", ".hk", ".tw", ".co.uk"]
            .iter()
            .any(|d| lower.ends_with(d))
    {
        return !lower.contains(' ');
    }
    if text.chars().any(is_cjk) {
        return units(text) >= 3 && CJK_SUFFIXES.iter().any(|s| text.ends_with(s));
    }
    let last = lower.split_whitespace().next_back().unwrap_or("");
    (2..=5).contains(&words)
        && EN_WORDS.contains(&last)
        && text.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
}

static BREADCRUMB_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:您的位置|你的位置|您现在的位置|你现在的位置|您現在的位置|当前位置|當前位置|现在位置|所在位置|位置|you are here|location)\s*[:：]\s*")
        .expect("valid label pattern")
});

/// A breadcrumb trail (`首頁 > 正文`, `当前位置：首页 > 新闻 > 国内`, `Home › World › Asia`).
pub fn breadcrumb(text: &str) -> Option<Vec<String>> {
    let (labelled, rest) = match BREADCRUMB_LABEL.find(text) {
        Some(m) => (true, &text[m.end()..]),
        None => (false, text),
    };
    let parts: Vec<String> = rest
        .split(['>', '＞', '»', '›', '→', '〉', '/'])
        .map(|p| p.trim().trim_matches(['-', '=']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let separators = rest.chars().filter(|c| ">＞»›→〉".contains(*c)).count();
    if parts.len() < 2 || parts.len() > 8 || (separators == 0 && !labelled) {
        return None;
    }
    if parts
        .iter()
        .any(|p| units(p) > 12 || p.contains(SENTENCE_MARKS) || p.ends_with(['.', '。']))
    {
        return None;
    }
    // A trail starts at the home page, or is labelled as one.
    let home = [
        "首页",
        "首頁",
        "主页",
        "主頁",
        "网站首页",
        "網站首頁",
        "home",
        "homepage",
        "main",
        "index",
        "news",
        "新闻",
        "新聞",
    ];
    let first = parts[0].to_lowercase();
    let home_first = home.contains(&first.as_str()) || first.ends_with("首页") || first.ends_with("首頁");
    // Without a home page or a label, a trail is a few short section names.
    let sections = separators + 1 == parts.len() && parts.iter().all(|p| units(p) <= 6);
    (labelled || home_first || is_outlet_name(&parts[0]) || sections).then_some(parts)
}

/// Words and phrases that make up navigation, sharing and page furniture when a line holds
/// nothing else.
const CHROME_PHRASES: &[&str] = &[
    // Chinese
    "首页",
    "首頁",
    "网站首页",
    "網站首頁",
    "返回首页",
    "返回首頁",
    "打印",
    "列印",
    "打印本页",
    "打印本頁",
    "打印此文",
    "关闭",
    "關閉",
    "关闭窗口",
    "關閉窗口",
    "关闭本页",
    "返回",
    "返回顶部",
    "返回頂部",
    "回到顶部",
    "回到頂部",
    "顶部",
    "收藏",
    "收藏本文",
    "分享",
    "分享到",
    "分享至",
    "转发",
    "轉發",
    "评论",
    "評論",
    "发表评论",
    "發表評論",
    "我要评论",
    "我要評論",
    "查看评论",
    "点赞",
    "點讚",
    "举报",
    "舉報",
    "回复",
    "回覆",
    "引用",
    "只看该作者",
    "只看該作者",
    "只看楼主",
    "只看樓主",
    "使用道具",
    "电梯直达",
    "電梯直達",
    "上一篇",
    "下一篇",
    "上一页",
    "上一頁",
    "下一页",
    "下一頁",
    "微信",
    "微博",
    "新浪微博",
    "腾讯微博",
    "朋友圈",
    "微信好友",
    "qq空间",
    "qq空間",
    "qq",
    "豆瓣",
    "复制链接",
    "複製連結",
    "扫一扫",
    "掃一掃",
    "微信扫一扫",
    "微信掃一掃",
    "扫描二维码",
    "掃描二維碼",
    "手机看",
    "手機看",
    "我要纠错",
    "我要糾錯",
    "纠错",
    "糾錯",
    "登录",
    "登錄",
    "登入",
    "注册",
    "註冊",
    "搜索",
    "搜尋",
    "更多",
    "查看更多",
    "加载更多",
    "載入更多",
    "网站地图",
    "網站地圖",
    "联系我们",
    "聯繫我們",
    "聯絡我們",
    "关于我们",
    "關於我們",
    "免责声明",
    "免責聲明",
    "隐私政策",
    "隱私政策",
    "版权声明",
    "版權聲明",
    "广告",
    "廣告",
    "广告服务",
    "訂閱",
    "订阅",
    "客户端",
    "客戶端",
    "下载客户端",
    "下載客戶端",
    "字号",
    "字號",
    "默认",
    "大字",
    "小字",
    "(完)",
    "（完）",
    "【完】",
    "[完]",
    "全文完",
    "沙发",
    "沙發",
    "板凳",
    "地板",
    // English
    "home",
    "menu",
    "search",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this page",
    "share article",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on linkedin",
    "share via email",
    "tweet",
    "email",
    "e-mail",
    "print",
    "print this page",
    "close",
    "comments",
    "comment",
    "view comments",
    "save",
    "save article",
    "bookmark",
    "subscribe",
    "sign in",
    "sign up",
    "sign out",
    "log in",
    "login",
    "log out",
    "register",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "ad",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading",
    "continue reading the main story",
    "read more",
    "show more",
    "load more",
    "more",
    "next",
    "previous",
    "next article",
    "previous article",
    "next story",
    "back to top",
    "top",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "flipboard",
    "telegram",
    "copy link",
    "copy link to clipboard",
    "link copied",
    "reply",
    "quote",
    "report",
    "report post",
    "like",
    "follow",
    "follow us",
    "newsletter",
    "newsletters",
    "contact",
    "contact us",
    "about",
    "about us",
    "privacy",
    "privacy policy",
    "terms",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "cookie policy",
    "cookie settings",
    "cookies",
    "accessibility",
    "sitemap",
    "site map",
    "listen",
    "listen to this article",
    "gift this article",
    "font size",
    "text size",
    "image",
    "photo",
    "enlarge",
    "enlarge this image",
    "toggle caption",
    "hide caption",
    "view image",
    "the end",
];

/// Headings of related-link lists: the short lines after them are other articles' titles.
const RELATED_HEADINGS: &[&str] = &[
    "相关新闻",
    "相關新聞",
    "相关阅读",
    "相關閱讀",
    "相关文章",
    "相關文章",
    "相关链接",
    "相關鏈接",
    "相關連結",
    "相关报道",
    "相关资讯",
    "相關資訊",
    "相关专题",
    "相關專題",
    "相关推荐",
    "相關推薦",
    "精编文章",
    "最新文章",
    "热门资讯",
    "熱門資訊",
    "推荐文章",
    "推薦文章",
    "相關報導",
    "相關報道",
    "延伸阅读",
    "延伸閱讀",
    "推荐阅读",
    "推薦閱讀",
    "热点推荐",
    "熱點推薦",
    "热门推荐",
    "熱門推薦",
    "热门文章",
    "熱門文章",
    "精彩推荐",
    "精彩推薦",
    "猜你喜欢",
    "猜你喜歡",
    "更多精彩",
    "往期回顾",
    "往期回顧",
    "阅读排行",
    "閱讀排行",
    "点击排行",
    "點擊排行",
    "今日推荐",
    "今日推薦",
    "热门评论",
    "熱門評論",
    "网友评论",
    "網友評論",
    "其他人也在看",
    "大家都在看",
    "你可能还想看",
    "你可能還想看",
    "你可能也喜欢",
    "你可能也喜歡",
    "为你推荐",
    "為你推薦",
    "関連記事",
    "関連ニュース",
    "あわせて読みたい",
    "おすすめ記事",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "related coverage",
    "related posts",
    "related links",
    "related topics",
    "read more",
    "read next",
    "more from",
    "more stories",
    "more on this story",
    "more news",
    "more from this section",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "most popular",
    "most read",
    "most viewed",
    "trending",
    "trending now",
    "top stories",
    "editor's picks",
    "editors' picks",
    "latest news",
    "latest stories",
    "also read",
    "see also",
];

/// Chrome only as one item among others (`字号 大 中 小`, `Share on X`), never a line on its own.
const ITEM_ONLY: &[&str] = &["大", "中", "小", "赞", "讚", "x"];

static CHROME: LazyLock<HashSet<&'static str>> = LazyLock::new(|| CHROME_PHRASES.iter().copied().collect());
static RELATED: LazyLock<HashSet<&'static str>> = LazyLock::new(|| RELATED_HEADINGS.iter().copied().collect());

/// `text` lowercased, brackets and trailing colons and arrows removed: how chrome phrases are
/// compared.
fn normalized(text: &str) -> String {
    let trimmed = text
        .trim()
        .trim_matches(|c: char| "【】[]「」『』<>《》()（）:：»›>→…".contains(c) || c.is_whitespace());
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_cjk(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright(?-u:\b)|©|\(c\)\s*\d{4}|版权所有|版權所有)|all rights reserved|版权所有|版權所有|icp\s*[备備证證]|公网安备|公網安備|不良信息举报|不良信息舉報|(?:未经|未經|非经|非經)(?:书面|書面)?(?:授权|授權|许可|許可|同意).{0,30}(?:不得|禁止|严禁|嚴禁|请勿|請勿|勿)|(?:不得|禁止|严禁|嚴禁|请勿|請勿)(?:转载|轉載)|本网站所刊登|本網站所刊登")
        .expect("valid copyright pattern")
});

static TAG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:本文|文章|相关|相關|热门|熱門)?(?:标签|標籤|标签云|关键词|關鍵詞|关键字|關鍵字|tags?|tagged|tagged with|keywords|topics|filed under|categories|category|分类|分類|栏目|欄目)\s*[:：]")
        .expect("valid tag pattern")
});

static RELATED_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:【\s*)?(?:相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关新闻|相關新聞|相关报道|相關報導|read more|read next|also read|see also|related|more|watch|listen)\s*(?:】\s*)?[:：>》»›]\s*\S")
        .expect("valid related pattern")
});

static FLOOR_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:#\s*\d+\s*(?:楼|樓|floor)?|\d+\s*(?:楼|樓|#|f)|第\s*\d+\s*(?:楼|樓))$")
        .expect("valid floor pattern")
});

/// A line that is mostly HTML markup that escaped the page (`<div class="pic_midd"> …`).
fn is_markup(text: &str) -> bool {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->").expect("valid tag pattern"));
    let trimmed = text.trim_start();
    if !trimmed.starts_with('<') {
        return false;
    }
    let tagged: usize = TAG.find_iter(text).map(|m| m.len()).sum();
    tagged * 10 >= text.len() * 3
}

/// Page furniture: navigation, sharing and print links, copyright notices, tag lines, forum post
/// controls.
pub fn is_chrome(text: &str) -> bool {
    is_chrome_with(text, units(text))
}

/// [`is_chrome`] for a line whose [`units`] are known.
pub fn is_chrome_with(text: &str, words: usize) -> bool {
    if is_markup(text) {
        return true;
    }
    if words > 80 {
        return false;
    }
    if COPYRIGHT.is_match(text) || TAG_LINE.is_match(text.trim()) {
        return true;
    }
    if words > 40 {
        return false;
    }
    if RELATED_PREFIX.is_match(text.trim()) {
        return true;
    }
    // No furniture phrase or list of them runs longer.
    if words > 24 {
        return false;
    }
    let norm = normalized(text);
    if norm.is_empty() {
        // Only brackets, colons and arrows: page links (`>>`, `»`) and emptied widgets (`【】`,
        // `[]`). A lone opening or closing bracket is a piece of text cut into lines (`)` closing
        // a call in code, `(` in a formula), not furniture.
        let text = text.trim();
        let arrow = text.contains(['<', '>', '»', '›', '→', '…']);
        let opens = text.contains(['【', '[', '「', '『', '《', '(', '（']);
        let closes = text.contains(['】', ']', '」', '』', '》', ')', '）']);
        return !text.is_empty() && words == 0 && (arrow || opens == closes);
    }
    if CHROME.contains(norm.as_str()) || FLOOR_MARKER.is_match(&norm) || norm == "完" {
        return true;
    }
    // `【打印】【关闭】`, `Share | Tweet | Email`, `分享到： 微信 微博 QQ空间`.
    let all_chrome = |split_on_spaces: bool| {
        let mut items = 0;
        for item in text.split(|c: char| "|｜丨/·•【】[]:：".contains(c) || split_on_spaces && c.is_whitespace())
        {
            let item = normalized(item);
            if item.is_empty() {
                continue;
            }
            let furniture =
                CHROME.contains(item.as_str()) || ITEM_ONLY.contains(&item.as_str()) || RELATED.contains(item.as_str());
            if !furniture {
                return false;
            }
            items += 1;
        }
        items >= 2
    };
    all_chrome(false) || all_chrome(true)
}

/// Furniture words that can also be a text's own heading or line (`Comments`, `More`, `Home`):
/// inside a clean text they stay.
pub fn is_soft_chrome(text: &str) -> bool {
    const SOFT: &[&str] = &[
        "comments",
        "comment",
        "more",
        "next",
        "previous",
        "home",
        "about",
        "contact",
        "search",
        "menu",
        "top",
        "like",
        "follow",
        "reply",
        "quote",
        "report",
        "image",
        "photo",
        "listen",
        "save",
        "newsletter",
        "newsletters",
        "register",
        "login",
        "close",
        "print",
        "share",
        "email",
        "e-mail",
        "subscribe",
        "评论",
        "評論",
        "更多",
        "返回",
        "回复",
        "回覆",
        "引用",
        "举报",
        "舉報",
        "收藏",
        "分享",
        "关闭",
        "關閉",
        "打印",
        "列印",
        "首页",
        "首頁",
        "搜索",
        "搜尋",
        "登录",
        "登錄",
        "注册",
        "註冊",
        "订阅",
        "訂閱",
        "完",
    ];
    units(text) <= 3 && SOFT.contains(&normalized(text).as_str())
}

/// The heading of a related-links list (`相关新闻`, `Related articles`).
pub fn is_related_heading(text: &str) -> bool {
    is_related_heading_with(text, units(text))
}

/// [`is_related_heading`] for a line whose [`units`] are known.
pub fn is_related_heading_with(text: &str, words: usize) -> bool {
    words <= 8 && RELATED.contains(normalized(text).as_str())
}

static COMMENTS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+\s*)?(?:reader |user |latest |top |all |show |view |read )?(?:comments?|responses|replies)(?:\s*\(?\d+\)?)?$|^(?:leave a (?:comment|reply)|post a comment|add a comment|join the (?:discussion|conversation)|what do you think\??)$|^(?:最热|最熱|最新|热门|熱門|网友|網友|全部|精彩|读者|讀者)?(?:评论|評論|跟贴|跟帖|留言|回帖)(?:区|區|列表)?\s*(?:\(?\d+\)?\s*条?)?\s*(?:刷新)?$|^(?:查看|显示|顯示)(?:全部|更多)?\d*条?(?:评论|評論|跟贴|留言)|^(?:发表|發表|我要|我来|写)(?:评论|評論|留言|跟贴)")
        .expect("valid comments pattern")
});

/// The heading of a comment section: where the article ends.
pub fn is_comments_heading(text: &str) -> bool {
    units(text) <= 8 && COMMENTS_HEADING.is_match(text.trim())
}

/// Section names that make up site menus. Only lines above or below the article are judged by
/// them: inside it, `Science` may be a heading.
const NAV_WORDS: &[&str] = &[
    "news",
    "world",
    "us",
    "u.s.",
    "uk",
    "europe",
    "asia",
    "africa",
    "americas",
    "middle east",
    "australia",
    "china",
    "local",
    "national",
    "international",
    "politics",
    "business",
    "economy",
    "markets",
    "money",
    "finance",
    "tech",
    "technology",
    "science",
    "health",
    "wellness",
    "sport",
    "sports",
    "football",
    "soccer",
    "entertainment",
    "culture",
    "arts",
    "books",
    "music",
    "film",
    "movies",
    "tv",
    "television",
    "style",
    "fashion",
    "lifestyle",
    "life",
    "food",
    "travel",
    "weather",
    "opinion",
    "opinions",
    "editorial",
    "editorials",
    "columns",
    "letters",
    "video",
    "videos",
    "photos",
    "podcasts",
    "podcast",
    "live",
    "latest",
    "features",
    "reviews",
    "investigations",
    "education",
    "climate",
    "environment",
    "media",
    "games",
    "gaming",
    "cars",
    "autos",
    "real estate",
    "property",
    "jobs",
    "careers",
    "obituaries",
    "crossword",
    "puzzles",
    "magazine",
    "events",
    "shop",
    "store",
    "deals",
    "forums",
    "forum",
    "blogs",
    "blog",
    "rss",
    "rss feeds",
    "settings",
    "sections",
    "topics",
    "navigate",
    "navigation",
    "site navigation",
    "site search",
    "more sections",
    "all sections",
    "today's paper",
    "e-paper",
    "archive",
    "archives",
    "help",
    "faq",
    "feedback",
    "advertise",
    "careers",
    "mobile site",
    "app",
    "apps",
    "get the app",
    "download the app",
    "新闻",
    "新聞",
    "国内",
    "國內",
    "国际",
    "國際",
    "财经",
    "財經",
    "体育",
    "體育",
    "娱乐",
    "娛樂",
    "科技",
    "军事",
    "軍事",
    "社会",
    "社會",
    "汽车",
    "汽車",
    "房产",
    "房產",
    "教育",
    "健康",
    "旅游",
    "旅遊",
    "文化",
    "时尚",
    "時尚",
    "视频",
    "視頻",
    "影音",
    "图片",
    "圖片",
    "评论",
    "評論",
    "专题",
    "專題",
    "直播",
    "论坛",
    "論壇",
    "博客",
    "政务",
    "政務",
    "地方",
    "要闻",
    "要聞",
    "时政",
    "時政",
    "理论",
    "理論",
    "党建",
    "黨建",
    "法治",
    "网评",
    "網評",
    "观点",
    "觀點",
    "港澳",
    "台湾",
    "台灣",
    "两岸",
    "兩岸",
    "生活",
    "读书",
    "讀書",
    "游戏",
    "遊戲",
    "数码",
    "數碼",
    "手机",
    "手機",
    "股票",
    "基金",
    "理财",
    "理財",
    "彩票",
    "公益",
    "天气",
    "天氣",
    "更多",
    "导航",
    "導航",
    "频道",
    "頻道",
    "政治",
    "產經",
    "产经",
    "證券",
    "证券",
    "地產",
    "兩性",
    "星座",
    "美食",
    "家居",
    "亲子",
    "親子",
];

static NAV: LazyLock<HashSet<&'static str>> = LazyLock::new(|| NAV_WORDS.iter().copied().collect());

static CHROME_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:sign up|sign in|log in|login|logged in|subscribe|subscriber|subscription|upgrade your browser|enable javascript|javascript is|cookies?|newsletter|advertis\w*|skip to|all rights reserved|free articles?|articles? remaining|create an account|already have an account|privacy policy|terms of (?:use|service))(?-u:\b)|登录|登錄|注册|註冊|订阅|訂閱|下载客户端|下載客戶端|扫码|掃碼|扫描二维码|掃描二維碼|关注我们|關注我們|浏览器|瀏覽器|^分享(?:到|至)|^share (?:on|to|via)(?-u:\b)|特别声明|特別聲明|免责声明|免責聲明|仅提供信息存储服务|僅提供信息存儲服務|不代表本(?:站|网|網|平台)(?:观点|觀點|立场|立場)|仅代表(?:作者|网友)|僅代表(?:作者|網友)|并不表明.{0,6}立场")
        .expect("valid chrome sentence pattern")
});

/// Furniture that only shows around the article: menus, section names, sign-in and subscription
/// prompts, cookie and browser notices.
pub fn is_page_furniture(text: &str) -> bool {
    is_chrome(text) || is_furniture_beyond_chrome(text)
}

/// [`is_page_furniture`] for a line already known not to be [`is_chrome`].
pub fn is_furniture_beyond_chrome(text: &str) -> bool {
    is_furniture_beyond_chrome_with(text, units(text))
}

/// [`is_furniture_beyond_chrome`] for a line whose [`units`] are known.
pub fn is_furniture_beyond_chrome_with(text: &str, words: usize) -> bool {
    // A bare number around the article is a page link or a teaser's rank; inside a text it may
    // number a chapter, so it is furniture, not chrome.
    let bare_number = (1..=3).contains(&text.trim().len()) && text.trim().chars().all(|c| c.is_ascii_digit());
    bare_number || is_menu_with(text, words) || words <= 20 && CHROME_SENTENCE.is_match(text)
}

/// A line of navigation: a section name, or a few short items separated by bars or wide spaces,
/// none of them a sentence (`Home | World | Business`, `新闻  财经  体育  娱乐`).
fn is_menu_with(text: &str, words: usize) -> bool {
    static LABELLED_MENU: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Han}{0,6}(?:频道|頻道|导航|導航|栏目|欄目|分类|分類)\s*[:：]").expect("valid menu pattern")
    });
    // `地方频道：北京 天津 河北 …`: a labelled menu, whatever its items.
    if LABELLED_MENU.is_match(text) && !text.contains(SENTENCE_MARKS) {
        return true;
    }
    // Fifteen items of at most six units each.
    if words > 90 {
        return false;
    }
    if words <= 4 {
        let norm = normalized(text);
        let norm = norm.trim_end_matches(['—', '-', '–', ' ']);
        if NAV.contains(norm) {
            return true;
        }
    }
    let parts: Vec<&str> = if text.contains(['|', '｜', '丨']) {
        bar_parts(text)
    } else if text.chars().any(is_cjk) {
        text.split_whitespace().collect()
    } else {
        text.split("  ").map(str::trim).filter(|p| !p.is_empty()).collect()
    };
    if !(3..=15).contains(&parts.len()) {
        return false;
    }
    // The shape alone does not make a menu: a keyword list (spam) or a row of data has it too.
    // Most items must be section names or furniture words.
    let known = parts
        .iter()
        .filter(|p| {
            let norm = normalized(p);
            NAV.contains(norm.as_str()) || CHROME.contains(norm.as_str())
        })
        .count();
    known * 2 >= parts.len()
        && parts
            .iter()
            .all(|p| (1..=6).contains(&units(p)) && !p.contains(SENTENCE_MARKS) && !p.ends_with(['.', '。']))
}

/// A line that is a list of short items (place names, keywords) rather than a sentence: many
/// separators, no sentence punctuation. Such lines are left for the spam stage to judge.
pub fn is_list_like(text: &str) -> bool {
    if text.contains(SENTENCE_MARKS[0]) {
        return false;
    }
    let separators = text.chars().filter(|c| "|｜丨、,，/;；•·".contains(*c)).count();
    let words = units(text);
    if separators >= 5 && words <= separators * 8 {
        return true;
    }
    // Chinese items separated by spaces (`体育彩票平台 时时彩 北京赛车 …`): a row of data has fewer
    // items, a sentence has no spaces.
    let items: Vec<&str> = text.split_whitespace().collect();
    items.len() >= 6
        && items.iter().all(|item| item.chars().any(is_cjk) && units(item) <= 8)
        && !text.contains(['，', '。'])
}

/// `标题：…`, `Title: …`, `主题：…`: a headline written with its label.
pub fn labelled_title(text: &str) -> Option<&str> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:标题|標題|主题|主題|帖子标题|title|subject|re)\s*[:：]\s*").expect("valid title pattern")
    });
    let m = LABEL.find(text)?;
    let rest = text[m.end()..].trim();
    (!rest.is_empty()).then_some(rest)
}

/// Splits a site name off a headline written as a page title: `标题_新闻频道_央视网`,
/// `Headline - Example News`, `Headline | Example Daily`.
pub fn split_title_site(title: &str) -> (String, Option<String>) {
    // The title's pieces, split at every separator a page title uses, with where each starts.
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", "｜", "|", "_", "--", "-", "—"];
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < title.len() {
        let rest = &title[at..];
        match SEPARATORS.iter().find(|sep| rest.starts_with(**sep)) {
            Some(sep) => {
                cuts.push((at, at + sep.len()));
                at += sep.len();
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    // From the right: the site and, before it, short section names (`_新闻频道_央视网`,
    // `_中南海_澎湃新闻-The Paper`). The headline keeps the rest.
    let mut site: Option<&str> = None;
    let mut end = title.len();
    let mut head_end = None;
    for &(start, stop) in cuts.iter().rev() {
        let piece = title[stop..end].trim();
        if piece.is_empty() {
            end = start;
            continue;
        }
        if is_outlet_name(piece) {
            site.get_or_insert(piece);
        } else if units(piece) > 6 || site.is_none() && !is_section_name(piece) {
            break;
        }
        end = start;
        if site.is_some() {
            head_end = Some(start);
        }
    }
    match (site, head_end) {
        (Some(site), Some(head_end)) if units(&title[..head_end]) >= 2 => {
            (title[..head_end].trim().to_string(), Some(site.to_string()))
        }
        _ => (title.to_string(), None),
    }
}

/// A channel or section name printed in page titles (`新闻频道`, `Business`).
fn is_section_name(piece: &str) -> bool {
    let lower = piece.to_lowercase();
    NAV.contains(lower.as_str())
        || [
            "频道", "頻道", "新闻", "新聞", "资讯", "資訊", "栏目", "欄目", "专栏", "專欄",
        ]
        .iter()
        .any(|s| piece.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_lines() {
        assert_eq!(
            site_header("中國共產黨新聞網|黨建頻道|黨建數據庫").as_deref(),
            Some("中國共產黨新聞網")
        );
        assert_eq!(
            breadcrumb("首頁 > 正文"),
            Some(vec!["首頁".to_string(), "正文".to_string()])
        );
        assert!(is_kicker("遼寧省樹導向、優素質、建機制——"));
        assert!(is_title_like(
            "以組織擔當激勵干部擔當(深度關注·提振黨員干部干事創業精氣神②)"
        ));
        assert!(is_heading_like("樹導向、選賢能,激發干事創業的內生動力"));
        assert!(!is_prose("樹導向、選賢能,激發干事創業的內生動力"));
        assert!(is_prose(
            "“實現遼寧全面振興,關鍵在黨、關鍵在人。”遼寧省委組織部相關負責同志說。"
        ));
        assert!(is_list_like(
            "玛多县| 新郑市| 东安县| 和林格尔县| 永安市| 山东省| 阿拉善左旗| 三明市| 精河县| 盐池县|"
        ));
        assert_eq!(
            site_header("玛多县| 新郑市| 东安县| 和林格尔县| 永安市| 山东省| 阿拉善左旗| 三明市"),
            None
        );
        assert!(!is_chrome(
            "玛多县| 新郑市| 东安县| 和林格尔县| 永安市| 山东省| 阿拉善左旗| 三明市"
        ));
    }

    #[test]
    fn breadcrumbs() {
        assert_eq!(
            breadcrumb("当前位置：首页 > 新闻中心 > 国内新闻"),
            Some(vec!["首页".into(), "新闻中心".into(), "国内新闻".into()])
        );
        assert_eq!(
            breadcrumb("Home › World › Asia"),
            Some(vec!["Home".into(), "World".into(), "Asia".into()])
        );
        assert_eq!(
            breadcrumb("论坛首页 › 装修问答 › 旧房翻新"),
            Some(vec!["论坛首页".into(), "装修问答".into(), "旧房翻新".into()])
        );
        assert_eq!(
            breadcrumb("新闻中心 > 社会"),
            Some(vec!["新闻中心".into(), "社会".into()])
        );
        assert_eq!(
            breadcrumb("x > y means x is greater than y in every case we know of"),
            None
        );
        assert_eq!(breadcrumb("If x > 3 then the loop ends."), None);
        assert_eq!(breadcrumb("2024/04/02"), None);
    }

    #[test]
    fn chrome_lines() {
        for line in [
            "【打印】【关闭】",
            "分享到： 微信 微博 QQ空间",
            "Share this article",
            "Share | Tweet | Email",
            "Copyright © 2024 Example Daily News. All rights reserved.",
            "版权所有 人民网股份有限公司 京ICP证000006号",
            "本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。",
            "分享到：Facebook WhatsApp",
            "标签：组织工作 干部",
            "本文标签：永安 三明 将乐",
            "Tags: markets, inflation",
            "Advertisement",
            "相关阅读：遼寧推進干部隊伍建設",
            "Read more: Why the housing market is cooling",
            "#3楼",
            "2楼",
            "上一篇 下一篇",
            ">>",
            "»",
            "【】",
            "[ ]",
        ] {
            assert!(is_chrome(line), "{line:?}");
        }
        for line in [
            "樹導向、選賢能,激發干事創業的內生動力",
            "The share price fell by half in a week.",
            "Home prices rose again",
            "中",
            "More than 100 people attended.",
            // Code and formulas cut into lines.
            ")",
            "]",
            "(",
            "）",
        ] {
            assert!(!is_chrome(line), "{line:?}");
        }
        assert!(!is_chrome("中國共產黨新聞網|黨建頻道|黨建數據庫"));
    }

    #[test]
    fn page_furniture() {
        assert!(is_page_furniture("Sign up or login to join the discussions!"));
        assert!(is_page_furniture(
            "NYTimes.com no longer supports Internet Explorer 9 or earlier. Please upgrade your browser."
        ));
        assert!(is_page_furniture("Science"));
        assert!(is_page_furniture("地方频道：北京 天津 河北 山西 内蒙古 辽宁"));
        assert!(!is_page_furniture(
            "The committee will publish its next forecasts in June."
        ));
        assert!(!is_page_furniture(
            "Readers who subscribe to the print edition have long complained that the crossword is too easy, and the editors have now agreed to make it harder on Sundays."
        ));
    }

    #[test]
    fn comment_headings() {
        for line in [
            "最热评论 刷新",
            "网友评论",
            "热门跟贴",
            "查看全部243条评论",
            "27 Comments",
            "Leave a Reply",
            "Comments (12)",
        ] {
            assert!(is_comments_heading(line), "{line:?}");
        }
        for line in [
            "评论员文章指出，改革要坚定不移。",
            "Comments on the draft are due by Friday.",
        ] {
            assert!(!is_comments_heading(line), "{line:?}");
        }
    }

    #[test]
    fn nav_lines() {
        assert!(is_page_furniture("Home | World | Business | Technology | Sport"));
        assert!(is_page_furniture("新闻  财经  体育  娱乐  科技"));
        assert!(!is_page_furniture("北京、上海、广州、深圳等城市"));
        assert!(!is_page_furniture("北京 晴 12℃～25℃ 南风3级"));
        assert!(!is_page_furniture(
            "体育彩票平台 时时彩 北京赛车 幸运飞艇 快三 11选5 百人牛牛 炸金花"
        ));
        assert!(!is_page_furniture("时时彩|快三|北京赛车|幸运飞艇"));
        assert!(!is_page_furniture("The quick brown fox jumps over the lazy dog."));
    }

    #[test]
    fn titles_with_site_suffixes() {
        assert_eq!(
            split_title_site("Markets rally as bank pauses - Example Daily News"),
            (
                "Markets rally as bank pauses".to_string(),
                Some("Example Daily News".to_string())
            )
        );
        assert_eq!(
            split_title_site("遼寧推進干部隊伍建設_新闻频道_央视网"),
            ("遼寧推進干部隊伍建設".to_string(), Some("央视网".to_string()))
        );
        assert_eq!(
            split_title_site("Cats - a history"),
            ("Cats - a history".to_string(), None)
        );
        assert_eq!(
            split_title_site("新年伊始，习近平的重要文章谈了啥？_中南海_澎湃新闻-The Paper"),
            (
                "新年伊始，习近平的重要文章谈了啥？".to_string(),
                Some("The Paper".to_string())
            )
        );
        assert_eq!(
            split_title_site("华为抢跑5G芯片大战|新iPhone_电信_新浪科技_新浪网")
                .1
                .as_deref(),
            Some("新浪网")
        );
        assert_eq!(
            split_title_site("2019年中国人文地理学术年会成功举行！-新闻动态--中国地理学会官网"),
            (
                "2019年中国人文地理学术年会成功举行！".to_string(),
                Some("中国地理学会官网".to_string())
            )
        );
        assert_eq!(split_title_site("COVID-19 vaccine rollout begins").1, None);
        assert_eq!(labelled_title("标题：老房子装修求助"), Some("老房子装修求助"));
    }

    #[test]
    fn arabic_and_devanagari_sentences_are_prose() {
        // Urdu: ends with the Arabic full stop `۔`.
        assert!(is_prose(
            "حکومت نے آج نئے بجٹ کا اعلان کیا جس میں تعلیم کے لیے زیادہ رقم رکھی گئی ہے۔"
        ));
        // Arabic: ends with a question mark `؟`.
        assert!(is_prose(
            "هل ستنخفض أسعار المواد الغذائية في الأشهر القادمة بعد هذا القرار؟"
        ));
        // Hindi: ends with the danda `।`.
        assert!(is_prose(
            "सरकार ने आज नए बजट की घोषणा की जिसमें शिक्षा के लिए अधिक धन रखा गया है।"
        ));
        // Headlines in the same scripts stay headlines.
        assert!(!is_prose("حکومت کا نیا بجٹ"));
        assert!(!is_prose("सरकार का नया बजट"));
    }

    #[test]
    fn units_count_characters_and_words() {
        assert_eq!(units("遼寧省 2024 Jane Doe"), 6);
        assert_eq!(units(""), 0);
    }
}
