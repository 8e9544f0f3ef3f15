//! Hand-written support for the generated models: the `string_enum!` macro
//! behind every enum, the `ToJson` trait and the `YearMonth` type.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares an enum of JSON strings that keeps unknown values.
///
/// Each variant maps to one string; any other string decodes to
/// `Unknown(value)` and encodes back unchanged, so a value added to the
/// API after this SDK was built round-trips. Serialize and Deserialize are
/// written here once instead of derived per enum, which keeps the
/// generated code and its compile time small.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($variant:ident = $value:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                #[doc = concat!("`", $value, "`")]
                $variant,
            )*
            /// A value this SDK version does not know, kept as received.
            Unknown(String),
        }

        impl $name {
            /// Returns the JSON string.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

/// Encodes a model as JSON text, like the official SDKs' `to_json()`.
///
/// ```
/// use purecloud::models::{ToJson, User};
///
/// let user = User { name: Some("Ada".into()), ..User::default() };
/// assert_eq!(user.to_json(), r#"{"name":"Ada"}"#);
/// ```
pub trait ToJson: Serialize {
    /// Returns the JSON encoding. Models have string map keys only, so
    /// encoding cannot fail; a value that does fail encodes as `null`.
    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
    }
}

impl<T: Serialize> ToJson for T {}

/// A month of a year, encoded as `YYYY-MM` (the API's `YearMonth`).
///
/// ```
/// use purecloud::models::YearMonth;
///
/// let month: YearMonth = "2026-01".parse().unwrap();
/// assert_eq!(month.year(), 2026);
/// assert_eq!(month.to_string(), "2026-01");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    /// Creates a year-month; `None` unless `month` is 1 to 12 and `year`
    /// 0 to 9999.
    pub fn new(year: i32, month: u8) -> Option<Self> {
        ((0..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// Returns the year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Returns the month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A string that is not a `YYYY-MM` year-month.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid year-month {0:?}: expected YYYY-MM with a month from 01 to 12")]
pub struct InvalidYearMonth(String);

impl FromStr for YearMonth {
    type Err = InvalidYearMonth;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidYearMonth(text.to_owned());
        let (year, month) = text.split_once('-').ok_or_else(invalid)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(invalid());
        }

        let year = year.parse().map_err(|_| invalid())?;
        let month = month.parse().map_err(|_| invalid())?;
        Self::new(year, month).ok_or_else(invalid)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    string_enum! {
        /// A test enum.
        Color {
            Red = "red",
            DarkBlue = "DARK_BLUE",
        }
    }

    #[test]
    fn known_value_decoded() {
        let color: Color = serde_json::from_str("\"DARK_BLUE\"").unwrap();
        assert_eq!(color, Color::DarkBlue);
    }

    #[test]
    fn unknown_value_round_trips() {
        let color: Color = serde_json::from_str("\"green\"").unwrap();
        assert_eq!(color, Color::Unknown("green".into()));
        assert_eq!(serde_json::to_string(&color).unwrap(), "\"green\"");
    }

    #[test]
    fn year_month_round_trips() {
        let month: YearMonth = serde_json::from_str("\"2026-03\"").unwrap();
        assert_eq!(month, YearMonth::new(2026, 3).unwrap());
        assert_eq!(serde_json::to_string(&month).unwrap(), "\"2026-03\"");
    }

    #[test]
    fn year_month_rejects_month_13() {
        assert!("2026-13".parse::<YearMonth>().is_err());
    }
}
