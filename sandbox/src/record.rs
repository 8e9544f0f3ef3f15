//! The request log and the request counters behind [`Controls`](crate::Controls).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use bytes::Bytes;
use http::{HeaderMap, Method, Version};

/// One request as the sandbox received it, before any routing or fault.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// Request method.
    pub method: Method,
    /// Path as received, with any gateway prefix and without the query.
    pub path: String,
    /// Query string as received, without the `?` and still percent-encoded.
    pub query: Option<String>,
    /// HTTP version the client used.
    pub version: Version,
    /// Request headers, including `Authorization`.
    pub headers: HeaderMap,
    /// Full request body.
    pub body: Bytes,
}

impl RecordedRequest {
    /// Returns the value of header `name` when it is present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// Returns the body as UTF-8 text, with invalid bytes replaced.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Returns the path and query as they appeared on the request line.
    pub fn path_and_query(&self) -> String {
        match &self.query {
            Some(query) => format!("{}?{}", self.path, query),
            None => self.path.clone(),
        }
    }
}

/// Counters and the log of recorded requests, shared by all connections.
#[derive(Debug)]
pub(crate) struct Recorder {
    token_requests: AtomicUsize,
    by_path: Mutex<HashMap<String, usize>>,
    log: Mutex<Vec<RecordedRequest>>,
    recording: AtomicBool,
}

impl Recorder {
    pub(crate) fn new() -> Self {
        Recorder {
            token_requests: AtomicUsize::new(0),
            by_path: Mutex::new(HashMap::new()),
            log: Mutex::new(Vec::new()),
            recording: AtomicBool::new(true),
        }
    }

    /// Counts a request under its path without prefix, and keeps a copy of
    /// it while recording is on.
    pub(crate) fn record(&self, request: RecordedRequest, unprefixed_path: &str, is_token: bool) {
        if is_token {
            self.token_requests.fetch_add(1, Ordering::Relaxed);
        }

        *lock(&self.by_path)
            .entry(unprefixed_path.to_owned())
            .or_insert(0) += 1;

        if self.recording.load(Ordering::Relaxed) {
            lock(&self.log).push(request);
        }
    }

    pub(crate) fn token_requests(&self) -> usize {
        self.token_requests.load(Ordering::Relaxed)
    }

    pub(crate) fn requests_to(&self, path: &str) -> usize {
        lock(&self.by_path).get(path).copied().unwrap_or(0)
    }

    pub(crate) fn recorded(&self) -> Vec<RecordedRequest> {
        lock(&self.log).clone()
    }

    pub(crate) fn set_recording(&self, on: bool) {
        self.recording.store(on, Ordering::Relaxed);
    }

    pub(crate) fn reset(&self) {
        self.token_requests.store(0, Ordering::Relaxed);
        lock(&self.by_path).clear();
        lock(&self.log).clear();
    }
}

/// Locks `mutex`, ignoring poisoning: every critical section here leaves the
/// data consistent, so a panic elsewhere must not stop the server.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
