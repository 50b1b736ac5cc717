//! Graph primitives with a textual JSON form of their own: `Binary`, `Date`, `TimeOfDay` and
//! `Duration`. Each keeps the text it was read from, so writing it back gives the same JSON.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Why a string is not a valid value of a Graph primitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsePrimitiveError {
    kind: &'static str,
    input: String,
}

impl ParsePrimitiveError {
    pub(crate) fn new(kind: &'static str, input: &str) -> Self {
        Self {
            kind,
            input: input.chars().take(64).collect(),
        }
    }
}

impl fmt::Display for ParsePrimitiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.input, self.kind)
    }
}

impl std::error::Error for ParsePrimitiveError {}

/// Serde for types that are strings in JSON: `Display` out, `FromStr` in.
macro_rules! string_serde {
    ($type:ty, $expecting:literal) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl de::Visitor<'_> for Visitor {
                    type Value = $type;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: de::Error>(self, value: &str) -> Result<$type, E> {
                        value.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(Visitor)
            }
        }
    };
}

/// An OData `Edm.Binary`: bytes, base64-encoded in JSON.
///
/// ```
/// use msgraph_runtime::Binary;
///
/// let payload: Binary = "PD94bWw+".parse()?;
/// assert_eq!(payload.as_bytes(), b"<?xml>");
/// assert_eq!(payload.to_string(), "PD94bWw+");
/// # Ok::<(), msgraph_runtime::ParsePrimitiveError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Binary(Vec<u8>);

impl Binary {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl FromStr for Binary {
    type Err = ParsePrimitiveError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(s)
            .map(Self)
            .map_err(|_| ParsePrimitiveError::new("base64 Binary", s))
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use base64::Engine as _;
        f.write_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

string_serde!(Binary, "base64 text");

/// An OData `Edm.Date`: a calendar date, `2024-02-29`.
///
/// ```
/// use msgraph_runtime::Date;
///
/// let date: Date = "2024-02-29".parse()?;
/// assert_eq!(date.to_date().ordinal(), 60);
/// # Ok::<(), msgraph_runtime::ParsePrimitiveError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(time::Date);

impl Date {
    /// The date as a [`time::Date`].
    pub fn to_date(self) -> time::Date {
        self.0
    }
}

impl From<time::Date> for Date {
    fn from(date: time::Date) -> Self {
        Self(date)
    }
}

impl FromStr for Date {
    type Err = ParsePrimitiveError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || ParsePrimitiveError::new("Date (YYYY-MM-DD)", s);
        let mut parts = s.splitn(3, '-');
        let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(invalid());
        }
        let number = |text: &str| text.parse::<u16>().map_err(|_| invalid());
        let month = time::Month::try_from(number(month)? as u8).map_err(|_| invalid())?;
        time::Date::from_calendar_date(i32::from(number(year)?), month, number(day)? as u8)
            .map(Self)
            .map_err(|_| invalid())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    }
}

string_serde!(Date, "a date, YYYY-MM-DD");

/// An OData `Edm.TimeOfDay`: `13:45:30` or `13:45:30.1234567`, written back with the same
/// number of fractional digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    time: time::Time,
    fraction_digits: u8,
}

impl TimeOfDay {
    /// The time as a [`time::Time`].
    pub fn to_time(self) -> time::Time {
        self.time
    }
}

impl From<time::Time> for TimeOfDay {
    fn from(time: time::Time) -> Self {
        Self {
            time,
            fraction_digits: if time.nanosecond() == 0 { 0 } else { 9 },
        }
    }
}

impl FromStr for TimeOfDay {
    type Err = ParsePrimitiveError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || ParsePrimitiveError::new("TimeOfDay (hh:mm:ss)", s);
        let (clock, fraction) = s.split_once('.').unwrap_or((s, ""));
        let fields: Vec<&str> = clock.split(':').collect();
        let [hour, minute, second] = fields.as_slice() else {
            return Err(invalid());
        };
        let number = |text: &str| {
            (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse::<u8>().ok())
                .flatten()
                .ok_or_else(invalid)
        };
        if fraction.len() > 9
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || (s.contains('.') && fraction.is_empty())
        {
            return Err(invalid());
        }
        let nanos = format!("{fraction:0<9}")
            .parse::<u32>()
            .map_err(|_| invalid())?;
        let time =
            time::Time::from_hms_nano(number(hour)?, number(minute)?, number(second)?, nanos)
                .map_err(|_| invalid())?;
        Ok(Self {
            time,
            fraction_digits: fraction.len() as u8,
        })
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.time;
        write!(f, "{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())?;
        if self.fraction_digits > 0 {
            let digits = u32::from(self.fraction_digits);
            let fraction = t.nanosecond() / 10u32.pow(9 - digits);
            write!(f, ".{fraction:0width$}", width = digits as usize)?;
        }
        Ok(())
    }
}

string_serde!(TimeOfDay, "a time of day, hh:mm:ss");

/// An OData `Edm.Duration`: an ISO 8601 duration of days and time, `P1DT2H30M`,
/// `-PT0.5S`. The text is kept, so it is written back as read.
///
/// ```
/// use msgraph_runtime::Duration;
///
/// let d: Duration = "P1DT2H30M".parse()?;
/// assert_eq!(d.to_std(), Some(std::time::Duration::from_secs(95_400)));
/// assert_eq!(d.to_string(), "P1DT2H30M");
/// # Ok::<(), msgraph_runtime::ParsePrimitiveError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Duration {
    text: String,
    negative: bool,
    nanos: u128,
}

impl Duration {
    /// The length, or `None` for a negative duration.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        if self.negative && self.nanos > 0 {
            return None;
        }
        let secs = u64::try_from(self.nanos / 1_000_000_000).ok()?;
        Some(std::time::Duration::new(
            secs,
            (self.nanos % 1_000_000_000) as u32,
        ))
    }

    /// Whether the duration is negative (`-P…`).
    pub fn is_negative(&self) -> bool {
        self.negative && self.nanos > 0
    }
}

impl PartialEq for Duration {
    /// Equal when they last as long: `PT60S` equals `PT1M`.
    fn eq(&self, other: &Self) -> bool {
        self.is_negative() == other.is_negative() && self.nanos == other.nanos
    }
}

impl Eq for Duration {}

impl From<std::time::Duration> for Duration {
    fn from(duration: std::time::Duration) -> Self {
        let nanos = duration.as_nanos();
        let text = if duration.subsec_nanos() == 0 {
            format!("PT{}S", duration.as_secs())
        } else {
            let fraction = format!("{:09}", duration.subsec_nanos());
            format!(
                "PT{}.{}S",
                duration.as_secs(),
                fraction.trim_end_matches('0')
            )
        };
        Self {
            text,
            negative: false,
            nanos,
        }
    }
}

impl FromStr for Duration {
    type Err = ParsePrimitiveError;

    /// Days, hours, minutes and (fractional) seconds; years, months and weeks have no fixed
    /// length, so they are refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || ParsePrimitiveError::new("Duration (ISO 8601, e.g. P1DT2H)", s);
        let (negative, rest) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let rest = rest.strip_prefix('P').ok_or_else(invalid)?;
        let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
        if rest.is_empty() || rest.ends_with('T') {
            return Err(invalid());
        }
        let mut nanos: u128 = 0;
        let mut add = |text: &str, units: &[(char, u128)]| -> Result<(), ParsePrimitiveError> {
            let mut remaining = text;
            let mut allowed = units;
            while !remaining.is_empty() {
                let end = remaining
                    .find(|c: char| !c.is_ascii_digit() && c != '.')
                    .ok_or_else(invalid)?;
                let (number, tail) = remaining.split_at(end);
                let designator = tail.chars().next().ok_or_else(invalid)?;
                let position = allowed
                    .iter()
                    .position(|(unit, _)| *unit == designator)
                    .ok_or_else(invalid)?;
                let scale = allowed[position].1;
                allowed = &allowed[position + 1..];
                let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
                if whole.is_empty()
                    || (designator != 'S' && !fraction.is_empty())
                    || fraction.len() > 9
                {
                    return Err(invalid());
                }
                let whole: u128 = whole.parse().map_err(|_| invalid())?;
                let fraction: u128 = if fraction.is_empty() {
                    0
                } else {
                    format!("{fraction:0<9}").parse().map_err(|_| invalid())?
                };
                nanos = whole
                    .checked_mul(scale)
                    .and_then(|n| n.checked_add(fraction))
                    .and_then(|n| nanos.checked_add(n))
                    .ok_or_else(invalid)?;
                remaining = &tail[1..];
            }
            Ok(())
        };
        const SECOND: u128 = 1_000_000_000;
        add(date, &[('D', 86_400 * SECOND)])?;
        add(
            time,
            &[('H', 3_600 * SECOND), ('M', 60 * SECOND), ('S', SECOND)],
        )?;
        Ok(Self {
            text: s.to_owned(),
            negative,
            nanos,
        })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

string_serde!(Duration, "an ISO 8601 duration");
