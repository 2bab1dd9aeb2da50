//! [`Services`]: services and their rates (comments family, `/comments/business/{business_id}/…`).

use futures::TryStreamExt;
use ledgerline_model::entity::{Service, ServiceRate};
use ledgerline_model::ids::{BusinessId, ServiceId};
use serde_json::Value;

use crate::config::MAX_PER_PAGE;
use crate::error::Result;
use crate::http::Call;
use crate::page::{self, Page};
use crate::raw::WithRaw;
use crate::resources::business::BusinessScoped;
use crate::resources::{BusinessResource, decode_into, sealed};
use crate::wire::envelope::{self, Family};
use crate::wire::projects::{WireService, WireServiceRate};

/// Services. Listed at `/comments/business/{id}/services`; one at `…/service/{id}`.
#[derive(Debug)]
pub enum Services {}

impl sealed::Sealed for Services {}

impl BusinessResource for Services {
    type Record = Service;
    type Id = ServiceId;
    const SINGLE: &'static str = "service";
    const LIST: &'static str = "services";

    fn list_path(business: BusinessId) -> String {
        format!("/comments/business/{business}/services")
    }

    fn item_path(business: BusinessId, id: ServiceId) -> String {
        format!("/comments/business/{business}/service/{id}")
    }

    fn create_path(business: BusinessId) -> String {
        format!("/comments/business/{business}/service")
    }

    fn decode(value: &Value, operation: &str, at: &str) -> Result<Service> {
        decode_into(value, operation, at, WireService::into_model)
    }

    fn id_of(record: &Service) -> i64 {
        record.id.get()
    }
}

impl BusinessScoped<Services> {
    /// One service's rate (`GET …/service/{id}/rate`).
    pub async fn rate(&self, id: ServiceId) -> Result<WithRaw<ServiceRate>> {
        let call = Call::get(
            format!("/comments/business/{}/service/{id}/rate", self.business),
            Vec::new(),
        );
        let body = self.client.execute(&call).await?;
        let operation = call.operation();
        let (raw, at) = envelope::single(Family::Business, &body, "service_rate", &operation)?;
        Ok(WithRaw {
            record: decode_into(
                raw,
                &operation,
                &at,
                |w: WireServiceRate| Ok(w.into_model()),
            )?,
            raw: raw.clone(),
        })
    }

    /// Every service rate of the business (`GET /comments/business/{id}/service_rates`), across
    /// all pages (the list is paged like services, 50 a page unless asked).
    pub async fn rates(&self) -> Result<Vec<WithRaw<ServiceRate>>> {
        let handler = self.clone();
        let pages = page::all_pages(self.client.config().page_concurrency, move |n| {
            let handler = handler.clone();
            async move { handler.rate_page(n).await }
        });
        page::records(pages, |r: &WithRaw<ServiceRate>| r.record.service_id.get())
            .try_collect()
            .await
    }

    async fn rate_page(&self, page: u32) -> Result<Page<WithRaw<ServiceRate>>> {
        let call = Call::get(
            format!("/comments/business/{}/service_rates", self.business),
            vec![
                ("page".to_owned(), page.to_string()),
                ("per_page".to_owned(), MAX_PER_PAGE.to_string()),
            ],
        );
        let (body, server_date) = self.client.execute_dated(&call).await?;
        let operation = call.operation();
        let (items, at, meta) =
            envelope::list(Family::Business, &body, "service_rates", &operation)?;
        let items = items
            .iter()
            .enumerate()
            .map(|(idx, raw)| {
                Ok(WithRaw {
                    record: decode_into(
                        raw,
                        &operation,
                        &format!("{at}[{idx}]"),
                        |w: WireServiceRate| Ok(w.into_model()),
                    )?,
                    raw: raw.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page {
            items,
            page: meta.page,
            pages: meta.pages,
            per_page: meta.per_page,
            total: meta.total,
            server_date,
        })
    }
}
