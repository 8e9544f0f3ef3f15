//! One request from start to end: read the body, record it, apply faults,
//! check the bearer token and dispatch to the endpoint.

use std::time::Duration;

use bytes::Bytes;
use http::header::AUTHORIZATION;
use http::request::Parts;
use http::{Method, Request};
use http_body_util::BodyExt as _;
use hyper::body::Incoming;

use crate::config::Route;
use crate::errors::{
    authentication_required, bad_credentials, bad_request, injected_failure, method_not_allowed,
    not_found, too_many_requests,
};
use crate::faults::Fault;
use crate::ids::random_uuid;
use crate::oauth::{self, TOKEN_PATH};
use crate::permissions::{self, PERMISSIONS_PATH};
use crate::record::RecordedRequest;
use crate::response::{raw_json, SandboxResponse};
use crate::state::State;
use crate::tokens::BearerError;
use crate::users::{self, ME_PATH, USERS_PATH};

/// Outcome of a request for its connection.
pub(crate) enum Reply {
    /// Send this response.
    Respond(SandboxResponse),
    /// Close the connection without a response.
    Drop,
}

/// The API endpoints the sandbox serves, all `GET`.
#[derive(Debug, Clone, Copy)]
enum Endpoint {
    Me,
    Users,
    Permissions,
}

/// Reads the whole request, records it and builds its reply.
pub(crate) async fn handle(state: &State, request: Request<Incoming>) -> Reply {
    let (parts, body) = request.into_parts();

    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            tracing::debug!(%error, path = parts.uri.path(), "request body could not be read");
            return Reply::Respond(bad_request("The request body could not be read."));
        }
    };

    let route = state.prefixes.classify(parts.uri.path());
    record(state, &parts, &body, route);

    let reply = match route {
        Route::Login(path) => login(state, &parts, &body, path),
        Route::Api(path) => api(state, &parts, path).await,
        Route::Outside(_) => Reply::Respond(not_found(parts.uri.path())),
    };

    if let Reply::Respond(response) = &reply {
        tracing::debug!(
            method = %parts.method,
            path = parts.uri.path(),
            status = response.status().as_u16(),
            "request served"
        );
    }

    reply
}

fn record(state: &State, parts: &Parts, body: &Bytes, route: Route<'_>) {
    let request = RecordedRequest {
        method: parts.method.clone(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        version: parts.version,
        headers: parts.headers.clone(),
        body: body.clone(),
    };
    let is_token = matches!(route, Route::Login(TOKEN_PATH));

    state.recorder.record(request, route.path(), is_token);
}

fn login(state: &State, parts: &Parts, body: &[u8], path: &str) -> Reply {
    if let Some(fault) = state.faults.take_login(path) {
        return fault_reply(fault);
    }

    let response = if path != TOKEN_PATH {
        not_found(parts.uri.path())
    } else if parts.method != Method::POST {
        method_not_allowed(&parts.method, "POST")
    } else {
        oauth::token(state, &parts.headers, body)
    };
    Reply::Respond(response)
}

async fn api(state: &State, parts: &Parts, path: &str) -> Reply {
    let delay = state.faults.delay();
    if delay > Duration::ZERO {
        tokio::time::sleep(delay).await;
    }

    if let Some(fault) = state.faults.take_api(path) {
        return fault_reply(fault);
    }

    Reply::Respond(endpoint_response(state, parts, path))
}

fn endpoint_response(state: &State, parts: &Parts, path: &str) -> SandboxResponse {
    let endpoint = match path {
        ME_PATH => Endpoint::Me,
        USERS_PATH => Endpoint::Users,
        PERMISSIONS_PATH => Endpoint::Permissions,
        _ => return not_found(parts.uri.path()),
    };
    if parts.method != Method::GET {
        return method_not_allowed(&parts.method, "GET");
    }

    let authorization = parts
        .headers
        .get(AUTHORIZATION)
        .map(|value| value.as_bytes());
    let subject = match state.tokens.authorize(authorization) {
        Ok(subject) => subject,
        Err(BearerError::Missing) => return authentication_required(),
        Err(BearerError::Invalid) => return bad_credentials(),
    };

    let api_prefix = &state.prefixes.api;
    let query = parts.uri.query();
    match endpoint {
        Endpoint::Me => users::me(subject, api_prefix),
        Endpoint::Users => users::list(query, state.users, api_prefix),
        Endpoint::Permissions => permissions::list(query, api_prefix),
    }
}

fn fault_reply(fault: Fault) -> Reply {
    let response = match fault {
        Fault::Drop => return Reply::Drop,
        Fault::RateLimit { retry_after_secs } => too_many_requests(retry_after_secs),
        Fault::Fail(status) => injected_failure(status),
        Fault::Canned { status, body } => raw_json(status, body, &random_uuid()),
    };
    Reply::Respond(response)
}
