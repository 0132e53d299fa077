#!/usr/bin/env bash
# Builds Rightful in release and serves it on http://127.0.0.1:3000 with its embedded
# defaults: SQLite at data/rightful.db, mail written to data/outbox/. Extra arguments go to
# `rightful serve` (for example --addr 127.0.0.1:8080).
source "$(dirname "$0")/lib.sh"

ensure_rust_tools
ensure_npm_tools
build_release
cd "$ROOT"
export LEPTOS_SITE_ROOT="$ROOT/target/site"
step "Starting rightful serve (Ctrl-C stops it)"
exec "$CARGO_TARGET_DIR/release/rightful" serve "$@"
