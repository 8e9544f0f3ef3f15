//! Tests of the generated code: every operation and model is present once,
//! every compiled model round-trips a sample built from the definition, and
//! a spread of operations send the requests the definition describes.
//!
//! The model tests cover the models of the enabled features; run them with
//! `cargo test --test generated --features full` to cover all.

mod models;
mod requests;
mod samples;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use samples::{load_spec, sample, Enums};

/// Decodes `document` as `T` and encodes it again.
fn round_trip<T: DeserializeOwned + Serialize>(document: &Value) -> Result<Value, String> {
    let decoded: T =
        serde_json::from_value(document.clone()).map_err(|error| format!("decode: {error}"))?;
    serde_json::to_value(&decoded).map_err(|error| format!("encode: {error}"))
}

type RoundTrip = fn(&Value) -> Result<Value, String>;

fn compiled_models() -> Vec<(&'static str, RoundTrip)> {
    let mut found = Vec::new();
    models::run(&mut |name, round_trip| found.push((name, round_trip)));
    found
}

/// Runs `case` for every compiled model and fails with the first
/// failures listed.
fn check_models(case: impl Fn(&'static str, RoundTrip) -> Result<(), String>) {
    let models = compiled_models();
    assert!(!models.is_empty(), "no model is compiled; enable a feature");

    let failures: Vec<String> = models
        .into_iter()
        .filter_map(|(name, round_trip)| {
            case(name, round_trip)
                .err()
                .map(|error| format!("{name}: {error}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} models failed, first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn models_round_trip_full_sample() {
    let spec = load_spec();
    check_models(|name, round_trip| {
        let document = sample(&spec, name, Enums::Known);
        let encoded = round_trip(&document)?;
        if encoded != document {
            return Err(format!(
                "re-encoded differently:\nsent {document}\ngot  {encoded}"
            ));
        }
        Ok(())
    });
}

#[test]
fn models_keep_unknown_enum_values() {
    let spec = load_spec();
    check_models(|name, round_trip| {
        let document = sample(&spec, name, Enums::Unknown);
        let encoded = round_trip(&document)?;
        if encoded != document {
            return Err(format!(
                "re-encoded differently:\nsent {document}\ngot  {encoded}"
            ));
        }
        Ok(())
    });
}

#[test]
fn models_absent_fields_stay_absent() {
    check_models(|_, round_trip| match round_trip(&json!({}))? {
        encoded if encoded == json!({}) => Ok(()),
        encoded => Err(format!("{{}} re-encoded as {encoded}")),
    });
}

#[test]
fn models_null_fields_decode_as_none() {
    let spec = load_spec();
    check_models(|name, round_trip| {
        let properties = spec["definitions"][name]["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let nulls: serde_json::Map<String, Value> = properties
            .keys()
            .map(|key| (key.clone(), Value::Null))
            .collect();
        match round_trip(&Value::Object(nulls))? {
            encoded if encoded == json!({}) => Ok(()),
            encoded => Err(format!("all-null document re-encoded as {encoded}")),
        }
    });
}

#[cfg(feature = "full")]
#[test]
fn every_model_compiled_once() {
    let spec = load_spec();
    let expected = samples::definition_names(&spec);
    let compiled: Vec<&str> = compiled_models()
        .into_iter()
        .map(|(name, _)| name)
        .collect();

    let unique: std::collections::BTreeSet<&str> = compiled.iter().copied().collect();
    assert_eq!(unique.len(), compiled.len(), "a model is listed twice");
    assert_eq!(unique, expected.iter().map(String::as_str).collect());
    assert_eq!(purecloud::models::MODEL_NAMES.len(), expected.len());
}

#[cfg(feature = "full")]
#[test]
fn every_operation_generated_once() {
    let spec = load_spec();
    let mut expected = Vec::new();
    for methods in spec["paths"].as_object().unwrap().values() {
        for operation in methods.as_object().unwrap().values() {
            if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
                expected.push(id.to_owned());
            }
        }
    }
    expected.sort();

    let mut generated: Vec<String> = purecloud::api::OPERATION_IDS
        .iter()
        .map(|id| (*id).to_owned())
        .collect();
    generated.sort();
    let unique: std::collections::BTreeSet<&String> = generated.iter().collect();

    assert_eq!(
        unique.len(),
        generated.len(),
        "an operation is generated twice"
    );
    assert_eq!(generated.len(), 3355);
    assert_eq!(generated, expected);
}
