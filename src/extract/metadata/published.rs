//! When the article was first published, on the page's own calendar.
//!
//! The first of: JSON-LD `datePublished`, the publication meta tags, microdata, `<time>`
//! elements marked as the publication's, labelled dates near the article (`Published …`,
//! `发布时间：…`, never an `Updated` one), `<time>` elements after the headline, the byline's
//! date, dated lines of the article's header, other date meta tags (`apub:time`), short dated
//! lines around the article's end (a signature's date), a month and day shown without the year
//! (`发布时间：10-08`) completed from the page's modification date, the URL's date, and last the
//! modification date itself. Dates inside the body's prose never date the article.
//!
//! The day is the page's own. A time declared in UTC (`…T01:18:13Z`) is written at the page's
//! offset, which is, in order: the offset its other declarations of the article's dates carry
//! (publication and modification meta tags, JSON-LD, marked `<time>` elements), when they agree;
//! the offset of its language's country (Japanese and Korean +09:00, Chinese +08:00); or, when
//! the byline shows a time on another day, the difference between the shown time and the
//! declared instant. A time written without an offset gets the page's offset too. Midnight UTC
//! is a date written as a time, and stays that date.

use std::sync::LazyLock;

use regex::Regex;

use super::super::analyze::Page;
use super::super::select::Selection;
use super::{DATE_LABEL, Found, first_date};
use crate::meta::byline::{self, Byline};
use crate::meta::{DateTime, date_from_url, find_date};

const PUBLISHED_META_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "publishtime",
    "firstpublishedtime",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "article:published",
    "og:published_time",
    "date",
    "created",
];

const MODIFIED_META_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dateupdate",
    "lastmodifiedtime",
    "last-modified",
    "dcterms.modified",
];

/// What the page's language says of its offset: the country most pages in it are written in.
pub fn language_offset(lang: Option<&str>, chinese: bool) -> Option<i32> {
    match lang {
        Some("ja" | "ko") => Some(540),
        Some("zh") => Some(byline::CHINA_OFFSET_MINUTES),
        _ => chinese.then_some(byline::CHINA_OFFSET_MINUTES),
    }
}

/// The offset the page's declared dates agree on, UTC aside (a server writes UTC whatever the
/// page's zone).
fn declared_offset(found: &Found) -> Option<i32> {
    let mut offsets: Vec<i32> = Vec::new();
    let meta_dates = found
        .meta
        .iter()
        .filter(|(k, _)| PUBLISHED_META_KEYS.contains(&k.as_str()) || MODIFIED_META_KEYS.contains(&k.as_str()))
        .map(|(_, v)| v.as_str());
    let ld = found
        .ld
        .published
        .iter()
        .chain(found.ld.modified.iter())
        .map(String::as_str);
    let marked = found
        .times
        .iter()
        .filter(|(_, _, marked)| *marked)
        .map(|(_, v, _)| v.as_str());
    for value in meta_dates
        .chain(ld)
        .chain(marked)
        .chain(found.item_dates.iter().map(String::as_str))
        .take(64)
    {
        if let Some(offset) = find_date(value)
            .and_then(|d| d.time.and(d.offset_minutes))
            .filter(|&o| o != 0)
        {
            offsets.push(offset);
        }
    }
    let first = *offsets.first()?;
    offsets.iter().all(|&o| o == first).then_some(first)
}

/// `10-08`, `18-03-08`: a month and day (and a two-digit year) without the full year.
static SHORT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])(?:(?P<y>[0-9]{2})[-/.])?(?P<mo>[01]?[0-9])[-/.](?P<d>[0-3]?[0-9])(?:[^0-9]|$)")
        .expect("valid pattern")
});

/// The date of a labelled line that shows the month and day only, its year taken from `known`
/// (the modification date): the latest year that does not put it after `known`.
fn completed_short_date(line: &str, known: DateTime) -> Option<DateTime> {
    let rest = DATE_LABEL.find(line).map(|m| &line[m.end()..])?;
    let caps = SHORT_DATE.captures(rest)?;
    let month: u8 = caps["mo"].parse().ok()?;
    let day: u8 = caps["d"].parse().ok()?;
    let year = match caps.name("y") {
        Some(y) => 2000 + y.as_str().parse::<u16>().ok()?,
        None if (month, day) <= (known.month, known.day) => known.year,
        None => known.year.checked_sub(1)?,
    };
    find_date(&format!("{year:04}-{month:02}-{day:02}"))
}

/// The publication date, in ISO 8601.
#[allow(clippy::too_many_arguments)]
pub fn decide(
    page: &Page<'_>,
    found: &Found,
    selection: &Selection,
    lines: &[&str],
    header: &[&str],
    page_url: Option<&str>,
    lang: Option<&str>,
    chinese: bool,
) -> Option<String> {
    // The page's own lines date an article; on an index page they date the teasers.
    let article = !selection.kept.is_empty() && !selection.index;
    let meta_date = found.meta(PUBLISHED_META_KEYS);
    let marked_times = found
        .times
        .iter()
        .filter(|(_, _, marked)| *marked)
        .map(|(_, v, _)| v.as_str());
    let content_times = found
        .times
        .iter()
        .filter(|(id, _, _)| {
            found
                .headline
                .is_some_and(|h| page.pos[*id as usize] > page.pos[h as usize])
                || page.contains(selection.root, *id)
        })
        .map(|(_, v, _)| v.as_str());
    let header_bylines: Vec<Byline> = header.iter().filter_map(|l| byline::parse_line(l)).collect();
    let shown = header_bylines.iter().find_map(|b| b.published);
    // A labelled date that is not an update's.
    let labelled = |l: &&&str| {
        article
            && l.chars().count() < 200
            && DATE_LABEL.is_match(l)
            && byline::parse_line(l).is_none_or(|b| b.updated.is_none() || b.published.is_some())
    };
    let labelled_date = lines
        .iter()
        .filter(labelled)
        .find_map(|l| byline::parse_line(l).and_then(|b| b.published).or_else(|| find_date(l)));
    let modified = found
        .ld
        .modified
        .as_deref()
        .and_then(find_date)
        .or_else(|| found.meta(MODIFIED_META_KEYS).and_then(find_date));
    let other_meta = found
        .meta
        .iter()
        .filter(|(k, _)| {
            (k.contains("time") || k.contains("date") || k.contains("publish"))
                && !["modif", "updat", "expir", "revis", "edit", "last", "effective", "make"]
                    .iter()
                    .any(|w| k.contains(w))
        })
        .find_map(|(_, v)| find_date(v));
    // JSON-LD describes the article itself; meta tags are sometimes the page's (a republished
    // or updated copy).
    let declared = found
        .ld
        .published
        .as_deref()
        .and_then(find_date)
        .or_else(|| meta_date.and_then(find_date))
        .or_else(|| first_date(&found.item_dates))
        .or_else(|| first_date(marked_times));
    let published = declared
        .or(labelled_date)
        .or_else(|| first_date(content_times.filter(|_| article)))
        .or(shown.filter(|_| article))
        .or_else(|| first_date(header.iter().filter(|l| article && l.chars().count() < 120)))
        .or(other_meta)
        // The dated lines around the article's end (a signature's date); never a longer line of
        // the body.
        .or_else(|| first_date(lines.iter().filter(|l| article && l.chars().count() < 120)))
        .or_else(|| {
            modified.and_then(|m| {
                lines
                    .iter()
                    .filter(|l| article && l.chars().count() < 80)
                    .find_map(|l| completed_short_date(l, m))
            })
        })
        .or_else(|| page_url.and_then(date_from_url))
        .or(modified)?;

    let zone = declared_offset(found).or_else(|| language_offset(lang, chinese));
    let published = published.with_implied_offset(zone);
    let midnight_utc = published.time == Some((0, 0, 0)) && published.offset_minutes == Some(0);
    let published = match (zone, published.offset_minutes) {
        (Some(zone), Some(0)) if zone != 0 && !midnight_utc => published.at_offset(zone),
        _ => published,
    };
    // The byline shows another day than the instant declared in UTC: the page's clock is the
    // byline's.
    let declared_utc = declared.is_some_and(|d| d.offset_minutes == Some(0));
    let published = match (declared_utc, shown) {
        (true, Some(shown))
            if (shown.year, shown.month, shown.day) != (published.year, published.month, published.day) =>
        {
            match (shown.wall_minutes(), published.wall_minutes(), published.offset_minutes) {
                (Some(shown_wall), Some(wall), Some(offset)) => {
                    let delta = shown_wall - (wall - i64::from(offset));
                    if delta.abs() <= 14 * 60 && delta % 15 == 0 {
                        published.at_offset(delta as i32)
                    } else {
                        published
                    }
                }
                _ => published,
            }
        }
        _ => published,
    };
    Some(published.to_iso())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_and_day_take_the_modification_year() {
        let modified = find_date("2019-10-08 12:00:57").unwrap();
        let iso = |line: &str| completed_short_date(line, modified).map(|d| d.to_iso());
        assert_eq!(iso("发布时间：10-08").as_deref(), Some("2019-10-08"));
        // After the modification's day: the year before.
        assert_eq!(iso("发布时间：12-30").as_deref(), Some("2018-12-30"));
        assert_eq!(iso("发布时间：18-03-08").as_deref(), Some("2018-03-08"));
        assert_eq!(iso("阅读 1024"), None);
    }
}
