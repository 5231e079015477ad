//! Credited sources: `来源：` values and print-edition credits (`《人民日报》（2024年04月02日 19 版）`).

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{halfwidth, split_trailing_date};
use super::line::{has_sentence_end, trim_separators};
use super::names::PLACEHOLDERS;
use super::{Byline, MAX_VALUE_CHARS};
use crate::meta::date::{DateTime, find_date};

/// A print-edition credit: `《 人民日報 》( 2024年04月02日 19 版)`, `（来源：《人民日报》2024年4月2日第19版）`,
/// `——摘自《读者》2024年第7期`.
pub(super) fn print_credit(line: &str) -> Option<Byline> {
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
pub(super) fn is_edition_furniture(rest: &str) -> bool {
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

/// Cleans a source value: the publication, and a date written with it.
/// `Err` when the value is prose; `Ok((None, _))` for placeholders.
pub(super) fn clean_source(value: &str) -> Result<(Option<String>, Option<DateTime>), ()> {
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
pub(super) const SOURCE_TRAILERS: &[&str] = &[
    "举报", "舉報", "分享", "收藏", "打印", "列印", "纠错", "糾錯", "评论", "評論", "关注", "關注", "订阅", "訂閱",
    "返回",
];
