//! [`Items`]: Items (`/accounting/account/{account_id}/items/items`).

use ledgerline_model::entity::Item;
use ledgerline_model::ids::ItemId;

accounting_resource!(
    /// Items (`/accounting/account/{account_id}/items/items`).
    Items {
        record: Item,
        id: ItemId,
        path: "items/items",
        single: "item",
        list: "items",
        wire: crate::wire::accounting::WireItem,
    }
);
