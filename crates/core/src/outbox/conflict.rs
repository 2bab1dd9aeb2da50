//! Conflict detection per field group. Pure.
//!
//! A changed field conflicts when FreshBooks' current value differs both from the value our edit
//! was based on (someone changed it there) and from our new value (they did not make the same
//! change). A group conflicts when any of its changed fields does. Equal-looking values (`"1"`
//! and `1`, `null` and `""`) are equal: FreshBooks is loose about types.

use std::collections::BTreeMap;

use serde_json::Value;

use super::op::{Fields, field_group};
use ledgerline_model::entity::Entity;

/// One conflicting field group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupConflict {
    /// The group's name.
    pub group: &'static str,
    /// Our new values of the group's changed fields.
    pub mine: Fields,
    /// FreshBooks' current values of the same fields.
    pub theirs: Fields,
}

/// The conflicting groups of an edit (`base` → `changes`) against FreshBooks' `remote` record.
pub fn detect(
    entity: Entity,
    base: &Fields,
    changes: &Fields,
    remote: &Value,
) -> Vec<GroupConflict> {
    let mut groups: BTreeMap<&'static str, (bool, Fields, Fields)> = BTreeMap::new();
    for (field, mine) in changes {
        let theirs = remote.get(field).cloned().unwrap_or(Value::Null);
        let based_on = base.get(field).cloned().unwrap_or(Value::Null);
        let conflicting = !same(&theirs, &based_on) && !same(&theirs, mine);
        let entry = groups.entry(field_group(entity, field)).or_default();
        entry.0 |= conflicting;
        entry.1.insert(field.clone(), mine.clone());
        entry.2.insert(field.clone(), theirs);
    }
    groups
        .into_iter()
        .filter(|(_, (conflicting, _, _))| *conflicting)
        .map(|(group, (_, mine, theirs))| GroupConflict {
            group,
            mine,
            theirs,
        })
        .collect()
}

/// Loose equality of two FreshBooks values (the model's rule, which the window shows by too).
pub use ledgerline_model::outbox::same_value as same;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        v.as_object().cloned().unwrap()
    }

    fn check(base: Value, changes: Value, remote: Value, expected: &[&str]) {
        let got: Vec<&str> = detect(Entity::Clients, &fields(base), &fields(changes), &remote)
            .into_iter()
            .map(|c| c.group)
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn conflict_table() {
        // Nobody else changed it.
        check(
            json!({"organization": "A"}),
            json!({"organization": "B"}),
            json!({"organization": "A"}),
            &[],
        );
        // They made the same change.
        check(
            json!({"organization": "A"}),
            json!({"organization": "B"}),
            json!({"organization": "B"}),
            &[],
        );
        // They changed the same field differently.
        check(
            json!({"organization": "A"}),
            json!({"organization": "B"}),
            json!({"organization": "C"}),
            &["name"],
        );
        // They changed another field of another group: no conflict on ours.
        check(
            json!({"email": "a@x"}),
            json!({"email": "b@x"}),
            json!({"email": "a@x", "p_city": "Oslo"}),
            &[],
        );
        // Two groups, one conflicting.
        check(
            json!({"email": "a@x", "p_city": "Rome"}),
            json!({"email": "b@x", "p_city": "Oslo"}),
            json!({"email": "c@x", "p_city": "Rome"}),
            &["contact"],
        );
        // Loose types: 1 and "1", null and "".
        check(
            json!({"lname": null}),
            json!({"lname": "X"}),
            json!({"lname": ""}),
            &[],
        );
    }
}
