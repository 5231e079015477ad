//! A text document as logical lines: trimmed, blank lines dropped, and lines that a fixed-width
//! wrapper broke (`fmt`, mail clients, 80-column dumps) joined back into their paragraph, but only
//! where the wrapping is certain.
//!
//! A break is a wrap when the next line's first word would not have fitted on the line: greedy
//! wrappers break exactly there. The wrap width is the widest line of the document; the document
//! counts as wrapped only when most lines that are followed by another line end that way.

/// One logical line of a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Trimmed; wrapped lines joined.
    pub text: String,
    /// A blank line came before it (or it is the first line).
    pub blank_before: bool,
}

/// Fewer wrapped-looking lines than this and the document is not treated as wrapped.
const MIN_WRAPPED_LINES: usize = 4;
/// Share of the lines followed by a non-blank line that must end at the wrap width.
const MIN_WRAPPED_SHARE: f32 = 0.6;
const MIN_WRAP_WIDTH: usize = 30;
const MAX_WRAP_WIDTH: usize = 200;

struct RawLine<'a> {
    text: &'a str,
    indent: usize,
    width: usize,
    blank_before: bool,
    /// The next line is non-blank.
    continued: bool,
}

/// The logical lines of `text`.
pub fn split(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut raw: Vec<RawLine<'_>> = Vec::new();
    let mut blank_before = true;
    for line in text.split(separator(text)) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = trim(line);
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        let indent = display_width(&line[..line.len() - line.trim_start().len()]);
        raw.push(RawLine {
            text: trimmed,
            indent,
            width: display_width(trimmed),
            blank_before,
            continued: false,
        });
        blank_before = false;
    }
    fix_continuation(&mut raw);
    let width = wrap_width(&raw);
    let mut lines: Vec<Line> = Vec::with_capacity(raw.len());
    let mut joining = false;
    for (i, line) in raw.iter().enumerate() {
        if joining && let Some(last) = lines.last_mut() {
            join_wrapped(&mut last.text, line.text);
        } else {
            lines.push(Line {
                text: line.text.to_string(),
                blank_before: line.blank_before,
            });
        }
        joining = width.is_some_and(|w| line.continued && is_soft_break(line, &raw[i + 1], w));
    }
    lines
}

/// What breaks `text` into lines: `\n`, or a bare `\r` in old Mac files without any `\n`.
pub fn separator(text: &str) -> char {
    if text.contains('\n') { '\n' } else { '\r' }
}

/// `line` without the spaces (and zero-width ones) around it.
fn trim(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
}

/// Whether [`split`] drops `line` (with or without its line break) as blank.
pub fn is_blank(line: &str) -> bool {
    trim(line).is_empty()
}

/// A line is continued when the next line follows without a blank line in between.
fn fix_continuation(raw: &mut [RawLine<'_>]) {
    for i in 0..raw.len() {
        raw[i].continued = raw.get(i + 1).is_some_and(|next| !next.blank_before);
    }
}

/// The width the document was wrapped at, when it certainly was.
fn wrap_width(raw: &[RawLine<'_>]) -> Option<usize> {
    let width = raw.iter().map(|l| l.indent + l.width).max()?;
    if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) {
        return None;
    }
    let continued: Vec<usize> = (0..raw.len()).filter(|&i| raw[i].continued).collect();
    let soft = continued
        .iter()
        .filter(|&&i| is_soft_break(&raw[i], &raw[i + 1], width))
        .count();
    (soft >= MIN_WRAPPED_LINES && soft as f32 >= MIN_WRAPPED_SHARE * continued.len() as f32).then_some(width)
}

/// Whether the break after `line` is one a greedy wrapper at `width` made: the first word of
/// `next` would not have fitted.
fn is_soft_break(line: &RawLine<'_>, next: &RawLine<'_>, width: usize) -> bool {
    if next.indent > line.indent || starts_list_item(next.text) {
        return false;
    }
    let first = next.text.chars().next().unwrap_or(' ');
    let last = line.text.chars().next_back().unwrap_or(' ');
    if is_wide(first) || is_wide(last) {
        // Chinese and Japanese wrap between any two characters; line-breaking rules may move one
        // character to the next line.
        line.indent + line.width + 2 * char_width(first) > width
    } else {
        let word = next.text.split_whitespace().next().unwrap_or("");
        line.indent + line.width + 1 + display_width(word) > width
    }
}

/// Bullets and numbered items start a line of their own.
pub fn starts_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if "-*•·●○■□◆◇▪▶►➢✓→※".contains(first) {
        return true;
    }
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 3 {
        let after = text[digits.len()..].chars().next();
        return matches!(after, Some('.' | ')' | '、' | '．' | '）'));
    }
    if first == '(' || first == '（' {
        let inner: String = chars.take_while(|&c| c != ')' && c != '）').collect();
        return !inner.is_empty() && inner.chars().count() <= 3 && inner.chars().all(|c| c.is_alphanumeric());
    }
    // `一、`, `（一）`, `第一章`
    let mut it = text.chars();
    let head = it.next();
    let second = it.next();
    matches!(
        head,
        Some('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
    ) && second == Some('、')
}

/// Joins a wrapped continuation onto its line: no space between Chinese or Japanese characters,
/// the hyphen of a word broken at a hyphen kept (`well-` + `known`).
fn join_wrapped(line: &mut String, next: &str) {
    let last = line.chars().next_back().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    let hyphenated = last == '-' && line.chars().rev().nth(1).is_some_and(char::is_alphabetic);
    if !(is_wide(last) || is_wide(first) || hyphenated) {
        line.push(' ');
    }
    line.push_str(next);
}

/// Columns `text` takes in a terminal: East Asian wide characters take two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    if c == '\t' {
        8
    } else if is_wide(c) {
        2
    } else {
        1
    }
}

/// East Asian wide and full-width characters.
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{303e}'
        | '\u{3041}'..='\u{33ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{a000}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{20000}'..='\u{2fffd}'
        | '\u{30000}'..='\u{3fffd}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        split(text).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn lines_are_trimmed_and_blank_lines_dropped() {
        let lines = split("\u{feff}  Title  \r\n\r\n\u{3000}\u{3000}第一段。\r\n第二段。\n\n\n");
        assert_eq!(
            lines,
            vec![
                Line {
                    text: "Title".into(),
                    blank_before: true
                },
                Line {
                    text: "第一段。".into(),
                    blank_before: true
                },
                Line {
                    text: "第二段。".into(),
                    blank_before: false
                },
            ]
        );
    }

    #[test]
    fn unwrapped_text_is_left_alone() {
        let text =
            "作者:本報記者 胡婧怡\n發布時間:2024年04月02日 07:56\n來源:人民網-人民日報\n\n正文第一段很長很長。\n";
        assert_eq!(
            texts(text),
            vec![
                "作者:本報記者 胡婧怡",
                "發布時間:2024年04月02日 07:56",
                "來源:人民網-人民日報",
                "正文第一段很長很長。"
            ]
        );
    }

    #[test]
    fn wrapped_english_is_rejoined() {
        // Wrapped at 76 columns by Python's textwrap.
        let text = "\
The committee met on Tuesday to discuss the proposal for a new bridge across
the river, which has been debated in the town for more than a decade without
any decision being taken by the council. Engineers presented three designs,
and residents were invited to comment on each of them before the end of the
month.

A second meeting is planned for next month, when the engineers will present
their revised estimates of the cost and the time the work would take, and
when the council is expected to vote.

Points raised:
- traffic during construction
- the cost of maintenance over thirty years
";
        assert_eq!(
            texts(text),
            vec![
                "The committee met on Tuesday to discuss the proposal for a new bridge across the river, which has been debated in the town for more than a decade without any decision being taken by the council. Engineers presented three designs, and residents were invited to comment on each of them before the end of the month.",
                "A second meeting is planned for next month, when the engineers will present their revised estimates of the cost and the time the work would take, and when the council is expected to vote.",
                "Points raised:",
                "- traffic during construction",
                "- the cost of maintenance over thirty years",
            ]
        );
    }

    #[test]
    fn short_lines_in_wrapped_text_stay_apart() {
        let text = "\
The letter was short and to the point. It asked the council to
reconsider its decision and to publish the engineers' report in full
before the next meeting, so that residents could read it for themselves
before they were asked to vote on a project of this size, and it asked
for the meeting to be held in the evening.
Yours faithfully,
Jane Doe
";
        assert_eq!(
            texts(text),
            vec![
                "The letter was short and to the point. It asked the council to reconsider its decision and to publish the engineers' report in full before the next meeting, so that residents could read it for themselves before they were asked to vote on a project of this size, and it asked for the meeting to be held in the evening.",
                "Yours faithfully,",
                "Jane Doe",
            ]
        );
    }

    #[test]
    fn too_few_wrapped_lines_are_not_certain() {
        let text = "A short note that happens to fill the line up to the very last column ok\nand a second line.\n";
        assert_eq!(texts(text).len(), 2);
    }

    #[test]
    fn wrapped_chinese_is_rejoined_without_spaces() {
        let line = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
        let text = format!("{line}\n{line}\n結束。\n\n{line}\n{line}\n{line}\n結束。\n");
        let joined2 = format!("{line}{line}結束。");
        let joined3 = format!("{line}{line}{line}結束。");
        assert_eq!(texts(&text), vec![joined2, joined3]);
    }

    #[test]
    fn hyphenated_breaks_keep_the_hyphen() {
        let text = "\
This sentence is long enough to be wrapped by the tool at
exactly sixty well-known columns so that the test can see
how a hyphen at the end of a line is handled when the
paragraph is joined again by the splitter in this module of
the program, which breaks words only at spaces and hyphens,
and this line ends with a hyphenated word that goes well-
known places.
";
        let lines = texts(text);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("well-known places"));
        assert!(lines[0].contains("can see how a hyphen"));
    }

    #[test]
    fn indentation_starts_a_paragraph() {
        let text = "\
    The first paragraph of the story starts with an indent and runs on
over several lines of text that were wrapped at a fixed width by an
old program that indented every paragraph.
    The second paragraph also starts with an indent and runs on over a
few lines that were wrapped at the same fixed width by the same old
program, with no blank line.
";
        assert_eq!(
            texts(text),
            vec![
                "The first paragraph of the story starts with an indent and runs on over several lines of text that were wrapped at a fixed width by an old program that indented every paragraph.",
                "The second paragraph also starts with an indent and runs on over a few lines that were wrapped at the same fixed width by the same old program, with no blank line.",
            ]
        );
    }
}
