//! The retry budget: a token bucket shared by every call through one
//! [`RetryLayer`](super::RetryLayer).
//!
//! Per-call limits (max attempts, max total retry time) do not stop a
//! client from multiplying its load on an upstream that is failing for
//! everyone: with four attempts per call, a full outage turns every call
//! into four requests. The budget bounds retries across all calls instead.
//! Every call deposits one token and every retry withdraws
//! `retry_cost` tokens, so once the initial `capacity` is spent, retries
//! add at most one request per `retry_cost` calls to the load.

use std::sync::atomic::{AtomicU32, Ordering};

/// A token bucket that pays for retries.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
    retry_cost: u32,
}

impl RetryBudget {
    /// Creates a full budget. `retry_cost` must not exceed `capacity`, which
    /// `RetryConfig` validates.
    pub(crate) fn new(capacity: u32, retry_cost: u32) -> Self {
        Self {
            tokens: AtomicU32::new(capacity),
            capacity,
            retry_cost,
        }
    }

    /// Adds the token that each call earns, up to the capacity.
    pub(crate) fn deposit(&self) {
        // The closure always returns `Some`, so the update cannot fail.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                Some(tokens.saturating_add(1).min(self.capacity))
            });
    }

    /// Withdraws the cost of one retry. Returns false, and withdraws
    /// nothing, when the budget cannot pay for it.
    pub(crate) fn try_withdraw(&self) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(self.retry_cost)
            })
            .is_ok()
    }

    /// Returns the tokens left.
    #[cfg(test)]
    pub(crate) fn tokens(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_full() {
        assert_eq!(RetryBudget::new(10, 5).tokens(), 10);
    }

    #[test]
    fn withdraw_costs_retry_cost() {
        let budget = RetryBudget::new(10, 4);
        assert!(budget.try_withdraw());
        assert_eq!(budget.tokens(), 6);
    }

    #[test]
    fn withdraw_rejected_when_short() {
        let budget = RetryBudget::new(10, 4);
        assert!(budget.try_withdraw());
        assert!(budget.try_withdraw());
        assert!(!budget.try_withdraw());
        assert_eq!(budget.tokens(), 2);
    }

    #[test]
    fn deposit_capped_at_capacity() {
        let budget = RetryBudget::new(10, 5);
        budget.deposit();
        assert_eq!(budget.tokens(), 10);
    }

    #[test]
    fn deposits_pay_for_retry() {
        let budget = RetryBudget::new(5, 5);
        assert!(budget.try_withdraw());
        assert!(!budget.try_withdraw());
        for _ in 0..5 {
            budget.deposit();
        }
        assert!(budget.try_withdraw());
    }
}
