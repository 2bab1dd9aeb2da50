-- The drafting wizard (issue 12): what it remembers, per business and per client, and who the
-- signed-in user is in each business (their own time, and their name on it).
--
-- The business's default hourly rate (FreshBooks' API does not expose it) is a decimal as text,
-- as FreshBooks writes money; choices are the wizard's JSON (layout, rounding, taxes, template).
CREATE TABLE drafting_settings (
    business_id   INTEGER PRIMARY KEY NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    business_rate TEXT,
    -- The choices last saved for any client: offered for a client without its own.
    defaults      TEXT
) STRICT;

CREATE TABLE drafting_choices (
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    client_id   INTEGER NOT NULL,
    choices     TEXT NOT NULL,
    PRIMARY KEY (business_id, client_id)
) STRICT;

-- Team members known by name: the signed-in user (mine = 1), from their identity.
CREATE TABLE team_members (
    business_id INTEGER NOT NULL REFERENCES businesses(business_id) ON DELETE CASCADE,
    identity_id INTEGER NOT NULL,
    name        TEXT,
    mine        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (business_id, identity_id)
) STRICT;
