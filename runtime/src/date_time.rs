use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// An OData `Edm.DateTimeOffset`: an instant with the UTC offset it was written in.
///
/// Graph writes timestamps such as `2016-12-31T23:59:34.9547208-08:00`: seven fractional
/// digits and a local offset. Both survive a round trip: the value keeps its offset, its full
/// precision (to the nanosecond), and how many fractional digits and which UTC designator (`Z`
/// or `+00:00`) it was written with, so serializing gives back the text that was parsed.
///
/// Two values are equal when they denote the same instant in the same offset; the written
/// precision does not matter.
///
/// ```
/// use msgraph_runtime::DateTimeOffset;
///
/// let t: DateTimeOffset = "2016-12-31T23:59:34.9547208-08:00".parse()?;
/// assert_eq!(t.to_offset_date_time().offset().whole_hours(), -8);
/// assert_eq!(t.to_offset_date_time().nanosecond(), 954_720_800);
/// assert_eq!(t.to_string(), "2016-12-31T23:59:34.9547208-08:00");
/// # Ok::<(), msgraph_runtime::ParseDateTimeError>(())
/// ```
#[derive(Clone, Copy)]
pub struct DateTimeOffset {
    value: OffsetDateTime,
    fraction_digits: u8,
    zulu: bool,
}

impl DateTimeOffset {
    /// The instant and offset as a [`time::OffsetDateTime`].
    pub fn to_offset_date_time(&self) -> OffsetDateTime {
        self.value
    }

    /// How many fractional-second digits the value is written with.
    pub fn fraction_digits(&self) -> u8 {
        self.fraction_digits
    }
}

impl From<OffsetDateTime> for DateTimeOffset {
    /// Writes as few fractional digits as the value needs, and `Z` for UTC.
    fn from(value: OffsetDateTime) -> Self {
        let mut nanos = value.nanosecond();
        let mut fraction_digits = 9;
        if nanos == 0 {
            fraction_digits = 0;
        } else {
            while nanos.is_multiple_of(10) {
                nanos /= 10;
                fraction_digits -= 1;
            }
        }
        Self {
            value,
            fraction_digits,
            zulu: value.offset() == UtcOffset::UTC,
        }
    }
}

impl From<DateTimeOffset> for OffsetDateTime {
    fn from(value: DateTimeOffset) -> Self {
        value.value
    }
}

/// Why a string is not an RFC 3339 timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDateTimeError {
    input: String,
    reason: String,
}

impl fmt::Display for ParseDateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an RFC 3339 date-time with offset ({})",
            self.input, self.reason
        )
    }
}

impl std::error::Error for ParseDateTimeError {}

impl FromStr for DateTimeOffset {
    type Err = ParseDateTimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let value = OffsetDateTime::parse(s, &Rfc3339).map_err(|error| ParseDateTimeError {
            input: s.chars().take(64).collect(),
            reason: error.to_string(),
        })?;
        // RFC 3339 has exactly one `.` (before the fraction) and ends in `Z` or `±hh:mm`.
        let fraction_digits = s.find('.').map_or(0, |dot| {
            s[dot + 1..].bytes().take_while(u8::is_ascii_digit).count()
        });
        Ok(Self {
            value,
            // Digits past nanoseconds were parsed and dropped; write what was kept.
            fraction_digits: fraction_digits.min(9) as u8,
            zulu: s.ends_with(['Z', 'z']),
        })
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.value;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            v.year(),
            u8::from(v.month()),
            v.day(),
            v.hour(),
            v.minute(),
            v.second()
        )?;
        if self.fraction_digits > 0 {
            let digits = u32::from(self.fraction_digits);
            let fraction = v.nanosecond() / 10u32.pow(9 - digits);
            write!(f, ".{fraction:0width$}", width = digits as usize)?;
        }
        let offset = v.offset();
        if self.zulu && offset == UtcOffset::UTC {
            return f.write_str("Z");
        }
        let sign = if offset.is_negative() { '-' } else { '+' };
        let (hours, minutes, _) = offset.as_hms();
        write!(
            f,
            "{sign}{:02}:{:02}",
            hours.unsigned_abs(),
            minutes.unsigned_abs()
        )
    }
}

impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.value.offset() == other.value.offset()
    }
}

impl Eq for DateTimeOffset {}

impl Hash for DateTimeOffset {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
        self.value.offset().hash(state);
    }
}

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTimeOffset {
    /// Orders by instant, then by offset, consistently with `Eq`.
    fn cmp(&self, other: &Self) -> Ordering {
        self.value
            .cmp(&other.value)
            .then_with(|| self.value.offset().cmp(&other.value.offset()))
    }
}

impl fmt::Debug for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTimeOffset({self})")
    }
}

impl Serialize for DateTimeOffset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTimeOffset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateTimeVisitor;

        impl de::Visitor<'_> for DateTimeVisitor {
            type Value = DateTimeOffset;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time with offset")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<DateTimeOffset, E> {
                value.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(DateTimeVisitor)
    }
}
