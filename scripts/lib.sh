# Shared by run.sh and test.sh: paths, caches, and installing whatever build tool is missing.
# Nothing is downloaded at build time: wasm-bindgen and wasm-opt are installed onto PATH first
# (cargo-leptos, too, uses them from there).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${RIGHTFUL_CACHE:-$HOME/.cache/rightful}
# The build cache lives outside the clone, so a fresh clone on the same machine builds fast.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$CACHE/target}
# Incremental state is kept per checkout path, so every fresh clone added gigabytes to the
# shared cache (34 GB after a day) without making the next clone's build any faster.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
CARGO_LEPTOS_VERSION=0.3.10
LEPTOSFMT_VERSION=0.1.33

step() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_rust_tools() {
  if ! command -v cargo >/dev/null; then
    echo "Rust is required; install it with rustup (https://rustup.rs)." >&2
    exit 1
  fi
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # wasm-bindgen-cli must match the wasm-bindgen crate exactly. Its own lockfile asks for a
  # crate version the registry lacks, so it is installed without --locked.
  local wb
  wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
    step "Installing wasm-bindgen-cli $wb (about 4 minutes, once per machine)"
    cargo install wasm-bindgen-cli --version "=$wb"
  fi
}

# cargo-leptos, for `cargo leptos watch` while developing. The scripts build without it (see
# build_release); the test script checks that its build works too.
ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    step "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15 minutes, once per machine)"
    cargo install cargo-leptos --version "=$CARGO_LEPTOS_VERSION" --locked
  fi
}

# The test script's format check of view! markup, which rustfmt leaves alone.
ensure_leptosfmt() {
  if ! leptosfmt --version 2>/dev/null | grep -q "$LEPTOSFMT_VERSION"; then
    step "Installing leptosfmt $LEPTOSFMT_VERSION (once per machine)"
    cargo install leptosfmt --version "=$LEPTOSFMT_VERSION" --locked
  fi
}

ensure_npm_tools() {
  # wasm-opt from npm's binaryen: Debian's wasm-opt 108 silently breaks the wasm.
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -x "$ROOT/node_modules/.bin/playwright" ] \
     || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    step "Installing npm tools (binaryen, Playwright, axe)"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    step "Installing Chromium from apt (Playwright cannot download its own browser here)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
}

# The example webhook receiver (docs/examples) is run by a test, as integrators would run it.
ensure_python() {
  if ! command -v python3 >/dev/null; then
    step "Installing Python 3 from apt (for the example webhook receiver's test)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3
  fi
}

# Python tools from PyPI, pinned, in a virtual environment in the cache: moto's S3 server for
# the S3 blob-store test, and schemathesis for scripts/fuzz-api.sh.
VENV="$CACHE/venv"
ensure_python_tools() {
  if ! python3 -m venv --help >/dev/null 2>&1; then
    step "Installing python3-venv from apt"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
  fi
  local wanted=("moto[server]==5.2.5" "$@")
  local stamp="$VENV/.rightful-${wanted[*]// /_}"
  if [ ! -f "$stamp" ]; then
    step "Installing ${wanted[*]} into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "${wanted[@]}"
    touch "$stamp"
  fi
}

# What cargo-leptos passes to both builds (Cargo.toml's [workspace.metadata.leptos]). Leptos
# compiles LEPTOS_OUTPUT_NAME in; passing the same set as cargo-leptos keeps one build cache
# for both ways of building.
leptos_env() {
  export LEPTOS_OUTPUT_NAME=rightful LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
    LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=false
}

# The release build, as `cargo leptos build --release` makes it but without cargo-leptos
# (installing it from source took 16 of a fresh machine's 30 minutes): the wasm in its
# size-first profile, wasm-bindgen, wasm-opt, the stylesheet and public files into
# target/site, then the server. cargo-leptos also minifies the JS glue and the CSS; gzipped,
# the unminified files are 2.6 KB larger (JS 8.8 against 6.6 KB, CSS 2.9 against 2.5 KB).
build_release() {
  step "Building Rightful (release): the wasm"
  (
    cd "$ROOT" && leptos_env
    local front="$CARGO_TARGET_DIR/front" pkg="$ROOT/target/site/pkg"
    cargo build --package=frontend --lib --target-dir="$front" \
      --target=wasm32-unknown-unknown --profile=wasm-release
    rm -rf "$pkg" && mkdir -p "$pkg"
    wasm-bindgen --target=web --out-name=rightful --out-dir="$pkg" \
      "$front/wasm32-unknown-unknown/wasm-release/frontend.wasm"
    mv "$pkg/rightful_bg.wasm" "$pkg/rightful.wasm"
    rm -f "$pkg/rightful_bg.wasm.d.ts" "$pkg/rightful.d.ts"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$pkg/rightful.wasm" -o "$pkg/rightful.wasm"
    cp style/main.css "$pkg/rightful.css"
    cp -r public/. target/site/
    step "Building Rightful (release): the server"
    cargo build --package=server --bin=rightful --release
  )
}

# The same release through cargo-leptos, as developers build it.
build_release_with_cargo_leptos() {
  step "Building Rightful (release) with cargo-leptos"
  (cd "$ROOT" && cargo leptos build --release)
}
