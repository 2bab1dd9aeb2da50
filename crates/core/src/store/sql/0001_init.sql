-- Ledgerline's local mirror, version 1.
--
-- Every FreshBooks record lives in the table of its entity, keyed by (business_id, id): the
-- business's integer id keeps businesses apart, and `id` is FreshBooks' id, or a negative local id
-- for a record created offline that FreshBooks has not numbered yet. Typed columns hold what the
-- app queries; `raw` holds the record exactly as FreshBooks shaped it (JSON), which is what exports
-- print. Secrets are never stored here.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- The signed-in user's memberships: one row per business they may open.
CREATE TABLE businesses (
    business_id   INTEGER PRIMARY KEY NOT NULL,
    account_id    TEXT NOT NULL,
    business_uuid TEXT,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    currency_code TEXT,
    position      INTEGER NOT NULL DEFAULT 0,
    raw           TEXT NOT NULL
) STRICT;

-- Sync bookkeeping per (business, entity): watermark, resumable cursor, availability.
CREATE TABLE sync_state (
    business_id        INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    entity             TEXT NOT NULL,
    -- Start (UTC, RFC 3339) of the last pull that completed; the next incremental pull asks for
    -- records updated since this minus an overlap.
    watermark          TEXT,
    -- When the last complete full read finished (UTC, RFC 3339).
    last_full_at       TEXT,
    last_attempt_at    TEXT,
    -- An interrupted pull: its mode ('full' or 'incremental'), start and the last page written.
    cursor_mode        TEXT,
    cursor_started_at  TEXT,
    cursor_page        INTEGER,
    -- Pages counted so far and the total reported by FreshBooks, for progress.
    done               INTEGER NOT NULL DEFAULT 0,
    total              INTEGER,
    -- 0 when FreshBooks refused this user the entity (403): not a failure, a fact.
    available          INTEGER NOT NULL DEFAULT 1,
    unavailable_reason TEXT,
    last_error         TEXT,
    PRIMARY KEY (business_id, entity)
) STRICT;

CREATE TABLE id_map (
    business_id INTEGER NOT NULL,
    entity      TEXT NOT NULL,
    local_id    INTEGER NOT NULL,
    remote_id   INTEGER NOT NULL,
    PRIMARY KEY (business_id, entity, local_id)
) STRICT;

CREATE TABLE clients (
    business_id   INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    id            INTEGER NOT NULL,
    fname         TEXT,
    lname         TEXT,
    organization  TEXT,
    email         TEXT,
    currency_code TEXT,
    vis_state     INTEGER NOT NULL DEFAULT 0,
    updated       TEXT,
    seen_run      INTEGER,
    raw           TEXT NOT NULL,
    PRIMARY KEY (business_id, id)
) STRICT;

CREATE TABLE invoices (
    business_id    INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    id             INTEGER NOT NULL,
    customer_id    INTEGER,
    invoice_number TEXT,
    create_date    TEXT,
    currency_code  TEXT,
    amount         TEXT,
    outstanding    TEXT,
    v3_status      TEXT,
    payment_status TEXT,
    version        TEXT,
    vis_state      INTEGER NOT NULL DEFAULT 0,
    updated        TEXT,
    search_text    TEXT,
    seen_run       INTEGER,
    raw            TEXT NOT NULL,
    PRIMARY KEY (business_id, id)
) STRICT;
CREATE INDEX invoices_by_customer ON invoices(business_id, customer_id);

CREATE TABLE time_entries (
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    id          INTEGER NOT NULL,
    client_id   INTEGER,
    project_id  INTEGER,
    service_id  INTEGER,
    identity_id INTEGER,
    started_at  TEXT,
    duration    INTEGER NOT NULL DEFAULT 0,
    note        TEXT,
    billable    INTEGER NOT NULL DEFAULT 0,
    billed      INTEGER NOT NULL DEFAULT 0,
    vis_state   INTEGER NOT NULL DEFAULT 0,
    updated     TEXT,
    seen_run    INTEGER,
    raw         TEXT NOT NULL,
    PRIMARY KEY (business_id, id)
) STRICT;
CREATE INDEX time_entries_unbilled ON time_entries(business_id, billed, client_id);

-- The remaining entities share one shape: what we query is the id, the visibility, a parent
-- (client, invoice or service) and a display name.
CREATE TABLE records (
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,
    id          INTEGER NOT NULL,
    parent_id   INTEGER,
    name        TEXT,
    vis_state   INTEGER NOT NULL DEFAULT 0,
    updated     TEXT,
    seen_run    INTEGER,
    raw         TEXT NOT NULL,
    PRIMARY KEY (business_id, entity, id)
) STRICT;

-- Durable local edits, sent to FreshBooks in `seq` order.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,
    target_id   INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    op          TEXT NOT NULL,
    -- pending | sending | unknown | done | rejected | conflict | undone
    state       TEXT NOT NULL,
    -- For multi-step operations (draft invoice from time): how many steps are done.
    step        INTEGER NOT NULL DEFAULT 0,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_open ON outbox(business_id, state, seq);
CREATE INDEX outbox_target ON outbox(business_id, entity, target_id, state);

-- Further records an operation touches (the time entries a mark-billed or draft operation bills).
CREATE TABLE outbox_targets (
    seq         INTEGER NOT NULL REFERENCES outbox(seq) ON DELETE CASCADE,
    business_id INTEGER NOT NULL,
    entity      TEXT NOT NULL,
    target_id   INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_targets_by_target ON outbox_targets(business_id, entity, target_id);

-- A local change and a FreshBooks change to the same field group; resolved by the user.
CREATE TABLE conflicts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    op_seq      INTEGER NOT NULL REFERENCES outbox(seq) ON DELETE CASCADE,
    field_group TEXT NOT NULL,
    mine        TEXT NOT NULL,
    theirs      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT
) STRICT;

-- Full-text search over clients, invoices and time-entry notes, across businesses. External
-- content tables kept in step by triggers, so no code path can forget them.
CREATE VIRTUAL TABLE clients_fts USING fts5(
    fname, lname, organization, email, content='clients', content_rowid='rowid'
);
CREATE TRIGGER clients_fts_ai AFTER INSERT ON clients BEGIN
    INSERT INTO clients_fts(rowid, fname, lname, organization, email)
    VALUES (new.rowid, new.fname, new.lname, new.organization, new.email);
END;
CREATE TRIGGER clients_fts_ad AFTER DELETE ON clients BEGIN
    INSERT INTO clients_fts(clients_fts, rowid, fname, lname, organization, email)
    VALUES ('delete', old.rowid, old.fname, old.lname, old.organization, old.email);
END;
CREATE TRIGGER clients_fts_au AFTER UPDATE OF fname, lname, organization, email ON clients BEGIN
    INSERT INTO clients_fts(clients_fts, rowid, fname, lname, organization, email)
    VALUES ('delete', old.rowid, old.fname, old.lname, old.organization, old.email);
    INSERT INTO clients_fts(rowid, fname, lname, organization, email)
    VALUES (new.rowid, new.fname, new.lname, new.organization, new.email);
END;

CREATE VIRTUAL TABLE invoices_fts USING fts5(
    invoice_number, search_text, content='invoices', content_rowid='rowid'
);
CREATE TRIGGER invoices_fts_ai AFTER INSERT ON invoices BEGIN
    INSERT INTO invoices_fts(rowid, invoice_number, search_text)
    VALUES (new.rowid, new.invoice_number, new.search_text);
END;
CREATE TRIGGER invoices_fts_ad AFTER DELETE ON invoices BEGIN
    INSERT INTO invoices_fts(invoices_fts, rowid, invoice_number, search_text)
    VALUES ('delete', old.rowid, old.invoice_number, old.search_text);
END;
CREATE TRIGGER invoices_fts_au AFTER UPDATE OF invoice_number, search_text ON invoices BEGIN
    INSERT INTO invoices_fts(invoices_fts, rowid, invoice_number, search_text)
    VALUES ('delete', old.rowid, old.invoice_number, old.search_text);
    INSERT INTO invoices_fts(rowid, invoice_number, search_text)
    VALUES (new.rowid, new.invoice_number, new.search_text);
END;

CREATE VIRTUAL TABLE time_entries_fts USING fts5(
    note, content='time_entries', content_rowid='rowid'
);
CREATE TRIGGER time_entries_fts_ai AFTER INSERT ON time_entries BEGIN
    INSERT INTO time_entries_fts(rowid, note) VALUES (new.rowid, new.note);
END;
CREATE TRIGGER time_entries_fts_ad AFTER DELETE ON time_entries BEGIN
    INSERT INTO time_entries_fts(time_entries_fts, rowid, note) VALUES ('delete', old.rowid, old.note);
END;
CREATE TRIGGER time_entries_fts_au AFTER UPDATE OF note ON time_entries BEGIN
    INSERT INTO time_entries_fts(time_entries_fts, rowid, note) VALUES ('delete', old.rowid, old.note);
    INSERT INTO time_entries_fts(rowid, note) VALUES (new.rowid, new.note);
END;
