//! Markup that leaked into plain text: HTML tags such as `</p>` and `<br>`, and character
//! references such as `&nbsp;` and `&amp;`. Only known tag names and references with their
//! closing `;` count, so `a<b`, `AT&T` and `<int>` stay.

use std::sync::LazyLock;

use regex::Regex;

/// Tag names of HTML that shows up in scraped text.
const TAGS: &str = "a|abbr|article|b|big|blockquote|body|br|center|code|dd|del|div|dl|dt|em|font|h[1-6]|head|hr|\
                    html|i|iframe|img|ins|label|li|link|meta|nobr|ol|p|pre|s|section|small|span|strike|strong|\
                    sub|sup|table|tbody|td|tfoot|th|thead|title|tr|tt|u|ul|wbr";

static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)<(/?)({TAGS})(?:\s+[a-z_:][-a-z0-9_:.]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>]+))*\s*/?>|<!--[^<>]{{0,200}}?-->|&(#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[a-zA-Z]{{2,8}});"#
    ))
    .expect("the markup pattern is valid")
});

/// Tags that end a line of text where they stood.
fn breaks_line(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "br" | "p"
            | "div"
            | "li"
            | "tr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "hr"
            | "table"
            | "ul"
            | "ol"
            | "section"
            | "article"
            | "dd"
            | "dt"
    )
}

fn named_reference(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "middot" => "·",
        "bull" => "•",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "times" => "×",
        "divide" => "÷",
        "deg" => "°",
        "yen" => "¥",
        "euro" => "€",
        "pound" => "£",
        "laquo" => "«",
        "raquo" => "»",
        "shy" | "zwj" | "zwnj" => "",
        _ => return None,
    })
}

/// Removes leaked tags (a line-breaking tag inside a line becomes a line break) and resolves
/// character references.
pub fn repair(text: &str) -> Option<(String, u64)> {
    if !text.contains(['<', '&']) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut last = 0;
    for caps in MARKUP.captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        let replacement: String = if let Some(name) = caps.get(2) {
            let before = &text[..whole.start()];
            let after = &text[whole.end()..];
            let at_line_start = before.trim_end_matches([' ', '\t']).ends_with('\n') || before.trim().is_empty();
            let at_line_end =
                after.trim_start_matches([' ', '\t']).starts_with(['\n', '\r']) || after.trim().is_empty();
            if breaks_line(name.as_str()) && !at_line_start && !at_line_end {
                "\n".into()
            } else {
                String::new()
            }
        } else if let Some(reference) = caps.get(3) {
            let reference = reference.as_str();
            let decoded = if let Some(hex) = reference.strip_prefix("#x").or_else(|| reference.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
            } else if let Some(decimal) = reference.strip_prefix('#') {
                decimal.parse::<u32>().ok().and_then(char::from_u32).map(String::from)
            } else {
                named_reference(reference).map(String::from)
            };
            match decoded {
                Some(decoded) if !decoded.starts_with(|c: char| c.is_control() && c != '\n' && c != '\t') => decoded,
                _ => continue,
            }
        } else {
            // A comment.
            String::new()
        };
        out.push_str(&text[last..whole.start()]);
        out.push_str(&replacement);
        last = whole.end();
        count += 1;
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some((out, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_tags_and_resolves_references() {
        assert_eq!(
            repair("我一定要多办实事。”</p>"),
            Some(("我一定要多办实事。”".into(), 1))
        );
        assert_eq!(repair("第一行<br>第二行"), Some(("第一行\n第二行".into(), 1)));
        assert_eq!(repair("第一行<BR />\n第二行"), Some(("第一行\n第二行".into(), 1)));
        assert_eq!(repair("<p class=\"text\">正文</p>"), Some(("正文".into(), 2)));
        assert_eq!(repair("A&nbsp;B &amp; C"), Some(("A B & C".into(), 2)));
        assert_eq!(repair("&#20013;&#x6587;"), Some(("中文".into(), 2)));
        assert_eq!(repair("<span style='color:red'>红</span>字"), Some(("红字".into(), 2)));
        assert_eq!(repair("前<!-- 注释 -->后"), Some(("前后".into(), 1)));
    }

    #[test]
    fn leaves_text_that_only_looks_like_markup() {
        for clean in [
            "if a<b and c>d then",
            "AT&T and P&G",
            "Vector<int> v;",
            "R&D spending &amp without semicolon",
            "x < 3 && y > 4",
            "<3 love",
            "&unknownentity;",
            "&#0; &#1;",
            "价格<100元>",
        ] {
            assert_eq!(repair(clean), None, "{clean}");
        }
    }
}
