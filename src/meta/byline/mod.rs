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

mod dates;
mod labels;
mod line;
mod names;
mod source;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use regex::Regex;

use super::date::{DateTime, find_date};
use crate::decode::script::is_han;
pub(crate) use dates::halfwidth_char;
use dates::{date_only, halfwidth, is_date_furniture, split_trailing_date};
use labels::{Label, Role, SEPARATORS, find_labels, may_hold_label};
use line::{
    clean_line, has_sentence_end, is_name_dot, is_running_text, strip_prefix_ci, trim_separators, unwrap_brackets,
};
pub use names::names_before_role;
use names::{Names, cut_after_latin_names, is_latin, is_outlet, parse_names};
use source::{clean_source, print_credit};

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
    if let Some(byline) = parse_line(&cleaned) {
        // Byline material: its authors, or none (a photo credit, an editor, a date).
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

/// The authors credited at the close of a story, in a parenthesis that ends its last paragraph:
/// `……（记者 王某）`, `……（江南日报记者 李某 通讯员 赵某）`. The parenthesis must open with a
/// reporter's role (after the outlet's name, if any) and hold nothing but the credit.
pub fn closing_authors(paragraph: &str) -> Vec<String> {
    let tail = paragraph.trim_end().trim_end_matches(['。', '.']).trim_end();
    let Some(inner) = tail.strip_suffix(['）', ')']) else {
        return Vec::new();
    };
    let Some(open) = inner.rfind(['（', '(']) else {
        return Vec::new();
    };
    let inner = inner[open..].trim_start_matches(['（', '(']).trim();
    if inner.chars().count() > 60 {
        return Vec::new();
    }
    let labels = find_labels(inner);
    if labels.first().is_none_or(|l| l.start != 0 || l.role != Role::Reporter) {
        return Vec::new();
    }
    parse_line(inner).map(|b| b.authors).unwrap_or_default()
}

/// The poster a forum or blog names in a line of its own: `本贴由 张三 于 2024-03-05 发表`,
/// `本帖由张三发表于…`.
pub fn forum_poster(line: &str) -> Option<String> {
    static POSTED_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^本[贴帖貼]由\s*(?P<name>[^\s于於]{1,30}?)\s*(?:[于於]\s*[^。！？]{0,40}?)?\s*(?:发表|發表|发布|發佈|發布|原创|原創)")
            .expect("valid poster pattern")
    });
    if !line.starts_with('本') {
        return None;
    }
    let caps = POSTED_BY.captures(line.trim())?;
    match parse_names(&caps["name"], false) {
        Names::Found { people, .. } if people.len() == 1 => people.into_iter().next(),
        _ => None,
    }
}

/// Whether a word names a role (`Editor`, `Correspondent`, `Writers`) rather than a person.
pub fn is_role_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let singular = lower.trim_end_matches(['s', '.']);
    names::ROLE_WORDS_EN.contains(&singular) || names::ROLE_WORDS_EN.contains(&lower.as_str())
}

/// Whether a value is a placeholder for a missing name (`未知`, `佚名`, `admin`, `Unknown`).
pub fn is_placeholder(name: &str) -> bool {
    names::PLACEHOLDERS.contains(&name.trim().to_lowercase().as_str())
}

/// Whether a name is an outlet's (`人民网`, `新华社`, `Reuters`, `Us Weekly Staff`): such a name in an
/// author field is the publisher, not a writer.
pub fn looks_like_outlet(name: &str) -> bool {
    is_outlet(name.trim())
}
