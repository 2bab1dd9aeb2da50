//! [`Expenses`]: Expenses (`/accounting/account/{account_id}/expenses/expenses`).

use ledgerline_model::entity::Expense;
use ledgerline_model::ids::ExpenseId;

accounting_resource!(
    /// Expenses (`/accounting/account/{account_id}/expenses/expenses`).
    Expenses {
        record: Expense,
        id: ExpenseId,
        path: "expenses/expenses",
        single: "expense",
        list: "expenses",
        wire: crate::wire::accounting::WireExpense,
    }
);
