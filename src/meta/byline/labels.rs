//! Byline labels: the Chinese and English words that announce a field (`作者`, `责任编辑`, `来源`,
//! `By`, `Updated`) with the role of each, and finding them in a line.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::decode::script::is_han;

/// The role of a labelled byline field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
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
pub(super) const CJK_LABELS: &[(&str, Role)] = &[
    ("作者", Role::Author),
    ("撰文", Role::Author),
    ("撰稿", Role::Author),
    ("撰稿人", Role::Author),
    ("文字", Role::Author),
    ("采写", Role::Author),
    ("採寫", Role::Author),
    ("执笔", Role::Author),
    ("執筆", Role::Author),
    ("执笔人", Role::Author),
    ("執筆人", Role::Author),
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
pub(super) const COUNTER_ACTIONS: &[&str] = &["我要", "发表", "發表", "参与", "參與", "查看", "网友", "網友", "已有"];

/// Labels a forum writes after the poster's name.
pub(super) const POSTED_AT: &[&str] = &["发表于", "發表於", "发布于", "發佈於", "發布於"];

/// English labels, matched case-insensitively, followed by a colon or a space.
pub(super) const EN_LABELS: &[(&str, Role)] = &[
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
pub(super) const SEPARATORS: &str = ":：︰∶|｜丨/／";

/// Reporter roles as a label of their own, optionally after the outlet: `记者 张三`, `本報記者胡婧怡`,
/// `新京报记者 陆一夫`, `特约通讯员：李四`.
pub(super) const REPORTER_ROLE: &str = r"(?:见习|見習|实习|實習|特约|特約|首席|特派|驻站|駐站|驻地|駐地)?(?:记者|記者|通讯员|通訊員|特派员|特派員|实习生|實習生)(?:\s*[:：︰]\s*|\s*)";
/// At most this many characters of outlet name before a reporter role (`新京报记者`).
pub(super) const MAX_OUTLET_BEFORE_ROLE: usize = 10;

/// The role words found by [`REPORTER_ROLE`]; the outlet before them is found by walking back,
/// which a regex would do with a costly bounded repetition of all Han characters.
pub(super) static REPORTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(REPORTER_ROLE).expect("valid reporter pattern"));

pub(super) struct Labels {
    pub(super) cjk: Regex,
    pub(super) en: Regex,
    pub(super) roles: HashMap<String, Role>,
}

pub(super) static LABELS: LazyLock<Labels> = LazyLock::new(|| {
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
pub(super) static LABEL_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    for (label, _) in CJK_LABELS {
        words.push(label.to_string());
        let chars: Vec<char> = label.chars().collect();
        if let [a, b] = chars[..] {
            words.push(format!("{a} {b}"));
        }
    }
    words.extend(EN_LABELS.iter().map(|(label, _)| label.to_string()));
    words.extend(
        [
            "记者",
            "記者",
            "通讯员",
            "通訊員",
            "特派员",
            "特派員",
            "实习生",
            "實習生",
        ]
        .map(str::to_string),
    );
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
pub(super) fn may_hold_label(line: &str) -> bool {
    LABEL_WORDS.is_match(line) || !words_show_labels(line)
}

/// Whether every label the patterns find in `line` starts where a [`LABEL_WORDS`] word starts:
/// unless the line has whitespace other than single ASCII spaces (which the patterns match as
/// `\s`) or one of the two non-ASCII letters that case-fold to ASCII ones (`ſ`, the Kelvin sign).
pub(super) fn words_show_labels(line: &str) -> bool {
    !(line.contains("  ")
        || line
            .chars()
            .any(|c| c != ' ' && c.is_whitespace() || c == '\u{17f}' || c == '\u{212a}'))
}

/// One label found in a line: where it starts, where its value starts, and its role.
#[derive(Debug, Clone, Copy)]
pub(super) struct Label {
    pub(super) start: usize,
    pub(super) value_start: usize,
    pub(super) role: Role,
    /// `By`, `记者`: the value must be person names.
    pub(super) strict: bool,
    /// `发表于`: forums write the poster's name before it (`装修老司机 发表于 2024-3-5`).
    pub(super) name_before: bool,
}

/// The labels of `line`, in order. A label counts only at the start of the line or after a
/// character that is not a letter or digit (`时间` in `北京时间` is no label).
pub(super) fn find_labels(line: &str) -> Vec<Label> {
    labels_found(line, words_show_labels(line))
}

/// [`find_labels`]; `skip_to_words`: whether the label patterns may start their searches at the
/// label words (see [`words_show_labels`]).
pub(super) fn labels_found(line: &str, skip_to_words: bool) -> Vec<Label> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
