//! Injectable time: the retry and OAuth layers ask a [`Clock`] for the
//! current time and for sleeps, so tests can run without waiting.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// A boxed sleep future.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A source of time and sleeps.
pub trait Clock: Debug + Send + Sync + 'static {
    /// Returns the current monotonic time.
    fn now(&self) -> Instant;

    /// Returns the current wall-clock time, used for HTTP dates.
    fn system_now(&self) -> SystemTime;

    /// Returns a future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// A shared clock handle.
pub type SharedClock = Arc<dyn Clock>;

/// The real clock: `Instant::now`, `SystemTime::now` and `tokio::time::sleep`.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn system_now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Returns the real clock as a shared handle.
pub fn default_clock() -> SharedClock {
    Arc::new(TokioClock)
}

/// A clock for tests: sleeps complete at once, advance the clock by their
/// duration and are recorded, so a test can check what the code waited for.
#[derive(Clone, Debug)]
pub struct RecordingClock {
    state: Arc<Mutex<RecordingState>>,
}

#[derive(Debug)]
struct RecordingState {
    start: Instant,
    system_start: SystemTime,
    elapsed: Duration,
    sleeps: Vec<Duration>,
}

impl RecordingClock {
    /// Creates a clock that starts at the real current time.
    pub fn new() -> Self {
        let state = RecordingState {
            start: Instant::now(),
            system_start: SystemTime::now(),
            elapsed: Duration::ZERO,
            sleeps: Vec::new(),
        };
        Self {
            state: Arc::new(Mutex::new(state)),
        }
    }

    /// Moves the clock forward without recording a sleep.
    pub fn advance(&self, duration: Duration) {
        self.lock().elapsed += duration;
    }

    /// Returns every sleep requested so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, RecordingState> {
        // A poisoned lock only means another test thread panicked; the
        // recorded state is still consistent.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for RecordingClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for RecordingClock {
    fn now(&self) -> Instant {
        let state = self.lock();
        state.start + state.elapsed
    }

    fn system_now(&self) -> SystemTime {
        let state = self.lock();
        state.system_start + state.elapsed
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        let mut state = self.lock();
        state.elapsed += duration;
        state.sleeps.push(duration);
        Box::pin(std::future::ready(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn recording_clock_advances_on_sleep() {
        let clock = RecordingClock::new();
        let before = clock.now();
        clock.sleep(Duration::from_secs(2)).await;
        assert_eq!(clock.now() - before, Duration::from_secs(2));
        assert_eq!(clock.sleeps(), vec![Duration::from_secs(2)]);
    }
}
