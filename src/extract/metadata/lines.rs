//! The page's lines where bylines, dates and sources are written (near the headline, around
//! the content's end), and their byline material, each distinct line parsed once: the
//! publication date and the author read the same lines.

use std::borrow::Cow;

use super::super::analyze::Page;
use super::super::select::Selection;
use super::Found;
use crate::content::BlockKind;
use crate::meta::byline::{Byline, parse_line};

/// The lines near the headline (where bylines, dates and sources are written) and the lines
/// around the end of the content.
pub(super) fn nearby_lines<'p>(page: &'p Page<'_>, found: &Found, selection: &Selection) -> Vec<&'p str> {
    let blocks = &page.blocks;
    let start = match found.headline {
        Some(h) => {
            let hp = page.pos[h as usize];
            blocks.partition_point(|b| page.pos[b.container as usize] < hp)
        }
        None => selection.kept.first().map_or(0, |&k| k.saturating_sub(12)),
    };
    // After the article, a line that is all link text is a widget's own credit (`by Project
    // Agora` under a sponsored-links box, `Powered by …`), not the article's byline or source.
    let end = selection.kept.last().copied();
    // Nor is a line of the comment thread or the reviews (`Birgit S. – 4. September 2023`): a
    // commenter is no author.
    let usable = |i: usize| {
        let b = &blocks[i];
        let comment = b.aside.is_some_and(|a| {
            page.evidence(page.asides[a].root).negative == Some(super::super::classify::Negative::Comments)
        });
        end.is_none_or(|end| i <= end) || (!comment && (b.link_words < b.measure.words || b.measure.words == 0.0))
    };
    // The usable lines among `len` blocks from `from`.
    let window = |from: usize, len: usize| {
        (from..blocks.len().min(from.saturating_add(len)))
            .filter(|&i| usable(i))
            .map(|i| blocks[i].text.as_str())
    };
    let mut lines: Vec<&str> = window(start, 30).collect();
    if let Some(last) = end {
        lines.extend(window(last.saturating_sub(3), 12));
    }
    lines
}

/// The lines between the headline and the article's first line (where bylines and dates are
/// written), or the dozen before the article when no headline is known.
pub(super) fn header_lines<'p>(page: &'p Page<'_>, found: &Found, selection: &Selection) -> Vec<&'p str> {
    let blocks = &page.blocks;
    let Some(&first) = selection.kept.first() else {
        return Vec::new();
    };
    let start = match found.headline {
        Some(h) => {
            let hp = page.pos[h as usize];
            blocks.partition_point(|b| page.pos[b.container as usize] < hp)
        }
        None => first.saturating_sub(12),
    };
    // The article's first line of prose ends the header (its headline may be kept with it).
    let end = selection
        .kept
        .iter()
        .copied()
        .find(|&k| k >= start && blocks[k].kind != BlockKind::Heading && blocks[k].measure.words >= 12.0)
        .unwrap_or(first)
        .max(start);
    (start..end.min(start + 30).min(blocks.len()))
        .map(|i| blocks[i].text.as_str())
        .collect()
}

/// [`parse_line`] of each distinct line of the nearby lines, then of the header lines.
pub(super) struct Parsed<'p> {
    lines: Vec<(&'p str, Option<Byline>)>,
    /// How many of `lines` are the nearby lines'.
    nearby: usize,
}

impl<'p> Parsed<'p> {
    /// The lines after the article overlap the lines from the headline on a short article, and
    /// the header lines are most often nearby lines too: a line met before is parsed once, as its
    /// repeat can answer nothing the first did not.
    pub(super) fn of(nearby: &[&'p str], header: &[&'p str]) -> Parsed<'p> {
        let mut parsed = Parsed {
            lines: Vec::with_capacity(nearby.len()),
            nearby: 0,
        };
        for (i, part) in [nearby, header].into_iter().enumerate() {
            for &line in part {
                if !parsed.lines.iter().any(|(l, _)| *l == line) {
                    parsed.lines.push((line, parse_line(line)));
                }
            }
            if i == 0 {
                parsed.nearby = parsed.lines.len();
            }
        }
        parsed
    }

    /// [`parse_line`] of `line`: looked up when it is one of the lines parsed, else parsed.
    pub(super) fn get(&self, line: &str) -> Option<Cow<'_, Byline>> {
        match self.lines.iter().find(|(l, _)| *l == line) {
            Some((_, byline)) => byline.as_ref().map(Cow::Borrowed),
            None => parse_line(line).map(Cow::Owned),
        }
    }

    /// The bylines of the nearby lines, in order.
    pub(super) fn into_bylines(mut self) -> Vec<Byline> {
        self.lines.truncate(self.nearby);
        self.lines.into_iter().filter_map(|(_, b)| b).collect()
    }
}
