//! The [`RetryLayer`] that wraps a service in [`Retry`].

use std::sync::Arc;

use tower::Layer;

use super::budget::RetryBudget;
use super::config::RetryConfig;
use super::policy::RetryPolicy;
use super::service::Retry;
use crate::time::{default_clock, SharedClock};

/// Wraps services in [`Retry`].
///
/// Every service built by one layer, and by its clones, shares one retry
/// budget, so the budget limits retries across the whole client.
#[derive(Debug, Clone)]
pub struct RetryLayer {
    policy: Arc<RetryPolicy>,
}

impl RetryLayer {
    /// Creates a layer with `config`, the real clock and a full budget.
    pub fn new(config: RetryConfig) -> Self {
        let budget = RetryBudget::new(config.budget_capacity(), config.budget_retry_cost());
        let policy = RetryPolicy {
            config,
            clock: default_clock(),
            budget: Arc::new(budget),
        };
        Self {
            policy: Arc::new(policy),
        }
    }

    /// Replaces the clock that the layer reads the time from and sleeps
    /// with, such as a [`RecordingClock`](crate::time::RecordingClock) in
    /// tests. The budget stays shared with earlier clones of this layer.
    pub fn clock(self, clock: SharedClock) -> Self {
        let policy = RetryPolicy {
            config: self.policy.config.clone(),
            clock,
            budget: Arc::clone(&self.policy.budget),
        };
        Self {
            policy: Arc::new(policy),
        }
    }

    /// Returns the retry settings.
    pub fn config(&self) -> &RetryConfig {
        &self.policy.config
    }
}

impl Default for RetryLayer {
    /// Creates a layer with [`RetryConfig::default`].
    fn default() -> Self {
        Self::new(RetryConfig::default())
    }
}

impl<S> Layer<S> for RetryLayer {
    type Service = Retry<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Retry::new(inner, Arc::clone(&self.policy))
    }
}
