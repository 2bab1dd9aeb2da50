#!/usr/bin/env bash
# Runs FreshBooks' official Python SDK (shared/sdk-conformance, beside the repository) against a
# freshly started emulator in auto-approve mode, and passes on its "N passed, M failed" and exit code.
# Usage: crates/emulator/sdk-conformance.sh [path/to/freshbooks-emulator]
# Without a path it builds the debug binary with cargo (honouring CARGO_TARGET_DIR).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${LEDGERLINE_SHARED_DIR:-$root/../shared}"
bin="${1:-}"
if [ -z "$bin" ]; then
  cargo build -q -p freshbooks-emulator --manifest-path "$root/Cargo.toml"
  bin="${CARGO_TARGET_DIR:-$root/target}/debug/freshbooks-emulator"
fi
out="$(mktemp)"
"$bin" --port 0 --auto-approve --scale small >"$out" 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do
  [ -s "$out" ] && break
  sleep 0.1
done
base="$(head -n 1 "$out")"
FRESHBOOKS_API_URL="$base" FRESHBOOKS_AUTH_URL="$base" "$shared/sdk-conformance/run"
