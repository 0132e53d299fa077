#!/usr/bin/env bash
# Every benchmark, on SQLite and (when DATABASE_URL points at one, as it does by default on
# the development machine) PostgreSQL, then one table: each figure beside its bare baseline
# measured in the same run, and the ratio. The benchmarks are the `cargo bench` targets; each
# prints `ROW|…` lines for the table. About 40 minutes with the default sizes; BENCH_REQUESTS
# (1,000,000) sizes the seeded database for the console, the reports and the cold start, and
# BENCH_SECONDS (10) and BENCH_MEMORY_SECONDS (30) the load runs.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_rust_tools
ensure_npm_tools
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
databases=(sqlite)
if pg_isready -q -d "$DATABASE_URL" 2>/dev/null; then databases+=(postgres); fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# A benchmark that fails is a row of the table saying so; the others still run.
bench() { # <database> <package> <bench>
  step "$3 on $1"
  local postgres=()
  if [ "$1" = postgres ]; then postgres=(BENCH_POSTGRES=1); fi
  if ! env -u BENCH_POSTGRES "${postgres[@]}" cargo bench -q -p "$2" --bench "$3" 2>&1 | tee -a "$out"; then
    echo "ROW|$3 FAILED (see its output above)|$1|||||" | tee -a "$out"
  fi
}

step "Building the release (for the wasm's size)"
build_release
wasm=$(gzip -9 -c target/site/pkg/rightful.wasm | wc -c)
echo "ROW|home page wasm, gzipped|-|$((wasm / 1000)) KB|||≤ 250 KB" >> "$out"

bench sqlite domain deadlines
# The export streams through the blob store; its database is SQLite whatever is asked.
bench sqlite backend export
for db in "${databases[@]}"; do
  bench "$db" server api
  bench "$db" backend fanout
  bench "$db" backend suppression
  bench "$db" server console
  bench "$db" server reports
done

step "The table"
{
  echo "| work | database | figure | bare baseline | ratio | goal |"
  echo "|---|---|---|---|---|---|"
  grep '^ROW|' "$out" | sed -e 's/^ROW//' -e 's/$/|/'
} | tee bench-results.md
echo
echo "(also written to bench-results.md)"
