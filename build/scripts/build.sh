#!/usr/bin/env bash
# Builds the Liaison binary: installs the frontend's npm packages with
# npm ci, builds the frontend with Vite into frontend/dist (which main.go
# embeds), then compiles with the build tags Wails v2 requires.
#
# Usage: build/scripts/build.sh [--dev] [--no-npm-ci] [--target GOOS/GOARCH] [-o PATH]
#   --dev          build with -tags dev, the binary the end-to-end tests start
#                  with -assetdir and -devserver (no Wails CLI needed)
#   --no-npm-ci    keep the installed node_modules (faster repeated builds)
#   --target       cross-compile; windows/amd64 works from Linux because the
#                  Windows webview needs no cgo, darwin/* must run on macOS
#   -o PATH        output file (default build/bin/liaison, .exe on Windows)
#
# On Linux the binary links WebKitGTK 4.0 (Debian 12: libwebkit2gtk-4.0-dev,
# libgtk-3-dev) through cgo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mode=production
npm_ci=1
target=""
out=""

while [ $# -gt 0 ]; do
  case "$1" in
    --dev) mode=dev ;;
    --no-npm-ci) npm_ci=0 ;;
    --target) target="$2"; shift ;;
    -o) out="$2"; shift ;;
    *) echo "build.sh: unknown argument $1 (see the usage at the top of the script)" >&2; exit 2 ;;
  esac
  shift
done

goos="$(go env GOOS)"
goarch="$(go env GOARCH)"
if [ -n "$target" ]; then
  goos="${target%/*}"
  goarch="${target#*/}"
fi
if [ -z "$out" ]; then
  out="$root/build/bin/liaison"
  [ "$goos" = windows ] && out="$out.exe"
fi

cd "$root/frontend"
if [ "$npm_ci" = 1 ] || [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
npm run build

cd "$root"
tags="desktop,production"
ldflags="-s -w"
cgo=1
if [ "$mode" = dev ]; then
  tags="dev"
  ldflags=""
fi
if [ "$goos" = windows ]; then
  # The Windows webview (WebView2) is loaded without cgo; -H windowsgui
  # keeps a console window from opening beside the app.
  cgo=0
  ldflags="$ldflags -H windowsgui"
fi

GOOS="$goos" GOARCH="$goarch" CGO_ENABLED="$cgo" \
  go build -tags "$tags" -trimpath -ldflags "$ldflags ${LIAISON_LDFLAGS:-}" -o "$out" .
echo "built $out ($mode, $goos/$goarch)"
