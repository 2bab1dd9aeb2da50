-- Records FreshBooks sent that Ledgerline could not read, set aside with the reason while the
-- rest of their entity syncs. `key` is the record's id as text, or its raw JSON when even the id
-- cannot be read; `id` is NULL then.
CREATE TABLE quarantine (
    business_id INTEGER NOT NULL,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    id INTEGER,
    reason TEXT NOT NULL,
    raw TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (business_id, entity, key)
);
