-- Sign-ins started on this computer, so the browser's answer (a deep link, perhaps one that
-- starts the app, or an address pasted by the user) is checked before use: a state Ledgerline
-- made, not too old, and used once. Only a hash of each state is kept. Used rows stay a while
-- so a replayed answer is told apart from a forged one; old rows are removed lazily.
CREATE TABLE pending_sign_ins (
    state_hash   TEXT    PRIMARY KEY,
    -- Which registration started it: builtin, own or demo.
    app          TEXT    NOT NULL,
    -- The redirect URI the authorization request named (the relay page's address).
    redirect_uri TEXT    NOT NULL,
    -- Unix seconds.
    started_at   INTEGER NOT NULL,
    used_at      INTEGER
) STRICT;
