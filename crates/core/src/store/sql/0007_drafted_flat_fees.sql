-- What drafts made here billed of each flat-fee project (issue 12 review). FreshBooks' own
-- `billed_amount` does not count them: the lines Ledgerline sends carry no project link. Kept
-- per draft operation: a draft undone no longer counts (its outbox row says so).
CREATE TABLE drafted_flat_fees (
    op_seq      INTEGER NOT NULL REFERENCES outbox(seq) ON DELETE CASCADE,
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    project_id  INTEGER NOT NULL,
    -- A decimal as text, as FreshBooks writes money.
    amount      TEXT NOT NULL,
    PRIMARY KEY (op_seq, project_id)
) STRICT;
CREATE INDEX drafted_flat_fees_by_project ON drafted_flat_fees(business_id, project_id);
