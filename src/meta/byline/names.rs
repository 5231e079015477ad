//! Names in a byline value: people, outlets, placeholders and credits; reporter roles before
//! names and role suffixes after them (`本报记者`, `报道`, `摄`), Latin-script lists of people.

use std::sync::LazyLock;

use regex::Regex;

use super::MAX_VALUE_CHARS;
use super::dates::MONTHS_AND_DAYS;
use super::labels::SEPARATORS;
use super::line::{has_sentence_end, is_name_dot, trim_separators};
use crate::decode::script::is_han;

pub(super) fn is_latin(value: &str) -> bool {
    value.chars().filter(char::is_ascii_alphabetic).count() > value.chars().filter(|&c| is_han(c)).count()
}

/// Splits a Latin-script byline value after the names: at the first word that starts with a
/// digit or `@`, names a month or weekday, or is a separator or a word like `Updated`.
pub(super) fn cut_after_latin_names(value: &str) -> (&str, &str) {
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
pub(super) fn role_comma(value: &str) -> Option<usize> {
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

pub(super) fn cut_after_latin_names_at_words(value: &str) -> (&str, &str) {
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

/// The whitespace-separated tokens of `value` with where each starts.
pub(super) fn tokens_with_offsets(value: &str) -> impl Iterator<Item = (usize, &str)> {
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

/// What a names value held.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Names {
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
pub(super) static ROLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:见习|見習|实习|實習|特约|特約|首席|特派|驻站|駐站|专栏|專欄|高级|高級|资深|資深)?(?:记者|記者|通讯员|通訊員|特派员|特派員|评论员|評論員|撰稿人|作者|实习生|實習生|主持人|研究员|研究員|编辑|編輯)\s*[:：︰]?\s*",
    )
    .expect("valid role pattern")
});

/// Where the reporter or author role written before a name ends (`新京报记者 `, `本报 `,
/// `观察者网专栏作者 `): the outlet, the role and a separator; `None` without one.
pub(super) fn role_prefix_end(name: &str) -> Option<usize> {
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
pub(super) const PHOTO_ROLES: &[&str] = &[
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
pub(super) const NAME_SUFFIXES: &[(&str, bool)] = &[
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
pub(super) const NAME_SUFFIX_CHARS: &[(char, bool)] = &[
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

pub(super) const PLACEHOLDERS: &[&str] = &[
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
pub(super) const AD_NETWORKS: &[&str] = &["taboola", "outbrain", "zergnet", "revcontent", "mgid"];

/// Endings of outlet names (`人民网`, `新华社`, `央视频道`): such a value is a source, never an author.
pub(super) const OUTLET_SUFFIXES: &[&str] = &[
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

pub(super) const OUTLET_WORDS_EN: &[&str] = &[
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
pub(super) const ROLE_WORDS_EN: &[&str] = &[
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
    "engineer",
    "developer",
    "designer",
    "manager",
    "scientist",
    "professor",
    "researcher",
    "consultant",
];

pub(super) const DEGREES_EN: &[&str] = &[
    "ma", "md", "phd", "ph.d.", "ph.d", "ms", "msc", "mph", "rn", "dvm", "mba", "bsc", "ba", "jd", "esq", "esq.",
];

pub(super) const NAME_PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "der", "den", "del", "della", "la", "le", "bin", "binti", "al", "ibn", "di", "du", "y",
    "dos", "das", "ten", "ter", "zu", "st.",
];

/// Parses a value holding names. `strict`: only person names count (`By`, `记者`).
pub(super) fn parse_names(value: &str, strict: bool) -> Names {
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
pub(super) fn split_latin_names(value: &str) -> Vec<String> {
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
pub(super) fn strip_name_suffix(value: &str) -> (String, bool) {
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
pub(super) fn strip_filed_from(value: &str) -> Option<String> {
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
pub(super) fn strip_editor_code(name: &str) -> &str {
    static CODE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:_[A-Za-z]{0,6}\d+|\s+[A-Z]{1,5}\d{2,})$").expect("valid code pattern"));
    match CODE.find(name) {
        Some(m) if m.start() > 0 && name[..m.start()].chars().any(is_han) => name[..m.start()].trim(),
        _ => name,
    }
}

pub(super) fn strip_parentheticals(value: &str) -> String {
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

pub(super) fn is_outlet(name: &str) -> bool {
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
pub(super) fn is_name(name: &str, strict: bool) -> bool {
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

pub(super) fn is_latin_person(name: &str) -> bool {
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
