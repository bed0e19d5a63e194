#!/usr/bin/env bash
# Runs every test of Liaison: go vet, the Go tests (simulators, clients,
# sync scenarios, jsforce and the other independent clients, the real OS
# keychain, the desktop smoke test under Xvfb), the frontend's type check
# and component tests, and the end-to-end tests in headless Chromium.
# Screenshots and reports go to test-output/.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash build/scripts/setup-debian.sh

echo "test: build the frontend"
npm --prefix frontend run build --silent

echo "test: go vet"
go vet ./...

echo "test: go test (inside a D-Bus session with GNOME Keyring as the Secret Service)"
mkdir -p test-output
export LIAISON_REQUIRE_KEYCHAIN=1 LIAISON_SMOKE=1
# A keyring folder of its own, so that a user's existing login keyring (with
# another password) is never touched and never asks for its password.
keyrings=$(mktemp -d)
trap 'rm -rf "$keyrings"' EXIT
XDG_DATA_HOME=$keyrings dbus-run-session -- bash -c '
  set -euo pipefail
  # The keyring password only unlocks this throwaway test keyring.
  printf liaison-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  go test -p 2 -timeout 30m ./...
'

echo "test: frontend component tests"
npm --prefix frontend test --silent

echo "test: end-to-end tests in Chromium"
npm --prefix frontend run e2e --silent

echo "test: all passed; screenshots are in test-output/"
