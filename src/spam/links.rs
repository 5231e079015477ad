//! Link farms: blocks the HTML stage set aside that are nothing but short links, to keyword
//! targets, to many hosts, or to many subdomains of one host (站群).
//!
//! A block of links to many sites is not spam by itself: portals carry 友情链接 and partner
//! blocks of exactly that shape. A link farm shows what it is for in its link texts (spam
//! vocabulary, or one service templated over place names: `北京装修网 上海装修网 …`) or in its
//! targets (a swarm of subdomains of a foreign host).

use std::collections::{HashMap, HashSet};

use super::gazetteer;
use super::keywords;
use super::lists::{MIN_ITEMS, THRESHOLD, noisy_or, size_factor};
use crate::content::Link;

/// The fewest links of a farm. Below [`MIN_ITEMS`] a block is one only when nearly every link
/// is a spam keyword to a site of its own (or hidden): a portal's short link blocks (partners,
/// `相关阅读`, a tag line) are neither.
const MIN_FARM_LINKS: usize = 4;

/// What the links of one block say.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkVerdict {
    pub items: u32,
    pub known: u32,
    pub confidence: f32,
}

/// Registrable domains of share buttons and social sites: a hidden share menu links to them all.
const SHARE_DOMAINS: &[&str] = &[
    "weibo.com",
    "weibo.cn",
    "qq.com",
    "douban.com",
    "renren.com",
    "baidu.com",
    "facebook.com",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "pinterest.com",
    "reddit.com",
    "whatsapp.com",
    "telegram.me",
    "t.me",
    "line.me",
    "google.com",
    "tumblr.com",
    "vk.com",
    "instagram.com",
    "youtube.com",
    "wechat.com",
    "xiaohongshu.com",
    "zhihu.com",
];

/// Second-level labels under which a country code registers names (`example.com.cn`).
const SECOND_LEVELS: &[&str] = &[
    "com", "net", "org", "gov", "edu", "ac", "co", "or", "ne", "go", "gen", "mil",
];

/// The host of an absolute (or scheme-relative) link, lower-cased, without port or user.
pub fn host(href: &str) -> Option<String> {
    let href = href.trim();
    let rest = if let Some(i) = href.find("://") {
        let scheme = &href[..i];
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return None;
        }
        &href[i + 3..]
    } else {
        href.strip_prefix("//")?
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = match authority.rfind(':') {
        Some(i) if authority[i + 1..].bytes().all(|b| b.is_ascii_digit()) => &authority[..i],
        _ => authority,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// The registrable domain of a host: `news.example.com.cn` → `example.com.cn`.
pub fn registrable(host: &str) -> &str {
    if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return host;
    }
    let parts: Vec<&str> = host.rsplit('.').collect();
    let take = if parts.len() >= 3 && parts[0].len() == 2 && SECOND_LEVELS.contains(&parts[1]) {
        3
    } else {
        2
    };
    match host.rmatch_indices('.').nth(take - 1) {
        Some((i, _)) => &host[i + 1..],
        None => host,
    }
}

/// The characters of `text` that are not white space.
pub(super) fn chars(text: &str) -> usize {
    if text.is_ascii() {
        // Counted by bytes (the loop vectorises): the ASCII white space of `char::is_whitespace`
        // is tab to carriage return and the space.
        return text.bytes().filter(|b| !matches!(b, b'\t'..=b'\r' | b' ')).count();
    }
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Whether links of `link_chars` characters make less than 60 % of `text`'s (not counting
/// white space): `link_chars < 0.6 * chars(text)`, counting only as far as it takes to tell, as
/// the prose a few links sit in can be long.
fn links_are_minority(text: &str, link_chars: usize) -> bool {
    let minority_at = |count: usize| (link_chars as f32) < 0.6 * count as f32;
    // The smallest count that makes the links a minority (the test only turns from false to
    // true as the count grows): the estimate, corrected by the test itself.
    let mut enough = (link_chars as f64 / 0.6) as usize;
    while enough > 0 && minority_at(enough - 1) {
        enough -= 1;
    }
    while !minority_at(enough) {
        enough += 1;
    }
    text.chars().filter(|c| !c.is_whitespace()).take(enough).count() == enough
}

/// The share of link texts that are one service templated over place names: a place name
/// followed by a suffix most of them share (`北京装修网`, `上海装修网`). A text that is itself a
/// place name (`定襄县`: `定襄` and the level suffix) is a place, not a template: a city
/// selector or a prefecture's county navigation.
fn place_template_share(texts: &[&str]) -> (f32, usize) {
    let mut suffixes: HashMap<&str, usize> = HashMap::new();
    for text in texts {
        if !may_be_templated(text) || gazetteer::lookup(text).is_some() {
            continue;
        }
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(2).take(6).collect();
        // The longest place-name prefix that leaves a suffix.
        if let Some(&cut) = bounds
            .iter()
            .rev()
            .find(|&&cut| gazetteer::lookup(&text[..cut]).is_some_and(|p| p.weight >= 1.0))
        {
            *suffixes.entry(&text[cut..]).or_insert(0) += 1;
        }
    }
    let best = suffixes.values().copied().max().unwrap_or(0);
    (best as f32 / texts.len().max(1) as f32, best)
}

/// Whether `text` may be a place name with a suffix, as [`place_template_share`] looks for: it
/// starts with a Han character (place names are Han) and has a third character (the prefixes
/// tried are two characters or more, with a suffix after them).
fn may_be_templated(text: &str) -> bool {
    text.chars().next().is_some_and(crate::decode::script::is_han) && text.chars().nth(2).is_some()
}

/// Judges the links of a set-aside block whose visible text is `text`. `page_domain` is the
/// registrable domain of the page itself, when known: links to it are the site's own.
pub fn judge(text: &str, links: &[Link], page_domain: Option<&str>, hidden: bool) -> Option<LinkVerdict> {
    let links: Vec<(&Link, &str)> = links
        .iter()
        .map(|l| (l, l.text.trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let n = links.len();
    if n < MIN_FARM_LINKS {
        return None;
    }
    let short = n < MIN_ITEMS;
    let mut lengths: Vec<usize> = links.iter().map(|(_, t)| chars(t)).collect();
    let link_chars: usize = lengths.iter().sum();
    lengths.sort_unstable();
    // Links must make the block: a paragraph with a few links in it is prose.
    if lengths[n / 2] > 24 || links_are_minority(text, link_chars) {
        return None;
    }
    let texts: Vec<&str> = links.iter().map(|(_, t)| *t).collect();
    let weights: Vec<f32> = texts.iter().map(|t| keywords::weight(t)).collect();
    let hits = weights.iter().filter(|w| **w > 0.0).count();
    let strength = weights.iter().sum::<f32>() / n as f32;
    let keyword_links = hits * 2 >= n && strength >= 0.4;
    // The template share cannot reach 60 % when fewer texts than that may be templated (English
    // pages have none, or a language menu's `简体中文`): then the gazetteer is not asked, unless
    // a verdict needs the count of templated texts.
    let may_be_templated = texts.iter().filter(|t| may_be_templated(t)).count();
    let share = (may_be_templated as f32 / n as f32 >= 0.6).then(|| place_template_share(&texts));
    let template = share.map_or(0.0, |(template, _)| template);
    let templated_links = template >= 0.6;
    // Every kind of farm shows itself in its link texts: without keywords or a template, the
    // targets need no look.
    if !keyword_links && !templated_links && hits * 3 < n {
        return None;
    }
    if short && !(hits + 1 >= n && strength >= 0.6) {
        return None;
    }

    let hosts: Vec<Option<String>> = links.iter().map(|(l, _)| host(&l.href)).collect();
    let foreign: Vec<&str> = hosts
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|h| page_domain.is_none_or(|d| registrable(h) != d))
        .collect();
    let domains: HashSet<&str> = foreign
        .iter()
        .map(|h| registrable(h))
        .filter(|d| !SHARE_DOMAINS.contains(d))
        .collect();
    let mut subdomains: HashMap<&str, HashSet<&str>> = HashMap::new();
    for h in &foreign {
        subdomains.entry(registrable(h)).or_default().insert(h);
    }
    let swarm = subdomains.values().map(HashSet::len).max().unwrap_or(0);

    // A swarm of one foreign host's subdomains that its link texts show is for ranking: the
    // site's own city subdomains (`bj.example.com`) and a gallery crediting artists on their
    // `name.example.com` pages have the same hosts, not the texts.
    let subdomain_farm = swarm * 5 >= n * 3 && swarm >= 5 && (templated_links || hits * 3 >= n);
    let many_hosts = domains.len() >= 5 && domains.len() * 2 >= n;
    // A short farm: (nearly) every link another foreign site.
    let spread_hosts = short && domains.len() + 1 >= n;
    if short && !(spread_hosts || hidden) {
        return None;
    }
    if !(keyword_links || templated_links && (many_hosts || subdomain_farm || hidden) || subdomain_farm) {
        return None;
    }
    let evidence = noisy_or(&[
        0.85 * strength,
        if templated_links { 0.6 * template } else { 0.0 },
        if subdomain_farm { 0.6 } else { 0.0 },
        if many_hosts || spread_hosts { 0.4 } else { 0.0 },
        if hidden { 0.5 } else { 0.0 },
    ]);
    let size = size_factor(n);
    let confidence = size * evidence;
    (confidence >= THRESHOLD).then(|| LinkVerdict {
        items: n as u32,
        known: hits.max(share.unwrap_or_else(|| place_template_share(&texts)).1) as u32,
        confidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_texts_are_counted_as_characters_are() {
        let ascii: String = (0..=0x7Fu8).map(char::from).collect();
        for text in [ascii.as_str(), " a\tb\nc\x0Bd\x0Ce\rf ", "", "中 文\u{85}\u{a0}x"] {
            assert_eq!(
                chars(text),
                text.chars().filter(|c| !c.is_whitespace()).count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn minority_links_are_told_as_the_full_count_tells_them() {
        let texts = [
            "",
            " ",
            "a",
            "ab c",
            "Read more: 中文 English Español",
            &"prose, ".repeat(40),
        ];
        for text in texts {
            for link_chars in 0..=chars(text) + 3 {
                let full = (link_chars as f32) < 0.6 * chars(text) as f32;
                assert_eq!(links_are_minority(text, link_chars), full, "{text:?} {link_chars}");
            }
        }
    }
    use crate::spam::tests::links;

    #[test]
    fn hosts_and_domains() {
        assert_eq!(
            host("https://News.Example.com:8080/a?b").as_deref(),
            Some("news.example.com")
        );
        assert_eq!(host("//cdn.example.org/x").as_deref(), Some("cdn.example.org"));
        assert_eq!(host("/local/page.html"), None);
        assert_eq!(host("javascript:void(0)"), None);
        assert_eq!(registrable("news.example.com.cn"), "example.com.cn");
        assert_eq!(registrable("a.b.example.com"), "example.com");
        assert_eq!(registrable("example.com"), "example.com");
        assert_eq!(registrable("bbc.co.uk"), "bbc.co.uk");
    }

    #[test]
    fn friendship_links_are_not_a_farm() {
        let block = links(&[
            ("http://www.people.com.cn/", "人民网"),
            ("http://www.xinhuanet.com/", "新华网"),
            ("http://www.china.com.cn/", "中国网"),
            ("http://www.cri.cn/", "国际在线"),
            ("http://www.chinadaily.com.cn/", "中国日报网"),
            ("http://www.cctv.com/", "央视网"),
            ("http://www.youth.cn/", "中国青年网"),
        ]);
        let text: Vec<&str> = block.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(judge(&text.join(" "), &block, Some("example.com"), false), None);
    }

    #[test]
    fn templated_city_sites_are_a_farm() {
        let names = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安"];
        let pairs: Vec<(String, String)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("http://site{i}.example{i}.cn/"), format!("{n}装修网")))
            .collect();
        let block: Vec<Link> = pairs
            .iter()
            .map(|(h, t)| Link {
                href: h.clone(),
                text: t.clone(),
            })
            .collect();
        let text: Vec<&str> = block.iter().map(|l| l.text.as_str()).collect();
        let verdict = judge(&text.join(" "), &block, None, false).expect("a farm");
        assert_eq!(verdict.items, 8);
        assert_eq!(verdict.known, 8);
    }

    #[test]
    fn a_prefecture_s_county_sites_are_not_a_farm() {
        // A government portal's navigation: each county's own subdomain, named by the county.
        let names = [
            "忻府区",
            "定襄县",
            "五台县",
            "繁峙县",
            "宁武县",
            "静乐县",
            "神池县",
            "五寨县",
            "原平市",
        ];
        let block: Vec<Link> = names
            .iter()
            .enumerate()
            .map(|(i, n)| Link {
                href: format!("http://county{i}.example.gov.cn/"),
                text: n.to_string(),
            })
            .collect();
        let text: Vec<&str> = block.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(judge(&text.join("\n"), &block, Some("other.gov.cn"), false), None);
        assert_eq!(place_template_share(&text).1, 0);
    }
}
