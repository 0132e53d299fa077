#!/usr/bin/env bash
# The whole test suite: formatting, clippy, the wasm dependency check, the cargo tests (on
# SQLite, and on PostgreSQL too when DATABASE_URL points at one), and the Playwright journeys
# in Debian's Chromium against a freshly started server. Ends with one summary line.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_rust_tools
ensure_cargo_leptos
ensure_leptosfmt
ensure_npm_tools
ensure_chromium
ensure_python
ensure_python_tools

step "Formatting (rustfmt, and leptosfmt for view! markup)"
cargo fmt --all -- --check
leptosfmt --check app/src frontend/src

step "Clippy (server side, then the wasm side)"
cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "The wasm build pulls in no database, network or native-TLS crates"
forbidden=$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none \
  | grep -E '^(sea-orm|sqlx|reqwest|mio|tokio-rustls|native-tls|hyper) ' | sort -u || true)
if [ -n "$forbidden" ]; then
  echo "forbidden in the wasm build:"; echo "$forbidden"; exit 1
fi

log=$(mktemp)
# The S3 blob store's test runs against moto's S3 server, started by the test itself.
export MOTO_SERVER="$VENV/bin/moto_server"
step "Cargo tests"
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  echo "PostgreSQL tests included (DATABASE_URL is set), and the S3 test"
  cargo test --workspace --exclude frontend -- --include-ignored 2>&1 | tee "$log"
else
  echo "PostgreSQL tests skipped: set DATABASE_URL=postgres://… to run them"
  cargo test --workspace --exclude frontend 2>&1 | tee "$log"
  step "The S3 blob store against moto's S3 server"
  cargo test -p backend --test it s3:: -- --ignored 2>&1 | tee -a "$log"
fi

build_release
step "End-to-end tests (Playwright, Chromium)"
export RIGHTFUL_BIN="$CARGO_TARGET_DIR/release/rightful" LEPTOS_SITE_ROOT="$ROOT/target/site"
(cd end2end && npx playwright test) 2>&1 | tee -a "$log"

# run.sh and the journeys above build without cargo-leptos; developers build with it. Its
# release (the same cargo artifacts, with minified JS and CSS) must hydrate and work too.
build_release_with_cargo_leptos
step "End-to-end smoke test of the cargo-leptos build"
(cd end2end && npx playwright test journey.spec.ts) 2>&1 | tee -a "$log"

# One closing line over every runner.
awk '
  /^test result:/ { for (i = 1; i <= NF; i++) {
      if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
  /^ +[0-9]+ passed/ { p += $1 } /^ +[0-9]+ failed/ { f += $1 } /^ +[0-9]+ skipped/ { s += $1 }
  END { printf "\nSummary: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
