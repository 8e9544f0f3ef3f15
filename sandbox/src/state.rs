//! The state that all connections of one sandbox share.

use crate::config::{Prefixes, SandboxConfig};
use crate::faults::Faults;
use crate::record::Recorder;
use crate::tokens::Tokens;

/// Settings, faults, tokens and counters of one running sandbox.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) prefixes: Prefixes,
    pub(crate) users: usize,
    pub(crate) faults: Faults,
    pub(crate) tokens: Tokens,
    pub(crate) recorder: Recorder,
}

impl State {
    pub(crate) fn new(config: &SandboxConfig) -> Self {
        State {
            prefixes: Prefixes::new(&config.login_prefix, &config.api_prefix),
            users: config.users,
            faults: Faults::default(),
            tokens: Tokens::new(config.token_ttl),
            recorder: Recorder::new(),
        }
    }
}
