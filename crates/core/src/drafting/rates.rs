//! Which hourly rate applies to a time entry, and where it came from.
//!
//! FreshBooks projects name a `billing_method`: the project's own rate, the service's rate, the
//! team member's rate, or the business rate. An entry without a project takes its service's rate,
//! then the business rate. A flat-fee project (`project_type` `fixed_price`) bills its fixed
//! price once, as one line, whatever the hours.

use std::collections::BTreeMap;

use ledgerline_model::ids::{IdentityId, ProjectId, ServiceId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{DraftEntry, RateSource};

/// How a project bills its time (FreshBooks' `billing_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingMethod {
    /// The business's default rate.
    BusinessRate,
    /// The project's own rate.
    ProjectRate,
    /// The rate of the entry's service.
    ServiceRate,
    /// The rate of the team member who logged it.
    TeamMemberRate,
}

impl BillingMethod {
    /// Reads FreshBooks' name; unknown names fall back to the project rate.
    pub fn parse(name: &str) -> BillingMethod {
        match name {
            "business_rate" => BillingMethod::BusinessRate,
            "service_rate" => BillingMethod::ServiceRate,
            "team_member_rate" => BillingMethod::TeamMemberRate,
            _ => BillingMethod::ProjectRate,
        }
    }
}

/// A project's billing settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectBilling {
    /// How it bills.
    pub method: BillingMethod,
    /// Its own rate, if set.
    pub rate: Option<Decimal>,
    /// A flat-fee project's price still to bill (its fixed price less what FreshBooks says is
    /// billed of it); `None` for a project billed by the hour.
    #[serde(default)]
    pub fixed_price: Option<Decimal>,
}

/// Every rate known for a business.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateBook {
    /// The business's default hourly rate.
    pub business: Option<Decimal>,
    /// Projects' billing.
    pub projects: BTreeMap<ProjectId, ProjectBilling>,
    /// Services' rates.
    pub services: BTreeMap<ServiceId, Decimal>,
    /// Team members' rates.
    pub team: BTreeMap<IdentityId, Decimal>,
}

/// The rate for an entry and its source, or `None` when no source has one.
pub fn rate_for(book: &RateBook, entry: &DraftEntry) -> Option<(Decimal, RateSource)> {
    let service = || {
        let id = entry.service_id?;
        book.services
            .get(&id)
            .map(|r| (*r, RateSource::Service(id)))
    };
    let team = || {
        let id = entry.identity_id?;
        book.team.get(&id).map(|r| (*r, RateSource::TeamMember(id)))
    };
    let business = || book.business.map(|r| (r, RateSource::Business));
    let project = entry
        .project_id
        .and_then(|id| book.projects.get(&id).map(|p| (id, p)));
    match project {
        Some((id, billing)) if billing.fixed_price.is_some() => billing
            .fixed_price
            .map(|price| (price, RateSource::FlatFee(id))),
        Some((id, billing)) => match billing.method {
            BillingMethod::ProjectRate => billing
                .rate
                .map(|r| (r, RateSource::Project(id)))
                .or_else(business),
            BillingMethod::ServiceRate => service().or_else(business),
            BillingMethod::TeamMemberRate => team().or_else(business),
            BillingMethod::BusinessRate => business(),
        },
        None => service().or_else(business),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ledgerline_model::ids::TimeEntryId;

    fn entry(project: Option<i64>, service: Option<i64>, identity: Option<i64>) -> DraftEntry {
        DraftEntry {
            id: TimeEntryId(1),
            client_id: None,
            project_id: project.map(ProjectId),
            service_id: service.map(ServiceId),
            identity_id: identity.map(IdentityId),
            started_at: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            duration_seconds: 3600,
            note: None,
            billable: true,
        }
    }

    fn check(book: &RateBook, e: DraftEntry, expected: Option<(i64, RateSource)>) {
        let got = rate_for(book, &e);
        assert_eq!(got, expected.map(|(r, s)| (Decimal::from(r), s)), "{e:?}");
    }

    #[test]
    fn rate_provenance_table() {
        let mut book = RateBook {
            business: Some(Decimal::from(100)),
            ..RateBook::default()
        };
        book.projects.insert(
            ProjectId(1),
            ProjectBilling {
                method: BillingMethod::ProjectRate,
                rate: Some(Decimal::from(150)),
                fixed_price: None,
            },
        );
        book.projects.insert(
            ProjectId(2),
            ProjectBilling {
                method: BillingMethod::ServiceRate,
                rate: None,
                fixed_price: None,
            },
        );
        book.projects.insert(
            ProjectId(3),
            ProjectBilling {
                method: BillingMethod::TeamMemberRate,
                rate: None,
                fixed_price: None,
            },
        );
        book.projects.insert(
            ProjectId(4),
            ProjectBilling {
                method: BillingMethod::BusinessRate,
                rate: Some(Decimal::from(999)),
                fixed_price: None,
            },
        );
        book.projects.insert(
            ProjectId(5),
            ProjectBilling {
                method: BillingMethod::ProjectRate,
                rate: None,
                fixed_price: None,
            },
        );
        // A flat fee of 2500 whatever its billing method says.
        book.projects.insert(
            ProjectId(6),
            ProjectBilling {
                method: BillingMethod::ProjectRate,
                rate: Some(Decimal::from(150)),
                fixed_price: Some(Decimal::from(2500)),
            },
        );
        book.services.insert(ServiceId(10), Decimal::from(80));
        book.team.insert(IdentityId(20), Decimal::from(60));
        check(
            &book,
            entry(Some(1), Some(10), Some(20)),
            Some((150, RateSource::Project(ProjectId(1)))),
        );
        check(
            &book,
            entry(Some(2), Some(10), None),
            Some((80, RateSource::Service(ServiceId(10)))),
        );
        check(
            &book,
            entry(Some(2), None, None),
            Some((100, RateSource::Business)),
        );
        check(
            &book,
            entry(Some(3), Some(10), Some(20)),
            Some((60, RateSource::TeamMember(IdentityId(20)))),
        );
        check(
            &book,
            entry(Some(4), Some(10), Some(20)),
            Some((100, RateSource::Business)),
        );
        check(
            &book,
            entry(Some(5), None, None),
            Some((100, RateSource::Business)),
        );
        check(
            &book,
            entry(None, Some(10), None),
            Some((80, RateSource::Service(ServiceId(10)))),
        );
        check(
            &book,
            entry(None, None, None),
            Some((100, RateSource::Business)),
        );
        check(
            &book,
            entry(Some(6), Some(10), Some(20)),
            Some((2500, RateSource::FlatFee(ProjectId(6)))),
        );
        // No team rate known: a team-rate project falls back to the business rate.
        check(
            &book,
            entry(Some(3), Some(10), Some(21)),
            Some((100, RateSource::Business)),
        );
        let empty = RateBook::default();
        check(&empty, entry(None, None, None), None);
    }
}
