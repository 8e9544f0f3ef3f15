//! Permission domains and permissions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The permissions of one domain, keyed by entity type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DomainPermissionCollection {
    /// The globally unique identifier for the object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The permission domain, such as `routing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The permissions of each entity type in the domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_map: Option<BTreeMap<String, Vec<DomainPermission>>>,
}

/// One permission: an action on an entity type in a domain.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DomainPermission {
    /// The permission domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The entity type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// The action, such as `view`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// A human-readable label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Whether the permission can be granted with conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allows_conditions: Option<bool>,
}
