-- The everyday screens (Home, Clients, Time, Invoices) and the timer.
--
-- Invoices get their due date as a column: FreshBooks sends `due_date` on reads, and an invoice
-- made here has only its date and `due_offset_days`, so the column is FreshBooks' date when there
-- is one, else the date plus the offset. Triggers keep it in step with `raw`, like the full-text
-- index, so no code path that writes an invoice can forget it.
ALTER TABLE invoices ADD COLUMN due_date TEXT;

UPDATE invoices SET due_date = coalesce(
    date(json_extract(raw, '$.due_date')),
    date(json_extract(raw, '$.create_date'),
         CAST(coalesce(json_extract(raw, '$.due_offset_days'), 0) AS INTEGER) || ' days'));

CREATE TRIGGER invoices_due_date_ai AFTER INSERT ON invoices BEGIN
    UPDATE invoices SET due_date = coalesce(
        date(json_extract(new.raw, '$.due_date')),
        date(json_extract(new.raw, '$.create_date'),
             CAST(coalesce(json_extract(new.raw, '$.due_offset_days'), 0) AS INTEGER) || ' days'))
    WHERE rowid = new.rowid;
END;
CREATE TRIGGER invoices_due_date_au AFTER UPDATE OF raw ON invoices BEGIN
    UPDATE invoices SET due_date = coalesce(
        date(json_extract(new.raw, '$.due_date')),
        date(json_extract(new.raw, '$.create_date'),
             CAST(coalesce(json_extract(new.raw, '$.due_offset_days'), 0) AS INTEGER) || ' days'))
    WHERE rowid = new.rowid;
END;

-- The screens read these indexes alone, never the rows (which carry their raw JSON, an invoice's
-- lines and all): what is owed per client (Home's totals and aging, the client list's balances),
-- the invoice list latest first, and the time list latest first with its totals (and Home's
-- unbilled time).
CREATE INDEX invoices_receivable ON invoices(
    business_id, customer_id, currency_code, outstanding, v3_status, vis_state, due_date);
CREATE INDEX invoices_list ON invoices(
    business_id, create_date, id, customer_id, invoice_number, v3_status, due_date, amount,
    outstanding, currency_code, vis_state);
CREATE INDEX time_entries_list ON time_entries(
    business_id, started_at, id, client_id, project_id, service_id, identity_id, billed,
    billable, duration, vis_state, note);

-- The one timer of this data folder: at most one row (slot 1), so two windows or processes
-- cannot both start one. Stopping it turns it into a queued time entry in the same
-- transaction that removes it.
CREATE TABLE timer (
    slot        INTEGER PRIMARY KEY NOT NULL CHECK (slot = 1),
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    client_id   INTEGER,
    project_id  INTEGER,
    service_id  INTEGER,
    note        TEXT,
    -- Unix seconds.
    started_at  INTEGER NOT NULL
) STRICT;
