//! Publication dates as pages write them, normalized to ISO 8601.
//!
//! Recognised: numeric dates (`2024-04-02`, `2024/4/2`, `2024.04.02`) and Chinese ones
//! (`2024年04月02日`), each with an optional time (`07:56`, `07:56:30`, `07时56分`, with `T`),
//! fractional seconds and an offset (`Z`, `+08:00`, `+0800`); English dates (`April 2, 2024`,
//! `2 Apr 2024`, `Tue, 02 Apr 2024 07:56:00 GMT`) with `am`/`pm` and common zone names.

use std::fmt;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// A calendar date with an optional time of day and UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// Hour, minute, second.
    pub time: Option<(u8, u8, u8)>,
    /// Minutes east of UTC, when the text states it.
    pub offset_minutes: Option<i32>,
}

impl DateTime {
    /// Supplies the offset a page implies (e.g. +08:00 for a mainland Chinese portal) when the
    /// text gave a time but no offset. A bare date stays a bare date.
    pub fn with_implied_offset(mut self, offset_minutes: Option<i32>) -> DateTime {
        if self.time.is_some() && self.offset_minutes.is_none() {
            self.offset_minutes = offset_minutes;
        }
        self
    }

    /// The same instant written at another UTC offset (`2017-02-24T01:18:13+00:00` at −08:00 is
    /// `2017-02-23T17:18:13-08:00`). Only a time with an offset is an instant; anything else is
    /// returned as it is.
    pub fn at_offset(self, offset_minutes: i32) -> DateTime {
        let (Some((h, m, s)), Some(from)) = (self.time, self.offset_minutes) else {
            return self;
        };
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        let minutes = days * 1440 + i64::from(h) * 60 + i64::from(m) - i64::from(from) + i64::from(offset_minutes);
        let (day_count, minute_of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
        let (year, month, day) = civil_from_days(day_count);
        let Ok(year) = u16::try_from(year) else {
            return self;
        };
        DateTime {
            year,
            month,
            day,
            time: Some(((minute_of_day / 60) as u8, (minute_of_day % 60) as u8, s)),
            offset_minutes: Some(offset_minutes),
        }
    }

    /// Minutes from the epoch of the wall-clock reading (the offset ignored), when there is a
    /// time: two readings of one instant differ by the difference of their offsets.
    pub fn wall_minutes(&self) -> Option<i64> {
        let (h, m, _) = self.time?;
        Some(days_from_civil(i64::from(self.year), self.month, self.day) * 1440 + i64::from(h) * 60 + i64::from(m))
    }

    /// `2024-04-02`, `2024-04-02T07:56:00` or `2024-04-02T07:56:00+08:00`.
    pub fn to_iso(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        let Some((h, m, s)) = self.time else {
            return Ok(());
        };
        write!(f, "T{h:02}:{m:02}:{s:02}")?;
        match self.offset_minutes {
            None => Ok(()),
            Some(0) => write!(f, "+00:00"),
            Some(offset) => {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
            }
        }
    }
}

const TIME: &str = r"(?:\s*(?:T|,|at)?\s*(?P<h>[0-9]{1,2})\s*[:：时時]\s*(?P<mi>[0-9]{2})(?:\s*[:：分]\s*(?P<s>[0-9]{2})(?:\.[0-9]+)?)?\s*(?:秒)?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<off>(?:Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2}|[ECMP][SD]?T|BST|CES?T)(?-u:\b))?)";

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^0-9])(?P<y>(?:19|20)[0-9]{{2}})\s*(?:[-/.]|年)\s*(?P<mo>[0-9]{{1,2}})\s*(?:[-/.]|月)\s*(?P<d>[0-9]{{1,2}})(?:\s*日)?(?:{TIME}|[^0-9]|$)"
    ))
    .expect("valid date pattern")
});

const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)[0-9]{{2}})(?-u:\b)(?:{TIME})?"
    ))
    .expect("valid date pattern")
});

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(?P<y>(?:19|20)[0-9]{{2}})(?-u:\b)(?:{TIME})?"
    ))
    .expect("valid date pattern")
});

/// A day, a month named in German, French, Spanish, Italian, Portuguese or Dutch, and a year
/// (`25. September 2018`, `2 janvier 2015`, `5 de mayo de 2019`), as Europe's pages write them.
static DAY_MONTH_YEAR_EUROPEAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<d>[0-9]{{1,2}})\.?\s+(?:de\s+)?(?P<mon>{EUROPEAN_MONTHS})\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)[0-9]{{2}})(?-u:\b)(?:,?{TIME})?"
    ))
    .expect("valid date pattern")
});

const EUROPEAN_MONTHS: &str = "januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|januari|februari|maart|mei|augustus";

/// The month of a European month name that does not start like the English one.
fn european_month(lower: &str) -> Option<u8> {
    let month = match lower {
        "märz" | "maerz" => 3,
        "mai" | "maggio" | "maio" | "mei" => 5,
        "juin" | "giugno" => 6,
        "juillet" | "luglio" => 7,
        "août" | "aout" | "agosto" => 8,
        "settembre" | "setembro" | "setiembre" => 9,
        "oktober" | "ottobre" | "outubro" => 10,
        "dezember" | "décembre" | "decembre" | "diciembre" | "dicembre" | "dezembro" => 12,
        "jänner" | "enero" | "gennaio" => 1,
        "février" | "fevrier" | "fevereiro" => 2,
        "avril" | "abril" => 4,
        _ => return None,
    };
    Some(month)
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_-])(?P<y>(?:19|20)[0-9]{2})(?:[/_-]?)(?P<mo>[01][0-9])(?:[/_-]?)(?P<d>[0-3][0-9])(?:[/_.-]|$)")
        .expect("valid date pattern")
});

/// The first date (with its time, if written next to it) found in `text`.
pub fn find_date(text: &str) -> Option<DateTime> {
    // Every pattern needs a year; most lines a page offers have none (most have no digit).
    if !has_year(text) {
        return None;
    }
    let candidates = [&*NUMERIC, &*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR, &*DAY_MONTH_YEAR_EUROPEAN];
    candidates
        .iter()
        .filter_map(|re| {
            re.captures_iter(text)
                .find_map(|caps| from_captures(&caps).map(|dt| (caps.get(0).map_or(0, |m| m.start()), dt)))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, dt)| dt)
}

/// Whether `text` holds what every pattern of [`find_date`] matches a year with:
/// `(?:19|20)[0-9]{2}`.
fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(u8::is_ascii_digit) {
        let at = from + at;
        if let [a, b, c, d, ..] = bytes[at..]
            && matches!((a, b), (b'1', b'9') | (b'2', b'0'))
            && c.is_ascii_digit()
            && d.is_ascii_digit()
        {
            return true;
        }
        from = at + 1;
    }
    false
}

/// A date written in a URL path (`/2024/04/02/`, `/20240402/`), as a last resort.
pub fn date_from_url(url: &str) -> Option<DateTime> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |at| &path[at..]);
    URL_DATE.captures_iter(path).find_map(|caps| {
        let year = caps["y"].parse().ok()?;
        let month = caps["mo"].parse().ok()?;
        let day = caps["d"].parse().ok()?;
        valid_date(year, month, day).then_some(DateTime {
            year,
            month,
            day,
            time: None,
            offset_minutes: None,
        })
    })
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Hinnant's algorithm).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    european_month(&lower).or_else(|| months.iter().position(|m| lower.starts_with(m)).map(|i| i as u8 + 1))
}

fn valid_date(year: u16, month: u8, day: u8) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => return false,
    };
    (1990..=2100).contains(&year) && (1..=days).contains(&day)
}

fn from_captures(caps: &Captures<'_>) -> Option<DateTime> {
    let year: u16 = caps.name("y")?.as_str().parse().ok()?;
    let month = match caps.name("mo") {
        Some(m) => m.as_str().parse().ok()?,
        None => month_number(caps.name("mon")?.as_str())?,
    };
    let day: u8 = caps.name("d")?.as_str().parse().ok()?;
    if !valid_date(year, month, day) {
        return None;
    }
    let mut dt = DateTime {
        year,
        month,
        day,
        time: None,
        offset_minutes: None,
    };
    match clock(caps, &dt) {
        Clock::Read(time, offset) => {
            dt.time = Some(time);
            dt.offset_minutes = offset;
        }
        Clock::Invalid => return Some(dt),
        Clock::None => {}
    }
    Some(dt)
}

/// A month and day with a time of day but no year (`Nov 18, 8:19 PM`, `March 3 at 9:05 am`).
static MONTH_DAY_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?:19|20)[0-9]{{2}})?(?-u:\b){TIME}"
    ))
    .expect("valid date pattern")
});

/// The reading of a short text that shows a month, a day and a time of day but no year
/// (`Posted Nov 18, 8:19 PM`), in the year of `near` or the one before or after, whichever puts
/// it within two days of `near`: a page leaves the year out of a date close to the one it
/// declares.
pub fn find_month_day_clock_near(text: &str, near: &DateTime) -> Option<DateTime> {
    let caps = MONTH_DAY_CLOCK.captures(text)?;
    let month = month_number(caps.name("mon")?.as_str())?;
    let day: u8 = caps.name("d")?.as_str().parse().ok()?;
    let near_days = days_from_civil(i64::from(near.year), near.month, near.day);
    let year = [near.year, near.year.saturating_sub(1), near.year.saturating_add(1)]
        .into_iter()
        .find(|&y| valid_date(y, month, day) && (days_from_civil(i64::from(y), month, day) - near_days).abs() <= 2)?;
    let mut date = DateTime {
        year,
        month,
        day,
        time: None,
        offset_minutes: None,
    };
    let Clock::Read(time, offset) = clock(&caps, &date) else {
        return None;
    };
    date.time = Some(time);
    date.offset_minutes = offset;
    Some(date)
}

/// What the time captures of [`TIME`] read on a date.
enum Clock {
    /// No time was written.
    None,
    /// A time that is none (`13:05 pm`): the date stands alone.
    Invalid,
    /// Hour, minute, second, and the offset when written.
    Read((u8, u8, u8), Option<i32>),
}

fn clock(caps: &Captures<'_>, date: &DateTime) -> Clock {
    let (Some(h), Some(mi)) = (caps.name("h"), caps.name("mi")) else {
        return Clock::None;
    };
    let (Ok(mut hour), Ok(minute)) = (h.as_str().parse::<u8>(), mi.as_str().parse::<u8>()) else {
        return Clock::Invalid;
    };
    let Some(second) = caps.name("s").map_or(Some(0), |s| s.as_str().parse::<u8>().ok()) else {
        return Clock::Invalid;
    };
    if let Some(ampm) = caps.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if hour == 0 || hour > 12 {
            return Clock::Invalid;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    if hour >= 24 || minute >= 60 || second >= 60 {
        return Clock::None;
    }
    let offset = caps
        .name("off")
        .and_then(|o| match o.as_str().to_ascii_uppercase().as_str() {
            // US zones written without standard/daylight (`7:56 a.m. ET`): the date says which.
            "ET" | "CT" | "MT" | "PT" => {
                let standard = parse_offset(&format!("{}ST", &o.as_str()[..1]))?;
                Some(if us_daylight_time(date.year, date.month, date.day) {
                    standard + 60
                } else {
                    standard
                })
            }
            _ => parse_offset(o.as_str()),
        });
    Clock::Read((hour, minute, second), offset)
}

/// A time of day written on its own (`11:26 pm EST`), as [`TIME`] reads one after a date.
static LONE_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:^|[^0-9:：])(?:{TIME})(?:[^0-9:：]|$)")).expect("valid time pattern")
});

/// The first date in a short text such as a `<time>` element's or a byline's, with the time of
/// day written before it when none follows it (`11:26 pm EST, Tuesday, November 19, 2019`).
pub fn find_date_and_clock(text: &str) -> Option<DateTime> {
    let mut date = find_date(text)?;
    if date.time.is_some() {
        return Some(date);
    }
    let caps = LONE_CLOCK.captures_iter(text).find(|c| c.name("h").is_some());
    if let Some(Clock::Read(time, offset)) = caps.map(|caps| clock(&caps, &date)) {
        date.time = Some(time);
        date.offset_minutes = offset;
    }
    Some(date)
}

/// Whether US daylight saving time is in effect on a date (since 2007: from the second Sunday of
/// March to the first Sunday of November; the changeover days count as their later part).
fn us_daylight_time(year: u16, month: u8, day: u8) -> bool {
    // Day of the week, 0 = Sunday (Sakamoto's method).
    let weekday = |y: i32, m: u8, d: u8| -> i32 {
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if m < 3 { y - 1 } else { y };
        (y + y / 4 - y / 100 + y / 400 + T[usize::from(m - 1)] + i32::from(d)).rem_euclid(7)
    };
    let nth_sunday = |m: u8, n: i32| -> i32 { 1 + (7 - weekday(i32::from(year), m, 1)) % 7 + 7 * (n - 1) };
    let day = i32::from(day);
    match month {
        4..=10 => true,
        3 => day >= nth_sunday(3, 2),
        11 => day < nth_sunday(11, 1),
        _ => false,
    }
}

fn parse_offset(text: &str) -> Option<i32> {
    let upper = text.to_ascii_uppercase();
    let named = match upper.as_str() {
        "Z" | "UTC" | "GMT" => Some(0),
        "EST" => Some(-5 * 60),
        "EDT" | "CST" => Some(if upper == "EDT" { -4 * 60 } else { -6 * 60 }),
        "CDT" => Some(-5 * 60),
        "MST" => Some(-7 * 60),
        "MDT" => Some(-6 * 60),
        "PST" => Some(-8 * 60),
        "PDT" => Some(-7 * 60),
        "BST" | "CET" => Some(60),
        "CEST" => Some(120),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let sign = if upper.starts_with('-') { -1 } else { 1 };
    let digits: String = upper.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        find_date(text).map(|d| d.to_iso())
    }

    #[test]
    fn every_pattern_needs_the_year_looked_for_first() {
        for re in [&*NUMERIC, &*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR, &*DAY_MONTH_YEAR_EUROPEAN] {
            assert!(re.as_str().contains("(?P<y>(?:19|20)[0-9]{2})"), "{}", re.as_str());
        }
        for (text, year) in [
            ("2024-04-02", true),
            ("x1999", true),
            ("1 2 3 4 5 1887", false),
            ("12019", true),
            ("11 20 2a 201", false),
            ("March 5, 1899", false),
            ("20", false),
            ("", false),
            ("２０２４年", false),
        ] {
            assert_eq!(has_year(text), year, "{text:?}");
        }
    }

    #[test]
    fn european_month_names() {
        assert_eq!(iso("publiziert am 25. September 2018").as_deref(), Some("2018-09-25"));
        assert_eq!(iso("02. Januar 2015, 15:53").as_deref(), Some("2015-01-02T15:53:00"));
        assert_eq!(iso("3. März 2020").as_deref(), Some("2020-03-03"));
        assert_eq!(iso("le 2 décembre 2014").as_deref(), Some("2014-12-02"));
        assert_eq!(iso("5 de mayo de 2019").as_deref(), Some("2019-05-05"));
        assert_eq!(iso("12 ottobre 2021").as_deref(), Some("2021-10-12"));
        assert_eq!(iso("1 augustus 2017").as_deref(), Some("2017-08-01"));
        // A number before a word that is no month is no date.
        assert_eq!(iso("3 maisons 2020"), None);
    }

    #[test]
    fn a_month_day_and_clock_take_the_year_of_a_date_near() {
        let near = find_date("2019-11-19T01:19:34Z").unwrap();
        let read = |text: &str| find_month_day_clock_near(text, &near).map(|d| d.to_iso());
        assert_eq!(read("Posted Nov 18, 8:19 PM").as_deref(), Some("2019-11-18T20:19:00"));
        assert_eq!(
            read("November 18 at 11:26 pm EST").as_deref(),
            Some("2019-11-18T23:26:00-05:00")
        );
        // Across the new year: the year before.
        let january = find_date("2020-01-01T03:00:00Z").unwrap();
        assert_eq!(
            find_month_day_clock_near("Dec 31, 10:00 PM", &january)
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2019-12-31T22:00:00")
        );
        // Far from the date, without a time, or no date: nothing.
        assert_eq!(read("Mar 3, 8:19 PM"), None);
        assert_eq!(read("Posted Nov 18"), None);
        assert_eq!(read("Updated 8:19 PM"), None);
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(
            iso("發布時間:2024年04月02日 07:56").as_deref(),
            Some("2024-04-02T07:56:00")
        );
        assert_eq!(
            find_date("发布时间：2024年4月2日07:56:30 来源：人民网").map(|d| d.with_implied_offset(Some(480)).to_iso()),
            Some("2024-04-02T07:56:30+08:00".into())
        );
        assert_eq!(
            iso("《 人民日報 》( 2024年04月02日 19 版)").as_deref(),
            Some("2024-04-02")
        );
        assert_eq!(iso("2023年12月1日 14时05分").as_deref(), Some("2023-12-01T14:05:00"));
    }

    #[test]
    fn us_zones_without_standard_or_daylight() {
        assert_eq!(
            iso("April 2, 2024 at 7:56 a.m. ET").as_deref(),
            Some("2024-04-02T07:56:00-04:00")
        );
        assert_eq!(
            iso("Jan 5, 2024 3:00 PM PT").as_deref(),
            Some("2024-01-05T15:00:00-08:00")
        );
        // 2024: daylight time from 10 March to 3 November.
        assert_eq!(
            iso("March 9, 2024 10:00 ET").as_deref(),
            Some("2024-03-09T10:00:00-05:00")
        );
        assert_eq!(
            iso("March 10, 2024 10:00 ET").as_deref(),
            Some("2024-03-10T10:00:00-04:00")
        );
        assert_eq!(
            iso("November 2, 2024 10:00 CT").as_deref(),
            Some("2024-11-02T10:00:00-05:00")
        );
        assert_eq!(
            iso("November 3, 2024 10:00 CT").as_deref(),
            Some("2024-11-03T10:00:00-06:00")
        );
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(iso("2024-04-02 07:56:00").as_deref(), Some("2024-04-02T07:56:00"));
        assert_eq!(
            iso("2024-04-02T07:56:00.000Z").as_deref(),
            Some("2024-04-02T07:56:00+00:00")
        );
        assert_eq!(
            iso("2024-04-02T07:56:00+08:00").as_deref(),
            Some("2024-04-02T07:56:00+08:00")
        );
        assert_eq!(iso("2024/4/2").as_deref(), Some("2024-04-02"));
        assert_eq!(iso("updated 2019.11.03, 10:15").as_deref(), Some("2019-11-03T10:15:00"));
    }

    #[test]
    fn english_dates() {
        assert_eq!(iso("Published April 2, 2024").as_deref(), Some("2024-04-02"));
        assert_eq!(iso("2 Apr 2024").as_deref(), Some("2024-04-02"));
        assert_eq!(
            iso("Tue, 02 Apr 2024 07:56:00 GMT").as_deref(),
            Some("2024-04-02T07:56:00+00:00")
        );
        assert_eq!(
            iso("Sept. 14, 2019 at 5:30 p.m. EDT").as_deref(),
            Some("2019-09-14T17:30:00-04:00")
        );
    }

    #[test]
    fn not_dates() {
        assert_eq!(iso("2024-13-02"), None);
        assert_eq!(iso("2023-02-29"), None);
        assert_eq!(iso("phone 2024-0402-1234"), None);
        assert_eq!(iso("12345678"), None);
        assert_eq!(iso("about 150 people in 2024"), None);
    }

    #[test]
    fn instants_at_other_offsets() {
        let utc = find_date("2017-02-24T01:18:13Z").unwrap();
        assert_eq!(utc.at_offset(-480).to_iso(), "2017-02-23T17:18:13-08:00");
        let late = find_date("2018-06-18T15:30:00+00:00").unwrap();
        assert_eq!(late.at_offset(540).to_iso(), "2018-06-19T00:30:00+09:00");
        // Across a year and a leap day.
        assert_eq!(
            find_date("2024-12-31T23:00:00-05:00").unwrap().at_offset(60).to_iso(),
            "2025-01-01T05:00:00+01:00"
        );
        assert_eq!(
            find_date("2024-03-01T01:00:00+02:00").unwrap().at_offset(-60).to_iso(),
            "2024-02-29T22:00:00-01:00"
        );
        // A date alone, or a time without an offset, is no instant.
        assert_eq!(find_date("2024-03-01").unwrap().at_offset(540).to_iso(), "2024-03-01");
        assert_eq!(
            find_date("2024-03-01 10:00").unwrap().at_offset(540).to_iso(),
            "2024-03-01T10:00:00"
        );
        for days in [-800_000i64, -1, 0, 1, 59, 365, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{days}");
        }
    }

    #[test]
    fn a_clock_written_before_its_date() {
        let iso = |text: &str| find_date_and_clock(text).map(|d| d.to_iso());
        assert_eq!(
            iso("11:26 pm EST, Tuesday, November 19, 2019").as_deref(),
            Some("2019-11-19T23:26:00-05:00")
        );
        assert_eq!(
            iso("Nov 18, 2019 at 9:24 pm ET").as_deref(),
            Some("2019-11-18T21:24:00-05:00")
        );
        // No clock anywhere, or only a figure that is none: the date alone.
        assert_eq!(iso("Tuesday, November 19, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(
            iso("Score 3:45 pm, Nov 19, 2019").as_deref(),
            Some("2019-11-19T15:45:00")
        );
        assert_eq!(iso("at 13:75, May 2, 2020").as_deref(), Some("2020-05-02"));
        assert_eq!(iso("no date 10:30"), None);
    }

    #[test]
    fn dates_in_urls() {
        let url = "https://www.example.com/news/2024/04/02/story.html";
        assert_eq!(date_from_url(url).map(|d| d.to_iso()).as_deref(), Some("2024-04-02"));
        let url = "http://news.example.cn/a/20240402/123.htm";
        assert_eq!(date_from_url(url).map(|d| d.to_iso()).as_deref(), Some("2024-04-02"));
        assert_eq!(date_from_url("https://example.com/2024/item/12345678"), None);
    }
}
