//! Retry settings and their validation.

use std::time::Duration;

use crate::error::ConfigError;

/// Retry settings, built with [`RetryConfig::builder`].
///
/// [`RetryConfig::default`] uses the `DEFAULT_*` constants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_total_retry_time: Duration,
    max_retry_after: Duration,
    budget_capacity: u32,
    budget_retry_cost: u32,
}

impl RetryConfig {
    /// Default max attempts per call, including the first: 4.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 4;
    /// Default base delay of the exponential backoff: 100 ms.
    pub const DEFAULT_BASE_DELAY: Duration = Duration::from_millis(100);
    /// Default max backoff delay of a single wait: 5 s.
    pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(5);
    /// Default max total time of one call from its first attempt: 60 s.
    pub const DEFAULT_MAX_TOTAL_RETRY_TIME: Duration = Duration::from_secs(60);
    /// Default max `Retry-After` wait: 30 s.
    // NOTE: 30 s is a judgement, not derived from Retry-After values that
    // Genesys Cloud was observed to send.
    pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
    /// Default retry budget capacity, in tokens: 100.
    pub const DEFAULT_BUDGET_CAPACITY: u32 = 100;
    /// Default tokens withdrawn from the retry budget per retry: 5, so retries
    /// stay within about 20% of calls once the capacity is spent.
    pub const DEFAULT_BUDGET_RETRY_COST: u32 = 5;

    /// Returns a builder that starts from the defaults.
    pub fn builder() -> RetryConfigBuilder {
        RetryConfigBuilder {
            config: Self::default(),
        }
    }

    /// Returns settings that make one attempt and never retry.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Returns the max attempts per call, including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Returns the base delay of the exponential backoff.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// Returns the max backoff delay of a single wait.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Returns the max total time of one call from its first attempt. No
    /// retry starts after it.
    pub fn max_total_retry_time(&self) -> Duration {
        self.max_total_retry_time
    }

    /// Returns the max `Retry-After` wait that the layer honours.
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// Returns the retry budget capacity, in tokens.
    pub fn budget_capacity(&self) -> u32 {
        self.budget_capacity
    }

    /// Returns the tokens that one retry withdraws from the budget.
    pub fn budget_retry_cost(&self) -> u32 {
        self.budget_retry_cost
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.max_attempts == 0 {
            return Err(ConfigError::new(
                "retry max attempts",
                "0",
                "must be at least 1 because it counts the first attempt. Use 1 to turn retries off",
            ));
        }

        if self.base_delay.is_zero() {
            return Err(ConfigError::new(
                "retry base delay",
                "0ns",
                "must be greater than zero so that retries back off",
            ));
        }

        if self.base_delay > self.max_delay {
            return Err(ConfigError::new(
                "retry base delay",
                format!("{:?}", self.base_delay),
                format!(
                    "must not exceed the max delay of {:?}. Lower it or raise the max delay",
                    self.max_delay
                ),
            ));
        }

        if self.max_total_retry_time.is_zero() {
            return Err(ConfigError::new(
                "retry max total time",
                "0ns",
                "must be greater than zero. Set max attempts to 1 to turn retries off",
            ));
        }

        if self.budget_retry_cost == 0 {
            return Err(ConfigError::new(
                "retry budget retry cost",
                "0",
                "must be at least 1 token. Raise the budget capacity to allow more retries",
            ));
        }

        if self.budget_capacity < self.budget_retry_cost {
            return Err(ConfigError::new(
                "retry budget capacity",
                self.budget_capacity.to_string(),
                format!(
                    "must be at least the retry cost of {} tokens, or no retry could ever be paid for",
                    self.budget_retry_cost
                ),
            ));
        }

        Ok(())
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            base_delay: Self::DEFAULT_BASE_DELAY,
            max_delay: Self::DEFAULT_MAX_DELAY,
            max_total_retry_time: Self::DEFAULT_MAX_TOTAL_RETRY_TIME,
            max_retry_after: Self::DEFAULT_MAX_RETRY_AFTER,
            budget_capacity: Self::DEFAULT_BUDGET_CAPACITY,
            budget_retry_cost: Self::DEFAULT_BUDGET_RETRY_COST,
        }
    }
}

/// A builder for [`RetryConfig`]. [`RetryConfigBuilder::build`] validates the
/// settings together.
#[derive(Debug, Clone)]
pub struct RetryConfigBuilder {
    config: RetryConfig,
}

impl RetryConfigBuilder {
    /// Sets the max attempts per call, including the first. Must be at
    /// least 1, and 1 turns retries off.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.config.max_attempts = attempts;
        self
    }

    /// Sets the base delay of the exponential backoff: the cap of the first
    /// wait, doubled for each later retry. Must be greater than zero and at
    /// most the max delay.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.config.base_delay = delay;
        self
    }

    /// Sets the max backoff delay of a single wait. A `Retry-After` wait is
    /// limited by [`max_retry_after`](Self::max_retry_after) instead.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.config.max_delay = delay;
        self
    }

    /// Sets the max total time of one call, measured from its first
    /// attempt. A retry whose wait would end after it is not made. Must be
    /// greater than zero.
    pub fn max_total_retry_time(mut self, time: Duration) -> Self {
        self.config.max_total_retry_time = time;
        self
    }

    /// Sets the max `Retry-After` wait. When a 429 response requests a
    /// longer wait and attempts remain, the call fails at once with
    /// [`RateLimitedError`](crate::error::RateLimitedError). A 502, 503 or
    /// 504 response with such a wait is returned unchanged.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.config.max_retry_after = wait;
        self
    }

    /// Sets the retry budget capacity, in tokens: the retries that a burst
    /// of failures may use before calls have to earn more. Must be at least
    /// the retry cost.
    pub fn budget_capacity(mut self, tokens: u32) -> Self {
        self.config.budget_capacity = tokens;
        self
    }

    /// Sets the tokens that one retry withdraws from the budget. Each call
    /// deposits one token, so a cost of `n` allows one retry per `n` calls
    /// once the capacity is spent. Must be at least 1.
    pub fn budget_retry_cost(mut self, tokens: u32) -> Self {
        self.config.budget_retry_cost = tokens;
        self
    }

    /// Validates the settings and returns them.
    ///
    /// # Errors
    ///
    /// Returns a [`ConfigError`] naming the first invalid setting.
    pub fn build(self) -> Result<RetryConfig, ConfigError> {
        self.config.validate()?;
        Ok(self.config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting_of(result: Result<RetryConfig, ConfigError>) -> &'static str {
        result.unwrap_err().setting
    }

    #[test]
    fn defaults_valid() {
        assert_eq!(RetryConfig::builder().build(), Ok(RetryConfig::default()));
    }

    #[test]
    fn disabled_single_attempt() {
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
    }

    #[test]
    fn disabled_valid() {
        assert!(RetryConfig::disabled().validate().is_ok());
    }

    #[test]
    fn setters_stored() {
        let config = RetryConfig::builder()
            .max_attempts(2)
            .base_delay(Duration::from_millis(10))
            .max_delay(Duration::from_millis(20))
            .max_total_retry_time(Duration::from_secs(3))
            .max_retry_after(Duration::from_secs(4))
            .budget_capacity(50)
            .budget_retry_cost(10)
            .build()
            .unwrap();
        assert_eq!(config.max_attempts(), 2);
        assert_eq!(config.base_delay(), Duration::from_millis(10));
        assert_eq!(config.max_delay(), Duration::from_millis(20));
        assert_eq!(config.max_total_retry_time(), Duration::from_secs(3));
        assert_eq!(config.max_retry_after(), Duration::from_secs(4));
        assert_eq!(config.budget_capacity(), 50);
        assert_eq!(config.budget_retry_cost(), 10);
    }

    #[test]
    fn zero_attempts_rejected() {
        let result = RetryConfig::builder().max_attempts(0).build();
        assert_eq!(setting_of(result), "retry max attempts");
    }

    #[test]
    fn zero_base_delay_rejected() {
        let result = RetryConfig::builder().base_delay(Duration::ZERO).build();
        assert_eq!(setting_of(result), "retry base delay");
    }

    #[test]
    fn base_above_max_rejected() {
        let result = RetryConfig::builder()
            .base_delay(Duration::from_secs(10))
            .max_delay(Duration::from_secs(1))
            .build();
        let error = result.unwrap_err();
        assert_eq!(error.setting, "retry base delay");
        assert_eq!(error.value, "10s");
    }

    #[test]
    fn base_equal_max_accepted() {
        let result = RetryConfig::builder()
            .base_delay(Duration::from_secs(1))
            .max_delay(Duration::from_secs(1))
            .build();
        assert!(result.is_ok());
    }

    #[test]
    fn zero_total_time_rejected() {
        let result = RetryConfig::builder()
            .max_total_retry_time(Duration::ZERO)
            .build();
        assert_eq!(setting_of(result), "retry max total time");
    }

    #[test]
    fn zero_retry_after_accepted() {
        let result = RetryConfig::builder()
            .max_retry_after(Duration::ZERO)
            .build();
        assert!(result.is_ok());
    }

    #[test]
    fn zero_retry_cost_rejected() {
        let result = RetryConfig::builder().budget_retry_cost(0).build();
        assert_eq!(setting_of(result), "retry budget retry cost");
    }

    #[test]
    fn capacity_below_cost_rejected() {
        let result = RetryConfig::builder()
            .budget_capacity(4)
            .budget_retry_cost(5)
            .build();
        assert_eq!(setting_of(result), "retry budget capacity");
    }

    #[test]
    fn error_message_names_fix() {
        let error = RetryConfig::builder().max_attempts(0).build().unwrap_err();
        let message = error.to_string();
        assert!(message.contains("Use 1 to turn retries off"), "{message}");
    }
}
