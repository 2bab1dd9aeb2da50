//! [`Payments`]: Payments (`/accounting/account/{account_id}/payments/payments`).

use ledgerline_model::entity::Payment;
use ledgerline_model::ids::PaymentId;

accounting_resource!(
    /// Payments (`/accounting/account/{account_id}/payments/payments`).
    Payments {
        record: Payment,
        id: PaymentId,
        path: "payments/payments",
        single: "payment",
        list: "payments",
        wire: crate::wire::accounting::WirePayment,
    }
);
