//! Byline lines as text: spaces, brackets, separators, and telling prose from byline material.

use std::borrow::Cow;

use super::labels::SEPARATORS;

/// Spaces of every kind as one ASCII space; trimmed. Most lines are clean already, and are
/// answered without a copy.
pub(super) fn clean_line(line: &str) -> Cow<'_, str> {
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
pub(super) fn unwrap_brackets(line: &str) -> &str {
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

pub(super) fn trim_separators(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(c) || "·•,，;；".contains(c))
}

pub(super) fn strip_prefix_ci<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &value[prefix.len()..])
}

/// A line that holds a sentence and more: byline material never does.
pub(super) fn is_running_text(line: &str) -> bool {
    let chars = line.chars().count();
    let trimmed = line.trim_end();
    chars > 40 && line.contains(['。', '！', '？'])
        || chars > 120 && line.matches(". ").count() >= 2
        || chars > 60 && trimmed.ends_with(['.', '!', '?', '"', '”']) && line.split_whitespace().count() > 12
}

pub(super) fn has_sentence_end(value: &str) -> bool {
    value.contains(['。', '！', '？', '!', '?', '；']) || value.contains(". ") && value.split_whitespace().count() > 8
}

pub(super) fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧')
}
