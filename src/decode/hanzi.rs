//! A character-frequency model of Chinese text: how plausible a character is in running
//! Chinese, as a cost (10 × −ln p, lower is likelier). Repairs keep a candidate only when it
//! costs clearly less than the text it replaces; decoding uses it to tell Chinese decoded with
//! the right encoding from the rare-character soup of a wrong one.
//!
//! Han frequencies come from `data/han_freq.txt` (see `data/make_han_freq.py`): 9000
//! characters, traditional forms sharing their simplified character's frequency.

use super::script::is_han;
use std::sync::LazyLock;

/// Cost of a Han character missing from the table: rare.
pub const RARE_HAN: u32 = 160;
/// Cost of what does not belong in Chinese text at all: private-use characters, U+FFFD.
pub const ALIEN: u32 = 220;

/// The table covers the BMP ideographs (extension A, unified, compatibility); 0 = not listed.
const TABLE_START: u32 = 0x3400;
const TABLE_END: u32 = 0xFB00;

static COSTS: LazyLock<Vec<u8>> = LazyLock::new(|| parse_costs(include_str!("data/han_freq.txt")));

/// The table from its lines `character<TAB>cost` (`#` starts a comment line), read a line at a
/// time by its bytes: 9000 lines through `str::lines`, `split_once` and `trim` cost more than
/// the table is worth at start-up.
fn parse_costs(data: &str) -> Vec<u8> {
    let mut costs = vec![0u8; (TABLE_END - TABLE_START) as usize];
    let mut line_start = 0;
    for line_end in memchr::memchr_iter(b'\n', data.as_bytes()).chain([data.len()]) {
        let line = &data[line_start..line_end];
        line_start = line_end + 1;
        if line.starts_with('#') {
            continue;
        }
        let Some(tab) = memchr::memchr(b'\t', line.as_bytes()) else {
            continue;
        };
        let mut chars = line[..tab].chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        let (Ok(cost), true) = (
            line[tab + 1..].trim().parse::<u8>(),
            (TABLE_START..TABLE_END).contains(&(c as u32)),
        ) else {
            continue;
        };
        costs[(c as u32 - TABLE_START) as usize] = cost.max(1);
    }
    costs
}

pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// The frequency-table cost of a Han character, if it is in the table.
pub fn han_cost(c: char) -> Option<u32> {
    let code = c as u32;
    if !(TABLE_START..TABLE_END).contains(&code) {
        return None;
    }
    match COSTS[(code - TABLE_START) as usize] {
        0 => None,
        cost => Some(u32::from(cost)),
    }
}

/// The cost of `c` in running Chinese text.
pub fn cost(c: char) -> u32 {
    if let Some(cost) = han_cost(c) {
        return cost;
    }
    match c {
        c if is_han(c) => RARE_HAN,
        '，' | '。' | '、' => 50,
        '“' | '”' | '：' | '；' | '！' | '？' | '《' | '》' | '（' | '）' => 62,
        '…' | '—' | '·' | '「' | '」' | '『' | '』' | '【' | '】' | '‘' | '’' | '〈' | '〉' => 75,
        '0'..='9' | '０'..='９' => 75,
        ' ' | '\n' | '\t' => 60,
        ',' | '.' | ':' | ';' | '!' | '?' | '(' | ')' | '-' | '"' | '%' | '/' => 80,
        'a'..='z' | 'A'..='Z' => 90,
        '\u{3000}' => 70,
        '\u{FFFD}' => ALIEN,
        c if is_private_use(c) => ALIEN,
        // Full-width Latin letters, kana, hangul, symbols, box drawing, Latin-1 letters…
        c if (c as u32) < 0x80 => 110,
        _ => 150,
    }
}

/// Pairs of adjacent characters common inside words (`data/han_pairs.txt`, from jieba's
/// dictionary, simplified and traditional), as `(a << 32) | b`.
static PAIRS: LazyLock<std::collections::HashSet<u64>> = LazyLock::new(|| {
    include_str!("data/han_pairs.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut chars = line.chars();
            let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else {
                return None;
            };
            Some((u64::from(a as u32) << 32) | u64::from(b as u32))
        })
        .collect()
});

/// Whether `a` followed by `b` is a common pair inside Chinese words (`改造`, `老舊`).
pub fn is_word_pair(a: char, b: char) -> bool {
    PAIRS.contains(&((u64::from(a as u32) << 32) | u64::from(b as u32)))
}

/// How Chinese a text looks.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Plausibility {
    /// Han characters.
    pub han: usize,
    /// Han characters among the table's 3000 commonest (cost ≤ 105).
    pub common: usize,
    /// Characters that have no place in text (private use, U+FFFD, C1 controls).
    pub alien: usize,
    /// Non-ASCII characters.
    pub non_ascii: usize,
    /// Mean cost of the non-ASCII characters.
    pub mean_cost: f64,
}

impl Plausibility {
    fn common_share(&self) -> f64 {
        if self.han == 0 {
            0.0
        } else {
            self.common as f64 / self.han as f64
        }
    }

    /// Mostly common Han characters, nothing alien to speak of.
    pub fn is_plausible(&self) -> bool {
        self.han >= 4 && self.common_share() >= 0.75 && self.alien * 50 <= self.non_ascii.max(1)
    }

    /// Clearly more Chinese-looking than `other`.
    pub fn clearly_better_than(&self, other: &Plausibility) -> bool {
        self.mean_cost + 12.0 < other.mean_cost && self.common_share() > other.common_share() + 0.15
    }
}

/// Measures `text` with the model.
pub fn plausibility(text: &str) -> Plausibility {
    let mut p = Plausibility::default();
    let mut total = 0u64;
    for c in text.chars() {
        if c.is_ascii() {
            continue;
        }
        p.non_ascii += 1;
        let cost = cost(c);
        total += u64::from(cost);
        if is_han(c) {
            p.han += 1;
            if cost <= 105 {
                p.common += 1;
            }
        } else if cost >= ALIEN || matches!(c as u32, 0x80..=0x9F) {
            p.alien += 1;
        }
    }
    if p.non_ascii > 0 {
        p.mean_cost = total as f64 / p.non_ascii as f64;
    }
    p
}

/// Summed cost of `text`.
pub fn text_cost(text: &str) -> u32 {
    text.chars().map(cost).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_read_by_bytes_are_those_read_by_lines() {
        let data = include_str!("data/han_freq.txt");
        let mut by_lines = vec![0u8; (TABLE_END - TABLE_START) as usize];
        for line in data.lines().filter(|line| !line.starts_with('#')) {
            let Some((c, cost)) = line.split_once('\t') else {
                continue;
            };
            let mut chars = c.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            if let (Ok(cost), true) = (
                cost.trim().parse::<u8>(),
                (TABLE_START..TABLE_END).contains(&(c as u32)),
            ) {
                by_lines[(c as u32 - TABLE_START) as usize] = cost.max(1);
            }
        }
        assert_eq!(parse_costs(data), by_lines);
        assert!(by_lines.iter().filter(|&&cost| cost > 0).count() > 8000);
        let odd = "# comment\n中\t47\r\n国\t 9 \n\n文\tx\nab\t5\n字";
        assert_eq!(parse_costs(odd)[('中' as u32 - TABLE_START) as usize], 47);
        assert_eq!(parse_costs(odd)[('国' as u32 - TABLE_START) as usize], 9);
        assert_eq!(parse_costs(odd).iter().filter(|&&cost| cost > 0).count(), 2);
    }

    #[test]
    fn common_characters_cost_less() {
        assert!(cost('的') < cost('鵬'));
        assert!(cost('说') < cost('蜿'));
        assert_eq!(cost('說'), cost('说'));
        assert!(cost('。') < cost('€'));
        assert_eq!(cost('\u{E2BD}'), ALIEN);
        assert!(cost('𠀀') >= RARE_HAN);
    }

    #[test]
    fn word_pairs() {
        assert!(is_word_pair('改', '造'));
        assert!(is_word_pair('一', '百'));
        assert!(is_word_pair('發', '展'));
        assert!(!is_word_pair('造', '老'));
        assert!(!is_word_pair('a', 'b'));
    }

    #[test]
    fn plausibility_tells_chinese_from_soup() {
        let chinese = plausibility("国务院新闻办公室今天举行新闻发布会，介绍经济运行情况。");
        let soup = plausibility("鍥藉姟闄㈡柊闂诲姙鍏涓婂崍涓捐鏂伴椈鍙戝竷浼");
        assert!(chinese.is_plausible());
        assert!(!soup.is_plausible());
        assert!(chinese.clearly_better_than(&soup));
        assert!(!soup.clearly_better_than(&chinese));
        assert!(!plausibility("plain ASCII").is_plausible());
    }
}
