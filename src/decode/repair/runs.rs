//! Runs of replacement characters and their well-known disguises: `锟斤拷` (U+FFFD U+FFFD
//! encoded as UTF-8 and read as GBK), `烫烫烫` and `屯屯屯` (uninitialised stack and heap bytes
//! 0xCC and 0xCD read as GBK), and U+FFFD itself. They carry no text: removed and counted.

use std::sync::LazyLock;

static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 4]> =
    LazyLock::new(|| ["\u{FFFD}", "锟斤", "烫烫", "屯屯"].map(|needle| memchr::memmem::Finder::new(needle.as_bytes())));

/// Removes the runs; `None` when there are none.
pub fn repair(text: &str) -> Option<(String, u64)> {
    let bytes = text.as_bytes();
    if !FINDERS.iter().any(|finder| finder.find(bytes).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut runs = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = run_length(rest);
        if len > 0 {
            runs += 1;
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (runs > 0).then_some((out, runs))
}

/// Byte length of the replacement run starting `text`, 0 if none does.
fn run_length(text: &str) -> usize {
    let mut len = 0;
    loop {
        let rest = &text[len..];
        if rest.starts_with('\u{FFFD}') {
            len += '\u{FFFD}'.len_utf8();
        } else if rest.starts_with("锟斤拷") {
            len += "锟斤拷".len();
        } else if len > 0 && (rest.starts_with("锟斤") || rest.starts_with('锟')) {
            // A run cut in the middle of its last pair.
            len += if rest.starts_with("锟斤") {
                "锟斤".len()
            } else {
                '锟'.len_utf8()
            };
        } else if let Some(fill) = ['烫', '屯'].into_iter().find(|f| rest.starts_with(*f)) {
            // Three or more: `烫烫的` is Chinese.
            let count = rest.chars().take_while(|c| *c == fill).count();
            if count < 3 {
                break;
            }
            len += count * fill.len_utf8();
        } else {
            break;
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_runs() {
        assert_eq!(repair("标题锟斤拷锟斤拷正文"), Some(("标题正文".into(), 1)));
        assert_eq!(repair("标题锟斤拷锟正文"), Some(("标题正文".into(), 1)));
        assert_eq!(repair("变量烫烫烫烫烫的值"), Some(("变量的值".into(), 1)));
        assert_eq!(repair("内存屯屯屯屯"), Some(("内存".into(), 1)));
        assert_eq!(repair("a\u{FFFD}\u{FFFD}b\u{FFFD}c"), Some(("abc".into(), 2)));
    }

    #[test]
    fn leaves_real_words() {
        assert_eq!(repair("烫烫的汤，小心烫"), None);
        assert_eq!(repair("屯田、屯兵"), None);
        assert_eq!(repair("锟铻"), None);
        assert_eq!(repair("plain text"), None);
    }
}
