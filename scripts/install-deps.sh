#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine lacks to build, run and test danvan.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages. Keep this list sorted; docs/dependencies.md says why each is here.
packages=(
  build-essential ccache cmake curl git mold ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-contrib
  libsodium-dev libicu-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libcairo2-dev libpango1.0-dev fonts-liberation2 libqrencode-dev libxlsxwriter-dev libminizip-dev libxml2-dev
  libvips-dev libmagic-dev libcurl4-openssl-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium libreoffice-calc-nogui poppler-utils python3-aiosmtpd wrk nginx-light
)
# `make fuzz` only (scripts/install-deps.sh --fuzz): clang with libFuzzer and the sanitizers' runtime.
if [ "${1:-}" = "--fuzz" ]; then packages+=(clang libclang-rt-14-dev libfuzzer-14-dev); fi
# Node.js and npm: the machine's own (Node 20 with npm) when present, otherwise Debian's.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${#missing[@]} Debian package(s): ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # nginx is only a benchmark baseline: it must not keep a server running after install.
  if command -v systemctl >/dev/null 2>&1; then "${sudo_cmd[@]}" systemctl disable --now nginx >/dev/null 2>&1 || true; fi
  "${sudo_cmd[@]}" service nginx stop >/dev/null 2>&1 || true
fi

# The web app's npm packages, once it exists; re-run only when the lock file changed.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.danvan-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "install-deps: installing the web app's npm packages"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi
