//! Deterministic seed data: the same `--seed`, scale and anchor date give the same records, byte
//! for byte. Records are dated over the months before the anchor date. The demo user belongs to
//! three businesses: a CAD design studio (owner), a USD consultancy (admin) and a third where it
//! is a `business_employee`, a role that may not write.

mod billing;
mod businesses;
mod names;
mod records;
mod work;

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::config::Scale;
use crate::store::{Grants, Identity, State};

/// Generates the whole state.
pub fn generate(seed: u64, scale: Scale, anchor: NaiveDate) -> State {
    let mut rng = StdRng::seed_from_u64(seed);
    let created = Utc.from_utc_datetime(
        &(anchor - chrono::Days::new(900))
            .and_hms_opt(15, 0, 0)
            .unwrap_or_default(),
    );
    let identity = Identity {
        id: 3_101_001,
        identity_id: 4_201_001,
        first_name: "Dana".into(),
        last_name: "Whitfield".into(),
        email: "dana@example.com".into(),
        created_at: created,
    };
    let mut state = State {
        identity,
        businesses: businesses::all(),
        grants: Grants::default(),
        next_ids: BTreeMap::new(),
        last_write: created,
    };
    let sizes = records::Sizes::for_scale(scale);
    for idx in 0..state.businesses.len() {
        let size = if idx == 0 { sizes.first } else { sizes.others };
        let mut stage = records::Stage {
            state: &mut state,
            idx,
            anchor,
            rng: &mut rng,
        };
        records::fill(&mut stage, size);
    }
    state
}
