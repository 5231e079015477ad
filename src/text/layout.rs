//! Where each line of a text page stands, and so what it is.
//!
//! A page dumped as text keeps the order of the page: masthead, navigation and breadcrumbs, then a
//! kicker, the headline and the byline block, then the article, then credits, editor lines,
//! related links and footer. The byline block is the anchor: the headline is the headline-shaped
//! line just above it, everything above the headline is page head, everything below it is the
//! article, from which labelled byline lines, credits and chrome are taken out. Without a byline,
//! a masthead or breadcrumb trail plays the anchor; without either, the text is taken as it is.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

mod head;
mod template;

use template::mark_template_lines;

use crate::boilerplate::SiteLines;
use crate::content::{Aside, AsideKind, AsidePosition, Block, BlockKind, Extracted, Metadata};
use crate::meta::byline::{self, Byline};

use super::classify::{
    breadcrumb, is_bar_joined_names, is_chrome_with, is_comments_heading, is_furniture_beyond_chrome_with,
    is_heading_like, is_kicker, is_list_like, is_outlet_name, is_page_furniture, is_prose, is_prose_with,
    is_related_heading, is_related_heading_with, is_soft_chrome, is_subtitle, is_title_like, labelled_title,
    site_header, split_title_site, units,
};
use super::lines::{Line, starts_list_item};

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
/// How many lines below a byline are weighed for running text.
const BYLINE_TEXT_WINDOW: usize = 30;
/// Reading units of running text a byline needs under it to anchor a page dumped whole.
const MIN_TEXT_UNDER_BYLINE: usize = 40;
/// A page foot is a window of this many lines…
const FOOT_WINDOW: usize = 6;
/// …holding at least this many furniture lines.
const FOOT_MIN_FURNITURE: usize = 4;
/// A line without sentence punctuation this long is still running text.
const UNPUNCTUATED_TEXT_UNITS: usize = 20;
/// What a short line or a furniture line inside the article's stretch costs, in reading units of
/// running text (see [`Page::keep_densest_text`]).
const SHORT_LINE_COST: i64 = 5;
/// A run of this many headline-shaped lines after the article is a list of other articles.
const MIN_TEASER_RUN: usize = 6;
/// A page with this many furniture lines is a page dump (its first line may be its `<title>`).
const MIN_FURNITURE_FOR_PAGE: usize = 3;
/// A page repeating this many distinct short lines above and below its text is a page dump (menus
/// printed at its top and foot).
const MIN_REPEATED_FOR_PAGE: usize = 3;
/// A site's name in a page title is at most this many units.
const MAX_SITE_UNITS: usize = 8;
/// How far down the page title may be repeated as the headline.
const MAX_TITLE_ECHO_DISTANCE: usize = 400;
/// A column of short lines (one menu item or list item a line): lines of at most this many
/// units…
const COLUMN_ITEM_UNITS: usize = 12;
/// …at least this many of them next to the line judged.
const MIN_COLUMN_BESIDE: usize = 4;

/// A line and what is known about it.
struct Entry<'a> {
    text: &'a str,
    byline: Option<Byline>,
    role: Role,
    /// [`is_chrome`], computed once.
    chrome: bool,
    /// [`is_prose`], computed once.
    prose: bool,
    /// [`is_page_furniture`], computed once: chrome, menus, sign-in prompts, share bars.
    page_furniture: bool,
    /// Page furniture of any kind: [`Self::page_furniture`] or a related-links heading.
    furniture: bool,
    /// A line the page's site prints on other pages of the batch, taken as its template
    /// ([`template::mark_template_lines`]).
    template: bool,
    /// [`units`], computed once.
    units: usize,
    /// The line's units when it reads as running text (prose, or a long line written without
    /// punctuation that is not a list), else 0; see [`Page::text_weight`].
    running_text: usize,
}

impl Entry<'_> {
    /// A line that reads as the article's running text.
    fn is_article_prose(&self) -> bool {
        self.prose && self.byline.is_none() && !self.furniture
    }
}

/// The page read from its lines.
pub struct Page<'a> {
    entries: Vec<Entry<'a>>,
    meta: Metadata,
    /// The page was dumped with its furniture (menus, share links, footers), as WET records are,
    /// rather than being a clean text.
    page_dump: bool,
    /// The line repeating the page's `<title>` (the first line) as the headline, if any.
    echo: Option<usize>,
    /// The first line split into headline and site where the page repeats the headline alone.
    title_split: Option<(String, Option<String>)>,
}

impl<'a> Page<'a> {
    #[cfg(test)]
    pub fn read(lines: &'a [Line]) -> Page<'a> {
        Page::read_with_site(lines, None)
    }

    /// Reads the page; `site` holds the lines its site repeats on other pages of the batch.
    pub fn read_with_site(lines: &'a [Line], site: Option<&SiteLines>) -> Page<'a> {
        let edit_links = repeated_edit_links(lines);
        let entries: Vec<Entry<'a>> = lines
            .iter()
            .map(|line| {
                let text = without_edit_link(&line.text, &edit_links);
                let words = units(text);
                let chrome = is_chrome_with(text, words);
                let page_furniture = chrome || is_furniture_beyond_chrome_with(text, words);
                let prose = is_prose_with(text, words);
                let running_text = if prose || words >= UNPUNCTUATED_TEXT_UNITS && !is_list_like(text) {
                    words
                } else {
                    0
                };
                Entry {
                    text,
                    byline: byline::parse_line(text).or_else(|| post_header(text)),
                    role: Role::Paragraph,
                    chrome,
                    prose,
                    running_text,
                    page_furniture,
                    furniture: page_furniture || is_related_heading_with(text, words),
                    template: false,
                    units: words,
                }
            })
            .collect();
        let mut entries = entries;
        if let Some(site) = site {
            mark_template_lines(lines, &mut entries, site);
        }
        let repeated = repeated_short_lines(&entries);
        // Furniture by the lines' own shape: a page that reads as a clean text alone stays one
        // when its site's template is learned (those lines go, its own lines are read as a clean
        // text's: a table or contents list between its paragraphs stays).
        let furnished = entries
            .iter()
            .filter(|e: &&Entry<'_>| e.furniture && !e.template && !e.text.trim().chars().all(|c| c.is_ascii_digit()))
            .count()
            >= MIN_FURNITURE_FOR_PAGE;
        // A page's menus are printed at its top and again at its foot: short lines that come
        // back around the text, never inside it. A clean text repeats lines among its own
        // paragraphs (the fields of product cards, lines of code, a table's row labels, headings
        // its table of contents lists), not above and below them.
        let page_dump = furnished || repeated_around_text(&entries, &repeated) >= MIN_REPEATED_FOR_PAGE;
        if page_dump {
            for i in repeated {
                entries[i].furniture = true;
                entries[i].page_furniture = true;
            }
        }
        let mut page = Page {
            entries,
            meta: Metadata::default(),
            page_dump,
            echo: None,
            title_split: None,
        };
        page.assign_roles();
        page
    }

    /// The kept lines as blocks, the metadata, and every run of lines dropped as chrome set aside
    /// for the spam stage: a spam list the layout took for a menu or furniture is still judged.
    pub fn into_extracted(self) -> Extracted {
        let mut blocks = Vec::new();
        // Each run of chrome lines, with how many kept blocks came before it.
        let mut dropped: Vec<(String, usize)> = Vec::new();
        let mut previous_chrome = false;
        for e in &self.entries {
            match e.role {
                Role::Chrome => match dropped.last_mut() {
                    Some((text, _)) if previous_chrome => {
                        text.push('\n');
                        text.push_str(e.text);
                    }
                    _ => dropped.push((e.text.to_string(), blocks.len())),
                },
                Role::Heading | Role::Paragraph => blocks.push(Block {
                    kind: if e.role == Role::Heading {
                        BlockKind::Heading
                    } else {
                        BlockKind::Paragraph
                    },
                    text: e.text.to_string(),
                    // Each heading line is a heading of its own.
                    form: crate::content::Form {
                        starts: true,
                        ..Default::default()
                    },
                }),
                Role::Kicker | Role::Headline | Role::Subtitle | Role::Byline => {}
            }
            previous_chrome = e.role == Role::Chrome;
        }
        let asides = dropped
            .into_iter()
            .map(|(text, kept_before)| Aside {
                kind: AsideKind::Chrome,
                text,
                links: Vec::new(),
                position: AsidePosition::before_block((kept_before < blocks.len()).then_some(kept_before)),
            })
            .collect();
        Extracted {
            blocks,
            meta: self.meta,
            asides,
            truncated: false,
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
        let prose_lines: Vec<usize> = (0..n).filter(|&i| self.is_article_prose(i)).collect();
        let limit = prose_lines.get(MAX_PROSE_BEFORE_BYLINE).copied().unwrap_or(n);
        let anchor = (0..limit)
            .find(|&i| self.has_fields(i))
            .or_else(|| self.byline_over_text());

        let mut head = HeadMeta::default();
        let echo = self.title_echo(&mut head);
        self.echo = echo;
        let body_start = match anchor {
            Some(anchor) => self.read_head_with_byline(anchor, echo, &mut head),
            None => self.read_head_without_byline(prose_lines.first().copied().unwrap_or(n), echo, &mut head),
        };
        let tail = self.read_body(body_start);
        if let Some(echo) = self.keep_densest_text(head.headline) {
            head.headline.get_or_insert(echo);
        }
        self.finish_meta(head, tail);
    }

    /// On a page dumped whole, the article is the stretch of lines densest in running text: the
    /// one that maximises the running text inside it less a cost for every furniture line and
    /// short line (menus, teasers, sidebars) inside it. Short lines outside it go. When the
    /// page's title is repeated as the headline, the stretch is sought under it, and that
    /// headline is returned.
    fn keep_densest_text(&mut self, headline_found: Option<usize>) -> Option<usize> {
        if !self.page_dump {
            return None;
        }
        let n = self.entries.len();
        // The page's `<title>` repeated as the headline with running text under it: the article
        // starts there, and what stands above it (menus, notification panels, teasers) goes.
        let headline = self.echo.filter(|&e| self.text_under(e) >= MIN_TEXT_UNDER_BYLINE);
        if let Some(e) = headline
            && matches!(self.entries[e].role, Role::Paragraph | Role::Heading)
        {
            self.entries[e].role = Role::Headline;
        }
        let from = headline.map_or(0, |e| e + 1);
        for i in 0..from {
            let e = &self.entries[i];
            if matches!(e.role, Role::Paragraph | Role::Heading) && !is_list_like(e.text) {
                self.entries[i].role = Role::Chrome;
            }
        }
        let mut best = (0i64, from, from);
        let mut sum = 0i64;
        let mut start = from;
        for i in from..n {
            let weight = self.stretch_weight(i);
            // A stretch is not cut before lines that cost nothing (a heading, the byline) right
            // above its first paragraph.
            if sum < 0 {
                sum = weight;
                start = i;
            } else {
                sum += weight;
            }
            if sum > best.0 {
                best = (sum, start, i + 1);
            }
        }
        let (total, first, end) = best;
        if total > 0 {
            // Outside the stretch, short lines go, and so do lines of text that stand alone
            // (teasers' summaries, comments) beyond a furniture line (`More World`, a share
            // bar); paragraphs that stand together stay, and so do lone ones only tables or
            // headings part from the stretch (a section under a table) or that stand under the
            // headline (a standfirst above the byline and the share bar).
            let mut furniture_between = vec![false; n];
            for i in (0..first).rev() {
                furniture_between[i] = i + 1 < first && (furniture_between[i + 1] || self.entries[i + 1].furniture);
            }
            for i in end..n {
                furniture_between[i] = i > end && (furniture_between[i - 1] || self.entries[i - 1].furniture);
            }
            let outside: Vec<usize> = (0..first)
                .chain(end..n)
                .filter(|&i| {
                    let e = &self.entries[i];
                    matches!(e.role, Role::Paragraph | Role::Heading)
                        && (self.text_weight(i) == 0
                            || (self.lone_text(i) || !e.prose)
                                && furniture_between[i]
                                && !headline_found.is_some_and(|h| h < i && i < first))
                })
                .collect();
            for i in outside {
                self.entries[i].role = Role::Chrome;
            }
        }
        headline.filter(|&e| self.entries[e].role == Role::Headline)
    }

    /// What line `i` adds to a stretch of the article in [`Self::keep_densest_text`]: its running
    /// text, or a cost for a short line. An article's paragraphs stand together; a teaser's
    /// summary or a comment stands alone between short lines (its title, a time, a name), and a
    /// summary often runs on without a full stop: such lines count for less, and a heading over
    /// one is a short line like the others.
    fn stretch_weight(&self, i: usize) -> i64 {
        let e = &self.entries[i];
        match e.role {
            Role::Paragraph | Role::Heading => {
                let w = self.text_weight(i) as i64;
                if w > 0 {
                    let mut w = w;
                    if self.lone_text(i) {
                        w /= 2;
                    }
                    if !e.prose {
                        w /= 2;
                    }
                    w
                } else if e.role == Role::Heading && self.text_weight(i + 1) > 0 && !self.lone_text(i + 1) {
                    0
                } else {
                    -SHORT_LINE_COST
                }
            }
            Role::Chrome => -SHORT_LINE_COST,
            Role::Kicker | Role::Headline | Role::Subtitle | Role::Byline => 0,
        }
    }

    /// Whether line `i` is running text with no running text right above or below it.
    fn lone_text(&self, i: usize) -> bool {
        let text = |j: usize| j < self.entries.len() && self.text_weight(j) > 0;
        text(i) && !(i > 0 && text(i - 1)) && !text(i + 1)
    }

    /// On a page dumped whole (menus, teasers and notices first), the byline block that has the
    /// article under it: a byline naming an author, a source or an editor with more running text
    /// in the lines below it than on the whole page above it.
    fn byline_over_text(&self) -> Option<usize> {
        let n = self.entries.len();
        let mut before = vec![0usize; n + 1];
        for i in 0..n {
            before[i + 1] = before[i] + self.text_weight(i);
        }
        (0..n * 7 / 10).find(|&i| {
            let strong = self.entries[i]
                .byline
                .as_ref()
                .is_some_and(|b| !b.print_credit && (!b.authors.is_empty() || b.source.is_some()));
            let after = before[(i + 1 + BYLINE_TEXT_WINDOW).min(n)] - before[i + 1];
            strong && after > before[i] && after >= MIN_TEXT_UNDER_BYLINE
        })
    }

    /// The running text in the [`BYLINE_TEXT_WINDOW`] lines under line `i`.
    fn text_under(&self, i: usize) -> usize {
        (i + 1..(i + 1 + BYLINE_TEXT_WINDOW).min(self.entries.len()))
            .map(|j| self.text_weight(j))
            .sum()
    }

    /// How much running text line `i` holds: its reading units when it is prose, or long
    /// enough to be text written without punctuation (some blogs break lines instead); else 0.
    fn text_weight(&self, i: usize) -> usize {
        let Some(e) = self.entries.get(i) else {
            return 0;
        };
        if e.furniture || e.chrome || e.byline.is_some() {
            return 0;
        }
        e.running_text
    }

    /// A line that reads as the article's running text.
    fn is_article_prose(&self, i: usize) -> bool {
        self.entries[i].is_article_prose()
    }

    /// The article from `start` on: byline, credit and furniture lines out, related-link lists
    /// out, headings and paragraphs kept. Returns what the byline lines in it say.
    fn read_body(&mut self, start: usize) -> BodyMeta {
        let n = self.entries.len();
        self.drop_furniture_runs(start);
        let last_prose = (start..n).rev().find(|&i| self.text_weight(i) > 0);
        // The page foot: from the first furniture line after the last paragraph, or from a block
        // of furniture with less text after it than half the article before it, everything but
        // byline lines (read) and lists (for the spam stage) goes.
        let foot = self.article_end(start).or_else(|| {
            let after_text = last_prose.map_or(start, |l| l + 1);
            let first_furniture =
                (after_text..n).find(|&i| self.entries[i].role == Role::Paragraph && self.entries[i].furniture)?;
            // The short lines straight above it are the same menu or list: one name a line, of
            // which the first furniture word is only one item.
            let mut foot = first_furniture;
            while foot > after_text && self.is_column_item(foot - 1) {
                foot -= 1;
            }
            Some(foot)
        });
        if let Some(foot) = foot {
            for i in foot..n {
                let e = &mut self.entries[i];
                if e.role == Role::Paragraph && e.byline.is_none() && !is_list_like(e.text) {
                    e.role = Role::Chrome;
                }
            }
        }
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
        let mut text_so_far = 0;
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
                    found.push((b, text_so_far));
                    self.entries[i].role = Role::Byline;
                }
                i += 1;
                continue;
            }
            if is_related_heading(text) {
                // The heading, and, once the article has been read, the other articles' titles
                // under it. Before the article, the lines under it may be the article itself.
                self.entries[i].role = Role::Chrome;
                i += 1;
                if text_so_far >= MIN_TEXT_UNDER_BYLINE {
                    while i < n
                        && self.entries[i].role == Role::Paragraph
                        && !is_prose(self.text(i))
                        && !self.is_byline(i)
                    {
                        self.entries[i].role = Role::Chrome;
                        i += 1;
                    }
                }
                continue;
            }
            text_so_far += self.text_weight(i);
            if let Some((kept, editor)) = split_trailing_editor(text) {
                // `……意見。（編輯：陳美玲）1130402`: the editor credit goes, the paragraph stays.
                self.entries[i].text = kept;
                found.push((editor, text_so_far));
            }
            let text = self.text(i);
            if self.entries[i].chrome && (self.page_dump || !is_soft_chrome(text)) {
                self.entries[i].role = Role::Chrome;
            } else if is_heading_like(text) && next_is_prose[i] {
                self.entries[i].role = Role::Heading;
            }
            i += 1;
        }
        BodyMeta {
            bylines: found,
            text: text_so_far,
        }
    }

    /// Runs of four or more short lines among which two are furniture: a menu or teaser box
    /// inside the page, not the article's list.
    fn drop_furniture_runs(&mut self, start: usize) {
        let n = self.entries.len();
        let mut i = start;
        while i < n {
            let in_run = |e: &Entry<'_>| {
                e.role == Role::Paragraph && !e.prose && e.byline.is_none() && e.units < UNPUNCTUATED_TEXT_UNITS
            };
            if !in_run(&self.entries[i]) {
                i += 1;
                continue;
            }
            let run_end = (i..n).find(|&j| !in_run(&self.entries[j])).unwrap_or(n);
            let furniture = (i..run_end).filter(|&j| self.entries[j].furniture).count();
            // A table of contents: section numbers on most lines (`1.1古代`, `2 History`).
            let numbered = (i..run_end)
                .filter(|&j| starts_with_section_number(self.text(j)))
                .count();
            let contents = self.page_dump && run_end - i >= 5 && numbered * 5 >= (run_end - i) * 3;
            if run_end - i >= 4 && furniture >= 2 || contents {
                for j in i..run_end {
                    if !is_list_like(self.text(j)) {
                        self.entries[j].role = Role::Chrome;
                    }
                }
            }
            i = run_end;
        }
    }

    /// Where the article ends and the page foot (comments, teasers, footer) begins: a comment
    /// section's heading after some text, or the first dense block of furniture or run of teaser
    /// titles after which less running text follows than half the text before it.
    fn article_end(&self, start: usize) -> Option<usize> {
        let n = self.entries.len();
        // Only a page dumped with its furniture has a foot; a clean text's `Comments` section or
        // list of short lines is its own.
        if !self.page_dump {
            return None;
        }
        let weight = |i: usize| self.text_weight(i);
        let teaser = |i: usize| {
            let e = &self.entries[i];
            e.role == Role::Paragraph && !e.prose && e.byline.is_none() && e.units <= 40 && !starts_list_item(e.text)
        };
        let total: usize = (start..n).map(weight).sum();
        let mut before = 0;
        let mut teasers = 0;
        for i in start..n {
            teasers = if teaser(i) { teasers + 1 } else { 0 };
            if before >= MIN_TEXT_UNDER_BYLINE
                && self.entries[i].units <= 8
                && (is_comments_heading(self.text(i)) || self.is_related_box_heading(i))
                && !self.in_menu(i)
            {
                return Some(i);
            }
            let little_left = before >= MIN_TEXT_UNDER_BYLINE && (total - before) * 2 < before;
            if little_left && teasers == MIN_TEASER_RUN {
                return Some(i + 1 - MIN_TEASER_RUN);
            }
            if little_left && self.entries[i].furniture {
                let window = (i..(i + FOOT_WINDOW).min(n))
                    .filter(|&j| self.entries[j].furniture)
                    .count();
                if window >= FOOT_MIN_FURNITURE {
                    return Some(i);
                }
            }
            before += weight(i);
        }
        None
    }

    /// The heading of a Chinese or Japanese page's box of other articles (`相关新闻`, `延伸阅读`,
    /// `其他人也在看`, `関連記事`) not standing in a menu: such portals put the box under the
    /// article, so after some text it ends the article. English sites put `Related` or `Read more`
    /// promos inside their articles, so those headings end nothing.
    fn is_related_box_heading(&self, i: usize) -> bool {
        let text = self.text(i);
        is_related_heading(text) && text.chars().any(super::classify::is_cjk) && !self.under_short_lines(i)
    }

    /// Whether the two lines above line `i` are short lines (menu items), not text.
    fn under_short_lines(&self, i: usize) -> bool {
        i >= 2
            && self.entries[i - 2..i]
                .iter()
                .all(|e| !e.prose && e.byline.is_none() && (1..=COLUMN_ITEM_UNITS).contains(&e.units))
    }

    /// Whether line `i` stands among short menu items (a `留言` link in a blog's menu, not a
    /// comment section's heading).
    fn in_menu(&self, i: usize) -> bool {
        let short = |j: usize| {
            self.entries
                .get(j)
                .is_some_and(|e| !e.prose && e.byline.is_none() && e.units <= 4)
        };
        i > 0 && short(i - 1) && short(i + 1)
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

    fn finish_meta(&mut self, head: HeadMeta, body: BodyMeta) {
        let mut meta = Metadata::default();
        let mut site = head.site;
        let page_title = self.page_title();
        let headline = head.headline.map(|h| {
            let text = self.text(h);
            split_title_site(labelled_title(text).unwrap_or(text))
        });
        // A page dumped with its `<title>` first: a headline found below that has nothing in
        // common with it was a wrong guess, unless the first line is only the first item of a
        // column of short lines (a list one name a line above the page).
        let (title, title_site) = match (headline, page_title) {
            (Some(headline), Some(page)) if !titles_agree(&headline.0, &page.0) && !self.opens_column(0) => page,
            (Some(headline), _) => headline,
            (None, Some(page)) => page,
            (None, None) => (self.untitled_heading().unwrap_or_default(), None),
        };
        meta.title = (!title.is_empty()).then_some(title);
        if site.is_none() {
            site = title_site;
        }
        meta.site = site;
        meta.breadcrumbs = head.breadcrumbs;

        let mut byline = head.byline;
        // Authors come from the byline block, else from the first byline that names any within
        // the first third of the article (a forum's later post headers name repliers, a page's
        // teasers other articles' authors).
        if byline.authors.is_empty()
            && let Some((first, _)) = body
                .bylines
                .iter()
                .find(|(b, at)| !b.authors.is_empty() && at * 3 <= body.text)
        {
            byline.authors = first.authors.clone();
        }
        for (b, _) in body.bylines {
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

    /// The first line, when it reads as a page's `<title>` (WET records start with it): headline
    /// shaped, not furniture, a masthead, a byline or a list. With the site it names, if any.
    fn page_title(&self) -> Option<(String, Option<String>)> {
        let first = self.entries.first()?;
        let text = first.text;
        let candidate = first.byline.is_none()
            && !first.furniture
            && !first.prose
            && units(text) >= 3
            && is_title_like(text)
            && !is_list_like(text)
            && !is_kicker(text)
            && !is_outlet_name(text)
            && site_header(text).is_none()
            && breadcrumb(text).is_none();
        // Only a page dump starts with its `<title>`; a clean text's first line is its own title
        // and is read as a heading.
        (candidate && self.page_dump).then(|| self.title_split.clone().unwrap_or_else(|| split_title_site(text)))
    }

    /// The title of a page with no headline found: its first line, when that is a heading over
    /// prose. A clean text's first line stays in the text as its heading; under lines that are
    /// not the text's (a keyword list, dropped furniture) it is the page's headline, and the
    /// record's title only.
    fn untitled_heading(&mut self) -> Option<String> {
        // Lists at the top (a keyword head) are for the spam stage, not titles.
        let kept = |e: &Entry<'_>| matches!(e.role, Role::Paragraph | Role::Heading);
        let first = self.entries.iter().position(|e| kept(e) && !is_list_like(e.text))?;
        let text = self.text(first);
        let next = self.entries[first + 1..].iter().find(|e| kept(e))?;
        if is_heading_like(text) && units(text) >= 2 && is_prose(next.text) {
            self.entries[first].role = if first == 0 { Role::Heading } else { Role::Headline };
            Some(text.to_string())
        } else {
            None
        }
    }
}

/// How many distinct lines of `repeated` the page prints only above its first paragraph of prose
/// and below its last (none when it has no prose).
fn repeated_around_text(entries: &[Entry<'_>], repeated: &[usize]) -> usize {
    let (Some(first), Some(last)) = (
        entries.iter().position(Entry::is_article_prose),
        entries.iter().rposition(Entry::is_article_prose),
    ) else {
        return 0;
    };
    let inside: HashSet<&str> = repeated
        .iter()
        .filter(|&&i| (first..=last).contains(&i))
        .map(|&i| entries[i].text)
        .collect();
    let around: HashSet<&str> = repeated
        .iter()
        .map(|&i| entries[i].text)
        .filter(|text| !inside.contains(text))
        .collect();
    around.len()
}

/// The short lines a page prints more than once (menu items at its top and foot, the share bar
/// under each item), but not where one stands over prose (a heading listed in a table of
/// contents, a teaser's title) or repeats the first line (the page's `<title>`).
fn repeated_short_lines(entries: &[Entry<'_>]) -> Vec<usize> {
    let mut count: HashMap<&str, u32> = HashMap::new();
    for e in entries {
        if is_repeatable_short(e) {
            *count.entry(e.text).or_default() += 1;
        }
    }
    let first = entries.first().map(|e| e.text);
    (1..entries.len())
        .filter(|&i| {
            let e = &entries[i];
            is_repeatable_short(e)
                && count.get(e.text).is_some_and(|&n| n >= 2)
                && Some(e.text) != first
                && !entries.get(i + 1).is_some_and(|next| next.prose)
        })
        .collect()
}

/// A line shaped like a menu item or a bar of links (two words or more, `Menú principal`), not
/// running text or a byline, nor a row of data, a label, a list item or a line of code that a
/// text repeats (`成人票原价：60元`, `Promising review:`, `Step 2`, `rm`, `Easy setup, fast`).
fn is_repeatable_short(e: &Entry<'_>) -> bool {
    !e.prose
        && e.byline.is_none()
        && (2..=COLUMN_ITEM_UNITS).contains(&e.units)
        && !e
            .text
            .contains(|c: char| c.is_numeric() || ":：,，、;；=\\{}()（）$".contains(c))
}

/// A row of a table as a dump writes it: cells parted by tabs, or two or more figures beside a
/// name, one of them a measure (`河南省    9815.0    57.1`, `Ohio 41.2% 38.9%`). A menu or a
/// column of teasers names one thing a line, with a count or a year at most (`2 天前`, `Top 10
/// films of 2024`).
fn is_table_row(text: &str) -> bool {
    let figure = |cell: &&str| {
        let number = cell.trim_end_matches(['%', '％']);
        number.chars().any(|c| c.is_ascii_digit()) && number.chars().all(|c| c.is_ascii_digit() || ".,+-−".contains(c))
    };
    let figures: Vec<&str> = text.split_whitespace().filter(figure).collect();
    let measure = |cell: &&str| !cell.chars().all(|c| c.is_ascii_digit());
    text.trim().contains('\t') || figures.len() >= 2 && figures.iter().any(measure)
}

/// Edit links printed after each section heading (`Historia[editar | modificar o codigo]`,
/// `History[edit]`): a bracketed suffix of a few words and no digits that ends two or more
/// lines of the page (a footnote mark `[1]` has digits, a lone bracket may be the text's).
fn repeated_edit_links(lines: &[Line]) -> HashSet<&str> {
    let mut count: HashMap<&str, u32> = HashMap::new();
    for line in lines {
        if let Some(suffix) = edit_link(&line.text) {
            *count.entry(suffix).or_default() += 1;
        }
    }
    count.into_iter().filter(|&(_, n)| n >= 2).map(|(s, _)| s).collect()
}

/// The `[…]` suffix of a heading-shaped line, when it can be an edit link.
fn edit_link(text: &str) -> Option<&str> {
    let open = text.strip_suffix(']')?.rfind('[')?;
    let (head, suffix) = (text[..open].trim_end(), &text[open..]);
    let inside = &suffix[1..suffix.len() - 1];
    let short = (1..=40).contains(&inside.chars().count())
        && !inside.chars().any(|c| c.is_numeric() || "[]".contains(c))
        && inside.split(['|', '/', '·']).all(|part| (1..=4).contains(&units(part)));
    (short && (1..=16).contains(&units(head))).then_some(suffix)
}

/// `text` without an edit link the page repeats.
fn without_edit_link<'t>(text: &'t str, links: &HashSet<&str>) -> &'t str {
    match edit_link(text) {
        Some(suffix) if links.contains(suffix) => text[..text.len() - suffix.len()].trim_end(),
        _ => text,
    }
}

/// `1.2近代`, `3.3.1 Towns`: a numbered section title.
fn starts_with_section_number(text: &str) -> bool {
    let number = text
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map_or(0, |(at, c)| at + c.len_utf8());
    number > 0
        && text[..number].chars().next().is_some_and(|c| c.is_ascii_digit())
        && text[number..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == ' ')
        && units(text) <= 12
}

/// Whether two titles of the same page agree: one holds the other, or most words are shared.
fn titles_agree(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a.contains(&b) || b.contains(&a) {
        return true;
    }
    let words = |t: &str| -> Vec<String> {
        if t.chars().any(super::classify::is_cjk) {
            t.chars()
                .filter(|&c| super::classify::is_cjk(c))
                .map(String::from)
                .collect()
        } else {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        }
    };
    let (wa, wb) = (words(&a), words(&b));
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    shared * 2 >= wa.len().min(wb.len()).max(1)
}

/// What the byline lines inside the article say, each with how much of the article's text came
/// before it; and how much text the article has.
struct BodyMeta {
    bylines: Vec<(Byline, usize)>,
    text: usize,
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
    use super::head::same_title;
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
    fn a_heading_under_a_keyword_head_is_the_headline() {
        let prose = "经过两个月施工，人民公园湖区清淤工程近日完工，湖水透明度明显提高。";
        let r = roles(&format!(
            "时时彩 北京赛车 幸运飞艇 快三 百人牛牛 炸金花\n湖区完成清淤\n{prose}\n"
        ));
        assert_eq!(r[1], (Role::Headline, "湖区完成清淤".to_string()));
        // A clean text keeps its first line as its heading.
        let r = roles(&format!("湖区完成清淤\n{prose}\n"));
        assert_eq!(r[0], (Role::Heading, "湖区完成清淤".to_string()));
    }

    #[test]
    fn bar_joined_names_under_a_menu_are_a_menu() {
        let tail = "新款折叠屏手机开售\n某手机品牌今日上午十点开售新款折叠屏手机，首批备货十万台在两分钟内售罄。\n";
        let r = roles(&format!(
            "首页|新闻|体育|财经|娱乐|科技\n手机|数码|家电|电脑|相机|平板\n{tail}"
        ));
        assert_eq!(r[1].0, Role::Chrome, "{r:?}");
        assert_eq!(r[2].0, Role::Headline, "{r:?}");
        // Not under a menu: a list the spam stage judges, kept.
        let r = roles(&format!("手机|数码|家电|电脑|相机|平板\n{tail}"));
        assert_eq!(r[0].0, Role::Paragraph, "{r:?}");
    }

    #[test]
    fn a_page_dump_keeps_its_densest_stretch_of_text() {
        let prose = "The council approved the new budget on Tuesday after a long debate about school funding.";
        let more = "Members agreed to review the spending plan again in the spring, when the tax figures are known.";
        let text = format!(
            "Home | News | Sport | Weather\nSign in\nSubscribe\nShare this article\n\
             Budget vote\n{prose}\nWhat comes next\n{more}\n\
             Council pay rise approved\nTrain delays expected on Monday\nRoad works close the high street\n"
        );
        let r = roles(&text);
        let kept: Vec<&str> = r
            .iter()
            .filter(|(role, _)| matches!(role, Role::Paragraph | Role::Heading))
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(kept, [prose, "What comes next", more], "{r:?}");
        // A clean text (no furniture) keeps its short lines wherever they stand.
        let clean = format!("{prose}\nWhat comes next\n{more}\nCouncil pay rise approved\nTrain delays expected\n");
        assert!(
            roles(&clean)
                .iter()
                .all(|(role, _)| matches!(role, Role::Paragraph | Role::Heading))
        );
    }

    #[test]
    fn the_title_repeated_over_text_starts_the_article() {
        let teasers = "Stocks close higher as oil prices fall for a third straight day.\n\
                       The central bank is expected to hold rates steady next week, economists say.\n\
                       Home sales slipped in March as mortgage costs stayed high for buyers.\n";
        let article = "The harbour ferry returned to service on Monday after three months of repairs to its \
                       engines and hull, the operator said.\n\
                       Regular passengers gathered on the quay to welcome it back, some with flags, and the \
                       crew sounded the horn as it left for the first crossing of the spring.\n";
        let page = format!(
            "Ferry \"back in service\" after repairs - Coast Herald\nHome\nNews\nSport\nSign in\n\
             Latest\n{teasers}Ferry “back in service” after repairs\n{article}Share this article\n\
             Copyright 2024 Coast Herald\n"
        );
        let lines = lines::split(&page);
        let read = Page::read(&lines);
        let page_roles: Vec<(Role, &str)> = read.roles();
        let kept: Vec<&str> = page_roles
            .iter()
            .filter(|(role, _)| matches!(role, Role::Paragraph | Role::Heading))
            .map(|(_, t)| *t)
            .collect();
        assert_eq!(kept, article.lines().collect::<Vec<_>>(), "{page_roles:?}");
        assert!(page_roles.contains(&(Role::Headline, "Ferry “back in service” after repairs")));
        assert_eq!(
            read.meta.title.as_deref(),
            Some("Ferry “back in service” after repairs")
        );

        // The title repeated in a share box under the article, with no text under it, is not
        // where the article starts.
        let page = format!(
            "Ferry back in service - Coast Herald\nHome\nNews\nSport\nSign in\n\
             Ferry back in service\n{article}Share this link\nFerry back in service\nCopyright 2024 Coast Herald\n"
        );
        let kept: Vec<(Role, String)> = roles(&page)
            .into_iter()
            .filter(|(r, _)| *r == Role::Paragraph)
            .collect();
        assert_eq!(kept.len(), 2, "{kept:?}");
    }

    #[test]
    fn a_chinese_related_box_ends_the_article_of_a_page_dump() {
        let head = "示例新闻网|新闻中心\n首页 > 新闻中心 > 社会\n登录 注册\n城市书房成为市民第二客厅\n\
                    2024年03月20日 16:05 来源：示例日报\n\
                    走进位于老城区的一家城市书房，二十多位市民正安静地阅读，书房每天早上八点开门，晚上十点闭馆。\n\
                    据当地文化部门介绍，全市已建成城市书房四十余家，去年累计接待读者超过一百万人次。\n";
        // Teasers with summaries long enough to read as text.
        let teasers = "示例日报·2 天前\n老旧小区加装电梯提速\n\
                       今年以来，多地加快推进老旧小区加装电梯工作，简化审批流程，加大资金补贴力度，居民上下楼更方便了。\n\
                       示例日报·3 天前\n社区食堂开进老小区\n\
                       中午十一点，位于城东老小区的社区食堂已经坐满了人，一份两荤一素的套餐只要十二元，老人还能打折。\n";
        let page = format!("{head}【打印】【关闭】\n其他人也在看\n{teasers}");
        assert_eq!(kept(&page).len(), 2, "{:?}", roles(&page));
        // In a menu of short lines it is a menu item.
        let menu = format!("{head}【打印】【关闭】\n相簿\n留言\n相关文章\n{teasers}");
        assert!(kept(&menu).len() > 2, "{:?}", kept(&menu));
        // An English `Related` promo inside the article ends nothing.
        let english = "Example News\nHome\nSign in\nSubscribe\n\
                       The council approved the new budget on Tuesday after a long debate about school funding.\n\
                       Related\nRoad works close the high street\n\
                       Members agreed to review the spending plan again in the spring, when the tax figures are known.\n";
        assert!(kept(english).iter().any(|t| t.starts_with("Members agreed")));
    }

    fn kept(page: &str) -> Vec<String> {
        roles(page)
            .into_iter()
            .filter(|(r, _)| matches!(r, Role::Paragraph | Role::Heading))
            .map(|(_, t)| t)
            .collect()
    }

    /// A wiki page dumped whole, in a language no word list knows: its menus come back at the
    /// foot, its headings carry edit links, and its title names the wiki after the headline.
    #[test]
    fn a_wiki_page_in_any_language_is_read_by_shape() {
        let lead = "Valdorra ye un lugar d'a val de l'Ebro, con una poblacion de 212 habitants en \
                    o censo de 2020, y una superficie de 14 km².";
        let history = "O lugar ye mentato por primer vegada en un documento de 1135, quan o rei ne \
                       fació donación a o monesterio de San Chuan.";
        let page = format!(
            "Valdorra - Wikiplaneta, a enciclopedia libre\nIr a lo conteniu\nMenu\nPortalada\n\
             Zaguers cambeos\nAduya\nCreyar cuenta\nDentrar\nValdorra\n12 luengas\nAsturianu\n\
             Català\nDeutsch\nEnglish\nEspañol\nFrançais\nItaliano\nPolski\nPortuguês\nSvenska\n\
             Leyer\nEditar\nAmostrar l'historial\nFerramientas\nLeyer\nEditar\nAmostrar l'historial\n\
             {lead}\nHistoria[editar | codigo]\n{history}\n\
             Cheografia[editar | codigo]\n\
             Ye situato a 420 metros d'altaria, a 30 km d'a capital d'a suya provincia, en a riba d'o río.\n\
             Portalada\nZaguers cambeos\nAduya\nCreyar cuenta\nDentrar\n"
        );
        let lines = lines::split(&page);
        let read = Page::read(&lines);
        let kept: Vec<&str> = read
            .roles()
            .into_iter()
            .filter(|(r, _)| matches!(r, Role::Paragraph | Role::Heading))
            .map(|(_, t)| t)
            .collect();
        assert_eq!(kept[0], lead, "{kept:?}");
        assert!(kept.contains(&"Historia"), "{kept:?}");
        assert!(kept.contains(&history), "{kept:?}");
        assert!(
            !kept
                .iter()
                .any(|t| t.contains("[editar") || *t == "Portalada" || *t == "Deutsch")
        );
        assert_eq!(read.meta.title.as_deref(), Some("Valdorra"));
        assert_eq!(read.meta.site.as_deref(), Some("Wikiplaneta, a enciclopedia libre"));
    }

    /// Edit links are taken off only where the page repeats them; one bracket is the text's.
    #[test]
    fn edit_links() {
        assert_eq!(edit_link("Historia[editar | codigo]"), Some("[editar | codigo]"));
        assert_eq!(edit_link("History [edit]"), Some("[edit]"));
        assert_eq!(edit_link("See note [1]"), None);
        assert_eq!(edit_link("[edit]"), None);
        let links: HashSet<&str> = ["[edit]"].into_iter().collect();
        assert_eq!(without_edit_link("History [edit]", &links), "History");
        assert_eq!(without_edit_link("History [sic]", &links), "History [sic]");
    }

    /// After the article, teasers (a title, a one-sentence summary, a time) go even though their
    /// summaries are sentences; paragraphs that stand together outside the densest stretch stay.
    #[test]
    fn teasers_after_the_article_go() {
        let article = [
            "The city council voted on Tuesday to extend the night bus service to the eastern suburbs, after a petition signed by more than four thousand residents.",
            "The new routes will run every thirty minutes between midnight and five in the morning, starting in September, and will cost the city about two million a year.",
            "Councillors who opposed the plan said the money would be better spent on the existing daytime routes, which are often late and overcrowded.",
        ];
        let teasers = "More Local\nLibrary reopens after flood repairs\n\
                       The central library reopened on Monday after six months of repairs to its basement and archive rooms.\n\
                       2H ago\nSchool term dates changed for next year\n\
                       Parents will have an extra week off in October under the new calendar agreed by the board.\n\
                       5H ago\nMarket square to be pedestrianised\n\
                       Cars will be banned from the old market square from next spring, the council has confirmed.\n\
                       9H ago\n";
        let page = format!(
            "Night buses for the east - Example Post\nHome\nNews\nSport\nSign in\n\
             Night buses for the east\n{}\nShare this article\n{teasers}",
            article.join("\n")
        );
        assert_eq!(kept(&page), article, "{:?}", roles(&page));
    }

    /// A table of figures closing a post, over its tag line: the rows are not a menu the tag line
    /// ends, and stay with their header.
    #[test]
    fn a_table_after_the_last_paragraph_is_not_the_page_foot() {
        let rows = [
            "地区    常住人口（万人）    城镇化率（%）",
            "四川省    8372.0    58.4",
            "河南省    9815.0    57.1",
            "安徽省    6121.0    60.2",
        ];
        for separator in ["    ", "\t"] {
            let rows: Vec<String> = rows.iter().map(|r| r.replace("    ", separator)).collect();
            let page = format!(
                "小李的博客\n慢慢来，比较快\n成都三日游，记录一下\n发表于 2024年03月02日 08:12 分类：游记\n\
                 早上六点就出发了，高速上车不多，差不多中午到了成都。傍晚在江边散步，夕阳照在水面上。\n\
                 这次一共花了三千块钱左右，交通住宿占了大头，下面附上查到的几个省份的数据。\n\
                 数据来源：各地统计公报\n{}\n标签：旅行 成都\n",
                rows.join("\n")
            );
            let kept = kept(&page);
            for row in &rows {
                assert!(kept.contains(row), "lost {row:?}: {kept:?}");
            }
            assert!(!kept.iter().any(|k| k.starts_with("标签")), "{kept:?}");
        }
        assert!(is_table_row("Ohio 41.2% 38.9%"));
        assert!(!is_table_row("示例日报·2 天前"));
        assert!(!is_table_row("Top 10 films of 2024"));
    }

    #[test]
    fn titles_repeated_with_other_quotes_and_spacing() {
        assert!(same_title(
            "Ferry “back in service”  after repairs",
            "Ferry \"back in service\" after repairs"
        ));
        assert!(same_title("Markets Rally – Again", "markets rally - again"));
        assert!(!same_title("Ferry back in service", "Ferry back in service again"));
        assert!(!same_title("", "Ferry"));
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

/// `TEXT_ROLES=path cargo test --lib text::layout::print_roles -- --ignored --nocapture` shows
/// what each line of a page turned out to be.
#[cfg(test)]
#[test]
#[ignore]
fn print_roles() {
    let Ok(path) = std::env::var("TEXT_ROLES") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let lines = super::lines::split(&text);
    let page = Page::read(&lines);
    for (role, text) in page.roles() {
        let clipped: String = text.chars().take(70).collect();
        println!("{role:?}\t{clipped}");
    }
}
