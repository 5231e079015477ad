//! The page's title: the headline element that agrees with the declared titles (`og:title`,
//! `<title>`), or a declared title without the site's name.

use super::*;

/// How alike the headline element and the title must be for the headline to be the title
/// (and so left out of the text, where the record's `title` already says it).
const HEADLINE_IS_TITLE: f32 = 0.4;

impl Found {
    /// The headline as content selection takes it.
    pub fn select_headline(&self) -> Option<crate::extract::select::Headline> {
        self.headline.map(|id| crate::extract::select::Headline {
            id,
            in_text: self.headline_in_text,
        })
    }

    /// The title is the headline element that agrees with `og:title` / `<title>`; failing
    /// that, `og:title` or `<title>` without the site's name.
    pub(super) fn decide_title(&mut self, page: &Page<'_>) {
        let site_hint = self
            .meta(&["og:site_name", "sitename", "application-name"])
            .map(str::to_string);
        let from_meta = self
            .meta(&[
                "dc:title",
                "dcterm:title",
                "dcterms:title",
                "og:title",
                "weibo:article:title",
                "weibo:webpage:title",
                "twitter:title",
                "dc.title",
                "dcterms.title",
                "sailthru.title",
                "parsely-title",
                "articletitle",
                "title",
            ])
            .map(str::to_string);
        // JSON-LD `headline` and `name` can disagree (Wikipedia's `headline` is the article's
        // description): take the one `<title>` agrees with, or lacking a `<title>`, the page's
        // main headings.
        let ld_references: Vec<String> = match self.title_tag.as_deref().map(normalize) {
            Some(tag) if !tag.is_empty() => vec![tag],
            _ => self
                .headings
                .iter()
                .filter(|(_, level, _)| *level == 1)
                .map(|(_, _, t)| normalize(t))
                .collect(),
        };
        let ld_score = |t: &Option<String>| {
            t.as_deref().map_or(-1.0, |t| {
                let t = normalize(t);
                ld_references.iter().map(|r| similarity(&t, r)).fold(0.0f32, f32::max)
            })
        };
        let from_ld = if ld_score(&self.ld.name) > ld_score(&self.ld.headline) {
            self.ld.name.clone()
        } else {
            self.ld.headline.clone()
        }
        .filter(|t| !t.trim().is_empty());
        // Social titles are often rewritten for sharing: when the article's structured-data
        // headline is the page's visible headline and the social title is not, the former is
        // the story's headline.
        // Each heading's chrome test and normalized text, read once for the three uses below.
        // Headings share ancestors: each ancestor's names are judged once.
        let mut negative_names = std::collections::HashMap::new();
        let chrome: Vec<bool> = self
            .headings
            .iter()
            .map(|(id, _, _)| looks_like_chrome(page, *id, &mut negative_names))
            .collect();
        let normalized: Vec<String> = self.headings.iter().map(|(_, _, t)| normalize(t)).collect();
        let visible: Vec<&String> = self
            .headings
            .iter()
            .zip(&chrome)
            .zip(&normalized)
            .filter(|(((_, level, _), chrome), _)| *level == 1 && !**chrome)
            .map(|(_, n)| n)
            .collect();
        let agreement = |t: &str| {
            let t = normalize(t);
            visible.iter().map(|h| similarity(h, &t)).fold(0.0f32, f32::max)
        };
        let declared = match (from_ld, from_meta) {
            (Some(ld), Some(meta)) if self.ld.article && agreement(&ld) >= 0.9 && agreement(&meta) < 0.6 => Some(ld),
            (_, Some(meta)) => Some(meta),
            (ld, None) => ld,
        };
        let (from_declared, declared_site) = declared
            .as_deref()
            .map(|t| split_title(t, site_hint.as_deref()))
            .unwrap_or((String::new(), None));
        let (from_tag, tag_site) = self
            .title_tag
            .as_deref()
            .map(|t| split_title(t, site_hint.as_deref()))
            .unwrap_or((String::new(), None));
        let references: Vec<String> = declared
            .iter()
            .chain(self.title_tag.iter())
            .map(|t| normalize(t))
            .collect();
        // The best heading, and whether it is a visible headline (`h1`, not chrome).
        let mut best: Option<(f32, NodeId, String)> = None;
        let mut best_is_headline = false;
        for (((id, level, text), &chrome), n) in self.headings.iter().zip(&chrome).zip(&normalized) {
            if n.chars().count() < 2 {
                continue;
            }
            let mut sim = references.iter().map(|r| similarity(n, r)).fold(0.0f32, f32::max);
            if *level == 2 {
                sim *= 0.9;
            }
            if chrome {
                sim *= 0.8;
            }
            if sim >= 0.5 && best.as_ref().is_none_or(|(s, _, _)| sim > *s) {
                best = Some((sim, *id, text.clone()));
                best_is_headline = *level == 1 && !chrome;
            }
        }
        self.site_from_title = tag_site.or(declared_site);
        // The declared title (meta, JSON-LD) is the publisher's own headline; else the
        // headline element when `<title>` holds it whole (it is then free of the site name);
        // else `<title>` without the site name.
        let lone_h1: Vec<&(NodeId, u8, String)> = self
            .headings
            .iter()
            .zip(&chrome)
            .filter(|((_, level, _), chrome)| *level == 1 && !**chrome)
            .map(|(h, _)| h)
            .collect();
        let tag_norm = self.title_tag.as_deref().map(normalize).unwrap_or_default();
        if let Some((_, id, _)) = &best {
            self.headline = Some(*id);
        }
        let contained_heading = best
            .as_ref()
            .map(|(_, _, text)| text.clone())
            .filter(|text| tag_norm.contains(&normalize(text)));
        // The headline shown on the page is the title a reader sees; the declared title (the
        // social cards') is sometimes rewritten for sharing (`Analysis: …`, another wording).
        // The shown headline wins when it differs from the declared one and the article's
        // structured data (JSON-LD `headline` or `name`) says the same as the page, or the
        // declared title holds it as one of its pieces.
        let shown = best
            .as_ref()
            .filter(|_| best_is_headline)
            .map(|(_, _, text)| text.clone())
            .filter(|text| {
                let n = normalize(text);
                let differs = declared.as_deref().is_some_and(|d| {
                    let d = normalize(d);
                    d != n && !d.starts_with(&n) && split_title(&d, None).0 != n
                });
                let corroborated = [self.ld.headline.as_deref(), self.ld.name.as_deref()]
                    .into_iter()
                    .flatten()
                    .any(|t| normalize(t) == n);
                // Or the shown headline is another piece of the declared title than the one its
                // split took (`Artist – Song | Site`: the song is the headline shown).
                let a_piece = declared.as_deref().is_some_and(|d| {
                    let mut pieces = vec![normalize(d)];
                    for sep in TITLE_SEPARATORS {
                        pieces = pieces
                            .iter()
                            .flat_map(|p| p.split(sep).map(|p| p.trim().to_string()))
                            .collect();
                    }
                    pieces.len() > 1 && pieces.contains(&n)
                });
                differs && (corroborated || a_piece)
            });
        if let Some(text) = shown {
            self.title = Some(text);
        } else if !from_declared.is_empty() {
            self.title = Some(from_declared);
        } else if let Some(text) = contained_heading {
            self.title = Some(text);
        } else if !from_tag.is_empty() {
            self.title = Some(from_tag);
        } else if let Some((_, _, text)) = best {
            self.title = Some(text);
        } else if let [(id, _, text)] = lone_h1[..] {
            self.title = Some(text.clone());
            self.headline = Some(*id);
        }
        if self.headline.is_none()
            && let [(id, _, _)] = lone_h1[..]
        {
            self.headline = Some(*id);
        }
        // A title of one word (a site's name, a placeholder) or in another script
        // (transliterated, translated) says nothing to compare the headline with: the headline
        // is then taken to be the article's title.
        let comparable = |title: &str| {
            let mut words = title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
            words.next().is_some() && words.next().is_some()
        };
        self.headline_in_text = match (self.headline, self.title.as_deref()) {
            (Some(id), Some(title)) if comparable(title) => {
                let title = normalize(title);
                self.headings.iter().zip(&normalized).any(|((h, _, _), n)| {
                    *h == id
                        && first_letter_is_latin(n) == first_letter_is_latin(&title)
                        && similarity(n, &title).max(similarity(&title, n)) < HEADLINE_IS_TITLE
                })
            }
            _ => false,
        };
    }
}

/// Whether a heading is hidden or sits in what looks like chrome (a masthead's `h1` logo, a
/// sidebar's `h2`): judged before chrome is marked, since chrome marking needs the headline.
/// `negative_names` remembers, per ancestor, whether its names mark it as chrome.
fn looks_like_chrome(
    page: &Page<'_>,
    id: NodeId,
    negative_names: &mut std::collections::HashMap<NodeId, bool>,
) -> bool {
    if page.marks[id as usize] != Mark::Flow {
        return true;
    }
    let dom = page.dom;
    let mut at = page.parent(id);
    let mut in_article = false;
    let mut masthead = false;
    // Names and tags near the heading decide; a bounded walk keeps this cheap on deep pages.
    for _ in 0..24 {
        if at == crate::extract::dom::NONE || at == page.body {
            break;
        }
        if let Some(element) = dom.element(at) {
            match element.tag {
                Tag::Nav | Tag::Aside | Tag::Footer => return true,
                Tag::Article | Tag::Main => in_article = true,
                Tag::Header => masthead = true,
                _ => {}
            }
            let negative = *negative_names.entry(at).or_insert_with(|| {
                crate::extract::classify::evidence(element).strong_negative
                    || crate::extract::classify::role_negative(element).is_some()
            });
            if negative {
                return true;
            }
        }
        at = page.parent(at);
    }
    masthead && !in_article
}

/// How well a heading matches a declared title: 1 when equal, the length ratio when one holds
/// the other, otherwise the share of the heading's words found in the title.
pub(super) fn similarity(heading: &str, title: &str) -> f32 {
    // Each word of the heading is looked for in the title: time in the product of their
    // lengths. A headline or a title is never this long; past it is page text in a `<title>` or
    // an `<h1>`, compared by its start.
    let heading = &heading[..heading.floor_char_boundary(MAX_COMPARED_BYTES)];
    let title = &title[..title.floor_char_boundary(MAX_COMPARED_BYTES)];
    if heading.is_empty() || title.is_empty() {
        return 0.0;
    }
    if heading == title {
        return 1.0;
    }
    let (h, t) = (heading.chars().count() as f32, title.chars().count() as f32);
    // Titles lead with the headline and end with site names: a heading the title starts with,
    // up to a separator, is the headline rather than a masthead's name further along.
    if let Some(rest) = title.strip_prefix(heading)
        && h >= 6.0
        && rest.trim_start().chars().next().is_some_and(|c| !c.is_alphanumeric())
    {
        return (h / t).max(0.75);
    }
    if title.contains(heading) {
        return (h / t).max(if h >= 10.0 { 0.6 } else { 0.0 });
    }
    if heading.contains(title) {
        return t / h;
    }
    let words: Vec<&str> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let cjk = heading.chars().filter(|&c| is_unspaced(c)).count();
    if cjk > 4 {
        let shared = heading.chars().filter(|&c| is_unspaced(c) && title.contains(c)).count();
        return shared as f32 / cjk as f32 * 0.8;
    }
    let shared = words.iter().filter(|w| title.contains(*w)).count();
    shared as f32 / words.len() as f32 * 0.8
}

/// Whether the first letter of `text` is a Latin one (`None` without letters).
fn first_letter_is_latin(text: &str) -> Option<bool> {
    text.chars()
        .find(|c| c.is_alphabetic())
        .map(|c| c < '\u{0250}' || ('\u{1e00}'..='\u{1eff}').contains(&c))
}

/// How much of a heading and a title [`similarity`] compares.
const MAX_COMPARED_BYTES: usize = 2_048;

const TITLE_SEPARATORS: &[&str] = &[
    " | ", " – ", " — ", " - ", "_", " :: ", " · ", "｜", " » ", " / ", "|", "－", " — ", "—", " ~ ",
];

/// Splits a `<title>` into the headline and the site name.
pub fn split_title(title: &str, site_hint: Option<&str>) -> (String, Option<String>) {
    let title = fold_space(title);
    if let Some(site) = site_hint.map(fold_space).filter(|s| !s.is_empty() && *s != title) {
        // `title` ends with `{sep}{site}` when it ends with the site and what comes before with
        // the separator: no string is built for each separator.
        let before_site = title.strip_suffix(site.as_str());
        let after_site = title.strip_prefix(site.as_str());
        // ` -- ` also parts a headline from its punch line (`Pearl Oscar Dress -- STOLEN!!!`):
        // it separates only the site's own name.
        for sep in TITLE_SEPARATORS.iter().chain(&[" -- "]) {
            if let Some(head) = before_site.and_then(|t| t.strip_suffix(sep)) {
                return (split_title(head, None).0, Some(site));
            }
            if let Some(head) = after_site.and_then(|t| t.strip_prefix(sep)) {
                return (head.trim().to_string(), Some(site));
            }
        }
    }
    // Chinese portals write `标题-站点名` without spaces: a bare hyphen separates when the
    // text on both sides is Chinese.
    let bare_hyphen = title.char_indices().any(|(i, c)| {
        c == '-'
            && title[..i]
                .chars()
                .next_back()
                .is_some_and(|p| is_unspaced(p) || matches!(p, '）' | '》' | '”'))
            && title[i + 1..].chars().next().is_some_and(is_unspaced)
    });
    let Some(sep) = TITLE_SEPARATORS
        .iter()
        .find(|s| title.contains(**s))
        .or(bare_hyphen.then_some(&"-"))
    else {
        return (title, None);
    };
    let parts: Vec<&str> = title.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return (title, None);
    }
    let weight = |p: &str| -> usize {
        let cjk = p.chars().filter(|&c| is_unspaced(c)).count();
        p.split_whitespace().count() + cjk / 2
    };
    let first = parts[0];
    let longest = parts.iter().copied().max_by_key(|p| weight(p)).unwrap_or(first);
    let headline = if weight(first) <= 3 && weight(longest) > 2 * weight(first) {
        longest
    } else {
        first
    };
    let site = if headline == first {
        parts[parts.len() - 1]
    } else {
        parts[0]
    };
    let site = (weight(site) <= 6 && site != headline).then(|| site.to_string());
    (headline.to_string(), site)
}
