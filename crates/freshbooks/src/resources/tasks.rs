//! [`Tasks`]: Accounting tasks (`/accounting/account/{account_id}/projects/tasks`).

use ledgerline_model::entity::Task;
use ledgerline_model::ids::TaskId;

accounting_resource!(
    /// Accounting tasks (`/accounting/account/{account_id}/projects/tasks`).
    Tasks {
        record: Task,
        id: TaskId,
        path: "projects/tasks",
        single: "task",
        list: "tasks",
        wire: crate::wire::accounting::WireTask,
    }
);
