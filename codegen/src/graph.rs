//! The reference graph between definitions: which fields must be boxed to
//! break recursion, and which API groups need each definition.

use std::collections::{BTreeMap, BTreeSet};

use crate::names::Names;
use crate::spec::{Schema, Spec};
use crate::types::references;

/// Returns `(definition, property index)` of every field that must be
/// boxed: a direct (not array or map) reference to a definition in the same
/// strongly connected component, which would otherwise make the type
/// infinitely large.
pub fn boxed_fields(spec: &Spec) -> BTreeSet<(String, usize)> {
    let names: Vec<&String> = spec.definitions.keys().collect();
    let index: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();

    // Only direct references make a type contain another inline.
    let edges: Vec<Vec<usize>> = names
        .iter()
        .map(|name| {
            spec.definitions[*name]
                .properties
                .iter()
                .filter_map(|property| match &property.schema {
                    Schema::Ref(target) => index.get(target.as_str()).copied(),
                    _ => None,
                })
                .collect()
        })
        .collect();

    let component = strongly_connected(&edges);

    let mut boxed = BTreeSet::new();
    for (from, name) in names.iter().enumerate() {
        for (position, property) in spec.definitions[*name].properties.iter().enumerate() {
            if let Schema::Ref(target) = &property.schema {
                if let Some(&to) = index.get(target.as_str()) {
                    if component[from] == component[to] {
                        boxed.insert(((*name).clone(), position));
                    }
                }
            }
        }
    }
    boxed
}

/// Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
/// Returns a component number per node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut order = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNVISITED; count];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;

    for root in 0..count {
        if order[root] != UNVISITED {
            continue;
        }

        // Each frame is a node and the index of its next edge to follow.
        let mut frames = vec![(root, 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;

        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            if let Some(&target) = edges[node].get(*edge) {
                *edge += 1;
                if order[target] == UNVISITED {
                    order[target] = next_order;
                    low[target] = next_order;
                    next_order += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    frames.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }

            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Returns, per definition, the group modules (feature names) of the
/// operations that use it directly or through other definitions. A
/// definition no operation uses gets an empty set.
pub fn groups_per_definition(spec: &Spec, names: &Names) -> BTreeMap<String, BTreeSet<String>> {
    let mut result: BTreeMap<String, BTreeSet<String>> = spec
        .definitions
        .keys()
        .map(|name| (name.clone(), BTreeSet::new()))
        .collect();

    for operation in &spec.operations {
        let groups: Vec<&String> = operation
            .tags
            .iter()
            .map(|tag| &names.group(tag).module)
            .collect();

        let mut pending = Vec::new();
        for parameter in &operation.parameters {
            references(&parameter.schema, &mut pending);
        }
        if let Some(response) = &operation.response {
            references(response, &mut pending);
        }

        let mut seen = BTreeSet::new();
        while let Some(name) = pending.pop() {
            let Some(definition) = spec.definitions.get(name) else {
                continue;
            };
            if !seen.insert(name) {
                continue;
            }
            for property in &definition.properties {
                references(&property.schema, &mut pending);
            }
        }

        for name in seen {
            let entry = result.get_mut(name).expect("seeded with every definition");
            entry.extend(groups.iter().map(|group| (*group).clone()));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_found() {
        let edges = vec![vec![1], vec![0], vec![]];
        let component = strongly_connected(&edges);
        assert_eq!(component[0], component[1]);
        assert_ne!(component[0], component[2]);
    }

    #[test]
    fn self_loop_is_own_component() {
        let edges = vec![vec![0], vec![]];
        let component = strongly_connected(&edges);
        assert_ne!(component[0], component[1]);
    }
}
