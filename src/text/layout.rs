//! Where each line of a text page stands, and so what it is.
//!
//! A page dumped as text keeps the order of the page: masthead, navigation and breadcrumbs, then a
//! kicker, the headline and the byline block, then the article, then credits, editor lines,
//! related links and footer. The byline block is the anchor: the headline is the headline-shaped
//! line just above it, everything above the headline is page head, everything below it is the
//! article, from which labelled byline lines, credits and chrome are taken out. Without a byline,
//! a masthead or breadcrumb trail plays the anchor; without either, the text is taken as it is.

use std::sync::LazyLock;

use regex::Regex;

use crate::content::{Block, BlockKind, Extracted, Metadata};
use crate::meta::byline::{self, Byline};

use super::classify::{
    breadcrumb, is_chrome, is_heading_like, is_kicker, is_list_like, is_nav, is_outlet_name, is_prose,
    is_related_heading, is_subtitle, is_title_like, labelled_title, site_header, split_title_site, units,
};
use super::lines::Line;

/// What a line turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Masthead, navigation, breadcrumbs, furniture, related links: dropped.
    Chrome,
    Kicker,
    Headline,
    Subtitle,
    /// Byline, editor, source, date or print-credit line: read for metadata, dropped.
    Byline,
    /// Kept: an in-article heading.
    Heading,
    /// Kept: a paragraph (or a line the spam stage has to judge).
    Paragraph,
}

/// How many lines above the byline block the headline may stand (kicker, headline, deck).
const MAX_HEADLINE_GROUP: usize = 4;
/// The byline block must come before this many paragraphs of prose.
const MAX_PROSE_BEFORE_BYLINE: usize = 2;

/// A line and what is known about it.
struct Entry<'a> {
    text: &'a str,
    byline: Option<Byline>,
    role: Role,
    /// [`is_chrome`], computed once.
    chrome: bool,
    /// [`is_prose`], computed once.
    prose: bool,
}

/// The page read from its lines.
pub struct Page<'a> {
    entries: Vec<Entry<'a>>,
    meta: Metadata,
}

impl<'a> Page<'a> {
    pub fn read(lines: &'a [Line]) -> Page<'a> {
        let entries = lines
            .iter()
            .map(|line| Entry {
                text: line.text.as_str(),
                byline: byline::parse_line(&line.text).or_else(|| post_header(&line.text)),
                role: Role::Paragraph,
                chrome: is_chrome(&line.text),
                prose: is_prose(&line.text),
            })
            .collect();
        let mut page = Page {
            entries,
            meta: Metadata::default(),
        };
        page.assign_roles();
        page
    }

    pub fn into_extracted(self) -> Extracted {
        let blocks = self
            .entries
            .iter()
            .filter_map(|e| {
                let kind = match e.role {
                    Role::Heading => BlockKind::Heading,
                    Role::Paragraph => BlockKind::Paragraph,
                    _ => return None,
                };
                Some(Block {
                    kind,
                    text: e.text.to_string(),
                })
            })
            .collect();
        Extracted {
            blocks,
            meta: self.meta,
            asides: Vec::new(),
        }
    }

    /// The roles of the lines, for tests and debugging.
    #[cfg(test)]
    pub fn roles(&self) -> Vec<(Role, &str)> {
        self.entries.iter().map(|e| (e.role, e.text)).collect()
    }

    fn text(&self, i: usize) -> &'a str {
        self.entries[i].text
    }

    fn is_byline(&self, i: usize) -> bool {
        self.entries[i].byline.is_some()
    }

    fn has_fields(&self, i: usize) -> bool {
        self.entries[i]
            .byline
            .as_ref()
            .is_some_and(|b| !b.is_empty() && !b.print_credit)
    }

    fn assign_roles(&mut self) {
        let n = self.entries.len();
        let prose_lines: Vec<usize> = (0..n)
            .filter(|&i| !self.is_byline(i) && self.entries[i].prose && !self.entries[i].chrome)
            .collect();
        let limit = prose_lines.get(MAX_PROSE_BEFORE_BYLINE).copied().unwrap_or(n);
        let anchor = (0..limit).find(|&i| self.has_fields(i));

        let mut head = HeadMeta::default();
        let body_start = match anchor {
            Some(anchor) => self.read_head_with_byline(anchor, &mut head),
            None => self.read_head_without_byline(&mut head),
        };
        let tail = self.read_body(body_start);
        self.finish_meta(head, tail);
    }

    /// The page above and around the byline block at `anchor`; returns where the article starts.
    fn read_head_with_byline(&mut self, anchor: usize, head: &mut HeadMeta) -> usize {
        let n = self.entries.len();
        // The byline block: the anchor and the byline and furniture lines right below it.
        let mut end = anchor;
        while end + 1 < n && (self.is_byline(end + 1) || self.entries[end + 1].chrome) {
            end += 1;
        }
        for i in anchor..=end {
            if self.is_byline(i) {
                self.take_byline(i, &mut head.byline);
            } else {
                self.entries[i].role = Role::Chrome;
            }
        }

        // The headline group: up to a few lines straight above the byline block.
        let mut group_start = anchor;
        while group_start > 0 && anchor - (group_start - 1) <= MAX_HEADLINE_GROUP {
            let text = self.text(group_start - 1);
            if self.is_byline(group_start - 1) || is_page_head_line(text) {
                break;
            }
            group_start -= 1;
        }
        let mut headline = None;
        for i in (group_start..anchor).rev() {
            let text = self.text(i);
            if is_subtitle(text) {
                self.entries[i].role = Role::Subtitle;
            } else if labelled_title(text).is_some() || is_title_like(text) && !is_kicker(text) {
                headline = Some(i);
                break;
            }
            // Otherwise a deck or standfirst under the headline: article text, kept.
        }
        let mut body_start = end + 1;
        match headline {
            Some(h) => {
                self.entries[h].role = Role::Headline;
                head.headline = Some(h);
                for i in group_start..h {
                    let text = self.text(i);
                    self.entries[i].role = if is_kicker(text) {
                        Role::Kicker
                    } else if is_prose(text) {
                        Role::Paragraph
                    } else {
                        Role::Chrome
                    };
                }
            }
            None => {
                // Some portals print the date and source above the headline.
                if let Some(h) = self.headline_at(end + 1) {
                    self.entries[h].role = Role::Headline;
                    head.headline = Some(h);
                    body_start = h + 1;
                }
            }
        }
        self.read_page_head(group_start, head);
        body_start
    }

    /// The page head of a page with no byline block: masthead, navigation and breadcrumbs at
    /// the top; when there are any, the next headline-shaped line is the headline.
    fn read_head_without_byline(&mut self, head: &mut HeadMeta) -> usize {
        let n = self.entries.len();
        let mut k = 0;
        let mut structural = false;
        while k < n {
            let text = self.text(k);
            if site_header(text).is_some() || breadcrumb(text).is_some() {
                structural = true;
            } else if !(is_chrome(text) || is_nav(text) || is_outlet_name(text)) {
                break;
            }
            k += 1;
        }
        self.read_page_head(k, head);
        if structural && let Some(h) = self.headline_at(k) {
            self.entries[h].role = Role::Headline;
            head.headline = Some(h);
            return h + 1;
        }
        k
    }

    /// Line `i`, when it can be the headline: labelled (`标题：…`), or headline-shaped with the
    /// article following.
    fn headline_at(&self, i: usize) -> Option<usize> {
        let text = self.entries.get(i)?.text;
        if self.is_byline(i) {
            return None;
        }
        if labelled_title(text).is_some() {
            return Some(i);
        }
        let next_is_text = self
            .entries
            .get(i + 1)
            .is_some_and(|e| e.byline.is_some() || is_prose(e.text));
        (is_title_like(text) && !is_kicker(text) && next_is_text).then_some(i)
    }

    /// The lines above `end` (above the headline): masthead, navigation, breadcrumbs, dates.
    /// Lines that may be text (long, list-shaped: a keyword head for the spam stage) are kept.
    fn read_page_head(&mut self, end: usize, head: &mut HeadMeta) {
        for i in 0..end {
            let text = self.text(i);
            let role = if let Some(site) = site_header(text) {
                head.site.get_or_insert(site);
                Role::Chrome
            } else if let Some(crumbs) = breadcrumb(text) {
                if head.breadcrumbs.is_empty() {
                    head.breadcrumbs = crumbs;
                }
                Role::Chrome
            } else if self.is_byline(i) {
                self.take_byline(i, &mut head.byline);
                Role::Byline
            } else if is_chrome(text) || is_nav(text) {
                Role::Chrome
            } else if is_outlet_name(text) {
                head.site.get_or_insert_with(|| text.to_string());
                Role::Chrome
            } else if is_kicker(text) {
                Role::Kicker
            } else if !is_prose(text) && !is_list_like(text) && units(text) <= 8 {
                // Short unpunctuated lines above the headline are menus and section names.
                Role::Chrome
            } else {
                Role::Paragraph
            };
            if self.entries[i].role == Role::Paragraph {
                self.entries[i].role = role;
            }
        }
    }

    /// The article from `start` on: byline, credit and furniture lines out, related-link lists
    /// out, headings and paragraphs kept. Returns what the byline lines in it say.
    fn read_body(&mut self, start: usize) -> Vec<Byline> {
        let n = self.entries.len();
        let last_prose = (start..n)
            .rev()
            .find(|&i| !self.is_byline(i) && self.entries[i].prose && !self.entries[i].chrome);
        // Whether the next line still in play reads as prose: an in-article heading stands over
        // text, not at the end as a caption or signature.
        let mut next_is_prose = vec![false; n];
        let mut following = false;
        for j in (start..n).rev() {
            next_is_prose[j] = following;
            if self.entries[j].role == Role::Paragraph {
                following = !self.is_byline(j) && self.entries[j].prose;
            }
        }
        let mut found = Vec::new();
        let mut i = start;
        while i < n {
            if self.entries[i].role != Role::Paragraph {
                i += 1;
                continue;
            }
            let text = self.text(i);
            if self.is_byline(i) {
                if self.body_byline_is_metadata(i, last_prose) {
                    let mut b = Byline::default();
                    self.take_byline(i, &mut b);
                    found.push(b);
                    self.entries[i].role = Role::Byline;
                }
                i += 1;
                continue;
            }
            if is_related_heading(text) {
                // The heading and the other articles' titles under it.
                self.entries[i].role = Role::Chrome;
                i += 1;
                while i < n && self.entries[i].role == Role::Paragraph && !is_prose(self.text(i)) && !self.is_byline(i)
                {
                    self.entries[i].role = Role::Chrome;
                    i += 1;
                }
                continue;
            }
            if let Some((kept, editor)) = split_trailing_editor(text) {
                // `……意見。（編輯：陳美玲）1130402`: the editor credit goes, the paragraph stays.
                self.entries[i].text = kept;
                found.push(editor);
            }
            let text = self.text(i);
            if self.entries[i].chrome {
                self.entries[i].role = Role::Chrome;
            } else if is_heading_like(text) && next_is_prose[i] {
                self.entries[i].role = Role::Heading;
            }
            i += 1;
        }
        found
    }

    /// A byline-shaped line inside the article is metadata unless it is only a date standing
    /// among paragraphs (the date of a letter, of an event).
    fn body_byline_is_metadata(&self, i: usize, last_prose: Option<usize>) -> bool {
        let Some(b) = &self.entries[i].byline else {
            return false;
        };
        let date_only = b.authors.is_empty() && b.editors.is_empty() && b.source.is_none() && !b.print_credit;
        if !date_only || b.is_empty() {
            return true;
        }
        let after_text = last_prose.is_none_or(|last| i > last);
        let neighbour_byline = |j: usize| {
            self.entries
                .get(j)
                .and_then(|e| e.byline.as_ref())
                .is_some_and(|b| !b.authors.is_empty() || !b.editors.is_empty() || b.source.is_some())
        };
        after_text || (i > 0 && neighbour_byline(i - 1)) || neighbour_byline(i + 1)
    }

    fn take_byline(&mut self, i: usize, into: &mut Byline) {
        if let Some(b) = self.entries[i].byline.clone() {
            into.merge(b);
            self.entries[i].role = Role::Byline;
        }
    }

    fn finish_meta(&mut self, head: HeadMeta, body: Vec<Byline>) {
        let mut meta = Metadata::default();
        let mut site = head.site;
        if let Some(h) = head.headline {
            let text = self.text(h);
            let text = labelled_title(text).unwrap_or(text);
            let (title, title_site) = split_title_site(text);
            meta.title = Some(title);
            if site.is_none() {
                site = title_site;
            }
        } else {
            meta.title = self.untitled_heading();
        }
        meta.site = site;
        meta.breadcrumbs = head.breadcrumbs;

        let mut byline = head.byline;
        // Authors come from the byline block, else from the first byline that names any (a
        // forum's later post headers name repliers, not authors).
        if byline.authors.is_empty()
            && let Some(first) = body.iter().find(|b| !b.authors.is_empty())
        {
            byline.authors = first.authors.clone();
        }
        for b in body {
            byline.merge(Byline {
                authors: Vec::new(),
                ..b
            });
        }
        if byline.authors.is_empty()
            && let Some(first) = self.entries.iter().find(|e| e.role == Role::Paragraph)
        {
            byline.authors = byline::dateline_authors(first.text);
        }
        meta.author = byline.author();
        meta.published = byline.published_iso();
        meta.source = byline.source;
        self.meta = meta;
    }

    /// The title of a page with no headline found: its first line, when that is a heading over
    /// prose. The line stays in the text.
    fn untitled_heading(&mut self) -> Option<String> {
        let kept = |e: &Entry<'_>| matches!(e.role, Role::Paragraph | Role::Heading);
        let first = self.entries.iter().position(kept)?;
        let text = self.text(first);
        let next = self.entries[first + 1..].iter().find(|e| kept(e))?;
        if is_heading_like(text) && units(text) >= 2 && is_prose(next.text) {
            self.entries[first].role = Role::Heading;
            Some(text.to_string())
        } else {
            None
        }
    }
}

/// Lines that end the search for a headline upwards: page head furniture and bare names.
fn is_page_head_line(text: &str) -> bool {
    site_header(text).is_some()
        || breadcrumb(text).is_some()
        || is_chrome(text)
        || is_nav(text)
        || is_outlet_name(text)
        || units(text) <= 2 && !is_kicker(text)
}

/// What the page head says.
#[derive(Default)]
struct HeadMeta {
    headline: Option<usize>,
    site: Option<String>,
    breadcrumbs: Vec<String>,
    byline: Byline,
}

/// An editor credit or end mark written at the end of the last paragraph: `（编辑：李四）`,
/// `（編輯：陳美玲）1130402`, `（完）`.
fn split_trailing_editor(text: &str) -> Option<(&str, Byline)> {
    static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:[（(]\s*(?P<credit>(?:责任编辑|責任編輯|编辑|編輯|责编|責編|编审|編審)\s*[:：︰]\s*[^（()）]{1,20})[)）]\s*\d{0,8}|[（(]\s*完\s*[)）])\s*$")
            .expect("valid trailer pattern")
    });
    let caps = TRAILER.captures(text)?;
    let start = caps.get(0)?.start();
    let kept = text[..start].trim_end();
    if kept.is_empty() {
        return None;
    }
    let credit = caps
        .name("credit")
        .and_then(|m| byline::parse_line(m.as_str()))
        .unwrap_or_default();
    Some((kept, credit))
}

/// A forum post header: `#2楼 装修老司机 发表于 2024-3-5 21:40`, `2楼 回复于 2024-03-05`.
fn post_header(text: &str) -> Option<Byline> {
    static FLOOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:#\s*\d+\s*(?:楼|樓)?|\d+\s*(?:楼|樓|#)|第\s*\d+\s*(?:楼|樓)|沙发|沙發|板凳|地板)\s*[:：]?\s*",
        )
        .expect("valid floor pattern")
    });
    let m = FLOOR.find(text)?;
    let rest = text[m.end()..].trim();
    if rest.is_empty() {
        return None;
    }
    byline::parse_line(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn roles(text: &str) -> Vec<(Role, String)> {
        let lines = lines::split(text);
        let page = Page::read(&lines);
        page.roles().into_iter().map(|(r, t)| (r, t.to_string())).collect()
    }

    #[test]
    fn portal_page_roles() {
        let text = "人民网|时政频道\n首页 > 时政\n\n某省推进改革——\n\n改革迈出新步伐\n\n作者：本报记者 张三\n发布时间：2024年04月02日 07:56\n来源：人民网\n\n第一段文字，内容很长很长很长。\n\n小标题在这里\n\n第二段文字，内容也很长很长。\n\n责任编辑：李四\n";
        let r = roles(text);
        let expect = [
            Role::Chrome,
            Role::Chrome,
            Role::Kicker,
            Role::Headline,
            Role::Byline,
            Role::Byline,
            Role::Byline,
            Role::Paragraph,
            Role::Heading,
            Role::Paragraph,
            Role::Byline,
        ];
        assert_eq!(r.iter().map(|(role, _)| *role).collect::<Vec<_>>(), expect, "{r:?}");
    }

    #[test]
    fn trailing_editor_credits() {
        let (kept, b) = split_trailing_editor("業者團體表示支持修法方向。（編輯：陳美玲）1130402").unwrap();
        assert_eq!(kept, "業者團體表示支持修法方向。");
        assert_eq!(b.editors, vec!["陳美玲"]);
        assert_eq!(
            split_trailing_editor("会议取得圆满成功。（完）").unwrap().0,
            "会议取得圆满成功。"
        );
        assert_eq!(split_trailing_editor("他说（编辑部的意见）很重要。"), None);
        assert_eq!(split_trailing_editor("（完）"), None);
    }

    #[test]
    fn forum_post_headers() {
        assert!(post_header("#2楼 装修老司机 发表于 2024-3-5 21:40").is_some());
        assert!(post_header("2楼").is_none());
        assert!(post_header("2楼的邻居说得对，装修要先做水电。").is_none());
    }
}
