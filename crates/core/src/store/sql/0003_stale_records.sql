-- Records whose last pending change left the queue (undone, or settled by taking FreshBooks'
-- values) while pulls skipped them: the next sync reads each again from FreshBooks, so what
-- changed there meanwhile shows without waiting for the daily full read.
CREATE TABLE stale_records (
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    entity      TEXT    NOT NULL,
    id          INTEGER NOT NULL,
    PRIMARY KEY (business_id, entity, id)
) STRICT;
