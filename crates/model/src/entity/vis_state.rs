//! [`VisState`]: whether a record is active, archived or deleted.

use serde::{Deserialize, Serialize};

/// Whether a FreshBooks record is active, archived or deleted (FreshBooks' `vis_state` 0, 2, 1).
///
/// Deleted records stay readable in FreshBooks (and can be restored); plain lists hide them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VisState {
    /// In use (`vis_state` 0).
    #[default]
    Active,
    /// Deleted (`vis_state` 1); restorable.
    Deleted,
    /// Archived (`vis_state` 2): hidden from everyday lists, still counted.
    Archived,
}

impl VisState {
    /// FreshBooks' integer for this state.
    pub fn code(self) -> i64 {
        match self {
            VisState::Active => 0,
            VisState::Deleted => 1,
            VisState::Archived => 2,
        }
    }

    /// The state for FreshBooks' integer, if it is one FreshBooks documents.
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(VisState::Active),
            1 => Some(VisState::Deleted),
            2 => Some(VisState::Archived),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_serde_is_ours() {
        for state in [VisState::Active, VisState::Deleted, VisState::Archived] {
            assert_eq!(VisState::from_code(state.code()), Some(state));
        }
        assert_eq!(VisState::from_code(3), None);
        assert_eq!(
            serde_json::to_string(&VisState::Archived).unwrap(),
            "\"archived\""
        );
    }
}
