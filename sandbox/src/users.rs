//! `GET /api/v2/users/me` and the paged `GET /api/v2/users`, with generated
//! users shaped like the Platform API's `User` model.

use http::StatusCode;
use serde_json::{json, Value};

use crate::errors::bad_request;
use crate::ids::seeded_uuid;
use crate::paging::{page_body, PageRequest};
use crate::response::{json, SandboxResponse};
use crate::tokens::Subject;

/// Path of the current user resource, without API prefix.
pub(crate) const ME_PATH: &str = "/api/v2/users/me";

/// Path of the user listing, without API prefix.
pub(crate) const USERS_PATH: &str = "/api/v2/users";

const FIRST_NAMES: [&str; 12] = [
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret",
    "Niklaus", "Radia", "Tony",
];

const LAST_NAMES: [&str; 10] = [
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Hamilton",
    "Wirth",
];

/// Serves the current user. The user behind every user-context token is
/// the first user of the listing.
pub(crate) fn me(subject: Subject, api_prefix: &str) -> SandboxResponse {
    match subject {
        Subject::User => json(StatusCode::OK, &user(0, api_prefix)),
        Subject::Client => bad_request(
            "This request requires a user context. Client credentials cannot be used for requests to this resource.",
        ),
    }
}

/// Serves one page of the `total` generated users.
pub(crate) fn list(query: Option<&str>, total: usize, api_prefix: &str) -> SandboxResponse {
    let page = match PageRequest::parse(query) {
        Ok(page) => page,
        Err(message) => return bad_request(&message),
    };

    let entities = page
        .range(total)
        .map(|index| user(index, api_prefix))
        .collect();
    let path = format!("{api_prefix}{USERS_PATH}");

    json(StatusCode::OK, &page_body(entities, page, total, &path))
}

/// Builds user number `index` (0-based). The same index always gives the
/// same id, name and email.
fn user(index: usize, api_prefix: &str) -> Value {
    let first = FIRST_NAMES[index % FIRST_NAMES.len()];
    let last = LAST_NAMES[(index / FIRST_NAMES.len()) % LAST_NAMES.len()];
    let number = index + 1;

    let id = seeded_uuid(&format!("user-{index}"));
    let email = format!(
        "{}.{}.{number}@example.com",
        first.to_lowercase(),
        last.to_lowercase()
    );
    let jabber_id = format!("{}@sandbox.orgspan.com", &id.replace('-', "")[..24]);
    let division_id = seeded_uuid("division-home");

    json!({
        "id": id,
        "name": format!("{first} {last}"),
        "division": {
            "id": division_id,
            "name": "Home",
            "selfUri": format!("{api_prefix}/api/v2/authorization/divisions/{division_id}"),
        },
        "chat": { "jabberId": jabber_id },
        "email": email,
        "state": "active",
        "username": email,
        "version": 1,
        "acdAutoAnswer": false,
        "selfUri": format!("{api_prefix}{USERS_PATH}/{id}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_is_deterministic() {
        assert_eq!(user(7, ""), user(7, ""));
    }

    #[test]
    fn users_have_distinct_emails() {
        let first = &user(0, "")["email"];
        let wrapped = &user(FIRST_NAMES.len() * LAST_NAMES.len(), "")["email"];
        assert_ne!(first, wrapped);
    }
}
