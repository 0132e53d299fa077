#!/usr/bin/env bash
# Lighthouse 12 (mobile, simulated throttling) on the home page, a flow page and a status
# page of a freshly started release build, signed in as a new person with one export filed.
# Prints each page's performance, accessibility and best-practices scores.
# Run after the run or test command has built the release binary.
source "$(dirname "$0")/lib.sh"
ensure_chromium

LH="$CACHE/lighthouse"
if [ ! -x "$LH/node_modules/.bin/lighthouse" ]; then
  step "Installing lighthouse@12 into $LH (once per machine)"
  mkdir -p "$LH" && (cd "$LH" && npm install --no-audit --no-fund --silent lighthouse@12)
fi

port=${LIGHTHOUSE_PORT:-3997}
base="http://127.0.0.1:$port"
data=$(mktemp -d)
RIGHTFUL_DATA_DIR="$data" LEPTOS_SITE_ROOT="$ROOT/target/site" RIGHTFUL_LOG=warn \
  "$CARGO_TARGET_DIR/release/rightful" serve --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

step "Signing in and filing an export"
post() { curl -sf -H "Origin: $base" -b "$data/jar" -c "$data/jar" -o /dev/null -D - "$@"; }
post -d "email=lighthouse@example.com" "$base/api/auth/request_code" >/dev/null
code=$(grep -rhE "^[0-9]{6}[[:space:]]*$" "$data/outbox" | tail -1 | tr -d "\r ")
post -d "email=lighthouse@example.com&code=$code" "$base/api/auth/verify_code" >/dev/null
post -d "jurisdiction=GB-ENG" "$base/api/privacy/jurisdiction" >/dev/null
request=$(post -d "kind=export" "$base/api/requests/file" | tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
token=$(awk '$6 == "rightful_session" { print $7 }' "$data/jar")

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
for page in / /requests/new/export "$request"; do
  CHROME_PATH=/usr/bin/chromium "$LH/node_modules/.bin/lighthouse" "$base$page" --quiet \
    --chrome-flags="$flags" --extra-headers "{\"Cookie\":\"rightful_session=$token\"}" \
    --only-categories=performance,accessibility,best-practices \
    --output=json --output-path="$data/report.json" >/dev/null 2>&1
  node -e '
    const r = require(process.argv[1]);
    const s = Object.values(r.categories).map((c) => `${c.id} ${Math.round(c.score * 100)}`);
    console.log(process.argv[2].padEnd(52), s.join(", "), "| LCP", r.audits["largest-contentful-paint"].displayValue);
  ' "$data/report.json" "$page"
done
