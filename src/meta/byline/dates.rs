//! Dates inside byline values: a value that is only a date, a date trailing a name or source.

use super::labels::SEPARATORS;
use super::line::trim_separators;
use crate::decode::script::is_han;
use crate::meta::date::{DateTime, find_date};

/// Splits a date written after a value: `人民网 2024-04-02` → (`人民网`, 2024-04-02);
/// `Jane Doe March 25, 2015 3:46 PM` → (`Jane Doe`, …).
pub(super) fn split_trailing_date(value: &str) -> (&str, Option<DateTime>) {
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
pub(super) fn date_only(value: &str) -> Option<DateTime> {
    if value.chars().count() > 60 || !is_date_furniture(value) {
        return None;
    }
    find_date(&halfwidth(value))
}

pub(super) const MONTHS_AND_DAYS: &[&str] = &[
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

pub(super) const DATE_WORDS: &[&str] = &[
    "am", "pm", "a", "m", "p", "at", "on", "of", "the", "t", "z", "utc", "gmt", "et", "est", "edt", "ct", "cst", "cdt",
    "mt", "mst", "mdt", "pt", "pst", "pdt", "bst", "cet", "cest", "hkt", "sgt", "jst", "kst", "ist", "aest", "st",
    "nd", "rd", "th",
];

/// Whether `value` holds only the parts of dates and times: digits, date punctuation, `年月日`,
/// weekdays, month names, `am`/`pm` and zone names.
pub(super) fn is_date_furniture(value: &str) -> bool {
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
pub(super) fn halfwidth(value: &str) -> String {
    value.chars().map(halfwidth_char).collect()
}

pub(crate) fn halfwidth_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}
