//! [`VisState`]: whether a record is active, archived or deleted.

use serde::{Deserialize, Serialize};

/// Whether a FreshBooks record is active, archived or deleted (FreshBooks' `vis_state` 0, 2, 1).
///
/// Deleted records stay readable in FreshBooks (and can be restored); plain lists hide them.
/// A number FreshBooks documents no meaning for is kept as [`VisState::Unknown`] rather than
/// failing the record: treat such a record as neither active nor deleted until it is understood.
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
    /// A `vis_state` FreshBooks documents no meaning for, as FreshBooks sent it.
    Unknown(i64),
}

impl VisState {
    /// FreshBooks' integer for this state.
    pub fn code(self) -> i64 {
        match self {
            VisState::Active => 0,
            VisState::Deleted => 1,
            VisState::Archived => 2,
            VisState::Unknown(code) => code,
        }
    }

    /// The state for any FreshBooks integer; an undocumented one is kept as
    /// [`VisState::Unknown`].
    pub fn from_freshbooks(code: i64) -> Self {
        Self::from_code(code).unwrap_or(VisState::Unknown(code))
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
        assert_eq!(VisState::from_freshbooks(3), VisState::Unknown(3));
        assert_eq!(VisState::from_freshbooks(3).code(), 3);
        assert_eq!(VisState::from_freshbooks(2), VisState::Archived);
        assert_eq!(
            serde_json::to_string(&VisState::Archived).unwrap(),
            "\"archived\""
        );
    }
}
