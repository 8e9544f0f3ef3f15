//! A captured tracing subscriber records the operation, status and correlation
//! id, and never a token, secret or Authorization value.

use std::sync::{Arc, Mutex};

use purecloud::api::users::GetUsers;
use purecloud::time::RecordingClock;
use purecloud_sandbox::{Sandbox, CLIENT_SECRET};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Record};
use tracing::{Event, Id, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

use crate::common::{received_tokens, sandbox_builder};

/// Everything a subscriber was shown: span names, field values and event
/// messages, as text.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<String>>>);

impl Captured {
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    fn any_contains(&self, needle: &str) -> bool {
        self.lines().iter().any(|line| line.contains(needle))
    }
}

struct FieldWriter<'a>(&'a mut Vec<String>);

impl Visit for FieldWriter<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{}={:?}", field.name(), value));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push(format!("{}={}", field.name(), value));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Captured {
    fn on_new_span(&self, attributes: &Attributes<'_>, _id: &Id, _ctx: Context<'_, S>) {
        let mut lines = self.0.lock().unwrap();
        lines.push(format!("span {}", attributes.metadata().name()));
        attributes.record(&mut FieldWriter(&mut lines));
    }

    fn on_record(&self, _id: &Id, values: &Record<'_>, _ctx: Context<'_, S>) {
        let mut lines = self.0.lock().unwrap();
        values.record(&mut FieldWriter(&mut lines));
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut lines = self.0.lock().unwrap();
        lines.push(format!("event {}", event.metadata().target()));
        event.record(&mut FieldWriter(&mut lines));
    }
}

#[tokio::test]
async fn spans_record_call_without_secrets() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::registry().with(captured.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_builder(&sandbox, &clock)
        .log_bodies(true)
        .build()
        .unwrap();
    sandbox.controls().fail_next(1, 503);
    let response = client.call_with_response(GetUsers::new()).await.unwrap();

    let correlation_id = response.correlation_id.unwrap();
    assert!(captured.any_contains("otel.name=getUsers"));
    assert!(captured.any_contains("http.response.status_code=200"));
    assert!(captured.any_contains(&correlation_id));

    let token = received_tokens(&sandbox).pop().unwrap();
    assert!(!captured.any_contains(&token));
    assert!(!captured.any_contains(CLIENT_SECRET));
    assert!(!captured.any_contains("Bearer "));
}
