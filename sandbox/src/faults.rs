//! Pending faults: rate limits, failures, dropped connections, a delay and
//! canned responses, each taken by one request at a time.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use http::StatusCode;

use crate::record::lock;

/// A fault that replaces the normal response of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Close the connection without a response.
    Drop,
    /// 429 with `Retry-After` in seconds.
    RateLimit { retry_after_secs: u64 },
    /// An error response with this status.
    Fail(StatusCode),
    /// This status and body, sent as JSON.
    Canned { status: StatusCode, body: String },
}

#[derive(Debug, Default)]
struct Pending {
    drops: usize,
    rate_limits: usize,
    retry_after_secs: u64,
    failures: usize,
    fail_status: Option<StatusCode>,
    delay: Duration,
    canned: HashMap<String, VecDeque<(StatusCode, String)>>,
}

/// The faults still to apply, shared by all connections.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    pending: Mutex<Pending>,
}

impl Faults {
    pub(crate) fn drop_next(&self, count: usize) {
        lock(&self.pending).drops = count;
    }

    pub(crate) fn rate_limit_next(&self, count: usize, retry_after_secs: u64) {
        let mut pending = lock(&self.pending);
        pending.rate_limits = count;
        pending.retry_after_secs = retry_after_secs;
    }

    pub(crate) fn fail_next(&self, count: usize, status: StatusCode) {
        let mut pending = lock(&self.pending);
        pending.failures = count;
        pending.fail_status = Some(status);
    }

    pub(crate) fn set_delay(&self, delay: Duration) {
        lock(&self.pending).delay = delay;
    }

    pub(crate) fn delay(&self) -> Duration {
        lock(&self.pending).delay
    }

    pub(crate) fn respond_next(&self, path: &str, status: StatusCode, body: &str) {
        lock(&self.pending)
            .canned
            .entry(path.to_owned())
            .or_default()
            .push_back((status, body.to_owned()));
    }

    /// Takes the fault for an API request to `path` (without prefix). A drop
    /// goes first, then a rate limit, then a failure, then a canned response.
    pub(crate) fn take_api(&self, path: &str) -> Option<Fault> {
        let mut pending = lock(&self.pending);

        if pending.drops > 0 {
            pending.drops -= 1;
            return Some(Fault::Drop);
        }

        if pending.rate_limits > 0 {
            pending.rate_limits -= 1;
            return Some(Fault::RateLimit {
                retry_after_secs: pending.retry_after_secs,
            });
        }

        if pending.failures > 0 {
            pending.failures -= 1;
            if let Some(status) = pending.fail_status {
                return Some(Fault::Fail(status));
            }
        }

        take_canned(&mut pending, path)
    }

    /// Takes a canned response for a login request to `path`. Login
    /// requests get no other fault.
    pub(crate) fn take_login(&self, path: &str) -> Option<Fault> {
        take_canned(&mut lock(&self.pending), path)
    }
}

fn take_canned(pending: &mut Pending, path: &str) -> Option<Fault> {
    let queue = pending.canned.get_mut(path)?;
    let (status, body) = queue.pop_front()?;

    if queue.is_empty() {
        pending.canned.remove(path);
    }

    Some(Fault::Canned { status, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_taken_in_order() {
        let faults = Faults::default();
        faults.respond_next("/api/v2/users", StatusCode::OK, "{}");
        faults.fail_next(1, StatusCode::SERVICE_UNAVAILABLE);
        faults.rate_limit_next(1, 3);
        faults.drop_next(1);

        assert_eq!(faults.take_api("/api/v2/users"), Some(Fault::Drop));
        assert_eq!(
            faults.take_api("/api/v2/users"),
            Some(Fault::RateLimit {
                retry_after_secs: 3
            })
        );
        assert_eq!(
            faults.take_api("/api/v2/users"),
            Some(Fault::Fail(StatusCode::SERVICE_UNAVAILABLE))
        );
        assert!(matches!(
            faults.take_api("/api/v2/users"),
            Some(Fault::Canned { .. })
        ));
        assert_eq!(faults.take_api("/api/v2/users"), None);
    }

    #[test]
    fn canned_only_for_its_path() {
        let faults = Faults::default();
        faults.respond_next("/api/v2/users/me", StatusCode::OK, "{}");
        assert_eq!(faults.take_api("/api/v2/users"), None);
    }
}
