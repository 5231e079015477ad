//! Bylines and label lines, shared by the HTML ([`crate::extract`]) and plain-text ([`crate::text`])
//! stages: who wrote a piece (`作者：本报记者 胡婧怡`, `文／张三`, `By Jane Doe and John Roe`), who
//! edited it (`责任编辑：李四`: never an author), where it was first published (`来源：人民网`,
//! print-edition credits such as `《 人民日報 》( 2024年04月02日 19 版)`) and when
//! (`發布時間:2024年04月02日 07:56`, `Published April 2, 2024`).
//!
//! Simplified and traditional script, full- and half-width punctuation. Labels and reporter roles
//! are stripped (`本報記者`, `新京报记者`, `, Staff Writer`), bare site names and placeholders
//! (`作者：人民网`, `作者：未知`, `By admin`) are never returned as authors.
//!
//! [`parse_line`] is strict: it answers only for a line that holds nothing but byline material, so a
//! content stage can drop the line. The other entry points read a value already known to be a
//! byline field (an HTML author element, a `来源` cell) and are lenient.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::date::{DateTime, find_date};
use crate::decode::script::is_han;

/// Lines longer than this are prose, never a byline.
const MAX_LINE_CHARS: usize = 240;
/// A byline field value longer than this is prose.
const MAX_VALUE_CHARS: usize = 80;
/// Offset a Chinese-script page implies when it writes a time without one (Beijing, Taipei and
/// Hong Kong time).
pub const CHINA_OFFSET_MINUTES: i32 = 480;
/// Offset a Japanese or Korean page implies.
const JAPAN_KOREA_OFFSET_MINUTES: i32 = 540;

/// What the byline material of a line or element says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// Author names in order, labels and roles stripped.
    pub authors: Vec<String>,
    /// Editors (`责任编辑`, `编辑`, `Edited by`): never authors.
    pub editors: Vec<String>,
    /// The credited original publication (`来源：`, `Source:`, a print-edition credit).
    pub source: Option<String>,
    /// When the piece was published, with the offset the script implies when the text gave a time
    /// without one.
    pub published: Option<DateTime>,
    /// When the piece was last updated.
    pub updated: Option<DateTime>,
    /// The line was a print-edition credit (`《人民日报》（2024年04月02日 19 版）`).
    pub print_credit: bool,
}

impl Byline {
    /// The authors as one string (`胡婧怡`, `张三、李四`, `Jane Doe, John Roe`).
    pub fn author(&self) -> Option<String> {
        join_names(&self.authors)
    }

    /// `published` in ISO 8601.
    pub fn published_iso(&self) -> Option<String> {
        self.published.map(|d| d.to_iso())
    }

    /// Whether the line held byline material but no field (`责任编辑：`, `字号：大 中 小`).
    pub fn is_empty(&self) -> bool {
        self.authors.is_empty()
            && self.editors.is_empty()
            && self.source.is_none()
            && self.published.is_none()
            && self.updated.is_none()
    }

    /// Adds what `other` knows and `self` does not: the first value found for each field wins,
    /// names are collected without duplicates. A day-only date is refined by a later date of the
    /// same day that has a time.
    pub fn merge(&mut self, other: Byline) {
        if self.authors.is_empty() {
            self.authors = other.authors;
        } else {
            push_unique(&mut self.authors, other.authors);
        }
        push_unique(&mut self.editors, other.editors);
        if self.source.is_none() {
            self.source = other.source;
        }
        self.published = refine_date(self.published, other.published);
        self.updated = refine_date(self.updated, other.updated);
        self.print_credit |= other.print_credit;
    }
}

fn push_unique(names: &mut Vec<String>, more: Vec<String>) {
    for name in more {
        if !names.contains(&name) {
            names.push(name);
        }
    }
}

fn refine_date(have: Option<DateTime>, other: Option<DateTime>) -> Option<DateTime> {
    match (have, other) {
        (None, other) => other,
        (Some(have), Some(other))
            if have.time.is_none()
                && other.time.is_some()
                && (have.year, have.month, have.day) == (other.year, other.month, other.day) =>
        {
            Some(other)
        }
        (have, _) => have,
    }
}

/// Names joined the way their script writes lists: `张三、李四`, `Jane Doe, John Roe`.
pub fn join_names(names: &[String]) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let all_han = names.iter().all(|n| n.chars().all(|c| is_han(c) || is_name_dot(c)));
    Some(names.join(if all_han { "、" } else { ", " }))
}

/// The UTC offset a page in this script implies for a time written without one: +08:00 for
/// Chinese, +09:00 for Japanese and Korean, none otherwise.
pub fn implied_offset(text: &str) -> Option<i32> {
    let mut han = false;
    for c in text.chars() {
        match c {
            '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}' => return Some(JAPAN_KOREA_OFFSET_MINUTES),
            c if is_han(c) => han = true,
            _ => {}
        }
    }
    han.then_some(CHINA_OFFSET_MINUTES)
}

/// The role of a labelled byline field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// `作者`, `文/`, `Author:`: names, leniently (user names, organisations).
    Author,
    /// `By`, `记者`, `通讯员`: person names only.
    Reporter,
    /// `整理`: the author when no one else is named.
    Compiler,
    Editor,
    Source,
    Published,
    Updated,
    /// `Originally published …`: a date or a publication.
    DateOrSource,
    /// Photographers, illustrators, translators: not the author.
    Credit,
    /// `字号`, `浏览`, `分享到`: page furniture whose value is ignored.
    Counter,
}

/// Chinese labels. Two-character and longer labels may be followed by a separator or a space,
/// single characters (`文/`) need a separator.
const CJK_LABELS: &[(&str, Role)] = &[
    ("作者", Role::Author),
    ("撰文", Role::Author),
    ("撰稿", Role::Author),
    ("撰稿人", Role::Author),
    ("文字", Role::Author),
    ("采写", Role::Author),
    ("採寫", Role::Author),
    ("执笔", Role::Author),
    ("執筆", Role::Author),
    ("口述", Role::Author),
    ("图文", Role::Author),
    ("圖文", Role::Author),
    ("文", Role::Author),
    ("楼主", Role::Author),
    ("樓主", Role::Author),
    ("发帖人", Role::Author),
    ("發帖人", Role::Author),
    ("整理", Role::Compiler),
    ("责任编辑", Role::Editor),
    ("責任編輯", Role::Editor),
    ("责编", Role::Editor),
    ("責編", Role::Editor),
    ("编辑", Role::Editor),
    ("編輯", Role::Editor),
    ("主编", Role::Editor),
    ("主編", Role::Editor),
    ("值班编辑", Role::Editor),
    ("值班編輯", Role::Editor),
    ("实习编辑", Role::Editor),
    ("實習編輯", Role::Editor),
    ("网络编辑", Role::Editor),
    ("網絡編輯", Role::Editor),
    ("编审", Role::Editor),
    ("編審", Role::Editor),
    ("审核", Role::Editor),
    ("審核", Role::Editor),
    ("审校", Role::Editor),
    ("審校", Role::Editor),
    ("校对", Role::Editor),
    ("校對", Role::Editor),
    ("监制", Role::Editor),
    ("監製", Role::Editor),
    ("终审", Role::Editor),
    ("終審", Role::Editor),
    ("初审", Role::Editor),
    ("初審", Role::Editor),
    ("复审", Role::Editor),
    ("複審", Role::Editor),
    ("美编", Role::Editor),
    ("美編", Role::Editor),
    ("来源", Role::Source),
    ("來源", Role::Source),
    ("来源于", Role::Source),
    ("來源於", Role::Source),
    ("稿源", Role::Source),
    ("出处", Role::Source),
    ("出處", Role::Source),
    ("信息来源", Role::Source),
    ("信息來源", Role::Source),
    ("文章来源", Role::Source),
    ("文章來源", Role::Source),
    ("本文来源", Role::Source),
    ("本文來源", Role::Source),
    ("新闻来源", Role::Source),
    ("新聞來源", Role::Source),
    ("消息来源", Role::Source),
    ("消息來源", Role::Source),
    ("稿件来源", Role::Source),
    ("稿件來源", Role::Source),
    ("转载自", Role::Source),
    ("轉載自", Role::Source),
    ("转自", Role::Source),
    ("轉自", Role::Source),
    ("原载", Role::Source),
    ("原載", Role::Source),
    ("摘自", Role::Source),
    ("选自", Role::Source),
    ("選自", Role::Source),
    ("发布时间", Role::Published),
    ("發布時間", Role::Published),
    ("發佈時間", Role::Published),
    ("发布日期", Role::Published),
    ("發布日期", Role::Published),
    ("發佈日期", Role::Published),
    ("发表时间", Role::Published),
    ("發表時間", Role::Published),
    ("发表日期", Role::Published),
    ("發表日期", Role::Published),
    ("发表于", Role::Published),
    ("發表於", Role::Published),
    ("发布于", Role::Published),
    ("發佈於", Role::Published),
    ("發布於", Role::Published),
    ("发稿时间", Role::Published),
    ("發稿時間", Role::Published),
    ("刊发时间", Role::Published),
    ("刊發時間", Role::Published),
    ("出版时间", Role::Published),
    ("出版時間", Role::Published),
    ("出版日期", Role::Published),
    ("上线时间", Role::Published),
    ("上線時間", Role::Published),
    ("稿件日期", Role::Published),
    ("刊登日期", Role::Published),
    ("成文日期", Role::Published),
    ("发文日期", Role::Published),
    ("發文日期", Role::Published),
    ("时间", Role::Published),
    ("時間", Role::Published),
    ("日期", Role::Published),
    ("发布", Role::Published),
    ("發布", Role::Published),
    ("發佈", Role::Published),
    ("更新时间", Role::Updated),
    ("更新時間", Role::Updated),
    ("更新日期", Role::Updated),
    ("最后更新", Role::Updated),
    ("最後更新", Role::Updated),
    ("修改时间", Role::Updated),
    ("修改時間", Role::Updated),
    ("图", Role::Credit),
    ("圖", Role::Credit),
    ("图片", Role::Credit),
    ("圖片", Role::Credit),
    ("图片来源", Role::Credit),
    ("圖片來源", Role::Credit),
    ("图源", Role::Credit),
    ("圖源", Role::Credit),
    ("供图", Role::Credit),
    ("供圖", Role::Credit),
    ("摄", Role::Credit),
    ("攝", Role::Credit),
    ("摄影", Role::Credit),
    ("攝影", Role::Credit),
    ("摄像", Role::Credit),
    ("攝像", Role::Credit),
    ("视频", Role::Credit),
    ("視頻", Role::Credit),
    ("制图", Role::Credit),
    ("製圖", Role::Credit),
    ("设计", Role::Credit),
    ("設計", Role::Credit),
    ("海报", Role::Credit),
    ("海報", Role::Credit),
    ("策划", Role::Credit),
    ("策劃", Role::Credit),
    ("统筹", Role::Credit),
    ("統籌", Role::Credit),
    ("翻译", Role::Credit),
    ("翻譯", Role::Credit),
    ("编译", Role::Credit),
    ("編譯", Role::Credit),
    ("字号", Role::Counter),
    ("字號", Role::Counter),
    ("字体", Role::Counter),
    ("字體", Role::Counter),
    ("浏览", Role::Counter),
    ("瀏覽", Role::Counter),
    ("浏览次数", Role::Counter),
    ("瀏覽次數", Role::Counter),
    ("浏览量", Role::Counter),
    ("瀏覽量", Role::Counter),
    ("点击", Role::Counter),
    ("點擊", Role::Counter),
    ("点击数", Role::Counter),
    ("點擊數", Role::Counter),
    ("点击量", Role::Counter),
    ("點擊量", Role::Counter),
    ("阅读", Role::Counter),
    ("閱讀", Role::Counter),
    ("阅读量", Role::Counter),
    ("閱讀量", Role::Counter),
    ("阅读数", Role::Counter),
    ("閱讀數", Role::Counter),
    ("访问量", Role::Counter),
    ("訪問量", Role::Counter),
    ("评论", Role::Counter),
    ("評論", Role::Counter),
    ("分享到", Role::Counter),
    ("分享", Role::Counter),
    ("打印", Role::Counter),
    ("收藏", Role::Counter),
    ("人气", Role::Counter),
    ("人氣", Role::Counter),
];

/// Verbs written before a counter's label on the same link (`我要评论`, `发表评论`, `查看评论`).
const COUNTER_ACTIONS: &[&str] = &["我要", "发表", "發表", "参与", "參與", "查看", "网友", "網友", "已有"];

/// Labels a forum writes after the poster's name.
const POSTED_AT: &[&str] = &["发表于", "發表於", "发布于", "發佈於", "發布於"];

/// English labels, matched case-insensitively, followed by a colon or a space.
const EN_LABELS: &[(&str, Role)] = &[
    ("by", Role::Reporter),
    ("par", Role::Reporter),
    ("por", Role::Reporter),
    ("von", Role::Reporter),
    ("written by", Role::Reporter),
    ("words by", Role::Reporter),
    ("story by", Role::Reporter),
    ("text by", Role::Reporter),
    ("reporting by", Role::Reporter),
    ("posted by", Role::Author),
    ("author", Role::Author),
    ("authors", Role::Author),
    ("byline", Role::Author),
    ("edited by", Role::Editor),
    ("editing by", Role::Editor),
    ("editor", Role::Editor),
    ("editors", Role::Editor),
    ("source", Role::Source),
    ("sources", Role::Source),
    ("via", Role::Source),
    ("published by", Role::Source),
    ("published", Role::Published),
    ("published on", Role::Published),
    ("published at", Role::Published),
    ("first published", Role::Published),
    ("first published on", Role::Published),
    ("posted", Role::Published),
    ("posted on", Role::Published),
    ("posted at", Role::Published),
    ("date", Role::Published),
    ("dated", Role::Published),
    ("originally published", Role::DateOrSource),
    ("originally published on", Role::DateOrSource),
    ("originally published in", Role::Source),
    ("originally published by", Role::Source),
    ("updated", Role::Updated),
    ("updated on", Role::Updated),
    ("updated at", Role::Updated),
    ("last updated", Role::Updated),
    ("last updated on", Role::Updated),
    ("last modified", Role::Updated),
    ("modified", Role::Updated),
    ("photo", Role::Credit),
    ("photos", Role::Credit),
    ("photo by", Role::Credit),
    ("photos by", Role::Credit),
    ("photograph by", Role::Credit),
    ("photographs by", Role::Credit),
    ("photography", Role::Credit),
    ("photography by", Role::Credit),
    ("illustration", Role::Credit),
    ("illustration by", Role::Credit),
    ("illustrations by", Role::Credit),
    ("image", Role::Credit),
    ("images", Role::Credit),
    ("image credit", Role::Credit),
    ("video by", Role::Credit),
    ("graphic by", Role::Credit),
    ("graphics by", Role::Credit),
    ("translated by", Role::Credit),
    ("credit", Role::Credit),
    ("credits", Role::Credit),
    ("views", Role::Counter),
    ("comments", Role::Counter),
    ("reading time", Role::Counter),
];

/// Separators between a label and its value, and between fields.
const SEPARATORS: &str = ":：︰∶|｜丨/／";

/// Reporter roles as a label of their own, optionally after the outlet: `记者 张三`, `本報記者胡婧怡`,
/// `新京报记者 陆一夫`, `特约通讯员：李四`.
const REPORTER_ROLE: &str = r"(?:见习|見習|实习|實習|特约|特約|首席|特派|驻站|駐站|驻地|駐地)?(?:记者|記者|通讯员|通訊員|特派员|特派員)(?:\s*[:：︰]\s*|\s*)";
/// At most this many characters of outlet name before a reporter role (`新京报记者`).
const MAX_OUTLET_BEFORE_ROLE: usize = 10;

/// The role words found by [`REPORTER_ROLE`]; the outlet before them is found by walking back,
/// which a regex would do with a costly bounded repetition of all Han characters.
static REPORTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(REPORTER_ROLE).expect("valid reporter pattern"));

struct Labels {
    cjk: Regex,
    en: Regex,
    roles: HashMap<String, Role>,
}

static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    let mut multi: Vec<&str> = CJK_LABELS
        .iter()
        .map(|(label, _)| *label)
        .filter(|l| l.chars().count() > 1)
        .collect();
    let mut single: Vec<&str> = CJK_LABELS
        .iter()
        .map(|(label, _)| *label)
        .filter(|l| l.chars().count() == 1)
        .collect();
    let mut english: Vec<&str> = EN_LABELS.iter().map(|(label, _)| *label).collect();
    for list in [&mut multi, &mut single, &mut english] {
        list.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
    }
    // Two-character labels are sometimes spaced out for layout (`作　者`).
    let multi_alt: Vec<String> = multi
        .iter()
        .map(|label| {
            let chars: Vec<String> = label.chars().map(|c| regex::escape(&c.to_string())).collect();
            if chars.len() == 2 {
                chars.join(r"\s{0,2}")
            } else {
                chars.concat()
            }
        })
        .collect();
    let single_alt: Vec<String> = single.iter().map(|l| regex::escape(l)).collect();
    let english_alt: Vec<String> = english.iter().map(|l| regex::escape(l).replace(' ', r"\s+")).collect();
    let sep = format!("[{}]", regex::escape(SEPARATORS));
    // The Chinese and the English labels are two patterns: a Chinese label starts with a Chinese
    // character and an English one with a Latin letter, so no two labels of different patterns
    // start at one place, and the earlier match of the two is the match of the pattern that
    // joins them. A line without Chinese (or Latin) letters needs only the other pattern.
    let cjk = format!(
        r"(?P<cjk>{multi})(?:\s*{sep}\s*|\s+|$|[(（])|(?P<one>{single})\s*{sep}\s*",
        multi = multi_alt.join("|"),
        single = single_alt.join("|"),
    );
    let en = format!(
        r"(?i:(?P<en>{english}))(?:\s*{sep}\s*|\s+|$)",
        english = english_alt.join("|")
    );
    let roles = CJK_LABELS
        .iter()
        .chain(EN_LABELS.iter())
        .map(|(label, role)| (label.to_string(), *role))
        .collect();
    Labels {
        cjk: Regex::new(&cjk).expect("valid label pattern"),
        en: Regex::new(&en).expect("valid label pattern"),
        roles,
    }
});

impl Labels {
    /// The first label at or after byte `at` of `line`, as the two patterns joined in one would
    /// find it. `cjk`, `en`: whether the line has characters the Chinese (non-ASCII) or the
    /// English labels (Latin letters, `ſ` and the Kelvin sign by case folding) can start with.
    fn captures_at<'l>(&self, line: &'l str, at: usize, cjk: bool, en: bool) -> Option<regex::Captures<'l>> {
        let cjk = if cjk { self.cjk.captures_at(line, at) } else { None };
        let en = if en { self.en.captures_at(line, at) } else { None };
        match (cjk, en) {
            (Some(c), Some(e)) => {
                let start = |caps: &regex::Captures<'_>| caps.get(0).map_or(usize::MAX, |m| m.start());
                Some(if start(&c) <= start(&e) { c } else { e })
            }
            (c, e) => c.or(e),
        }
    }
}

/// Literals one of which every match of [`LABELS`] or [`REPORTER`] contains, on a line whose
/// only whitespace is single ASCII spaces: a label word (two-character labels also spaced out,
/// `作 者`), a single-character label, an English label (ASCII case-insensitive), a reporter role.
/// Most lines hold none, and are then answered without running the label regexes.
static LABEL_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    for (label, _) in CJK_LABELS {
        words.push(label.to_string());
        let chars: Vec<char> = label.chars().collect();
        if let [a, b] = chars[..] {
            words.push(format!("{a} {b}"));
        }
    }
    words.extend(EN_LABELS.iter().map(|(label, _)| label.to_string()));
    words.extend(["记者", "記者", "通讯员", "通訊員", "特派员", "特派員"].map(str::to_string));
    // Leftmost: [`find_labels`] asks where the first label word at or after a place starts.
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&words)
        .expect("valid label words")
});

/// Whether [`find_labels`] may find a label in `line`; `false` only when it finds none. Lines
/// with whitespace other than single ASCII spaces (which the label patterns match as `\s`) and
/// lines with the two non-ASCII letters that case-fold to ASCII ones (`ſ`, the Kelvin sign) are
/// left to the regexes.
fn may_hold_label(line: &str) -> bool {
    LABEL_WORDS.is_match(line) || !words_show_labels(line)
}

/// Whether every label the patterns find in `line` starts where a [`LABEL_WORDS`] word starts:
/// unless the line has whitespace other than single ASCII spaces (which the patterns match as
/// `\s`) or one of the two non-ASCII letters that case-fold to ASCII ones (`ſ`, the Kelvin sign).
fn words_show_labels(line: &str) -> bool {
    !(line.contains("  ")
        || line
            .chars()
            .any(|c| c != ' ' && c.is_whitespace() || c == '\u{17f}' || c == '\u{212a}'))
}

/// One label found in a line: where it starts, where its value starts, and its role.
#[derive(Debug, Clone, Copy)]
struct Label {
    start: usize,
    value_start: usize,
    role: Role,
    /// `By`, `记者`: the value must be person names.
    strict: bool,
    /// `发表于`: forums write the poster's name before it (`装修老司机 发表于 2024-3-5`).
    name_before: bool,
}

/// The labels of `line`, in order. A label counts only at the start of the line or after a
/// character that is not a letter or digit (`时间` in `北京时间` is no label).
fn find_labels(line: &str) -> Vec<Label> {
    labels_found(line, words_show_labels(line))
}

/// [`find_labels`]; `skip_to_words`: whether the label patterns may start their searches at the
/// label words (see [`words_show_labels`]).
fn labels_found(line: &str, skip_to_words: bool) -> Vec<Label> {
    let labels = &*LABELS;
    let cjk = !line.is_ascii();
    let en = line.bytes().any(|b| b.is_ascii_alphabetic()) || line.contains(['\u{17f}', '\u{212a}']);
    let mut found = Vec::new();
    let mut at = 0;
    // The patterns have no look-behind: a search from the first label word at or after `at`
    // finds what a search from `at` finds, without running the patterns over the text before it
    // (or at all, when no label word is left).
    while at < line.len() {
        let from = if skip_to_words {
            let Some(word) = LABEL_WORDS.find(aho_corasick::Input::new(line).range(at..)) else {
                break;
            };
            word.start()
        } else {
            at
        };
        let Some(caps) = labels.captures_at(line, from, cjk, en) else {
            break;
        };
        let whole = caps.get(0).expect("group 0");
        let mut start = whole.start();
        let is_boundary = |at: usize| line[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        // `我要评论(12)`, `发表评论`: a call to action glued to a counter's label.
        let action = (!is_boundary(start))
            .then(|| {
                COUNTER_ACTIONS
                    .iter()
                    .find(|a| line[..start].ends_with(**a) && is_boundary(start - a.len()))
            })
            .flatten();
        if let Some(action) = action {
            start -= action.len();
        }
        if !is_boundary(start) || whole.is_empty() {
            at = start + line[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let (role, strict, name_before) = {
            let text = ["cjk", "one", "en"]
                .iter()
                .find_map(|name| caps.name(name))
                .map_or("", |m| m.as_str());
            let key: String = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            let key = if caps.name("en").is_some() {
                text.split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                key
            };
            let Some(role) = labels
                .roles
                .get(&key)
                .copied()
                .filter(|&r| action.is_none() || r == Role::Counter)
            else {
                at = whole.end();
                continue;
            };
            (role, role == Role::Reporter, POSTED_AT.contains(&key.as_str()))
        };
        found.push(Label {
            start,
            value_start: whole.end(),
            role,
            strict,
            name_before,
        });
        at = whole.end().max(start + 1);
    }
    // Reporter roles, with the outlet written before them (`本報記者`, `新京报记者`): Chinese words.
    for m in cjk.then(|| REPORTER.find_iter(line)).into_iter().flatten() {
        let mut start = m.start();
        for (taken, c) in line[..m.start()].chars().rev().enumerate() {
            if taken == MAX_OUTLET_BEFORE_ROLE || !(is_han(c) || "《》〈〉".contains(c)) {
                break;
            }
            start -= c.len_utf8();
        }
        let boundary = line[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if boundary {
            found.push(Label {
                start,
                value_start: m.end(),
                role: Role::Reporter,
                strict: true,
                name_before: false,
            });
        }
    }
    // Where two labels overlap, the one starting first wins.
    found.sort_by_key(|l| l.start);
    let mut kept: Vec<Label> = Vec::with_capacity(found.len());
    for label in found {
        if kept.last().is_none_or(|last| label.start >= last.value_start) {
            kept.push(label);
        }
    }
    kept
}

/// The byline material of `line`, when the line holds nothing else: labelled fields (`作者:本報記者
/// 胡婧怡`, `來源:人民網-人民日報`, `责任编辑：`, `By Jane Doe | Updated April 2, 2024`), a bare
/// date, or a print-edition credit. `None` for prose, headings and anything else.
pub fn parse_line(line: &str) -> Option<Byline> {
    // Cheap rejections first: this runs on every line of every text page.
    if line.len() > MAX_LINE_CHARS * 4 || is_running_text(line) {
        return None;
    }
    let cleaned = clean_line(line);
    let line = unwrap_brackets(&cleaned)
        .trim_start_matches(['—', '–', '-', '▲', '■', '●', '◆', '※', ' '])
        .trim();
    if line.is_empty() || line.chars().count() > MAX_LINE_CHARS {
        return None;
    }
    if let Some(credit) = print_credit(line) {
        return Some(credit);
    }
    let labels = if may_hold_label(line) {
        find_labels(line)
    } else {
        Vec::new()
    };
    // Without a label, only a line with a date can be a byline (a bare date, a name and a date).
    if labels.is_empty() && !line.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    let offset = implied_offset(line);
    let mut byline = Byline::default();
    let lead_end = labels.first().map_or(line.len(), |l| l.start);
    let lead = trim_separators(&line[..lead_end]);
    if !lead.is_empty() {
        if let Some(date) = date_only(lead) {
            byline.published = Some(date.with_implied_offset(offset));
        } else if let Some(contributor) = lead.strip_suffix("供稿").filter(|_| !labels.is_empty()) {
            byline.source = clean_source(contributor).ok()?.0;
        } else if let Some(poster) = labels
            .first()
            .filter(|l| l.name_before && !lead.contains(' '))
            .and_then(|_| match parse_names(lead, false) {
                Names::Found { people, .. } if people.len() == 1 => Some(people),
                _ => None,
            })
        {
            byline.authors = poster;
        } else if labels
            .first()
            .is_some_and(|l| matches!(l.role, Role::Author | Role::Reporter) && lead_is_outlet(lead))
        {
            // `《棱镜》作者 周纯`, `观察者网 作者：王文`: the column or outlet the author writes for.
        } else if let Some((people, date)) = labels.is_empty().then(|| name_and_date(lead)).flatten() {
            byline.authors = people;
            byline.published = Some(date.with_implied_offset(offset));
        } else if let Some((date, outlet)) = labels.is_empty().then(|| date_and_outlet(lead)).flatten() {
            byline.published = Some(date.with_implied_offset(offset));
            byline.source = Some(outlet);
        } else {
            return None;
        }
    } else if labels.is_empty() {
        return None;
    }
    // A bare word such as `Comments` or `分享` is a heading or a link, not an empty field.
    if let [only] = labels.as_slice()
        && lead.is_empty()
        && trim_separators(&line[only.value_start..]).is_empty()
        && !line[only.start..only.value_start].contains(|c: char| SEPARATORS.contains(c))
    {
        return None;
    }
    let mut compilers = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(line.len(), |next| next.start);
        let value = &line[label.value_start..end.max(label.value_start)];
        apply_field(&mut byline, &mut compilers, *label, value, offset)?;
    }
    if byline.authors.is_empty() {
        byline.authors = compilers;
    }
    Some(byline)
}

/// An unlabelled byline of a person's name and a date, in either order: `Dan Goodin - Apr 16, 2015
/// 8:02 pm UTC`, `April 2, 2024 | Jane Doe`. The name must be a person's name.
fn name_and_date(line: &str) -> Option<(Vec<String>, DateTime)> {
    for separator in [" - ", " | ", " · ", " • ", " — ", " – ", "｜", " / "] {
        let Some((left, right)) = line.split_once(separator) else {
            continue;
        };
        let (left, right) = (left.trim(), right.trim());
        for (names, date) in [(left, right), (right, left)] {
            // Only Latin-script names of two words or more: a bare `财经` or `Markets` is a
            // section name as often as a person.
            if let Some(date) = date_only(date)
                && let Names::Found { people, outlets } = parse_names(names, true)
                && !people.is_empty()
                && outlets.is_empty()
                && people
                    .iter()
                    .all(|p| p.split_whitespace().count() >= 2 && p.chars().all(|c| !is_han(c)))
            {
                return Some((people, date));
            }
        }
    }
    None
}

fn is_latin(value: &str) -> bool {
    value.chars().filter(char::is_ascii_alphabetic).count() > value.chars().filter(|&c| is_han(c)).count()
}

/// Splits a Latin-script byline value after the names: at the first word that starts with a
/// digit or `@`, names a month or weekday, or is a separator or a word like `Updated`.
fn cut_after_latin_names(value: &str) -> (&str, &str) {
    if let Some(comma) = role_comma(value) {
        let (names, rest) = cut_after_latin_names_at_words(&value[..comma]);
        return if rest.is_empty() {
            (names, &value[comma..])
        } else {
            (names, &value[names.len()..])
        };
    }
    cut_after_latin_names_at_words(value)
}

/// Where a role after a comma ends the names: `Jane Doe, Senior Staff Technologist, …`.
fn role_comma(value: &str) -> Option<usize> {
    let mut search = 0;
    while let Some(comma) = value[search..].find(',').map(|c| search + c) {
        let next = value[comma + 1..].split(',').next().unwrap_or("").to_lowercase();
        let is_role = next.split_whitespace().any(|w| {
            let w = w.trim_end_matches(['s', '.']);
            ROLE_WORDS_EN.contains(&w)
        });
        if is_role {
            return Some(comma);
        }
        search = comma + 1;
    }
    None
}

/// The names before a role written after a comma: `Helen Marsh, Transport Correspondent` →
/// `Helen Marsh`; `Jane Doe, John Roe` stays whole.
pub fn names_before_role(value: &str) -> &str {
    match role_comma(value) {
        Some(comma) if !value[..comma].trim().is_empty() => value[..comma].trim_end(),
        _ => value,
    }
}

fn cut_after_latin_names_at_words(value: &str) -> (&str, &str) {
    const STOP_WORDS: &[&str] = &[
        "updated",
        "published",
        "posted",
        "follow",
        "on",
        "at",
        "—",
        "–",
        "-",
        "•",
        "·",
        "|",
        "/",
        "//",
        "::",
    ];
    let mut first = true;
    for (at, token) in tokens_with_offsets(value) {
        if let Some(p) = token.find('@').filter(|&p| p > 0) {
            return (value[..at + p].trim_end(), &value[at + p..]);
        }
        if first {
            first = false;
            continue;
        }
        let bare = token
            .trim_start_matches(['(', '['])
            .trim_end_matches(['.', ',', ':', ')']);
        let lower = bare.to_lowercase();
        let stop = bare.starts_with(|c: char| c.is_ascii_digit() || c == '@')
            || MONTHS_AND_DAYS.contains(&lower.as_str())
            || STOP_WORDS.contains(&lower.as_str())
            || STOP_WORDS.contains(&token);
        if stop {
            return (value[..at].trim_end_matches([' ', ',']), &value[at..]);
        }
    }
    (value, "")
}

/// A date followed by the outlet, unlabelled, and maybe a section and counters:
/// `2019-09-26 10:56:28 证券时报网`, `2019年09月11日 富达传媒 时政新闻 1665 0`.
fn date_and_outlet(line: &str) -> Option<(DateTime, String)> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let date_tokens = (1..=tokens.len().min(4))
        .rev()
        .find(|&k| is_date_furniture(&tokens[..k].join(" ")))?;
    let date = find_date(&halfwidth(&tokens[..date_tokens].join(" ")))?;
    let rest = &tokens[date_tokens..];
    let (outlet, others) = rest.split_first()?;
    let others_ok = others
        .iter()
        .all(|t| t.chars().all(|c| c.is_ascii_digit()) || t.chars().count() <= 6 && t.chars().all(is_han));
    (is_outlet(outlet) && others_ok && others.len() <= 3).then(|| (date, outlet.to_string()))
}

/// The whitespace-separated tokens of `value` with where each starts.
fn tokens_with_offsets(value: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        let tail = &value[rest..];
        let start = rest + (tail.len() - tail.trim_start().len());
        if start >= value.len() {
            return None;
        }
        let len = value[start..].find(char::is_whitespace).unwrap_or(value.len() - start);
        rest = start + len;
        Some((start, &value[start..start + len]))
    })
}

/// Adds one labelled field to `byline`; `None` when the value is not what the label announces
/// (then the line is not a byline).
fn apply_field(
    byline: &mut Byline,
    compilers: &mut Vec<String>,
    label: Label,
    value: &str,
    offset: Option<i32>,
) -> Option<()> {
    let value = trim_separators(value);
    // `By Jane Doe March 18 at 3:57 PM Follow @janedoe`: the names, then anything short.
    let (value, trailing) = if label.role == Role::Reporter && is_latin(value) {
        cut_after_latin_names(value)
    } else {
        (value, "")
    };
    if value.chars().count() > MAX_VALUE_CHARS
        || has_sentence_end(value)
        || trailing.chars().count() > MAX_VALUE_CHARS
        || has_sentence_end(trailing)
    {
        return None;
    }
    if let Some(date) = find_date(&halfwidth(trailing)) {
        set_date(&mut byline.published, date.with_implied_offset(offset));
    }
    match label.role {
        Role::Author | Role::Reporter | Role::Compiler | Role::Editor => {
            let (names_part, date) = split_trailing_date(value);
            if let Some(date) = date {
                set_date(&mut byline.published, date.with_implied_offset(offset));
            }
            let strict = label.strict;
            match parse_names(names_part, strict) {
                Names::Invalid => return None,
                Names::Empty | Names::Credit => {}
                Names::Found { people, outlets } => {
                    let list = match label.role {
                        Role::Editor => &mut byline.editors,
                        Role::Compiler => compilers,
                        _ => &mut byline.authors,
                    };
                    push_unique(list, people);
                    if label.role != Role::Editor && byline.source.is_none() {
                        byline.source = outlets.into_iter().next();
                    }
                }
            }
        }
        Role::Source => {
            let (source, date) = clean_source(value).ok()?;
            if byline.source.is_none() {
                byline.source = source;
            }
            if let Some(date) = date {
                set_date(&mut byline.published, date.with_implied_offset(offset));
            }
        }
        Role::Published | Role::Updated => {
            if !value.is_empty() {
                if !is_date_furniture(value) {
                    return None;
                }
                if let Some(date) = find_date(&halfwidth(value)) {
                    let slot = if label.role == Role::Published {
                        &mut byline.published
                    } else {
                        &mut byline.updated
                    };
                    *slot = Some(date.with_implied_offset(offset));
                }
            }
        }
        Role::DateOrSource => {
            if let Some(date) = date_only(value) {
                set_date(&mut byline.published, date.with_implied_offset(offset));
            } else if let (Some(source), _) = clean_source(value).ok()? {
                byline.source.get_or_insert(source);
            }
        }
        Role::Credit => {
            if value.chars().count() > 40 {
                return None;
            }
        }
        Role::Counter => {
            // Counts and font-size switches (`1234次`, `大 中 小`), nothing worded.
            let furniture = value.chars().all(|c| {
                c.is_numeric()
                    || c.is_whitespace()
                    || c.is_ascii_punctuation()
                    || "大中小次人万萬千【】［］（）".contains(c)
            });
            if !furniture || value.chars().count() > 24 {
                return None;
            }
        }
    }
    Some(())
}

fn lead_is_outlet(lead: &str) -> bool {
    let bracketed = lead
        .strip_prefix('《')
        .and_then(|l| l.strip_suffix('》'))
        .is_some_and(|inner| (1..=20).contains(&inner.chars().count()) && !inner.contains(['《', '》']));
    bracketed || is_outlet(lead)
}

fn set_date(slot: &mut Option<DateTime>, date: DateTime) {
    *slot = refine_date(*slot, Some(date));
}

/// Merges the byline material of every line of `text` (an HTML byline element, a header block).
/// Lines that are not byline material are skipped.
pub fn parse_text(text: &str) -> Byline {
    let mut byline = Byline::default();
    for line in text.lines() {
        if let Some(found) = parse_line(line) {
            byline.merge(found);
        }
    }
    byline
}

/// The author names in a value known to name authors (an HTML author element, a JSON-LD author):
/// labels, reporter roles and role suffixes stripped, editors, placeholders and bare site names
/// dropped. `作者：本报记者 胡婧怡` → `[胡婧怡]`; `By Jane Doe and John Roe` → both.
pub fn parse_author(text: &str) -> Vec<String> {
    let cleaned = clean_line(text);
    if let Some(byline) = parse_line(&cleaned)
        && (!byline.authors.is_empty() || !byline.editors.is_empty() || byline.source.is_some())
    {
        return byline.authors;
    }
    let value = unwrap_brackets(cleaned.trim());
    let value = strip_prefix_ci(value, "by ").unwrap_or(value);
    let (names_part, _) = split_trailing_date(trim_separators(value));
    match parse_names(names_part, false) {
        Names::Found { people, .. } => people,
        _ => Vec::new(),
    }
}

/// The publication named by a source value (`来源：人民网` → `人民网`; `人民日报（2024年04月02日
/// 19 版）` → `人民日报`), or `None` for placeholders (`本站原创`, `网络`).
pub fn parse_source(text: &str) -> Option<String> {
    let cleaned = clean_line(text);
    if let Some(byline) = parse_line(&cleaned)
        && byline.source.is_some()
    {
        return byline.source;
    }
    clean_source(trim_separators(unwrap_brackets(cleaned.trim()))).ok()?.0
}

/// The authors named in the dateline that opens a news story: `新华社巴黎12月9日电（记者唐霁）…`,
/// `新京报快讯（记者 裴剑飞）…`, `本报讯（记者 张三 通讯员 李四）…`.
pub fn dateline_authors(paragraph: &str) -> Vec<String> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[^。！？!?（()）]{0,40}?[（(](?P<inner>[^（()）]{2,60})[)）]").expect("valid dateline pattern")
    });
    let head: String = paragraph.chars().take(120).collect();
    let Some(caps) = DATELINE.captures(head.trim_start()) else {
        return Vec::new();
    };
    let inner = &caps["inner"];
    let labels = find_labels(inner);
    if labels.first().is_none_or(|l| l.start != 0 || l.role != Role::Reporter) {
        return Vec::new();
    }
    parse_line(inner).map(|b| b.authors).unwrap_or_default()
}

/// A print-edition credit: `《 人民日報 》( 2024年04月02日 19 版)`, `（来源：《人民日报》2024年4月2日第19版）`,
/// `——摘自《读者》2024年第7期`.
fn print_credit(line: &str) -> Option<Byline> {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^[（(]?\s*(?P<label>(?:来源|來源|摘自|原载|原載|刊于|刊於|载于|載於|转自|轉自|选自|選自|转载自|轉載自|source|Source)\s*[:：]?\s*)?《\s*(?P<pub>[^《》]{1,30}?)\s*》\s*(?P<rest>[^《》]{0,40})$",
        )
        .expect("valid credit pattern")
    });
    let line = line.trim_start_matches(['—', '–', '-', ' ']);
    // Every credit names its publication in `《》`: most lines are answered without the regex.
    if !line.contains('《') {
        return None;
    }
    let caps = CREDIT.captures(line)?;
    let rest = caps.name("rest").map_or("", |m| m.as_str());
    let labelled = caps.name("label").is_some();
    let edition_like = rest.chars().any(|c| c.is_ascii_digit() || c == '版' || c == '期');
    if !(labelled || edition_like) || !is_edition_furniture(rest) {
        return None;
    }
    let publication = caps["pub"].trim().to_string();
    if publication.is_empty() {
        return None;
    }
    Some(Byline {
        source: Some(publication),
        published: find_date(&halfwidth(rest)),
        print_credit: true,
        ..Byline::default()
    })
}

/// Whether `rest` holds only an edition's date and page: `( 2024年04月02日 19 版)`, `2024年第7期`,
/// `（2024-04-02 第A05版）`.
fn is_edition_furniture(rest: &str) -> bool {
    let mut latin = 0;
    for c in rest.chars() {
        let ok = match c {
            c if c.is_ascii_digit() || c.is_whitespace() => true,
            '（' | '）' | '(' | ')' | '[' | ']' | '【' | '】' | ',' | '，' | '、' | '.' | '-' | '—' | '–' | '/'
            | ':' | '：' => true,
            '年' | '月' | '日' | '号' | '號' | '第' | '版' | '期' | '卷' | '页' | '頁' | '面' | '头' | '頭' => {
                true
            }
            c if c.is_ascii_alphabetic() => {
                latin += 1;
                latin <= 3
            }
            c if c.is_numeric() => true,
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// What a names value held.
#[derive(Debug, PartialEq, Eq)]
enum Names {
    /// Nothing (an empty `作者：`, a placeholder such as `未知`).
    Empty,
    /// A photo or video credit (`张三 摄`): no author.
    Credit,
    /// Not names: prose or a sentence.
    Invalid,
    Found {
        people: Vec<String>,
        /// Outlets named where a person was expected (`作者：人民网`, `By Reuters`).
        outlets: Vec<String>,
    },
}

/// Reporter and author roles written before a name, optionally after the outlet.
static ROLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:见习|見習|实习|實習|特约|特約|首席|特派|驻站|駐站|专栏|專欄|高级|高級|资深|資深)?(?:记者|記者|通讯员|通訊員|特派员|特派員|评论员|評論員|撰稿人|作者|实习生|實習生|主持人|研究员|研究員|编辑|編輯)\s*[:：︰]?\s*",
    )
    .expect("valid role pattern")
});

/// Where the reporter or author role written before a name ends (`新京报记者 `, `本报 `,
/// `观察者网专栏作者 `): the outlet, the role and a separator; `None` without one.
fn role_prefix_end(name: &str) -> Option<usize> {
    const MAX_OUTLET: usize = 12;
    if let Some(m) = ROLE_WORD.find(name) {
        let outlet = &name[..m.start()];
        if outlet.chars().count() <= MAX_OUTLET && outlet.chars().all(|c| is_han(c) || "《》〈〉“”".contains(c))
        {
            return Some(m.end());
        }
    }
    ["本报", "本報", "本台", "本刊"].iter().find_map(|p| {
        let rest = name.strip_prefix(p)?;
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || ":：︰".contains(c));
        Some(name.len() - rest.len())
    })
}

/// Photographers' and camera operators' roles: their names are credits, not authors.
const PHOTO_ROLES: &[&str] = &[
    "图片记者",
    "圖片記者",
    "摄影记者",
    "攝影記者",
    "摄像记者",
    "攝像記者",
    "视频记者",
    "視頻記者",
    "摄影师",
    "攝影師",
];

/// Roles written after names: `张三 报道`, `李四 整理`, `王五 摄`.
const NAME_SUFFIXES: &[(&str, bool)] = &[
    ("报道", false),
    ("報道", false),
    ("報導", false),
    ("采写", false),
    ("採寫", false),
    ("整理", false),
    ("整合", false),
    ("综合", false),
    ("綜合", false),
    ("编译", false),
    ("編譯", false),
    ("撰文", false),
    ("撰稿", false),
    ("供稿", false),
    ("发自", false),
    ("拍摄", true),
    ("拍攝", true),
    ("摄影", true),
    ("攝影", true),
    ("供图", true),
    ("供圖", true),
];

/// Single-character role suffixes, which count only after a space (`王文` is a name).
const NAME_SUFFIX_CHARS: &[(char, bool)] = &[
    ('文', false),
    ('讯', false),
    ('訊', false),
    ('电', false),
    ('電', false),
    ('摄', true),
    ('攝', true),
    ('图', true),
    ('圖', true),
];

const PLACEHOLDERS: &[&str] = &[
    "未知",
    "佚名",
    "不详",
    "不詳",
    "匿名",
    "网络",
    "網絡",
    "网络整理",
    "網絡整理",
    "网友",
    "網友",
    "本站",
    "本网",
    "本網",
    "小编",
    "小編",
    "管理员",
    "管理員",
    "编辑部",
    "編輯部",
    "本站编辑",
    "本站編輯",
    "admin",
    "administrator",
    "unknown",
    "anonymous",
    "staff",
    "webmaster",
    "editor",
    "editors",
    "guest",
    "null",
    "none",
    "n/a",
    "-",
    "sponsored",
    "promoted",
];

/// Recommendation widgets that sign their boxes `by Taboola`.
const AD_NETWORKS: &[&str] = &["taboola", "outbrain", "zergnet", "revcontent", "mgid"];

/// Endings of outlet names (`人民网`, `新华社`, `央视频道`): such a value is a source, never an author.
const OUTLET_SUFFIXES: &[&str] = &[
    "网",
    "網",
    "站",
    "报",
    "報",
    "社",
    "台",
    "频道",
    "頻道",
    "新闻",
    "新聞",
    "杂志",
    "雜誌",
    "周刊",
    "週刊",
    "客户端",
    "客戶端",
    "传媒",
    "傳媒",
];

const OUTLET_WORDS_EN: &[&str] = &[
    "news",
    "times",
    "post",
    "press",
    "journal",
    "herald",
    "tribune",
    "telegraph",
    "guardian",
    "reuters",
    "bloomberg",
    "afp",
    "ap",
    "xinhua",
    "agencies",
    "agency",
    "wire",
    "wires",
    "network",
    "magazine",
    "daily",
    "online",
    "media",
    "desk",
    "team",
    "staff",
    "service",
    "services",
    "report",
];

/// Words after a comma that describe a role, not a further person (`By Jane Doe, Staff Writer`).
const ROLE_WORDS_EN: &[&str] = &[
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "staff",
    "chief",
    "journalist",
    "producer",
    "analyst",
    "bureau",
    "critic",
    "intern",
    "fellow",
    "special",
    "senior",
    "associate",
    "contributing",
    "reporting",
    "secretary",
    "president",
    "chair",
    "chairman",
    "chairwoman",
    "director",
    "treasurer",
    "officer",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "founder",
    "ceo",
    "coordinator",
    "member",
];

const DEGREES_EN: &[&str] = &[
    "ma", "md", "phd", "ph.d.", "ph.d", "ms", "msc", "mph", "rn", "dvm", "mba", "bsc", "ba", "jd", "esq", "esq.",
];

const NAME_PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "der", "den", "del", "della", "la", "le", "bin", "binti", "al", "ibn", "di", "du", "y",
    "dos", "das", "ten", "ter", "zu", "st.",
];

/// Parses a value holding names. `strict`: only person names count (`By`, `记者`).
fn parse_names(value: &str, strict: bool) -> Names {
    let mut value = trim_separators(value).to_string();
    if value.is_empty() {
        return Names::Empty;
    }
    if value.chars().count() > MAX_VALUE_CHARS || has_sentence_end(&value) {
        return Names::Invalid;
    }
    value = strip_parentheticals(&value);
    let (stripped, photo) = strip_name_suffix(value.trim());
    if photo || PHOTO_ROLES.iter().any(|r| value.contains(r)) {
        return Names::Credit;
    }
    let latin = value.chars().filter(char::is_ascii_alphabetic).count();
    let han = value.chars().filter(|&c| is_han(c)).count();
    let chunks: Vec<String> = if latin > han {
        split_latin_names(&stripped)
    } else {
        stripped
            .split(|c: char| c.is_whitespace() || "、，,;；/／|｜丨".contains(c))
            .map(str::to_string)
            .collect()
    };
    let mut people = Vec::new();
    let mut outlets = Vec::new();
    let mut invalid = false;
    for chunk in chunks {
        let mut name = chunk
            .trim()
            .trim_matches(|c: char| SEPARATORS.contains(c))
            .trim()
            .to_string();
        while let Some(end) = role_prefix_end(&name).filter(|&end| end > 0) {
            name = name[end..].to_string();
        }
        let name = strip_editor_code(name.trim()).to_string();
        if name.is_empty() {
            continue;
        }
        let lower = name.to_lowercase();
        if PLACEHOLDERS.contains(&lower.as_str()) || AD_NETWORKS.iter().any(|a| lower.contains(a)) {
            continue;
        }
        if is_outlet(&name) {
            outlets.push(name);
            continue;
        }
        if is_name(&name, strict) {
            people.push(name);
        } else {
            invalid = true;
        }
    }
    if invalid && (strict || people.is_empty()) {
        return Names::Invalid;
    }
    if people.is_empty() && outlets.is_empty() {
        return Names::Empty;
    }
    Names::Found { people, outlets }
}

/// Splits `Jane Doe, John Roe and Max Mustermann, Staff Writers` into the people, dropping
/// role and degree parts and trailing places (`Jane Doe in Beijing`).
fn split_latin_names(value: &str) -> Vec<String> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\s*(?:[,;、&，；]|(?-u:\b)and(?-u:\b)|(?-u:\b)und(?-u:\b)|(?-u:\b)et(?-u:\b)|(?-u:\b)y(?-u:\b))\s*",
        )
        .expect("valid split pattern")
    });
    static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s+(?:in|at|for|from|of|with)\s+[A-Z].*$|\s+(?:in|at|for|from)\s+the\s+.*$")
            .expect("valid trailer pattern")
    });
    let mut names = Vec::new();
    for part in SPLIT.split(value) {
        let part = TRAILER.replace(part.trim(), "").trim().to_string();
        let lower = part.to_lowercase();
        let is_role = lower.split_whitespace().any(|w| {
            let w = w.trim_end_matches(['s', '.']);
            ROLE_WORDS_EN.contains(&w) || ROLE_WORDS_EN.contains(&format!("{w}s").as_str())
        });
        if is_role {
            // `Jane Doe, Senior Technologist, ACLU Speech, Privacy, and Technology Project`: the
            // role and the affiliation after it are not names.
            break;
        }
        if !part.is_empty() && !DEGREES_EN.contains(&lower.as_str()) {
            names.push(part);
        }
    }
    names
}

/// `张三 报道` → (`张三`, false); `王五 摄` → (`王五`, true).
fn strip_name_suffix(value: &str) -> (String, bool) {
    if let Some(names) = strip_filed_from(value) {
        return (names, false);
    }
    for (suffix, photo) in NAME_SUFFIXES {
        if let Some(rest) = value.strip_suffix(suffix)
            && !rest.trim().is_empty()
        {
            // `記者林大明／台北報導`, `記者陳志明 臺北報導`: the place the report was filed from
            // goes with the suffix it is written against.
            let glued = !rest.ends_with(char::is_whitespace);
            let rest = rest.trim();
            let rest = match rest.rsplit_once(['/', '／']) {
                Some((names, place))
                    if !names.trim().is_empty()
                        && (1..=4).contains(&place.trim().chars().filter(|&c| is_han(c)).count()) =>
                {
                    names
                }
                _ => match rest.rsplit_once(char::is_whitespace) {
                    Some((names, place))
                        if glued
                            && matches!(*suffix, "报道" | "報道" | "報導")
                            && !names.trim().is_empty()
                            && (2..=4).contains(&place.chars().count())
                            && place.chars().all(is_han) =>
                    {
                        names
                    }
                    _ => rest,
                },
            };
            return (rest.trim().to_string(), *photo);
        }
    }
    for (suffix, photo) in NAME_SUFFIX_CHARS {
        // `张三 摄`, and `黎旭阳、李妍摄`: no name ends in 摄.
        let glued_ok = matches!(suffix, '摄' | '攝');
        if let Some(rest) = value.strip_suffix(*suffix)
            && (glued_ok || rest.ends_with(char::is_whitespace))
            && !rest.trim().is_empty()
        {
            return (rest.trim().to_string(), *photo);
        }
    }
    (value.to_string(), false)
}

/// Where a wire report was filed from, written after the reporter's name:
/// `林大明台北2日電` → `林大明`, `王小華／東京3日電` → `王小華`.
fn strip_filed_from(value: &str) -> Option<String> {
    static FILED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*\d{1,2}\s*日\s*[電电]$").expect("valid pattern"));
    const PLACES: &[&str] = &[
        "台北",
        "臺北",
        "新北",
        "桃園",
        "台中",
        "臺中",
        "台南",
        "臺南",
        "高雄",
        "基隆",
        "新竹",
        "苗栗",
        "彰化",
        "南投",
        "雲林",
        "嘉義",
        "屏東",
        "宜蘭",
        "花蓮",
        "台東",
        "臺東",
        "澎湖",
        "金門",
        "馬祖",
        "香港",
        "澳門",
        "北京",
        "上海",
        "广州",
        "廣州",
        "深圳",
        "东京",
        "東京",
        "首尔",
        "首爾",
        "华盛顿",
        "華盛頓",
        "纽约",
        "紐約",
        "伦敦",
        "倫敦",
        "巴黎",
        "柏林",
        "莫斯科",
        "新加坡",
        "曼谷",
        "雪梨",
        "悉尼",
        "洛杉磯",
        "洛杉矶",
        "舊金山",
        "旧金山",
        "布魯塞爾",
        "布鲁塞尔",
        "日內瓦",
        "日内瓦",
        "維也納",
        "维也纳",
        "吉隆坡",
        "河內",
        "河内",
        "马尼拉",
        "馬尼拉",
        "雅加达",
        "雅加達",
    ];
    let m = FILED.find(value)?;
    let head = value[..m.start()].trim();
    if let Some((names, _)) = head.rsplit_once(['/', '／']) {
        return Some(names.trim().to_string());
    }
    if let Some(place) = PLACES.iter().find(|p| head.ends_with(*p) && head.len() > p.len()) {
        return Some(head[..head.len() - place.len()].trim().to_string());
    }
    // Most Chinese names have three characters; the place takes the rest.
    let han = head.chars().count();
    (han >= 5 && head.chars().all(is_han)).then(|| head.chars().take(3).collect())
}

/// Removes CMS editor codes: `杨倩_NF4425` → `杨倩`, `韩保林 PK155` → `韩保林`.
fn strip_editor_code(name: &str) -> &str {
    static CODE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:_[A-Za-z]{0,6}\d+|\s+[A-Z]{1,5}\d{2,})$").expect("valid code pattern"));
    match CODE.find(name) {
        Some(m) if m.start() > 0 && name[..m.start()].chars().any(is_han) => name[..m.start()].trim(),
        _ => name,
    }
}

fn strip_parentheticals(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn is_outlet(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.contains("www.")
        || [".com", ".cn", ".net", ".org", ".co.uk", ".hk", ".tw"]
            .iter()
            .any(|d| lower.ends_with(d))
    {
        return true;
    }
    if name.chars().all(|c| is_han(c) || is_name_dot(c)) {
        return name.chars().count() >= 3 && OUTLET_SUFFIXES.iter().any(|s| name.ends_with(s));
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() == 1 && name.len() <= 5 && name.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    match words.as_slice() {
        [only] => OUTLET_WORDS_EN.contains(&only.to_lowercase().as_str()),
        [.., last] => OUTLET_WORDS_EN.contains(&last.to_lowercase().trim_end_matches('.')),
        [] => false,
    }
}

/// Whether `name` can be a name. Strict: a person's name (2–6 Han characters, or 1–5 capitalised
/// Latin words); lenient: also user names and organisations up to 30 characters.
fn is_name(name: &str, strict: bool) -> bool {
    let chars = name.chars().count();
    if name.chars().all(|c| is_han(c) || is_name_dot(c)) {
        let han = name.chars().filter(|&c| is_han(c)).count();
        return if strict {
            (2..=6).contains(&han) || (name.chars().any(is_name_dot) && (3..=16).contains(&chars))
        } else {
            (1..=30).contains(&chars)
        };
    }
    if strict {
        return is_latin_person(name);
    }
    (1..=40).contains(&chars)
        && name.split_whitespace().count() <= 6
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "._-'’@·".contains(c))
}

fn is_latin_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    // A single word after `By` is as often a thing (`By Laws`, `By Design`) as a person.
    if words.len() < 2 || words.len() > 5 || name.chars().count() > 50 {
        return false;
    }
    let mut substantial = false;
    for word in &words {
        let lower = word.to_lowercase();
        if NAME_PARTICLES.contains(&lower.as_str()) {
            continue;
        }
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_uppercase() {
            return false;
        }
        if !word.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c)) {
            return false;
        }
        if word.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            substantial = true;
        }
        if MONTHS_AND_DAYS.contains(&lower.trim_end_matches('.')) && words.len() == 1 {
            return false;
        }
    }
    substantial
}

/// Cleans a source value: the publication, and a date written with it.
/// `Err` when the value is prose; `Ok((None, _))` for placeholders.
fn clean_source(value: &str) -> Result<(Option<String>, Option<DateTime>), ()> {
    let value = trim_separators(value);
    if value.chars().count() > MAX_VALUE_CHARS || has_sentence_end(value) {
        return Err(());
    }
    let (head, mut date) = split_trailing_date(value);
    // `人民日报（2024年04月02日 19 版）`: a parenthesised edition goes, other parentheses stay.
    let mut name = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(open) = rest.find(['(', '（']) {
        let close = rest[open..].find([')', '）']).map(|c| open + c);
        let Some(close) = close else {
            break;
        };
        let inner_start = open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let inner = &rest[inner_start..close];
        let close_len = rest[close..].chars().next().map_or(1, char::len_utf8);
        if is_edition_furniture(inner) && inner.chars().any(|c| c.is_ascii_digit()) {
            name.push_str(&rest[..open]);
            if date.is_none() {
                date = find_date(&halfwidth(inner));
            }
        } else {
            name.push_str(&rest[..close + close_len]);
        }
        rest = &rest[close + close_len..];
    }
    name.push_str(rest);
    let mut name = trim_separators(name.trim());
    // `证券市场红周刊 举报`: a link printed after the source.
    while let Some((head, last)) = name.rsplit_once(' ') {
        if !SOURCE_TRAILERS.contains(&last.trim()) {
            break;
        }
        name = trim_separators(head);
    }
    let name = name
        .strip_prefix('《')
        .and_then(|n| n.strip_suffix('》'))
        .map_or(name, str::trim);
    let name = ["综合自", "綜合自", "转载自", "轉載自", "转自", "轉自"]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
        .trim();
    if name.is_empty() {
        return Ok((None, date));
    }
    // A publication's name is short and unpunctuated; anything longer is a sentence that happens to
    // start with `Source` or `来源`.
    let words = name.split_whitespace().count();
    if name.contains('，') || name.ends_with('.') && words > 2 || words > 8 || name.chars().count() > 40 {
        return Err(());
    }
    let lower = name.to_lowercase();
    const SOURCE_PLACEHOLDERS: &[&str] = &[
        "本站原创",
        "本站原創",
        "原创",
        "原創",
        "互联网",
        "互聯網",
        "综合",
        "綜合",
        "网络转载",
        "網絡轉載",
        "本站整理",
        "网络来源",
        "網絡來源",
    ];
    if PLACEHOLDERS.contains(&lower.as_str()) || SOURCE_PLACEHOLDERS.contains(&name) {
        return Ok((None, date));
    }
    Ok((Some(name.to_string()), date))
}

/// Links printed after a source on the same line.
const SOURCE_TRAILERS: &[&str] = &[
    "举报", "舉報", "分享", "收藏", "打印", "列印", "纠错", "糾錯", "评论", "評論", "关注", "關注", "订阅", "訂閱",
    "返回",
];

/// Splits a date written after a value: `人民网 2024-04-02` → (`人民网`, 2024-04-02);
/// `Jane Doe March 25, 2015 3:46 PM` → (`Jane Doe`, …).
fn split_trailing_date(value: &str) -> (&str, Option<DateTime>) {
    // A date and its time take fewer characters than this.
    const MAX_DATE_CHARS: usize = 48;
    let skip = value.chars().count().saturating_sub(MAX_DATE_CHARS);
    let mut prev: Option<char> = value.chars().nth(skip.saturating_sub(1));
    for (at, c) in value.char_indices().skip(skip) {
        let starts_token = prev.is_some_and(|p| p.is_whitespace() || SEPARATORS.contains(p) || ",，(（".contains(p));
        let c = halfwidth_char(c);
        if at > 0 && starts_token && (c.is_ascii_digit() || c.is_ascii_alphabetic()) {
            let tail = halfwidth(&value[at..]);
            if tail.chars().any(|c| c.is_ascii_digit()) && is_date_furniture(&tail) {
                return (trim_separators(&value[..at]), find_date(&tail));
            }
        }
        prev = Some(c);
    }
    (value, None)
}

/// A value that is a date and nothing else: `2024年04月02日 07:56`, `April 2, 2024 at 7:56 a.m. ET`.
fn date_only(value: &str) -> Option<DateTime> {
    if value.chars().count() > 60 || !is_date_furniture(value) {
        return None;
    }
    find_date(&halfwidth(value))
}

const MONTHS_AND_DAYS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
];

const DATE_WORDS: &[&str] = &[
    "am", "pm", "a", "m", "p", "at", "on", "of", "the", "t", "z", "utc", "gmt", "et", "est", "edt", "ct", "cst", "cdt",
    "mt", "mst", "mdt", "pt", "pst", "pdt", "bst", "cet", "cest", "hkt", "sgt", "jst", "kst", "ist", "aest", "st",
    "nd", "rd", "th",
];

/// Whether `value` holds only the parts of dates and times: digits, date punctuation, `年月日`,
/// weekdays, month names, `am`/`pm` and zone names.
fn is_date_furniture(value: &str) -> bool {
    let value = halfwidth(value);
    let mut any_digit = false;
    for token in value.split(|c: char| !c.is_alphanumeric()) {
        if token.is_empty() {
            continue;
        }
        let mut rest = token;
        // Digits glued to words: `2nd`, `07:56am`, `2024年04月02日`.
        while !rest.is_empty() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 {
                any_digit = true;
                rest = &rest[digits..];
                continue;
            }
            let word_len = rest.len() - rest.trim_start_matches(|c: char| !c.is_ascii_digit()).len();
            let word = &rest[..word_len];
            rest = &rest[word_len..];
            let ok = if word.chars().all(is_han) {
                word.chars()
                    .all(|c| "年月日号號时時分秒星期周週一二三四五六七日天上下午早晚凌晨中更新".contains(c))
            } else {
                let lower = word.to_lowercase();
                MONTHS_AND_DAYS.contains(&lower.as_str()) || DATE_WORDS.contains(&lower.as_str())
            };
            if !ok {
                return false;
            }
        }
    }
    any_digit
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "-/.:,+()[]|·•年月日".contains(c))
}

/// Full-width digits, letters and punctuation as ASCII, for date parsing only.
fn halfwidth(value: &str) -> String {
    value.chars().map(halfwidth_char).collect()
}

pub(crate) fn halfwidth_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// Spaces of every kind as one ASCII space; trimmed. Most lines are clean already, and are
/// answered without a copy.
fn clean_line(line: &str) -> Cow<'_, str> {
    let trimmed = line.trim();
    let is_space = |c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}';
    let mut after_space = false;
    let clean = trimmed.chars().all(|c| {
        let ok = if c == ' ' { !after_space } else { !is_space(c) };
        after_space = c == ' ';
        ok
    });
    if clean {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(line.len());
    for c in trimmed.chars() {
        if is_space(c) {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out.trim().to_string())
}

/// `【编辑：姚昊】`, `[责任编辑：刘斌]`, `（来源：梨视频）` → the inside.
fn unwrap_brackets(line: &str) -> &str {
    const PAIRS: &[(char, char)] = &[
        ('【', '】'),
        ('[', ']'),
        ('（', '）'),
        ('(', ')'),
        ('〔', '〕'),
        ('［', '］'),
    ];
    let line = line.trim();
    for (open, close) in PAIRS {
        if let Some(inner) = line.strip_prefix(*open).and_then(|l| l.strip_suffix(*close))
            && !inner.contains(*open)
            && !inner.contains(*close)
        {
            return inner.trim();
        }
    }
    line
}

fn trim_separators(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(c) || "·•,，;；".contains(c))
}

fn strip_prefix_ci<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &value[prefix.len()..])
}

/// A line that holds a sentence and more: byline material never does.
fn is_running_text(line: &str) -> bool {
    let chars = line.chars().count();
    let trimmed = line.trim_end();
    chars > 40 && line.contains(['。', '！', '？'])
        || chars > 120 && line.matches(". ").count() >= 2
        || chars > 60 && trimmed.ends_with(['.', '!', '?', '"', '”']) && line.split_whitespace().count() > 12
}

fn has_sentence_end(value: &str) -> bool {
    value.contains(['。', '！', '？', '!', '?', '；']) || value.contains(". ") && value.split_whitespace().count() > 8
}

fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Byline {
        parse_line(text).unwrap_or_else(|| panic!("{text:?} should be a byline"))
    }

    fn author(text: &str) -> Option<String> {
        line(text).author()
    }

    fn published(text: &str) -> Option<String> {
        line(text).published_iso()
    }

    #[test]
    fn counter_links_after_a_name_are_not_names() {
        let b = line("2024年04月02日 07:56 来源：江南日报 作者：李明 我要评论(12) 字号：大 中 小");
        assert_eq!(b.authors, vec!["李明"]);
        assert_eq!(b.source.as_deref(), Some("江南日报"));
        assert_eq!(author("作者：王芳 发表评论").as_deref(), Some("王芳"));
        // A name that merely ends like a verb stays whole.
        assert_eq!(author("作者：张我要").as_deref(), Some("张我要"));
    }

    #[test]
    fn seed_bylines() {
        let b = line("作者:本報記者 胡婧怡");
        assert_eq!(b.authors, vec!["胡婧怡"]);
        assert_eq!(b.source, None);
        assert_eq!(
            published("發布時間:2024年04月02日 07:56").as_deref(),
            Some("2024-04-02T07:56:00+08:00")
        );
        assert_eq!(line("來源:人民網-人民日報").source.as_deref(), Some("人民網-人民日報"));
        let credit = line("《 人民日報 》( 2024年04月02日 19 版)");
        assert!(credit.print_credit);
        assert_eq!(credit.source.as_deref(), Some("人民日報"));
        assert_eq!(credit.published_iso().as_deref(), Some("2024-04-02"));
        assert_eq!(credit.authors, Vec::<String>::new());
    }

    #[test]
    fn chinese_author_labels() {
        assert_eq!(author("作者：本报记者 胡婧怡").as_deref(), Some("胡婧怡"));
        assert_eq!(author("作　者：张三").as_deref(), Some("张三"));
        assert_eq!(author("本报记者 张三").as_deref(), Some("张三"));
        assert_eq!(author("本報記者 張三 李四").as_deref(), Some("張三、李四"));
        assert_eq!(author("记者 王五 赵六").as_deref(), Some("王五、赵六"));
        assert_eq!(author("记者陈智").as_deref(), Some("陈智"));
        assert_eq!(author("文／王小明").as_deref(), Some("王小明"));
        assert_eq!(author("文/王小明").as_deref(), Some("王小明"));
        assert_eq!(author("文｜李雷").as_deref(), Some("李雷"));
        assert_eq!(author("新京报记者 陆一夫").as_deref(), Some("陆一夫"));
        assert_eq!(author("澎湃新闻记者 段彦超 廖艳").as_deref(), Some("段彦超、廖艳"));
        assert_eq!(
            author("采写：南都记者 余毅菁 向雪妮").as_deref(),
            Some("余毅菁、向雪妮")
        );
        assert_eq!(author("采写：南都见习记者 林子沛").as_deref(), Some("林子沛"));
        assert_eq!(author("《棱镜》作者 周纯").as_deref(), Some("周纯"));
        assert_eq!(author("【文/观察者网专栏作者 王文】").as_deref(), Some("王文"));
        assert_eq!(author("本报记者 张三 通讯员 李四 报道").as_deref(), Some("张三、李四"));
        assert_eq!(author("作者：买买提·艾力").as_deref(), Some("买买提·艾力"));
        assert_eq!(author("記者 黃小明／台北報導").as_deref(), Some("黃小明"));
        assert_eq!(author("中央社記者林大明台北2日電").as_deref(), Some("林大明"));
        assert_eq!(author("記者陳志明 臺北報導").as_deref(), Some("陳志明"));
        assert_eq!(author("本报记者张三报道").as_deref(), Some("张三"));
        assert_eq!(author("本报记者 张三 李四 报道").as_deref(), Some("张三、李四"));
        assert_eq!(parse_author("記者陳志明 臺北報導"), vec!["陳志明"]);
        assert_eq!(author("中央社記者王小華／東京3日電").as_deref(), Some("王小華"));
        assert_eq!(author("記者陳怡君高雄2日電").as_deref(), Some("陳怡君"));
    }

    #[test]
    fn editors_are_never_authors() {
        let b = line("责任编辑：杨倩_NF4425");
        assert_eq!(b.authors, Vec::<String>::new());
        assert_eq!(b.editors, vec!["杨倩"]);
        assert_eq!(line("編輯：陳大文").author(), None);
        assert_eq!(line("[责任编辑：刘斌]").editors, vec!["刘斌"]);
        assert_eq!(line("（责任编辑： HN666）").author(), None);
        assert_eq!(line("责任编辑：").editors, Vec::<String>::new());
        let b = line("编辑 刘晓阳 校对 李铭");
        assert_eq!(b.author(), None);
        assert_eq!(b.editors, vec!["刘晓阳", "李铭"]);
        let b = line("作者：未知     责任编辑：棒棒不是糖");
        assert_eq!(b.author(), None);
        assert_eq!(b.editors, vec!["棒棒不是糖"]);
        assert_eq!(line("Edited by Betsy Beyer").author(), None);
        let b = line("记者 张三 编辑 李四");
        assert_eq!(b.authors, vec!["张三"]);
        assert_eq!(b.editors, vec!["李四"]);
    }

    #[test]
    fn site_names_and_placeholders_are_not_authors() {
        let b = line("作者：人民网");
        assert_eq!(b.author(), None);
        assert_eq!(b.source.as_deref(), Some("人民网"));
        assert_eq!(line("作者：网络整理").author(), None);
        assert_eq!(line("作者：佚名").author(), None);
        assert_eq!(line("作者：").author(), None);
        let b = line("By Reuters");
        assert_eq!(b.author(), None);
        assert_eq!(b.source.as_deref(), Some("Reuters"));
        assert_eq!(line("Posted on April 2, 2024 by admin").author(), None);
        assert_eq!(line("來源：本站原創").source, None);
    }

    #[test]
    fn english_bylines() {
        assert_eq!(author("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("By Jane Doe and John Roe").as_deref(),
            Some("Jane Doe, John Roe")
        );
        assert_eq!(author("By Jane Doe, Staff Writer").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("By Margaret Ellis, Secretary").as_deref(),
            Some("Margaret Ellis")
        );
        assert_eq!(
            author("By Stella Kim, Jennifer Jett and Max Mustermann").as_deref(),
            Some("Stella Kim, Jennifer Jett, Max Mustermann")
        );
        assert_eq!(author("BY GILLIAN MOHNEY").as_deref(), Some("GILLIAN MOHNEY"));
        assert_eq!(author("By Brenda Goodman, MA").as_deref(), Some("Brenda Goodman"));
        assert_eq!(author("Written by Rob Ewaschuk").as_deref(), Some("Rob Ewaschuk"));
        assert_eq!(author("By Michiel de Jong").as_deref(), Some("Michiel de Jong"));
        assert_eq!(author("By John C. Welch").as_deref(), Some("John C. Welch"));
        assert_eq!(author("Author: mama_robotnik").as_deref(), Some("mama_robotnik"));
        let b = line("By Nathan Willis March 25, 2015");
        assert_eq!(b.author().as_deref(), Some("Nathan Willis"));
        assert_eq!(b.published_iso().as_deref(), Some("2015-03-25"));
        let b = line("By Jane Doe | Updated April 3, 2024 10:15 a.m. ET");
        assert_eq!(b.author().as_deref(), Some("Jane Doe"));
        assert_eq!(
            b.updated.map(|d| d.to_iso()).as_deref(),
            Some("2024-04-03T10:15:00-04:00")
        );
        let b = line("April 2, 2024 | By Jane Doe in Washington");
        assert_eq!(b.author().as_deref(), Some("Jane Doe"));
        assert_eq!(b.published_iso().as_deref(), Some("2024-04-02"));
    }

    #[test]
    fn unlabelled_name_and_date() {
        let b = line("Dan Goodin - Apr 16, 2015 8:02 pm UTC");
        assert_eq!(b.author().as_deref(), Some("Dan Goodin"));
        assert_eq!(b.published_iso().as_deref(), Some("2015-04-16T20:02:00+00:00"));
        let b = line("April 2, 2024 | Jane Doe");
        assert_eq!(b.author().as_deref(), Some("Jane Doe"));
        assert_eq!(parse_line("Markets - April 2, 2024"), None);
        assert_eq!(parse_line("the river - April 2, 2024"), None);
        assert_eq!(parse_line("Reuters - April 2, 2024").map(|b| b.authors), None);
        assert_eq!(parse_line("财经 - 2024-04-02"), None);
    }

    #[test]
    fn english_bylines_with_trailers() {
        let b = line("By Erin Cunningham March 18 at 3:57 PM Follow @erinmcunningham");
        assert_eq!(b.author().as_deref(), Some("Erin Cunningham"));
        let b = line("By GILLIAN MOHNEY March 11, 2015 3:46 PM Good Morning America");
        assert_eq!(b.author().as_deref(), Some("GILLIAN MOHNEY"));
        assert_eq!(b.published_iso().as_deref(), Some("2015-03-11T15:46:00"));
        assert_eq!(
            line("By Alissa Wilkinson@alissamarie Updated Jul 24, 2018, 2:15pm EDT")
                .author()
                .as_deref(),
            Some("Alissa Wilkinson")
        );
        assert_eq!(
            line("by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET")
                .author()
                .as_deref(),
            Some("Ahiza Garcia")
        );
        assert_eq!(
            line("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project")
                .author()
                .as_deref(),
            Some("Daniel Kahn Gillmor")
        );
        assert_eq!(
            line("Par Alexandre Hervaud et Jérémy Piette — 24 novembre 2017 à 18:42")
                .author()
                .as_deref(),
            Some("Alexandre Hervaud, Jérémy Piette")
        );
        assert_eq!(
            line("Por Steven Lee Myers, Keith Bradsher y Tariq Panja")
                .author()
                .as_deref(),
            Some("Steven Lee Myers, Keith Bradsher, Tariq Panja")
        );
        assert_eq!(parse_line("By Laws"), None);
        assert_eq!(line("by Taboola").author(), None);
        assert_eq!(line("by Taboolaby Taboola").author(), None);
        assert_eq!(parse_line("Par ailleurs, le gouvernement a annoncé une réforme."), None);
    }

    #[test]
    fn english_dates_and_sources() {
        assert_eq!(published("Published April 2, 2024").as_deref(), Some("2024-04-02"));
        assert_eq!(
            published("Published: Tue, 02 Apr 2024 07:56:00 GMT").as_deref(),
            Some("2024-04-02T07:56:00+00:00")
        );
        assert_eq!(published("Posted on 2024-04-02").as_deref(), Some("2024-04-02"));
        assert_eq!(published("April 2, 2024").as_deref(), Some("2024-04-02"));
        assert_eq!(
            line("Source: Associated Press").source.as_deref(),
            Some("Associated Press")
        );
        assert_eq!(
            line("Originally published in The Conversation").source.as_deref(),
            Some("The Conversation")
        );
    }

    #[test]
    fn chinese_dates_and_sources() {
        let b = line("2019-09-07 13:43:45\u{3000}来源: 新京报");
        assert_eq!(b.published_iso().as_deref(), Some("2019-09-07T13:43:45+08:00"));
        assert_eq!(b.source.as_deref(), Some("新京报"));
        let b = line("来源：当代商报 时间：2019-09-23 14:34:05 作者：");
        assert_eq!(b.source.as_deref(), Some("当代商报"));
        assert_eq!(b.published_iso().as_deref(), Some("2019-09-23T14:34:05+08:00"));
        assert_eq!(b.author(), None);
        let b = line("2019年06月15日08:18\u{a0}\u{a0}来源：人民网－人民日报");
        assert_eq!(b.published_iso().as_deref(), Some("2019-06-15T08:18:00+08:00"));
        assert_eq!(b.source.as_deref(), Some("人民网－人民日报"));
        let b = line("| 发布时间: 2018-05-17 | 浏览次数:");
        assert_eq!(b.published_iso().as_deref(), Some("2018-05-17"));
        let b = line("來源：中央社　記者林大明／台北報導　２０２４年４月２日");
        assert_eq!(b.source.as_deref(), Some("中央社"));
        assert_eq!(b.author().as_deref(), Some("林大明"));
        assert_eq!(b.published_iso().as_deref(), Some("2024-04-02"));
        assert_eq!(
            line("2024/04/02 18:45（4/2 19:10 更新）").published_iso().as_deref(),
            Some("2024-04-02T18:45:00+08:00")
        );
        assert_eq!(line("编辑|禤志杰").editors, vec!["禤志杰"]);
        assert_eq!(
            line("来源|广州参考、广州南沙发布").source.as_deref(),
            Some("广州参考、广州南沙发布")
        );
        assert_eq!(line("（来源：梨视频）").source.as_deref(), Some("梨视频"));
        let b = line("2019-09-26 10:56:28 证券时报网");
        assert_eq!(b.source.as_deref(), Some("证券时报网"));
        assert_eq!(b.published_iso().as_deref(), Some("2019-09-26T10:56:28+08:00"));
        assert_eq!(
            line("2019年09月11日 富达传媒 时政新闻 1665 0").source.as_deref(),
            Some("富达传媒")
        );
        assert_eq!(parse_line("2019年09月11日 我们去了公园"), None);
        let b = line("来源：人民日报（2024年04月02日 第19版）");
        assert_eq!(b.source.as_deref(), Some("人民日报"));
        assert_eq!(b.published_iso().as_deref(), Some("2024-04-02"));
        let b = line("来源：本站原创\u{a0}\u{a0}作者：医技药剂党支部");
        assert_eq!(b.source, None);
        assert_eq!(b.author().as_deref(), Some("医技药剂党支部"));
        assert_eq!(
            line("时间：2019年10月31日 23:00\u{a0}\u{a0}浏览：")
                .published_iso()
                .as_deref(),
            Some("2019-10-31T23:00:00+08:00")
        );
        assert_eq!(line("发布时间：10-08").published, None);
        assert!(line("字号：大 中 小").is_empty());
        let b = line("装修老司机 发表于 2024-3-5 21:40");
        assert_eq!(b.author().as_deref(), Some("装修老司机"));
        assert_eq!(b.published_iso().as_deref(), Some("2024-03-05T21:40:00+08:00"));
        assert_eq!(
            parse_line("我们都知道 发表于 2024-3-5 21:40"),
            Some(Byline {
                authors: vec!["我们都知道".into()],
                published: find_date("2024-03-05 21:40").map(|d| d.with_implied_offset(Some(480))),
                ..Byline::default()
            })
        );
        assert!(line("分享到：").is_empty());
        assert_eq!(parse_line("Comments"), None);
        assert_eq!(parse_line("分享"), None);
    }

    #[test]
    fn print_credits() {
        let b = line("（《人民日报》2024年4月2日第19版）");
        assert_eq!(b.source.as_deref(), Some("人民日报"));
        assert_eq!(b.published_iso().as_deref(), Some("2024-04-02"));
        let b = line("——摘自《读者》2024年第7期");
        assert_eq!(b.source.as_deref(), Some("读者"));
        assert!(b.print_credit);
        assert_eq!(
            line("《人民日报》（2024-04-02 第A05版）").source.as_deref(),
            Some("人民日报")
        );
        // A book title on its own is not a credit.
        assert_eq!(parse_line("《论语》"), None);
        assert_eq!(parse_line("《三体》是刘慈欣的长篇小说"), None);
    }

    #[test]
    fn photo_credits_are_not_authors() {
        let b = line("新华社记者 贾天勇 摄");
        assert_eq!(b.author(), None);
        assert_eq!(
            parse_line("▲广州日报全媒体图片记者黎旭阳、李妍摄").map(|b| b.authors),
            Some(vec![])
        );
        assert_eq!(line("记者张三摄").author(), None);
        assert_eq!(
            line("2019-09-07 13:43:45 来源: 证券市场红周刊 举报").source.as_deref(),
            Some("证券市场红周刊")
        );
        let b = line("文/张三 图/李四");
        assert_eq!(b.authors, vec!["张三"]);
        let b = line("医技药剂党支部、药剂科供稿\u{a0} 摄影/张艳\u{a0} 编辑/苏芳");
        assert_eq!(b.author(), None);
        assert_eq!(b.editors, vec!["苏芳"]);
        assert_eq!(b.source.as_deref(), Some("医技药剂党支部、药剂科"));
    }

    #[test]
    fn prose_is_not_a_byline() {
        for text in [
            "记者注意到，从五大5G芯片企业的主打产品来看，大多采用的是最新的7纳米技术。",
            "北京时间6月24日12时55分，在航天员的精准操控下，天宫一号目标飞行器与神舟九号飞船再次成功交会对接。",
            "By the end of the year, the project had doubled in size.",
            "By Monday, nobody remembered.",
            "樹導向、選賢能,激發干事創業的內生動力",
            "遼寧省樹導向、優素質、建機制——",
            "以組織擔當激勵干部擔當(深度關注·提振黨員干部干事創業精氣神②)",
            "中國共產黨新聞網|黨建頻道|黨建數據庫",
            "首頁 > 正文",
            "作者最新文章",
            "本文仅代表作者个人观点。",
            "Source code is available on GitHub and the documentation explains how to build it.",
            "Date night ideas for couples who have everything",
            "2015年,31歲的司鵬飛通過遼寧省委組織部選拔,從遼寧省農業科學院開放實驗室副主任的崗位到撫順縣掛職任副縣長。",
            "時間就是金錢",
            "Updated guidance on pensions",
            "",
            "   ",
        ] {
            assert_eq!(parse_line(text), None, "{text:?}");
        }
    }

    #[test]
    fn lenient_entry_points() {
        assert_eq!(parse_author("By Jane Doe"), vec!["Jane Doe"]);
        assert_eq!(parse_author("本报记者 胡婧怡"), vec!["胡婧怡"]);
        assert_eq!(
            parse_author("Bradley M. Kuhn (http://ebb.org/bkuhn/)"),
            vec!["Bradley M. Kuhn"]
        );
        assert_eq!(parse_author("史蒂文的家_藍天"), vec!["史蒂文的家_藍天"]);
        assert_eq!(parse_author("责任编辑：李四"), Vec::<String>::new());
        assert_eq!(parse_author("人民网"), Vec::<String>::new());
        assert_eq!(parse_source("来源：人民网").as_deref(), Some("人民网"));
        assert_eq!(parse_source("人民網-人民日報").as_deref(), Some("人民網-人民日報"));
        assert_eq!(parse_source("本站原创"), None);
        let b = parse_text("作者:本報記者 胡婧怡\n發布時間:2024年04月02日 07:56\n來源:人民網-人民日報\n正文");
        assert_eq!(b.author().as_deref(), Some("胡婧怡"));
        assert_eq!(b.published_iso().as_deref(), Some("2024-04-02T07:56:00+08:00"));
        assert_eq!(b.source.as_deref(), Some("人民網-人民日報"));
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline_authors("新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工。"),
            vec!["唐霁"]
        );
        assert_eq!(
            dateline_authors("新京报快讯（记者 裴剑飞）今日有网友爆料。"),
            vec!["裴剑飞"]
        );
        assert_eq!(
            dateline_authors("本报讯（记者 张三 通讯员 李四）昨天，市里召开会议。"),
            vec!["张三", "李四"]
        );
        assert_eq!(dateline_authors("长江网10月4日讯（记者陈智 整合）"), vec!["陈智"]);
        assert_eq!(
            dateline_authors("（中央社記者林大明台北2日電）立法院會今天三讀通過修正案。"),
            vec!["林大明"]
        );
        assert_eq!(
            dateline_authors("会议由市长（兼任组长）主持，记者张三参加。"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn merging_refines_dates() {
        let mut b = line("《 人民日報 》( 2024年04月02日 19 版)");
        b.merge(line("發布時間:2024年04月02日 07:56"));
        assert_eq!(b.published_iso().as_deref(), Some("2024-04-02T07:56:00+08:00"));
        assert_eq!(b.source.as_deref(), Some("人民日報"));
        let mut b = line("發布時間:2024年04月02日 07:56");
        b.merge(line("2024年04月03日"));
        assert_eq!(b.published_iso().as_deref(), Some("2024-04-02T07:56:00+08:00"));
    }

    #[test]
    fn offsets_by_script() {
        assert_eq!(implied_offset("發布時間"), Some(480));
        assert_eq!(implied_offset("公開日 2024年4月2日 とうきょう"), Some(540));
        assert_eq!(implied_offset("Published"), None);
        assert_eq!(
            published("Published 2024-04-02 07:56").as_deref(),
            Some("2024-04-02T07:56:00")
        );
    }

    #[test]
    fn long_and_odd_input_does_not_panic() {
        let long = "作者：".to_string() + &"张".repeat(10_000);
        assert_eq!(parse_line(&long), None);
        for text in [
            "：",
            "|",
            "文/",
            "By",
            "by ",
            "记者",
            "《》",
            "（）",
            "【】",
            "《 》( 版)",
            "发布时间：：：",
            "\u{feff}作者",
        ] {
            let _ = parse_line(text);
            let _ = parse_author(text);
            let _ = parse_source(text);
            let _ = dateline_authors(text);
        }
    }
    /// A line left as it is by [`clean_line`] is one the copying loop would copy unchanged.
    #[test]
    fn clean_lines_are_borrowed_only_when_clean() {
        let by_copy = |line: &str| {
            let mut out = String::new();
            for c in line.trim().chars() {
                if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                } else {
                    out.push(c);
                }
            }
            out.trim().to_string()
        };
        for line in [
            "作者：张三",
            "  By Jane  Doe ",
            "a\tb",
            "a \u{3000}b",
            "\u{200b}作\u{200b}者",
            "x\u{feff}",
            "来源 ：新华社",
            "",
            " ",
            "a\u{a0}b",
        ] {
            assert_eq!(clean_line(line), by_copy(line), "{line:?}");
        }
    }

    /// The literal prefilter never hides a label the regexes would find: every label, in the
    /// forms a clean line writes it, passes it; prose without label words does not.
    #[test]
    fn label_prefilter_keeps_every_label() {
        let mut lines: Vec<String> = Vec::new();
        for (label, _) in CJK_LABELS.iter().chain(EN_LABELS.iter()) {
            let chars: Vec<char> = label.chars().collect();
            let mut forms = vec![
                label.to_string(),
                label.to_uppercase(),
                label.to_string().replace(' ', "  "),
            ];
            if let [a, b] = chars[..] {
                forms.push(format!("{a} {b}"));
                forms.push(format!("{a}\u{3000}{b}"));
            }
            for form in forms {
                for sep in ["：", ": ", " ", "/", "｜", "("] {
                    lines.push(format!("{form}{sep}张三"));
                    lines.push(format!("2024-04-02 {form}{sep}Jane Doe"));
                }
                lines.push(form);
            }
        }
        for role in ["记者", "記者", "通讯员", "通訊員", "特派员", "特派員"] {
            lines.push(format!("新京报{role} 陆一夫"));
        }
        // `ſ` case-folds to `s`: the regex reads `ſource` as the label `source`.
        lines.push("\u{17f}ource: Reuters".to_string());
        let mut found = 0;
        for line in &lines {
            if !find_labels(line).is_empty() {
                found += 1;
                assert!(may_hold_label(line), "{line:?}");
            }
        }
        assert!(found > lines.len() / 2, "{found} of {}", lines.len());
        for prose in [
            "The council met on Tuesday to discuss the new budget for schools",
            "老旧小区改造项目已全部开工，涉及居民1.2万户",
            "2024-04-02 07:56",
        ] {
            assert!(!may_hold_label(prose), "{prose:?}");
        }
    }
    /// Searching for labels from the label words finds what searching from every place does.
    #[test]
    fn label_searches_from_the_words_find_every_label() {
        let mut lines: Vec<String> = Vec::new();
        for (label, _) in CJK_LABELS.iter().chain(EN_LABELS.iter()) {
            for sep in ["：", ": ", " ", "/", "｜", "("] {
                lines.push(format!("{label}{sep}张三 “quoted” — x"));
                lines.push(format!("Jane Doe “{label}{sep}” 李四 {label}"));
                lines.push(format!("我要评论{label}{sep}北京时间{label}"));
            }
        }
        lines.extend(
            [
                "作者：张三 By Jane Doe",
                "By Jane Doe 作者：张三 来源：新华社",
                "新京报记者 陆一夫 Source: Reuters",
                "发表评论(12) 分享到 字号",
                "no labels here — at all",
            ]
            .map(str::to_string),
        );
        for line in lines.iter().filter(|l| words_show_labels(l)) {
            let from_words = format!("{:?}", labels_found(line, true));
            assert_eq!(from_words, format!("{:?}", labels_found(line, false)), "{line:?}");
        }
    }

    /// The two label patterns find, from every place of a line, what the one pattern joining
    /// them finds.
    #[test]
    fn split_label_patterns_match_as_one() {
        let labels = &*LABELS;
        let joined = Regex::new(&format!("{}|{}", labels.cjk.as_str(), labels.en.as_str())).unwrap();
        let lines = [
            "作者：张三 By Jane Doe",
            "By Jane Doe 作者：张三 来源：新华社",
            "来源：新华社 | Photo: AP | 编辑 李四",
            "文/王五 Source: Reuters 记者 赵六",
            "Posted by admin on 2024-04-02 作 者：某某",
            "\u{17f}ource: Reuters 責任編輯：陳七",
            "no labels here at all",
            "全是中文没有标签",
        ];
        for line in lines {
            for (at, _) in line.char_indices() {
                let one = joined.captures_at(line, at);
                let two = labels.captures_at(line, at, true, true);
                let key = |c: Option<regex::Captures<'_>>| {
                    c.map(|c| {
                        let group = ["cjk", "one", "en"]
                            .iter()
                            .find_map(|n| c.name(n).map(|m| (*n, m.range())));
                        (c.get(0).map(|m| m.range()), group)
                    })
                };
                assert_eq!(key(one), key(two), "{line:?} at {at}");
            }
        }
    }
}
