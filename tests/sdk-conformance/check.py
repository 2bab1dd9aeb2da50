"""Conformance cases: FreshBooks' official Python SDK (freshbooks-sdk) against our emulator.

An independent client written by FreshBooks' own SDK author: if it cannot talk to the emulator,
the emulator is not FreshBooks. `cargo xtask sdk` (and `cargo xtask test`) installs the SDK pinned
in requirements.txt into a virtualenv under ~/.cache/ledgerline, starts the emulator binary with
`--port 0 --auto-approve` and runs this file with the virtualenv's Python.

Each case is a function named `case_*`; a case passes when it returns without raising.
The run prints one line per case and ends with "N passed, M failed".
Only behaviour that FreshBooks documents, or that its official SDKs rely on, is asserted.

Environment (the first two are the SDK's own variables):
  FRESHBOOKS_API_URL   base of the API, e.g. http://127.0.0.1:4010
  FRESHBOOKS_AUTH_URL  base of the authorization page (defaults to the API's)
  FB_CLIENT_ID, FB_CLIENT_SECRET, FB_REDIRECT_URI  a registered app (the emulator's default app
                       when unset)
  SDK_CONFORMANCE_VERBOSE  set to print each failure's traceback
The server must approve /oauth/authorize at once (302 to the redirect URI), as the emulator does
with --auto-approve.
"""

import os
import sys
import traceback
import uuid
from decimal import Decimal
from urllib.parse import parse_qs, urlencode, urlparse

import requests
from freshbooks import Client, FilterBuilder, IncludesBuilder, PaginateBuilder
from freshbooks.errors import FreshBooksError

API = os.environ["FRESHBOOKS_API_URL"].rstrip("/")
AUTH = os.environ.setdefault("FRESHBOOKS_AUTH_URL", API).rstrip("/")  # the SDK reads it too
CLIENT_ID = os.environ.get("FB_CLIENT_ID", "demo-client-id")
CLIENT_SECRET = os.environ.get("FB_CLIENT_SECRET", "demo-client-secret")
REDIRECT_URI = os.environ.get("FB_REDIRECT_URI", "https://localhost/oauth/callback")
RUN = uuid.uuid4().hex[:8]  # marks what this run creates
# What the cases read and write, and nothing more: FreshBooks answers 403 to a call the token's
# scopes do not cover (a write scope does not grant reads).
SCOPES = [
    "user:profile:read",
    "user:clients:read", "user:clients:write",
    "user:invoices:read", "user:invoices:write",
    "user:projects:read", "user:projects:write",
    "user:time_entries:read", "user:time_entries:write",
]


class State:
    client = None  # an authorized SDK client
    identity = None
    account_id = None  # first business: accounting id
    business_id = None  # first business: projects/timetracking id
    other_account_id = None  # second business
    client_id = None  # a FreshBooks client created by this run


S = State()


def new_sdk():
    return Client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=REDIRECT_URI)


def authorize(state="st-" + RUN):
    """Ask the authorization page for a code; the server approves at once in test mode."""
    url = new_sdk().get_auth_request_url(scopes=SCOPES)
    assert url.startswith(AUTH + "/oauth/authorize"), url
    resp = requests.get(url + "&" + urlencode({"state": state}), allow_redirects=False, timeout=30)
    assert resp.status_code in (301, 302, 303, 307), f"authorize answered {resp.status_code}"
    location = resp.headers["Location"]
    assert location.startswith(REDIRECT_URI), f"redirected to {location}"
    query = parse_qs(urlparse(location).query)
    assert query.get("state") == [state], f"state not echoed: {query}"
    assert query.get("code"), f"no code: {query}"
    return query["code"][0]


def expect_error(fn, statuses):
    try:
        fn()
    except FreshBooksError as e:
        assert e.status_code in statuses, f"status {e.status_code}, wanted {statuses}"
        return e
    raise AssertionError(f"no error, wanted a status in {statuses}")


def case_authorize_redirects_with_code_and_state():
    authorize()


def case_code_exchange_gives_tokens():
    sdk = new_sdk()
    tokens = sdk.get_access_token(authorize())
    assert tokens.access_token and tokens.refresh_token
    assert tokens.access_token_expires_at is not None
    S.client = sdk


def case_code_is_single_use():
    code = authorize()
    new_sdk().get_access_token(code)
    expect_error(lambda: new_sdk().get_access_token(code), range(400, 500))


def case_wrong_secret_is_refused():
    sdk = Client(client_id=CLIENT_ID, client_secret="wrong-" + RUN, redirect_uri=REDIRECT_URI)
    expect_error(lambda: sdk.get_access_token(authorize()), range(400, 500))


def case_refresh_rotates_and_old_refresh_token_dies():
    sdk = new_sdk()
    first = sdk.get_access_token(authorize())
    second = sdk.refresh_access_token()
    assert second.refresh_token != first.refresh_token
    assert second.access_token != first.access_token
    expect_error(lambda: new_sdk().refresh_access_token(first.refresh_token), range(400, 500))
    # the new pair works
    sdk.current_user()


def case_bad_access_token_is_401():
    sdk = Client(client_id=CLIENT_ID, access_token="not-a-token-" + RUN)
    expect_error(lambda: sdk.current_user(), [401])


def case_identity_lists_several_businesses():
    assert S.client, "needs a signed-in client"
    me = S.client.current_user()
    S.identity = me
    assert me.identity_id
    memberships = me.data["business_memberships"]
    assert len(memberships) >= 2, "the demo user should belong to at least two businesses"
    for m in memberships:
        b = m["business"]
        assert isinstance(b["id"], int), "business id is an integer"
        assert isinstance(b["account_id"], str) and b["account_id"], "account_id is a string"
        assert m["role"], "membership has a role"
        assert b["name"]
    S.account_id = memberships[0]["business"]["account_id"]
    S.business_id = memberships[0]["business"]["id"]
    S.other_account_id = memberships[1]["business"]["account_id"]


def need_business():
    assert S.client and S.account_id and S.business_id and S.other_account_id, "needs the identity case"


def case_client_create_get_update():
    need_business()
    created = S.client.clients.create(S.account_id, {
        "fname": "Ada", "lname": "Lovelace", "email": f"ada-{RUN}@example.com",
        "organization": f"Engines {RUN}", "currency_code": "CAD"})
    assert created.id, "created client has an id"
    S.client_id = created.id
    got = S.client.clients.get(S.account_id, created.id)
    assert got.organization == f"Engines {RUN}"
    assert got.email == f"ada-{RUN}@example.com"
    assert int(got.vis_state) == 0
    S.client.clients.update(S.account_id, created.id, {"organization": f"Analytical {RUN}"})
    assert S.client.clients.get(S.account_id, created.id).organization == f"Analytical {RUN}"


def case_per_page_is_capped_at_100():
    need_business()
    existing = S.client.clients.list(S.account_id).pages.total
    for i in range(max(0, 105 - existing)):
        S.client.clients.create(S.account_id, {"organization": f"Bulk {RUN} {i}"})
    # the SDK itself caps per_page, so ask the server directly for more than 100
    raw = requests.get(f"{API}/accounting/account/{S.account_id}/users/clients?page=1&per_page=500",
                       headers={"Authorization": f"Bearer {S.client.access_token}"}, timeout=30)
    assert raw.status_code == 200, raw.status_code
    result = raw.json()["response"]["result"]
    assert result["per_page"] == 100, f"per_page {result['per_page']}"
    assert len(result["clients"]) == 100
    total = result["total"]
    assert result["pages"] == -(-total // 100)
    seen = {c["id"] for c in result["clients"]}
    for p in range(2, result["pages"] + 1):
        seen |= {c.id for c in S.client.clients.list(S.account_id, builders=[PaginateBuilder(p, 100)])}
    assert len(seen) == total, f"{len(seen)} distinct ids over all pages, total says {total}"


def case_search_filters_clients():
    need_business()
    assert S.client_id, "needs the client case"
    found = S.client.clients.list(S.account_id, builders=[FilterBuilder().like("organization_like", f"Analytical {RUN}")])
    ids = [c.id for c in found]
    assert S.client_id in ids and len(ids) == 1, ids


def case_businesses_are_isolated():
    need_business()
    other = S.client.clients.list(S.other_account_id, builders=[FilterBuilder().like("organization_like", RUN)])
    assert len(other) == 0, "a client of one business shows in another"


def case_invoice_with_lines_and_includes():
    need_business()
    assert S.client_id, "needs the client case"
    inv = S.client.invoices.create(S.account_id, {
        "customerid": S.client_id, "create_date": "2026-11-02", "currency_code": "CAD",
        "lines": [
            {"type": 0, "name": "Design", "qty": "2.5", "unit_cost": {"amount": "120.00", "code": "CAD"}},
            {"type": 0, "name": "Hosting", "qty": 1, "unit_cost": {"amount": "19.99", "code": "CAD"}},
        ]})
    assert inv.invoiceid or inv.id
    invoice_id = inv.invoiceid or inv.id
    assert Decimal(inv.amount.amount) == Decimal("319.99"), f"amount {inv.amount.amount}"
    assert inv.amount.code == "CAD"
    plain = S.client.invoices.get(S.account_id, invoice_id)
    assert not plain.data.get("lines"), "lines are returned only when included"
    full = S.client.invoices.get(S.account_id, invoice_id, includes=IncludesBuilder().include("lines"))
    lines = full.data["lines"]
    assert len(lines) == 2
    assert Decimal(lines[0]["amount"]["amount"]) == Decimal("300.00")
    listed = S.client.invoices.list(S.account_id, builders=[FilterBuilder().equals("customerid", S.client_id)])
    assert [i.id for i in listed] == [invoice_id] or [i.invoiceid for i in listed] == [invoice_id]


def case_invoice_for_unknown_client_is_refused_with_errno():
    need_business()
    err = expect_error(lambda: S.client.invoices.create(S.account_id, {
        "customerid": 987654321, "create_date": "2026-11-02",
        "lines": [{"type": 0, "name": "x", "qty": 1, "unit_cost": {"amount": "1.00", "code": "CAD"}}]}),
        range(400, 500))
    assert err.error_code, "accounting errors carry an errno"


def case_unknown_invoice_is_404():
    need_business()
    expect_error(lambda: S.client.invoices.get(S.account_id, 987654321), [404])


def case_soft_delete_sets_vis_state():
    need_business()
    doomed = S.client.clients.create(S.account_id, {"organization": f"Doomed {RUN}"})
    S.client.clients.delete(S.account_id, doomed.id)
    assert int(S.client.clients.get(S.account_id, doomed.id).vis_state) == 1
    S.client.clients.update(S.account_id, doomed.id, {"vis_state": 0})
    assert int(S.client.clients.get(S.account_id, doomed.id).vis_state) == 0


def case_projects_and_time_entries_use_business_id():
    need_business()
    assert S.client_id, "needs the client case"
    project = S.client.projects.create(S.business_id, {"title": f"Site {RUN}", "client_id": S.client_id})
    assert project.id
    listed = S.client.projects.list(S.business_id)
    assert listed.pages is not None and listed.pages.total >= 1, "projects paginate under meta"
    entry = S.client.time_entries.create(S.business_id, {
        "is_logged": True, "duration": 5400, "note": f"Wireframes {RUN}",
        "started_at": "2026-11-02T14:00:00.000Z", "client_id": S.client_id, "project_id": project.id})
    assert entry.id
    assert int(entry.duration) == 5400
    entries = S.client.time_entries.list(S.business_id, builders=[FilterBuilder().equals("client_id", S.client_id)])
    assert entries.pages is not None, "time entries paginate under meta"
    assert entry.id in [e.id for e in entries]


CASES = [(name, fn) for name, fn in list(globals().items()) if name.startswith("case_")]


def main():
    passed = failed = 0
    for name, fn in CASES:
        try:
            fn()
            passed += 1
            print(f"ok   {name[5:]}")
        except Exception as e:  # report and go on
            failed += 1
            print(f"FAIL {name[5:]}: {type(e).__name__}: {e}")
            if os.environ.get("SDK_CONFORMANCE_VERBOSE"):
                traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
