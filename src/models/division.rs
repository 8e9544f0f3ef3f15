//! Divisions.

use serde::{Deserialize, Serialize};

/// A division: a partition of an organization's objects for access control.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Division {
    /// The globally unique identifier for the object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The division name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The URI for this object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}
