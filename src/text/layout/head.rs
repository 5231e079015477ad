//! The page head of a text page: the headline (found above the byline, or echoed from a
//! `<title>` line the dump opens with), the kicker, site and breadcrumb lines above it, and the
//! column of teaser links some portals print beside it.

use super::*;

impl<'a> Page<'a> {
    /// A page dumped with its `<title>` first (as WET records are) repeats the title as the
    /// headline further down: the first line goes, the repeat is the headline.
    pub(super) fn title_echo(&mut self, head: &mut HeadMeta) -> Option<usize> {
        let first = self.entries.first()?.text;
        if !is_title_like(first) || units(first) < 3 {
            return None;
        }
        let (title, site) = split_title_site(first);
        let find = |title: &str| {
            (1..self.entries.len().min(MAX_TITLE_ECHO_DISTANCE)).find(|&i| same_title(self.text(i), title))
        };
        let (echo, site) = match find(&title).or_else(|| find(first)) {
            Some(echo) => (echo, site),
            None => {
                // `Escopete - Biquipedia, a enciclopedia libre`: whatever the site's name, the
                // piece the page prints again on a line of its own is the headline, the rest
                // the site.
                let (echo, title, site) = title_pieces(first)
                    .into_iter()
                    .find_map(|(piece, rest)| find(piece).map(|echo| (echo, piece, rest)))?;
                self.title_split = Some((title.to_string(), Some(site.to_string())));
                (echo, Some(site.to_string()))
            }
        };
        self.entries[0].role = Role::Chrome;
        if let Some(site) = site {
            head.site.get_or_insert(site);
        }
        Some(echo)
    }

    /// The page above and around the byline block at `anchor`; returns where the article starts.
    pub(super) fn read_head_with_byline(&mut self, anchor: usize, echo: Option<usize>, head: &mut HeadMeta) -> usize {
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
            let i = group_start - 1;
            if self.is_byline(i) || self.entries[i].role != Role::Paragraph || is_page_head_line(self.text(i)) {
                break;
            }
            group_start -= 1;
        }
        let mut headline = echo.filter(|e| (group_start..anchor).contains(e));
        if headline.is_none() {
            for i in (group_start..anchor).rev() {
                let text = self.text(i);
                if is_subtitle(text) {
                    self.entries[i].role = Role::Subtitle;
                } else if labelled_title(text).is_some()
                    || is_title_like(text) && !is_kicker(text) && !starts_with_date(text) && !self.closes_column(i)
                {
                    headline = Some(i);
                    break;
                }
                // Otherwise a deck or standfirst under the headline: article text, kept.
            }
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
                    } else if self.entries[i].prose && !self.entries[i].page_furniture {
                        Role::Paragraph
                    } else {
                        Role::Chrome
                    };
                }
                for i in h + 1..anchor {
                    if is_subtitle(self.text(i)) {
                        self.entries[i].role = Role::Subtitle;
                    }
                }
            }
            None => {
                // The last items of a column of short lines above (a menu, a list one name a
                // line) go with the column.
                for i in group_start..anchor {
                    if self.entries[i].role == Role::Paragraph && self.closes_column(i) {
                        self.entries[i].role = Role::Chrome;
                    }
                }
                // Some portals print the date and source above the headline.
                let below = echo.filter(|&e| e == end + 1).or_else(|| self.headline_at(end + 1));
                if let Some(h) = below {
                    self.entries[h].role = Role::Headline;
                    head.headline = Some(h);
                    body_start = h + 1;
                }
            }
        }
        self.read_page_head(group_start, head);
        self.skip_furniture_before_text(body_start, &mut head.byline)
    }

    /// Between the byline block and the first paragraph, share counters, photo credits and
    /// comment counts: dropped up to the last furniture line when all are short.
    fn skip_furniture_before_text(&mut self, start: usize, byline: &mut Byline) -> usize {
        let n = self.entries.len();
        let Some(first_text) = (start..n).find(|&i| self.is_article_prose(i)) else {
            return start;
        };
        let last_furniture = (start..first_text).rev().find(|&i| {
            let e = &self.entries[i];
            e.page_furniture || e.byline.is_some()
        });
        let Some(last) = last_furniture else {
            return start;
        };
        if (start..=last).any(|i| self.entries[i].prose || self.entries[i].units > 12) {
            return start;
        }
        for i in start..=last {
            if self.is_byline(i) {
                self.take_byline(i, byline);
            } else {
                self.entries[i].role = Role::Chrome;
            }
        }
        last + 1
    }

    /// The page head of a page with no byline block: above the first paragraph. When it holds
    /// page furniture (a masthead, a menu, a breadcrumb trail, the page title), it is page head,
    /// and its last headline-shaped line is the headline. Otherwise the text starts at the top.
    pub(super) fn read_head_without_byline(
        &mut self,
        first_prose: usize,
        echo: Option<usize>,
        head: &mut HeadMeta,
    ) -> usize {
        let furnished = echo.is_some_and(|e| e < first_prose)
            || (0..first_prose).any(|i| {
                let text = self.text(i);
                site_header(text).is_some() || breadcrumb(text).is_some() || self.entries[i].page_furniture
            });
        if !furnished {
            return 0;
        }
        let headline = echo.filter(|&e| e < first_prose).or_else(|| {
            (first_prose.saturating_sub(MAX_HEADLINE_GROUP)..first_prose)
                .rev()
                .find(|&i| self.can_be_headline(i))
        });
        let Some(h) = headline else {
            self.read_page_head(first_prose, head);
            return first_prose;
        };
        self.entries[h].role = Role::Headline;
        head.headline = Some(h);
        self.read_page_head(h, head);
        for i in h + 1..first_prose {
            let text = self.text(i);
            if self.is_byline(i) {
                self.take_byline(i, &mut head.byline);
            } else if is_subtitle(text) {
                self.entries[i].role = Role::Subtitle;
            } else if self.entries[i].page_furniture {
                self.entries[i].role = Role::Chrome;
            }
        }
        h + 1
    }

    /// Whether line `i` (above the first paragraph) can be the headline.
    fn can_be_headline(&self, i: usize) -> bool {
        let e = &self.entries[i];
        let text = e.text;
        e.role == Role::Paragraph
            && e.byline.is_none()
            && !e.chrome
            && !starts_with_date(text)
            && (labelled_title(text).is_some()
                || is_title_like(text)
                    && !is_kicker(text)
                    && !is_page_head_line(text)
                    && units(text) >= 3
                    && !self.closes_column(i))
    }

    /// A line that can be an item of a column of short lines: not prose, a byline, a bullet or
    /// numbered item, a row of a table, or a line already placed.
    pub(super) fn is_column_item(&self, i: usize) -> bool {
        let e = &self.entries[i];
        e.role == Role::Paragraph
            && !e.prose
            && e.byline.is_none()
            && (1..=COLUMN_ITEM_UNITS).contains(&e.units)
            && !starts_list_item(e.text)
            && !is_table_row(e.text)
    }

    /// Whether line `i` ends a column of short lines (a menu, a list written one name a line) and
    /// is no longer than they are: an item of the column, not the headline under it.
    fn closes_column(&self, i: usize) -> bool {
        self.column_item_of(i, self.entries[..i].iter().rev())
    }

    /// Whether line `i` starts a column of short lines and is no longer than they are: an item
    /// of the column, not the page's title over it.
    pub(super) fn opens_column(&self, i: usize) -> bool {
        self.column_item_of(i, self.entries[i + 1..].iter())
    }

    /// Whether line `i` is short and the [`MIN_COLUMN_BESIDE`] lines of `beside` (those next to
    /// it, nearest first) are short lines at least as long.
    fn column_item_of<'e>(&self, i: usize, beside: impl Iterator<Item = &'e Entry<'a>>) -> bool
    where
        'a: 'e,
    {
        let words = self.entries[i].units;
        if words > COLUMN_ITEM_UNITS {
            return false;
        }
        let mut longest = 0;
        let mut count = 0;
        for e in beside.take(MIN_COLUMN_BESIDE) {
            if e.prose || e.byline.is_some() || e.units == 0 || e.units > COLUMN_ITEM_UNITS {
                break;
            }
            longest = longest.max(e.units);
            count += 1;
        }
        count == MIN_COLUMN_BESIDE && words <= longest
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
        (is_title_like(text) && !is_kicker(text) && !starts_with_date(text) && next_is_text && !self.closes_column(i))
            .then_some(i)
    }

    /// The lines above `end` (above the headline): masthead, navigation, breadcrumbs, dates,
    /// other articles' titles. Lines that may be text (sentences, lists: a keyword head for the
    /// spam stage) are kept.
    fn read_page_head(&mut self, end: usize, head: &mut HeadMeta) {
        // The line above was the site's masthead or a menu bar.
        let mut under_menu = false;
        for i in 0..end {
            if self.entries[i].role != Role::Paragraph {
                under_menu = false;
                continue;
            }
            let text = self.text(i);
            let bar_names = is_bar_joined_names(text);
            let site = site_header(text);
            let page_furniture = self.entries[i].page_furniture;
            let menu = site.is_some() || bar_names && (under_menu || page_furniture);
            let role = if let Some(site) = site {
                head.site.get_or_insert(site);
                Role::Chrome
            } else if bar_names && under_menu {
                // A run of short names joined by bars right under the site's menu is a menu
                // too (`手机|数码|家电|…` under `首页|新闻|体育|…`), whatever its names.
                Role::Chrome
            } else if let Some(crumbs) = breadcrumb(text) {
                if head.breadcrumbs.is_empty() {
                    head.breadcrumbs = crumbs;
                }
                Role::Chrome
            } else if self.is_byline(i) {
                self.take_byline(i, &mut head.byline);
                Role::Byline
            } else if is_outlet_name(text) {
                head.site.get_or_insert_with(|| text.to_string());
                Role::Chrome
            } else if page_furniture {
                Role::Chrome
            } else if is_kicker(text) {
                Role::Kicker
            } else if !self.entries[i].prose
                && !is_list_like(text)
                && (self.entries[i].units <= 8 || is_title_like(text))
            {
                // Short lines and headline-shaped lines above the headline are menus, section
                // names and other articles' titles.
                Role::Chrome
            } else {
                Role::Paragraph
            };
            self.entries[i].role = role;
            under_menu = menu;
        }
    }
}

/// The pieces of a page title at its separators (`Headline - Site`, `Site | Headline`), each with
/// the rest of the title, longest piece first: a headline of at least one word, a site of at
/// most [`MAX_SITE_UNITS`].
fn title_pieces(title: &str) -> Vec<(&str, &str)> {
    const SEPARATORS: &[&str] = &[" - ", " | ", " – ", " — ", " · ", " :: ", " » ", " : ", "｜", "_"];
    let mut pieces = Vec::new();
    for sep in SEPARATORS {
        for (at, _) in title.match_indices(sep) {
            let (left, right) = (title[..at].trim(), title[at + sep.len()..].trim());
            for (piece, rest) in [(left, right), (right, left)] {
                if units(piece) >= 1 && (1..=MAX_SITE_UNITS).contains(&units(rest)) {
                    pieces.push((piece, rest));
                }
            }
        }
    }
    pieces.sort_by_key(|(piece, _)| std::cmp::Reverse(piece.len()));
    pieces
}

/// Lines that end the search for a headline upwards: page head furniture and bare names.
fn is_page_head_line(text: &str) -> bool {
    site_header(text).is_some()
        || breadcrumb(text).is_some()
        || is_page_furniture(text)
        || is_outlet_name(text)
        || units(text) <= 2 && !is_kicker(text)
}

/// A line that opens with a date (`2019年09月11日01:53 新浪科技 …`) is a dateline, not a headline.
fn starts_with_date(text: &str) -> bool {
    let head: String = text.chars().take(24).collect();
    let digits = head.chars().take_while(|c| c.is_ascii_digit()).count();
    digits == 4 && crate::meta::find_date(&head).is_some()
}

/// Whether a line repeats a title: the same text up to the style of quotes and dashes, letter
/// case and spacing (a `<title>` often has straight quotes where the headline has curly ones).
pub(super) fn same_title(line: &str, title: &str) -> bool {
    fn normalized(text: &str) -> impl Iterator<Item = char> + '_ {
        text.split_whitespace()
            .flat_map(|word| std::iter::once(' ').chain(word.chars()))
            .skip(1)
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
                '‘' | '’' | '‚' | '‛' | '′' => '\'',
                '–' | '—' | '―' | '‐' | '‑' => '-',
                _ => c,
            })
    }
    line.len().abs_diff(title.len()) <= title.len() / 4 + 8 && normalized(line).eq(normalized(title))
}
