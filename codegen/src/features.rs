//! Cargo features: one per API group, `full` for all, and the `#[cfg]`
//! that compiles an item when any group needing it is enabled.

use std::collections::BTreeSet;

/// Groups in the default build: enough for the quickstart (the current
/// user, the user listing and the permission catalogue).
pub const DEFAULT_GROUPS: [&str; 2] = ["authorization", "users"];

/// Marks the start of the generated `[features]` section in Cargo.toml.
pub const BEGIN_MARKER: &str =
    "# BEGIN generated features: written by `cargo run -p purecloud-codegen`, do not edit";
pub const END_MARKER: &str = "# END generated features";

/// Returns the `#[cfg(...)]` line for an item needed by `groups`; an item
/// no group needs is compiled only with `full`.
pub fn cfg_line(groups: &BTreeSet<String>) -> String {
    format!("#[cfg({})]", cfg_predicate(groups))
}

/// Returns the predicate inside `#[cfg(...)]`.
pub fn cfg_predicate(groups: &BTreeSet<String>) -> String {
    match groups.len() {
        0 => "feature = \"full\"".to_owned(),
        1 => format!("feature = {:?}", groups.first().expect("one group")),
        _ => {
            let features: Vec<String> = groups
                .iter()
                .map(|group| format!("feature = {group:?}"))
                .collect();
            format!("any({})", features.join(", "))
        }
    }
}

/// Renders the `[features]` section, between the markers.
pub fn cargo_section(groups: &[String]) -> String {
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|name| format!("{name:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all: Vec<&str> = groups.iter().map(String::as_str).collect();

    let mut out = String::new();
    out.push_str(BEGIN_MARKER);
    out.push_str("\n[features]\n");
    out.push_str(&format!("default = [{}]\n", quoted(&DEFAULT_GROUPS)));
    out.push_str("# Every API group.\n");
    out.push_str("full = [\n");
    for group in &all {
        out.push_str(&format!("    {group:?},\n"));
    }
    out.push_str("]\n");
    for group in &all {
        out.push_str(&format!("{group} = []\n"));
    }
    out.push_str(END_MARKER);
    out
}

/// Replaces the section between the markers in `manifest`, or appends it
/// when the markers are missing.
pub fn replace_section(manifest: &str, section: &str) -> String {
    let begin = manifest.find(BEGIN_MARKER);
    let end = manifest.find(END_MARKER);

    match (begin, end) {
        (Some(begin), Some(end)) if begin < end => format!(
            "{}{}{}",
            &manifest[..begin],
            section,
            &manifest[end + END_MARKER.len()..]
        ),
        _ => format!("{}\n\n{section}\n", manifest.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn unused_item_needs_full() {
        assert_eq!(cfg_line(&set(&[])), "#[cfg(feature = \"full\")]");
    }

    #[test]
    fn shared_item_needs_any() {
        assert_eq!(
            cfg_line(&set(&["users", "routing"])),
            "#[cfg(any(feature = \"routing\", feature = \"users\"))]"
        );
    }

    #[test]
    fn section_replaced_between_markers() {
        let manifest =
            format!("[package]\n\n{BEGIN_MARKER}\nold\n{END_MARKER}\n\n[dev-dependencies]\n");
        let replaced = replace_section(&manifest, "new");
        assert_eq!(replaced, "[package]\n\nnew\n\n[dev-dependencies]\n");
    }

    #[test]
    fn section_appended_without_markers() {
        assert_eq!(replace_section("[package]\n", "new"), "[package]\n\nnew\n");
    }
}
