# Sourced by scripts/run and scripts/test: installs whatever this machine lacks, once.
# Every step checks first, so a second run costs seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (compiles for a long while, once)"
    cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION"
  fi
}

# The wasm-bindgen CLI must equal the wasm-bindgen library in Cargo.lock, or the build fails.
ensure_wasm_bindgen() {
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$\| $want "; then
    say "installing wasm-bindgen-cli $want"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node_packages() {
  if [ ! -x "$ROOT/end2end/node_modules/.bin/playwright" ] || [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ]; then
    say "installing the end2end npm packages (Playwright, binaryen's wasm-opt)"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    say "installing Debian's Chromium"
    need_root apt-get update
    need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
}

# pdftotext and pdfinfo: the print spec reads the PDF Chromium prints of /rencana/{id}/cetak.
ensure_poppler() {
  if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
    say "installing Debian's poppler-utils (pdftotext, pdfinfo)"
    need_root apt-get update
    need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils
  fi
}

ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    say "starting PostgreSQL"
    need_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  pg_isready -h 127.0.0.1 -p 5432
}

# Starts a built server binary in the background and waits until it answers.
#   start_pantau BINARY ADDR DATABASE_URL SITE_ROOT LOGFILE
# Appends its pid to PANTAU_PIDS; stop_pantaus stops them all.
PANTAU_PIDS=()
start_pantau() {
  local binary="$1" addr="$2" url="$3" site="$4" log="$5"
  DATABASE_URL="$url" LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=pantau \
    LEPTOS_SITE_ADDR="$addr" "$binary" serve --demo >"$log" 2>&1 &
  local pid=$!
  PANTAU_PIDS+=("$pid")
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://$addr/" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log"; return 1; }
    sleep 0.5
  done
  echo "server at $addr did not answer within 60 s" >&2
  cat "$log"
  return 1
}

stop_pantaus() {
  local pid
  for pid in "${PANTAU_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PANTAU_PIDS=()
}

# A fresh PostgreSQL database for end-to-end runs; prints its URL.
fresh_postgres_database() {
  local name="$1"
  PGOPTIONS="--client-min-messages=warning" psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $name" >/dev/null
  echo "postgres://postgres@127.0.0.1:5432/$name"
}

# The benchmarks' figures protocol: $PANTAU_BENCH_SUMMARY holds one area<TAB>figure<TAB>value<TAB>goal
# line per figure, from every step.
# Prints the summary file as one table: area (once per group), figure, value, goal.
print_summary() {
  awk -F'\t' '
    { n++; a[n] = $1; f[n] = $2; v[n] = $3; g[n] = $4
      if (length($1) > wa) wa = length($1); if (length($2) > wf) wf = length($2)
      if (length($3) > wv) wv = length($3) }
    END {
      if (wa < 4) wa = 4; if (wf < 6) wf = 6; if (wv < 5) wv = 5
      line = "%-" wa "s  %-" wf "s  %" wv "s  %s\n"
      printf line, "area", "figure", "value", "goal"
      for (i = 1; i <= n; i++) printf line, (a[i] == a[i - 1] ? "" : a[i]), f[i], v[i], g[i]
    }' "$1"
}
