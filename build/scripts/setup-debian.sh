#!/usr/bin/env bash
# Installs everything Liaison needs to build, run and test on Debian 12:
# the GTK and WebKit development packages Wails links against, Xvfb and a
# Secret Service for headless runs and tests, Chromium for the end-to-end
# tests, the frontend's npm packages, the Go modules and the pinned Wails CLI.
# It installs only what is missing, so running it again is cheap.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

packages=(
  build-essential pkg-config          # cgo for Wails
  libgtk-3-dev libwebkit2gtk-4.0-dev  # the desktop window
  xvfb xauth                          # a display for headless runs and the smoke test
  imagemagick                         # screenshots of the real window
  dbus-x11 gnome-keyring              # a Secret Service (OS keychain) without a desktop
  chromium                            # end-to-end tests
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} > 0)); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "setup: $1 is missing: $2" >&2
    exit 1
  fi
}
need go "install Go 1.26 or newer and put it on PATH"
need node "install Node.js 20.19 or newer (with npm)"
need npm "install npm 10 or newer"

echo "setup: npm packages"
npm ci --prefix frontend --no-audit --no-fund --loglevel=error
npm ci --prefix engine/sim/sfsim/testdata/jsforce --no-audit --no-fund --loglevel=error

echo "setup: Go modules and the pinned Wails CLI"
go mod download
(cd build/tools && go tool wails version >/dev/null)
