#!/usr/bin/env bash
# Fuzzes the REST API with schemathesis (PyPI) against a live server on 127.0.0.1, from the
# server's own OpenAPI document: up to FUZZ_EXAMPLES (1,000) generated cases per operation,
# over 10,000 in all, each checked for a server error and for an answer the document does not
# allow. Exits non-zero on any failure and prints schemathesis' summary.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_python_tools "schemathesis==4.32.5"
step "Building the server"
cargo build -p server --bin rightful
bin="$CARGO_TARGET_DIR/debug/rightful"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export RIGHTFUL_DATA_DIR="$work" RIGHTFUL_LOG=warn
unset DATABASE_URL RIGHTFUL_CONFIG # the embedded default: SQLite in $work

scopes=()
for scope in requests:write requests:read requests:approve requests:cancel tasks:write suppression:read; do
  scopes+=(--scope "$scope")
done
key=$("$bin" api-keys create --name fuzz "${scopes[@]}" 2>/dev/null)

"$bin" serve --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done

step "schemathesis against http://127.0.0.1:$port/api/v1/openapi.json"
"$VENV/bin/st" run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --header "Authorization: Bearer $key" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples "${FUZZ_EXAMPLES:-1000}" \
  --seed "${FUZZ_SEED:-1}" \
  --workers 1 \
  --no-color
