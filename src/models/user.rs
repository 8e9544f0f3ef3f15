//! Users.

use serde::{Deserialize, Serialize};

use super::Division;

/// A user of a Genesys Cloud organization.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The globally unique identifier for the object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The user's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The division the user belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<Division>,
    /// The user's chat address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat: Option<Chat>,
    /// The user's email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The state of the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<UserState>,
    /// The user name used to log in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The version of this resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    /// Whether ACD interactions are answered automatically.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acd_auto_answer: Option<bool>,
    /// The URI for this object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// A user's chat address.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Chat {
    /// The Jabber id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jabber_id: Option<String>,
}

/// The state of a user. A value added to the API later is kept in
/// [`UserState::Unknown`] and re-encoded unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum UserState {
    /// `active`
    Active,
    /// `inactive`
    Inactive,
    /// `deleted`
    Deleted,
    /// A value this SDK version does not know.
    Unknown(String),
}

impl UserState {
    /// Returns the JSON value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::Deleted => "deleted",
            Self::Unknown(value) => value,
        }
    }
}

impl Serialize for UserState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for UserState {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(match value.as_str() {
            "active" => Self::Active,
            "inactive" => Self::Inactive,
            "deleted" => Self::Deleted,
            _ => Self::Unknown(value),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_state_round_trips() {
        let state: UserState = serde_json::from_str("\"suspended\"").unwrap();
        assert_eq!(state, UserState::Unknown("suspended".into()));
        assert_eq!(serde_json::to_string(&state).unwrap(), "\"suspended\"");
    }
}
