//! `Edm.Decimal`: an exact decimal number, kept as the text it was read from.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::ParsePrimitiveError;

/// An OData `Edm.Decimal`: an exact decimal number.
///
/// Graph sends decimals as JSON numbers, or as strings when asked with
/// `IEEE754Compatible=true`; either way the value keeps the text it was read from and is written
/// back in the same form. A JSON number passes through `f64` on the way in (as every number
/// `serde_json` reads does), so only a string keeps more than 15 significant digits exactly.
///
/// ```
/// use msgraph_runtime::Decimal;
///
/// let price: Decimal = "12.50".parse()?;
/// assert_eq!(price.as_str(), "12.50");
/// assert_eq!(serde_json::to_string(&price).unwrap(), "\"12.50\"");
/// let read: Decimal = serde_json::from_str("0.1").unwrap();
/// assert_eq!(serde_json::to_string(&read).unwrap(), "0.1");
/// # Ok::<(), msgraph_runtime::ParsePrimitiveError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: String,
    /// Whether the JSON held a string (`IEEE754Compatible`) rather than a number.
    quoted: bool,
}

impl Decimal {
    /// The number as text, e.g. `-12.50`.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// `-?digits(.digits)?([eE][+-]?digits)?`, the JSON and OData form of a decimal.
fn is_decimal(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    digits(whole)
        && fraction.is_none_or(digits)
        && exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

impl FromStr for Decimal {
    type Err = ParsePrimitiveError;

    /// Reads the text of a decimal; the value is written as a JSON string.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if !is_decimal(text) {
            return Err(ParsePrimitiveError::new("decimal number", text));
        }
        Ok(Self {
            text: text.to_owned(),
            quoted: true,
        })
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            return serializer.serialize_str(&self.text);
        }
        if let Ok(integer) = self.text.parse::<i64>() {
            return serializer.serialize_i64(integer);
        }
        if let Ok(integer) = self.text.parse::<u64>() {
            return serializer.serialize_u64(integer);
        }
        match self.text.parse::<f64>() {
            Ok(number) => serializer.serialize_f64(number),
            Err(_) => serializer.serialize_str(&self.text),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = Decimal;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number, as a JSON number or string")
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
                Ok(number(value.to_string()))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
                Ok(number(value.to_string()))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
                if !value.is_finite() {
                    return Err(E::custom("a decimal number is finite"));
                }
                Ok(number(value.to_string()))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Decimal, E> {
                value.parse().map_err(E::custom)
            }
        }

        fn number(text: String) -> Decimal {
            Decimal {
                text,
                quoted: false,
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_form_it_was_read_in() {
        for json in [
            "1.25",
            "-3",
            "18446744073709551615",
            "\"12.50\"",
            "\"1E+3\"",
        ] {
            let value: Decimal = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }

    #[test]
    fn refuses_what_is_not_a_decimal() {
        for text in ["", "-", "1.", ".5", "1e", "0x10", "1,5", "NaN"] {
            assert!(text.parse::<Decimal>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<Decimal>("true").is_err());
    }
}
