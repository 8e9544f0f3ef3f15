//! The paged `GET /api/v2/authorization/permissions`, with entities shaped
//! like the Platform API's `DomainPermissionCollection`.

use http::StatusCode;
use serde_json::{json, Map, Value};

use crate::errors::bad_request;
use crate::paging::{page_body, PageRequest};
use crate::response::{json, SandboxResponse};

/// Path of the permission listing, without API prefix.
pub(crate) const PERMISSIONS_PATH: &str = "/api/v2/authorization/permissions";

/// An entity type and its actions, such as `("queue", &["add", "view"])`.
type EntityActions = (&'static str, &'static [&'static str]);

/// Permission domains and their entity types. The names are real Platform
/// API permission names, and the selection is a sample.
const DOMAINS: &[(&str, &[EntityActions])] = &[
    (
        "analytics",
        &[
            ("conversationAggregate", &["view"]),
            ("conversationDetail", &["view"]),
            ("userObservation", &["view"]),
        ],
    ),
    (
        "architect",
        &[
            ("flow", &["add", "edit", "delete", "view", "publish"]),
            ("datatable", &["add", "edit", "delete", "view"]),
        ],
    ),
    (
        "authorization",
        &[
            ("role", &["add", "edit", "delete", "view"]),
            ("grant", &["add", "delete"]),
        ],
    ),
    (
        "conversation",
        &[
            ("call", &["add", "record"]),
            ("communication", &["transfer", "disconnect", "view"]),
            ("webchat", &["view"]),
        ],
    ),
    (
        "directory",
        &[
            ("user", &["add", "edit", "delete", "view"]),
            ("group", &["add", "edit", "delete", "view"]),
            ("organization", &["admin", "edit"]),
        ],
    ),
    (
        "integrations",
        &[
            ("integration", &["add", "edit", "delete", "view"]),
            ("action", &["add", "edit", "execute", "view"]),
        ],
    ),
    (
        "outbound",
        &[
            ("campaign", &["add", "edit", "delete", "view"]),
            ("contactList", &["add", "edit", "delete", "view"]),
        ],
    ),
    (
        "quality",
        &[
            ("evaluation", &["add", "edit", "delete", "view"]),
            ("calibration", &["add", "edit", "view"]),
        ],
    ),
    (
        "recording",
        &[
            ("recording", &["view", "delete", "export"]),
            ("screenRecording", &["view"]),
        ],
    ),
    (
        "routing",
        &[
            ("queue", &["add", "edit", "delete", "view", "join"]),
            ("skill", &["manage", "assign"]),
            ("wrapupCode", &["add", "edit", "delete", "view"]),
        ],
    ),
    (
        "telephony",
        &[
            ("plugin", &["all"]),
            ("phone", &["add", "edit", "delete", "view"]),
        ],
    ),
    (
        "workforceManagement",
        &[
            ("schedule", &["add", "edit", "view"]),
            ("timeOffRequest", &["add", "edit", "view"]),
        ],
    ),
];

/// Serves one page of the permission domains.
pub(crate) fn list(query: Option<&str>, api_prefix: &str) -> SandboxResponse {
    let page = match PageRequest::parse(query) {
        Ok(page) => page,
        Err(message) => return bad_request(&message),
    };

    let entities = DOMAINS[page.range(DOMAINS.len())]
        .iter()
        .map(|(domain, entity_types)| domain_collection(domain, entity_types))
        .collect();
    let path = format!("{api_prefix}{PERMISSIONS_PATH}");

    json(
        StatusCode::OK,
        &page_body(entities, page, DOMAINS.len(), &path),
    )
}

fn domain_collection(domain: &str, entity_types: &[EntityActions]) -> Value {
    let mut permission_map = Map::new();

    for (entity_type, actions) in entity_types {
        let permissions = actions
            .iter()
            .map(|action| {
                json!({
                    "domain": domain,
                    "entityType": entity_type,
                    "action": action,
                    "label": label(action),
                    "allowsConditions": false,
                })
            })
            .collect();
        permission_map.insert((*entity_type).to_owned(), Value::Array(permissions));
    }

    json!({
        "id": domain,
        "domain": domain,
        "permissionMap": permission_map,
    })
}

/// Capitalizes the action for its display label: `view` becomes `View`.
fn label(action: &str) -> String {
    let mut chars = action.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_capitalized() {
        assert_eq!(label("view"), "View");
    }

    #[test]
    fn twelve_domains() {
        assert_eq!(DOMAINS.len(), 12);
    }
}
