//! The retry policy: given the outcome of one attempt, decides whether to
//! return it, fail, or wait and retry.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::{Method, Response};

use super::backoff::backoff_delay;
use super::budget::RetryBudget;
use super::classify::{classify_error, classify_status, RetryReason};
use super::config::RetryConfig;
use super::retry_after::retry_after;
use crate::error::{BoxError, RateLimitedError};
use crate::operation::correlation_id;
use crate::time::SharedClock;
use crate::Body;

/// The next step after an attempt.
#[derive(Debug)]
pub(crate) enum Decision {
    /// Return the outcome of the attempt unchanged.
    Return,
    /// Return this error in place of the outcome.
    Fail(BoxError),
    /// Wait this long, then make another attempt.
    Retry(Duration),
}

/// The limit that ends retries of a retryable outcome.
#[derive(Debug, Clone, Copy)]
enum StopReason {
    MaxAttempts,
    MaxTotalRetryTime,
    RetryAfterTooLong,
    Budget,
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::MaxAttempts => "max attempts reached",
            Self::MaxTotalRetryTime => "the wait would exceed the max total retry time",
            Self::RetryAfterTooLong => "Retry-After exceeds the max Retry-After wait",
            Self::Budget => "retry budget exhausted",
        })
    }
}

/// The settings, clock and budget behind every [`Retry`](super::Retry)
/// built by one layer.
#[derive(Debug)]
pub(crate) struct RetryPolicy {
    pub(crate) config: RetryConfig,
    pub(crate) clock: SharedClock,
    pub(crate) budget: Arc<RetryBudget>,
}

impl RetryPolicy {
    /// Records the start of a call. Deposits the call's budget token and
    /// returns the start time that [`RetryPolicy::decide`] measures the max
    /// total retry time from.
    pub(crate) fn start_call(&self) -> Instant {
        self.budget.deposit();
        self.clock.now()
    }

    /// Decides what follows attempt number `attempt` (1 for the first) of a
    /// call that started at `started`.
    ///
    /// The checks run in this order: classification, max attempts, the
    /// `Retry-After` maximum, the max total retry time, then the budget,
    /// which is charged only when the retry is made.
    pub(crate) fn decide(
        &self,
        method: &Method,
        outcome: &Result<Response<Body>, BoxError>,
        attempt: u32,
        started: Instant,
    ) -> Decision {
        let (reason, response) = match outcome {
            Ok(response) => (classify_status(method, response.status()), Some(response)),
            Err(error) => (classify_error(method, error), None),
        };
        let Some(reason) = reason else {
            return Decision::Return;
        };

        if attempt >= self.config.max_attempts() {
            return self.give_up(method, reason, attempt, StopReason::MaxAttempts);
        }

        let requested_wait =
            response.and_then(|response| retry_after(response.headers(), self.clock.system_now()));
        if let Some(wait) = requested_wait {
            if wait > self.config.max_retry_after() {
                return self.reject_retry_after(method, reason, attempt, response, wait);
            }
        }

        let backoff = backoff_delay(
            attempt - 1,
            self.config.base_delay(),
            self.config.max_delay(),
            &mut rand::rng(),
        );
        // A Retry-After is a minimum, so the backoff can only lengthen it.
        let delay = requested_wait.map_or(backoff, |wait| wait.max(backoff));

        let elapsed = self.clock.now().saturating_duration_since(started);
        if elapsed.saturating_add(delay) > self.config.max_total_retry_time() {
            return self.give_up(method, reason, attempt, StopReason::MaxTotalRetryTime);
        }

        if !self.budget.try_withdraw() {
            return self.give_up(method, reason, attempt, StopReason::Budget);
        }

        tracing::debug!(
            http.request.method = %method,
            attempt,
            reason = %reason,
            delay = ?delay,
            "retrying request"
        );
        Decision::Retry(delay)
    }

    /// Handles a `Retry-After` above the maximum. A 429 fails at once with
    /// [`RateLimitedError`], and a 502, 503 or 504 response is returned
    /// unchanged.
    fn reject_retry_after(
        &self,
        method: &Method,
        reason: RetryReason,
        attempt: u32,
        response: Option<&Response<Body>>,
        wait: Duration,
    ) -> Decision {
        let decision = self.give_up(method, reason, attempt, StopReason::RetryAfterTooLong);
        if reason != RetryReason::RateLimited {
            return decision;
        }

        let correlation_id = response
            .and_then(|response| correlation_id(response.headers()))
            .map(str::to_owned);
        Decision::Fail(Box::new(RateLimitedError {
            retry_after: wait,
            max_wait: self.config.max_retry_after(),
            correlation_id,
        }))
    }

    fn give_up(
        &self,
        method: &Method,
        reason: RetryReason,
        attempt: u32,
        stop: StopReason,
    ) -> Decision {
        tracing::warn!(
            http.request.method = %method,
            attempts = attempt,
            reason = %reason,
            "giving up retries: {stop}"
        );
        Decision::Return
    }
}
