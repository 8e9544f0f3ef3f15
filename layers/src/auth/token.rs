//! Access tokens and the decision of when to refresh them.

use std::time::{Duration, Instant};

use rand::Rng;

use super::secret::SecretString;

/// Default time before expiry at which a token is refreshed.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// Default upper bound of the random time added to the refresh margin, so
/// many clients started together do not refresh together.
pub const DEFAULT_REFRESH_JITTER: Duration = Duration::from_secs(30);

/// An access token and when to replace it.
#[derive(Clone, Debug)]
pub struct Token {
    /// The bearer token.
    pub access_token: SecretString,
    /// The refresh token, when the grant returned one.
    pub refresh_token: Option<SecretString>,
    /// When the token expires, if the token endpoint said.
    pub expires_at: Option<Instant>,
    /// When to start refreshing: `expires_at` minus the jittered margin.
    pub refresh_at: Option<Instant>,
}

impl Token {
    /// Returns true while the token can be used without a refresh.
    pub fn is_fresh(&self, now: Instant) -> bool {
        self.refresh_at.is_none_or(|refresh_at| now < refresh_at)
    }
}

/// Computes when to refresh a token issued at `issued` that lives for
/// `lifetime`: `margin` plus a random part up to `jitter` before expiry.
/// The total margin is capped at half the lifetime, so a short-lived token
/// is still used for a while.
pub fn refresh_at(
    issued: Instant,
    lifetime: Duration,
    margin: Duration,
    jitter: Duration,
    rng: &mut impl Rng,
) -> Instant {
    let jitter_millis = u64::try_from(jitter.as_millis()).unwrap_or(u64::MAX);
    let random = Duration::from_millis(rng.random_range(0..=jitter_millis));
    let total_margin = (margin + random).min(lifetime / 2);

    issued + lifetime - total_margin
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    #[test]
    fn refresh_before_expiry_by_margin() {
        let mut rng = StdRng::seed_from_u64(7);
        let issued = Instant::now();
        let lifetime = Duration::from_secs(86_400);
        let at = refresh_at(
            issued,
            lifetime,
            Duration::from_secs(60),
            Duration::from_secs(30),
            &mut rng,
        );
        let before_expiry = issued + lifetime - at;
        assert!(before_expiry >= Duration::from_secs(60));
        assert!(before_expiry <= Duration::from_secs(90));
    }

    #[test]
    fn jitter_spreads_refreshes() {
        let mut rng = StdRng::seed_from_u64(7);
        let issued = Instant::now();
        let lifetime = Duration::from_secs(3_600);
        let times: std::collections::HashSet<Instant> = (0..20)
            .map(|_| {
                refresh_at(
                    issued,
                    lifetime,
                    Duration::from_secs(60),
                    Duration::from_secs(30),
                    &mut rng,
                )
            })
            .collect();
        assert!(times.len() > 1);
    }

    #[test]
    fn short_lifetime_caps_margin() {
        let mut rng = StdRng::seed_from_u64(7);
        let issued = Instant::now();
        let at = refresh_at(
            issued,
            Duration::from_secs(10),
            Duration::from_secs(60),
            Duration::ZERO,
            &mut rng,
        );
        assert_eq!(at, issued + Duration::from_secs(5));
    }

    #[test]
    fn fresh_until_refresh_time() {
        let now = Instant::now();
        let token = Token {
            access_token: SecretString::new("t"),
            refresh_token: None,
            expires_at: Some(now + Duration::from_secs(20)),
            refresh_at: Some(now + Duration::from_secs(10)),
        };
        assert!(token.is_fresh(now));
        assert!(!token.is_fresh(now + Duration::from_secs(10)));
    }
}
