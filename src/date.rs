//! Calendar dates as editors write them: a year, a month or a day (`2025`, `2025-03`,
//! `2025-03-14`), checked and formatted here so no date crate or template filter is needed.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date with year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2025.
    pub year: u16,
    /// The month 1–12, when given.
    pub month: Option<u8>,
    /// The day of the month, when given (only with a month).
    pub day: Option<u8>,
}

impl Date {
    /// Parses `2025`, `2025-03` or `2025-03-14`; `None` for anything else or an impossible day.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let year = parse_part(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(m) => Some(parse_part(m, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(parse_part(d, 2)?),
            None => None,
        };
        if parts.next().is_some() || !(1..=9999).contains(&year) {
            return None;
        }
        let month = month.map(|m| m as u8);
        let day = day.map(|d| d as u8);
        let date = Date { year, month, day };
        date.is_valid().then_some(date)
    }

    fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (None, _) => true,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in(self.year, m),
        }
    }

    /// The date for readers: `14 March 2025`, `March 2025` or `2025`.
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// `text` with each full ISO date in it (`2025-10-23`) written for readers (`23 October
    /// 2025`); `None` when it holds none, so that dates read the same way everywhere.
    pub fn in_words(text: &str) -> Option<String> {
        let bytes = text.as_bytes();
        let boundary = |j: Option<&u8>| !j.is_some_and(u8::is_ascii_alphanumeric);
        let iso_at = |i: usize| {
            let apart = (i == 0 || boundary(bytes.get(i - 1))) && boundary(bytes.get(i + 10));
            let date = text.get(i..i + 10).and_then(Date::parse);
            date.filter(|d| apart && d.day.is_some())
        };
        let mut out = String::new();
        let mut last = 0;
        let mut i = 0;
        while i + 10 <= bytes.len() {
            match iso_at(i) {
                Some(date) => {
                    out.push_str(&text[last..i]);
                    out.push_str(&date.human());
                    i += 10;
                    last = i;
                }
                None => i += 1,
            }
        }
        (last > 0).then(|| out + &text[last..])
    }

    /// The date as RFC 3339 midnight UTC, for feeds: missing month or day count as the first.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

impl Date {
    /// True once the whole of this date is over on `today`: `2026-11-10` has passed on
    /// 11 November, `2026-11` on 1 December, `2026` on 1 January 2027.
    pub fn passed(&self, today: Date) -> bool {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in(self.year, month));
        let last = (self.year, month, day);
        (today.year, today.month.unwrap_or(1), today.day.unwrap_or(1)) > last
    }

    /// The UTC date `seconds` after the Unix epoch (1970-01-01).
    pub fn of_unix(seconds: i64) -> Date {
        civil(seconds.div_euclid(86_400))
    }
}

/// Today, as builds take it: the UTC date of `SOURCE_DATE_EPOCH` when it is set to a number
/// of seconds (the reproducible-builds convention), of the clock otherwise. The command line
/// reads it once and hands it to the library, which never reads the clock.
pub fn today() -> Date {
    let pinned = std::env::var("SOURCE_DATE_EPOCH").ok();
    let pinned = pinned.and_then(|s| s.trim().parse::<i64>().ok());
    let seconds = pinned.unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
    });
    Date::of_unix(seconds)
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: u16::try_from(year).unwrap_or(1970),
        month: u8::try_from(month).ok(),
        day: u8::try_from(day).ok(),
    }
}

fn parse_part(text: &str, width: usize) -> Option<u16> {
    let ok = text.len() == width && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    /// ISO 8601 at the date's own precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for Date {
    /// As written: ISO 8601 at the date's own precision.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written 2025-10-17, 2025-10 or 2025")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        Date::parse(v).ok_or_else(|| {
            E::custom(format!(
                "`{v}` is not a real date; help: write dates as 2025-10-17, 2025-10 or 2025"
            ))
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
        self.visit_str(&v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0).to_string(), "1970-01-01");
        assert_eq!(civil(20_412).to_string(), "2025-11-20");
        assert_eq!(civil(11_016).to_string(), "2000-02-29");
        assert_eq!(Date::of_unix(1_762_819_199).to_string(), "2025-11-10");
    }

    #[test]
    fn a_date_passes_the_day_after_it_and_a_month_after_its_last_day() {
        let on = |s: &str| Date::parse(s).unwrap();
        assert!(!on("2026-11-10").passed(on("2026-11-10")));
        assert!(on("2026-11-10").passed(on("2026-11-11")));
        assert!(!on("2026-11").passed(on("2026-11-30")));
        assert!(on("2026-11").passed(on("2026-12-01")));
        assert!(!on("2026").passed(on("2026-12-31")));
        assert!(on("2026").passed(on("2027-01-01")));
        assert!(!on("2024-02").passed(on("2024-02-29")), "a leap day");
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(Date::parse("2025").unwrap().to_string(), "2025");
        assert_eq!(Date::parse("2025-03").unwrap().human(), "March 2025");
        assert_eq!(Date::parse("2025-10-09").unwrap().human(), "9 October 2025");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2025-02-29",
            "2025-13",
            "25-01-01",
            "2025-1-1",
            "soon",
            "2025-01-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
    }

    #[test]
    fn orders_chronologically_and_formats_for_feeds() {
        let a = Date::parse("2025-03").unwrap();
        let b = Date::parse("2025-03-02").unwrap();
        assert!(a < b);
        assert_eq!(a.rfc3339(), "2025-03-01T00:00:00Z");
    }

    #[test]
    fn iso_dates_in_text_are_written_in_words() {
        assert_eq!(
            Date::in_words("as of 2025-10-23").as_deref(),
            Some("as of 23 October 2025")
        );
        assert_eq!(
            Date::in_words("2025-01-01 to 2025-06-30").as_deref(),
            Some("1 January 2025 to 30 June 2025")
        );
        assert_eq!(Date::in_words("2024"), None, "a year alone stays");
        assert_eq!(Date::in_words("Q3 2025-26"), None);
        assert_eq!(
            Date::in_words("id-2025-10-23x"),
            None,
            "not a date inside a word"
        );
        assert_eq!(Date::in_words("2025-02-30"), None, "no such day");
        assert_eq!(
            Date::in_words("à 2025-10-23").as_deref(),
            Some("à 23 October 2025")
        );
    }
}
