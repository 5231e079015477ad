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
use crate::meta::byline;
use crate::meta::date::find_month_day_clock_near;
use crate::meta::{DateTime, date_from_url, find_date, find_date_and_clock};

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
        .chain(found.item_dates.iter().map(|(value, _)| value.as_str()))
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

/// The offset a pair of readings of one instant shows: a local wall-clock reading and the
/// instant with its offset. `None` unless the difference is a whole quarter hour within ±14 h
/// (and not zero: two readings in UTC say nothing of the page's zone).
fn offset_between(local: DateTime, instant: DateTime) -> Option<i32> {
    let delta = local.wall_minutes()? - (instant.wall_minutes()? - i64::from(instant.offset_minutes?));
    (delta != 0 && delta.abs() <= 14 * 60 && delta % 15 == 0).then_some(delta as i32)
}

/// The page's offset as its own pages show it, from two readings of one instant:
/// - a `<time>` element whose text shows the local time of the instant its `datetime` declares
///   (`<time datetime="2019-11-19T07:03:25+00:00">November 18, 2019 11:03 PM</time>`, or the
///   text's own zone, `11:26 pm EST`);
/// - a publication time declared without an offset beside the same publication declared in UTC
///   (`sailthru.date` `2019-11-18 20:58:46`, JSON-LD `2019-11-19T04:58:46Z`): the same minute
///   and second, whole hours apart.
fn shown_offset(page: &Page<'_>, found: &Found) -> Option<i32> {
    for (id, value, _) in &found.times {
        let Some(instant) = find_date(value).filter(|d| d.time.is_some() && d.offset_minutes.is_some()) else {
            continue;
        };
        let text = super::element_text(page, *id, 120);
        if text.chars().count() > 100 {
            continue;
        }
        // The text may leave the year out (`Posted Nov 18, 8:19 PM`): it is the instant's.
        let Some(local) = find_date_and_clock(&text)
            .or_else(|| find_month_day_clock_near(&text, &instant))
            .filter(|d| d.time.is_some())
        else {
            continue;
        };
        if let Some(offset) = offset_between(local, instant) {
            return Some(offset);
        }
    }
    let published: Vec<DateTime> = found
        .ld
        .published
        .iter()
        .map(String::as_str)
        .chain(
            found
                .meta
                .iter()
                .filter(|(k, _)| PUBLISHED_META_KEYS.contains(&k.as_str()))
                .map(|(_, v)| v.as_str()),
        )
        .chain(found.item_dates.iter().map(|(value, _)| value.as_str()))
        .take(32)
        .filter_map(find_date)
        .filter(|d| d.time.is_some())
        .collect();
    let second = |d: &DateTime| d.time.map(|(_, m, s)| (m, s));
    published
        .iter()
        .filter(|d| d.offset_minutes.is_none())
        .find_map(|local| {
            published
                .iter()
                .filter(|d| d.offset_minutes == Some(0) && second(d) == second(local))
                .find_map(|instant| offset_between(*local, *instant).filter(|o| o % 60 == 0))
        })
}

/// The offset another declaration states for the very reading `date` gives without one (a
/// `<meta itemprop=datePublished content="2019-11-19 02:24:00">` beside `<time
/// datetime="2019-11-19 02:24:00 UTC">`).
fn stated_offset(found: &Found, date: &DateTime) -> Option<i32> {
    found
        .times
        .iter()
        .map(|(_, v, _)| v.as_str())
        .chain(
            found
                .ld
                .published
                .iter()
                .chain(found.ld.modified.iter())
                .map(String::as_str),
        )
        .chain(found.meta.iter().map(|(_, v)| v.as_str()))
        .take(256)
        .filter_map(find_date)
        .find(|d| {
            d.offset_minutes.is_some()
                && d.time == date.time
                && (d.year, d.month, d.day) == (date.year, date.month, date.day)
        })
        .and_then(|d| d.offset_minutes)
}

/// How many of the page's author marks are read for the byline's date.
const MARKS_READ: usize = 3;

/// Longest line of a byline read for its date.
const AUTHOR_LINE_CHARS: usize = 160;

/// A line that dates an update (`Updated`, `aktualisiert`, `mis à jour`, `更新`).
fn is_update_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    ["updat", "aktualisiert", "modifi", "mis à jour", "actualizado", "更新"]
        .iter()
        .any(|w| lower.contains(w))
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
    parsed: &super::lines::Parsed<'_>,
    page_url: Option<&str>,
    lang: Option<&str>,
    chinese: bool,
) -> Option<String> {
    // The page's own lines date an article; on an index page they date the teasers, on an
    // event's page the event.
    let article = !selection.kept.is_empty() && !selection.index && (!found.ld.event || found.ld.article);
    let meta_date = page_meta_date(found);
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
    // The line of the writer's link or mark (`Von Moritz Muster publiziert am 25. September
    // 2018`), wherever it stands (above the headline on many themes); never an update's date.
    let author_line_date = || {
        found.author_marks.iter().take(MARKS_READ).find_map(|mark| {
            let line = super::element_text(page, super::author::enclosing_block(page, mark.id), AUTHOR_LINE_CHARS);
            if line.chars().count() >= AUTHOR_LINE_CHARS {
                return None;
            }
            match byline::parse_line(&line) {
                Some(b) if b.published.is_some() => b.published,
                Some(b) if b.updated.is_some() => None,
                _ => (!is_update_line(&line)).then(|| find_date(&line)).flatten(),
            }
        })
    };
    let shown = header.iter().find_map(|l| parsed.get(l).and_then(|b| b.published));
    // A labelled date that is not an update's.
    let labelled = |l: &&&str| {
        article
            && l.chars().count() < 200
            && DATE_LABEL.is_match(l)
            && parsed
                .get(l)
                .is_none_or(|b| b.updated.is_none() || b.published.is_some())
    };
    // The candidates below are read only when those before them found nothing (most pages
    // declare their date).
    let labelled_date = || {
        lines
            .iter()
            .filter(labelled)
            .find_map(|l| parsed.get(l).and_then(|b| b.published).or_else(|| find_date(l)))
    };
    let modified_date = std::cell::OnceCell::new();
    let modified = || {
        *modified_date.get_or_init(|| {
            found
                .ld
                .modified
                .as_deref()
                .and_then(find_date)
                .or_else(|| found.meta(MODIFIED_META_KEYS).and_then(find_date))
        })
    };
    let other_meta = || {
        found
            .meta
            .iter()
            .filter(|(k, _)| {
                (k.contains("time") || k.contains("date") || k.contains("publish"))
                    && !["modif", "updat", "expir", "revis", "edit", "last", "effective", "make"]
                        .iter()
                        .any(|w| k.contains(w))
            })
            .find_map(|(_, v)| find_date(v))
    };
    // JSON-LD describes the article itself; meta tags are sometimes the page's (a republished
    // or updated copy).
    let declared = found
        .ld
        .published
        .as_deref()
        .and_then(find_date)
        .or(meta_date)
        .or_else(|| item_date(page, found))
        .or_else(|| first_date(marked_times));
    let published = declared
        .or_else(labelled_date)
        .or_else(|| first_date(content_times.filter(|_| article)))
        .or(shown.filter(|_| article))
        .or_else(|| author_line_date().filter(|_| article))
        .or_else(|| first_date(header.iter().filter(|l| article && l.chars().count() < 120)))
        .or_else(other_meta)
        // The dated lines around the article's end (a signature's date); never a longer line of
        // the body.
        .or_else(|| first_date(lines.iter().filter(|l| article && l.chars().count() < 120)))
        .or_else(|| {
            modified().and_then(|m| {
                lines
                    .iter()
                    .filter(|l| article && l.chars().count() < 80)
                    .find_map(|l| completed_short_date(l, m))
            })
        })
        .or_else(|| page_url.and_then(date_from_url))
        .or_else(modified)?;

    let zone = declared_offset(found)
        .or_else(|| shown_offset(page, found))
        .or_else(|| language_offset(lang, chinese));
    let published = published
        .with_implied_offset(stated_offset(found, &published))
        .with_implied_offset(zone);
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
    // Nothing on the page tells its zone, but its address dates the article the day before the
    // instant declared in UTC, early in that UTC day: the site's clock is behind UTC (a US
    // evening), and the address's day is the article's. The time of day is then unknown.
    let published = match (zone, page_url.and_then(date_from_url)) {
        (None, Some(day)) if published.offset_minutes.is_none_or(|o| o == 0) && is_day_before(&day, &published) => day,
        _ => published,
    };
    Some(published.to_iso())
}

/// The date of the first publication meta tag, in order of trust, whose values agree on one day:
/// a key given several days (`<meta itemprop="datePublished">` in each teaser of a story list)
/// dates the teasers, not the page.
fn page_meta_date(found: &Found) -> Option<DateTime> {
    PUBLISHED_META_KEYS
        .iter()
        .find_map(|key| one_day(found.meta.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str())))
}

/// The microdata publication date: the one day all the items give, or else the date of the
/// story that holds the headline (an article's own `datePublished` among its teasers' dates).
fn item_date(page: &Page<'_>, found: &Found) -> Option<DateTime> {
    one_day(found.item_dates.iter().map(|(value, _)| value.as_str())).or_else(|| {
        let headline = found.headline?;
        found
            .item_dates
            .iter()
            .filter(|(_, story)| story.is_some_and(|story| page.contains(story, headline)))
            .find_map(|(value, _)| find_date(value))
    })
}

/// The date of the first of `values` that holds one, when all the dated ones fall on its day.
fn one_day<'a>(values: impl Iterator<Item = &'a str> + Clone) -> Option<DateTime> {
    let mut dates = values.filter_map(find_date);
    let first = dates.next()?;
    dates
        .all(|d| (d.year, d.month, d.day) == (first.year, first.month, first.day))
        .then_some(first)
}

/// Latest UTC hour of an instant whose day a clock behind UTC may still show as the day before.
const BEHIND_UTC_HOURS: u8 = 8;

/// Whether `day` is the calendar day before `instant`'s, and `instant` early enough in its day
/// for a clock behind UTC to show `day`.
fn is_day_before(day: &DateTime, instant: &DateTime) -> bool {
    let Some((hour, _, _)) = instant.time else {
        return false;
    };
    let next = DateTime {
        time: Some((12, 0, 0)),
        offset_minutes: Some(0),
        ..*day
    }
    .at_offset(24 * 60);
    hour < BEHIND_UTC_HOURS && (next.year, next.month, next.day) == (instant.year, instant.month, instant.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_readings_of_one_instant_give_the_offset() {
        let at = |text: &str| find_date(text).unwrap();
        assert_eq!(
            offset_between(at("2019-11-18 23:03"), at("2019-11-19T07:03:25+00:00")),
            Some(-8 * 60)
        );
        assert_eq!(
            offset_between(at("2024-03-06 0:30"), at("2024-03-05T15:30:00Z")),
            Some(9 * 60)
        );
        // India's half hour.
        assert_eq!(
            offset_between(at("2019-11-20 11:06"), at("2019-11-20T05:36:00Z")),
            Some(330)
        );
        // The same reading, readings minutes apart, or more than a day apart say nothing.
        assert_eq!(offset_between(at("2019-11-19 07:03"), at("2019-11-19T07:03:00Z")), None);
        assert_eq!(offset_between(at("2019-11-19 07:10"), at("2019-11-19T07:03:00Z")), None);
        assert_eq!(offset_between(at("2019-11-21 07:03"), at("2019-11-19T07:03:00Z")), None);
        // A date without a time is no reading.
        assert_eq!(offset_between(at("2019-11-18"), at("2019-11-19T07:03:00Z")), None);
    }

    #[test]
    fn the_day_before_an_early_utc_instant() {
        let at = |text: &str| find_date(text).unwrap();
        assert!(is_day_before(&at("2019-11-19"), &at("2019-11-20T01:53:14Z")));
        // Month and year ends.
        assert!(is_day_before(&at("2019-11-30"), &at("2019-12-01T02:00:00Z")));
        assert!(is_day_before(&at("2019-12-31"), &at("2020-01-01T02:00:00Z")));
        // The same day, two days before, or late in the UTC day: no.
        assert!(!is_day_before(&at("2019-11-20"), &at("2019-11-20T01:53:14Z")));
        assert!(!is_day_before(&at("2019-11-18"), &at("2019-11-20T01:53:14Z")));
        assert!(!is_day_before(&at("2019-11-19"), &at("2019-11-20T09:00:00Z")));
        // A day without a time says nothing of the hour.
        assert!(!is_day_before(&at("2019-11-19"), &at("2019-11-20")));
    }

    #[test]
    fn values_on_several_days_date_no_page() {
        let day = |values: &[&str]| one_day(values.iter().copied()).map(|d| (d.year, d.month, d.day));
        assert_eq!(
            day(&["2024-11-05T10:20:00-05:00", "2024-11-05", "no date"]),
            Some((2024, 11, 5))
        );
        assert_eq!(day(&["2024-11-19T15:00:00Z", "2024-11-18T13:30:00Z"]), None);
        assert_eq!(day(&["soon"]), None);
    }

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
