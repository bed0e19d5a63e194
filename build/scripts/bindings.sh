#!/usr/bin/env bash
# Regenerates the frontend's Wails bindings (frontend/wailsjs/go) and the
# Wails runtime wrapper (frontend/wailsjs/runtime) from the Go methods bound
# in app.RunDesktop, with the Wails CLI pinned in build/tools/go.mod.
#
# Run it after changing a bound method or a DTO, then commit frontend/wailsjs/go.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# The CLI builds the app with -tags bindings and runs it with no arguments,
# so the desktop command starts, sets up logging and writes the bindings
# instead of opening a window. A throwaway data folder keeps that log out of
# the user's own folder.
data_dir="$(mktemp -d)"
trap 'rm -rf "$data_dir"' EXIT
LIAISON_DATA_DIR="$data_dir" go tool -modfile=build/tools/go.mod wails generate module -nocolour -v 1 "$@"

test -f frontend/wailsjs/go/app/App.d.ts || {
  echo "bindings.sh: frontend/wailsjs/go/app/App.d.ts is missing after wails generate module" >&2
  exit 1
}
