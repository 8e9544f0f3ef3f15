//! Exponential backoff with full jitter.
//!
//! Full jitter draws every wait uniformly from zero to the exponential cap,
//! so clients that failed together do not retry together.

use std::time::Duration;

use rand::Rng;

/// Returns the wait before retry number `retry` (0 for the first retry): a
/// uniformly random duration in `[0, min(max_delay, base_delay * 2^retry)]`.
///
/// The cap saturates at `max_delay` instead of overflowing for large
/// `retry`. The random source is a parameter so tests can fix it; the retry
/// layer passes [`rand::rng`].
pub fn backoff_delay<R: Rng + ?Sized>(
    retry: u32,
    base_delay: Duration,
    max_delay: Duration,
    rng: &mut R,
) -> Duration {
    let cap = exponential_cap(retry, base_delay, max_delay);
    let cap_nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);

    Duration::from_nanos(rng.random_range(0..=cap_nanos))
}

/// Returns `min(max_delay, base_delay * 2^retry)` without overflowing.
fn exponential_cap(retry: u32, base_delay: Duration, max_delay: Duration) -> Duration {
    let factor = 1u32.checked_shl(retry).unwrap_or(0);
    if factor == 0 {
        return max_delay;
    }

    base_delay
        .checked_mul(factor)
        .map_or(max_delay, |delay| delay.min(max_delay))
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::{RngCore, SeedableRng};

    use super::*;

    const BASE: Duration = Duration::from_millis(100);
    const MAX: Duration = Duration::from_secs(5);

    /// A random source that always returns the same word, so that the
    /// uniform draw lands at the bottom (all zeros) or top (all ones) of
    /// its range.
    struct ConstantRng(u64);

    impl RngCore for ConstantRng {
        fn next_u32(&mut self) -> u32 {
            self.0 as u32
        }

        fn next_u64(&mut self) -> u64 {
            self.0
        }

        fn fill_bytes(&mut self, dest: &mut [u8]) {
            dest.fill(self.0 as u8);
        }
    }

    #[test]
    fn cap_doubles() {
        assert_eq!(exponential_cap(0, BASE, MAX), Duration::from_millis(100));
        assert_eq!(exponential_cap(1, BASE, MAX), Duration::from_millis(200));
        assert_eq!(exponential_cap(3, BASE, MAX), Duration::from_millis(800));
    }

    #[test]
    fn cap_limited_by_max() {
        assert_eq!(exponential_cap(6, BASE, MAX), MAX);
    }

    #[test]
    fn cap_saturates_on_overflow() {
        assert_eq!(exponential_cap(31, BASE, MAX), MAX);
        assert_eq!(exponential_cap(32, BASE, MAX), MAX);
        assert_eq!(exponential_cap(u32::MAX, BASE, MAX), MAX);
    }

    #[test]
    fn delay_within_cap() {
        let mut rng = StdRng::seed_from_u64(7);
        for retry in 0..40 {
            let cap = exponential_cap(retry, BASE, MAX);
            for _ in 0..100 {
                let delay = backoff_delay(retry, BASE, MAX, &mut rng);
                assert!(delay <= cap, "retry {retry}: {delay:?} > {cap:?}");
            }
        }
    }

    #[test]
    fn delay_reaches_zero() {
        let delay = backoff_delay(2, BASE, MAX, &mut ConstantRng(0));
        assert_eq!(delay, Duration::ZERO);
    }

    #[test]
    fn delay_reaches_cap() {
        let delay = backoff_delay(2, BASE, MAX, &mut ConstantRng(u64::MAX));
        assert_eq!(delay, Duration::from_millis(400));
    }

    #[test]
    fn delay_is_jittered() {
        let mut rng = StdRng::seed_from_u64(7);
        let first = backoff_delay(4, BASE, MAX, &mut rng);
        let second = backoff_delay(4, BASE, MAX, &mut rng);
        assert_ne!(first, second);
    }
}
