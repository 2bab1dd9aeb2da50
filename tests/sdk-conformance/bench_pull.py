"""Benchmark: FreshBooks' official Python SDK pulls one business, as a first sync would.

`cargo xtask bench` runs this with the SDK's pinned virtualenv (see check.py) against the
emulator it started. It signs in as check.py does, then pages clients, invoices with their lines
(include[]=lines) and the whole team's time entries (team=true) of one business with
per_page=100, one request at a time as the SDK's paging does, and prints one JSON line:
{"requests": N, "records": N, "ms": M} (the pull only; sign-in is not timed).

Environment: FRESHBOOKS_API_URL, FRESHBOOKS_AUTH_URL (as check.py), BENCH_BUSINESS_ID (the
business's id).
"""

import json
import os
import time
from urllib.parse import parse_qs, urlparse

import requests
from freshbooks import Client, FilterBuilder, IncludesBuilder, PaginateBuilder

API = os.environ["FRESHBOOKS_API_URL"].rstrip("/")
os.environ.setdefault("FRESHBOOKS_AUTH_URL", API)
CLIENT_ID = os.environ.get("FB_CLIENT_ID", "demo-client-id")
CLIENT_SECRET = os.environ.get("FB_CLIENT_SECRET", "demo-client-secret")
REDIRECT_URI = os.environ.get("FB_REDIRECT_URI", "https://localhost/oauth/callback")
BUSINESS_ID = int(os.environ["BENCH_BUSINESS_ID"])
SCOPES = ["user:profile:read", "user:clients:read", "user:invoices:read", "user:time_entries:read"]


def sign_in():
    sdk = Client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=REDIRECT_URI)
    url = sdk.get_auth_request_url(scopes=SCOPES)
    resp = requests.get(url, allow_redirects=False, timeout=30)
    code = parse_qs(urlparse(resp.headers["Location"]).query)["code"][0]
    sdk.get_access_token(code)
    return sdk


def pull_all(list_page):
    """Pages a list to its end; returns (requests, records)."""
    page, requests_made, records = 1, 0, 0
    while True:
        result = list_page(page)
        requests_made += 1
        records += len(result.data[result._name])
        if page >= result.pages.pages:
            return requests_made, records
        page += 1


def main():
    sdk = sign_in()
    me = sdk.current_user()
    account_id = next(
        m["business"]["account_id"]
        for m in me.data["business_memberships"]
        if m["business"]["id"] == BUSINESS_ID
    )
    lines = IncludesBuilder().include("lines")
    team = FilterBuilder().boolean("team", True)
    started = time.monotonic()
    total_requests, total_records = 0, 0
    for list_page in (
        lambda p: sdk.clients.list(account_id, builders=[PaginateBuilder(p, 100)]),
        lambda p: sdk.invoices.list(account_id, builders=[PaginateBuilder(p, 100), lines]),
        lambda p: sdk.time_entries.list(BUSINESS_ID, builders=[PaginateBuilder(p, 100), team]),
    ):
        r, n = pull_all(list_page)
        total_requests += r
        total_records += n
    ms = round((time.monotonic() - started) * 1000)
    print(json.dumps({"requests": total_requests, "records": total_records, "ms": ms}))


if __name__ == "__main__":
    main()
