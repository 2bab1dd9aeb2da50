-- An invoice's due date is written with its row (the upsert computes it with the same rule), so
-- the triggers of 0005 only step in when a write left it out of step with `raw`: before, they
-- wrote every invoice a second time (and its two indexes that hold the date) to set it. After
-- any write the column still equals the rule, so no code path that writes an invoice can forget it.
DROP TRIGGER invoices_due_date_ai;
DROP TRIGGER invoices_due_date_au;

CREATE TRIGGER invoices_due_date_ai AFTER INSERT ON invoices
WHEN new.due_date IS NOT coalesce(
        date(json_extract(new.raw, '$.due_date')),
        date(json_extract(new.raw, '$.create_date'),
             CAST(coalesce(json_extract(new.raw, '$.due_offset_days'), 0) AS INTEGER) || ' days'))
BEGIN
    UPDATE invoices SET due_date = coalesce(
        date(json_extract(new.raw, '$.due_date')),
        date(json_extract(new.raw, '$.create_date'),
             CAST(coalesce(json_extract(new.raw, '$.due_offset_days'), 0) AS INTEGER) || ' days'))
    WHERE rowid = new.rowid;
END;
CREATE TRIGGER invoices_due_date_au AFTER UPDATE OF raw ON invoices
WHEN new.due_date IS NOT coalesce(
        date(json_extract(new.raw, '$.due_date')),
        date(json_extract(new.raw, '$.create_date'),
             CAST(coalesce(json_extract(new.raw, '$.due_offset_days'), 0) AS INTEGER) || ' days'))
BEGIN
    UPDATE invoices SET due_date = coalesce(
        date(json_extract(new.raw, '$.due_date')),
        date(json_extract(new.raw, '$.create_date'),
             CAST(coalesce(json_extract(new.raw, '$.due_offset_days'), 0) AS INTEGER) || ' days'))
    WHERE rowid = new.rowid;
END;
