#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and starts the demo workspace: a
# simulated Salesforce org and two Clarizen instances on loopback, with
# seeded data. With a display it opens the desktop app; without one it runs
# one full sync, prints a summary and exits.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash build/scripts/setup-debian.sh
bash build/scripts/build.sh --no-npm-ci >/dev/null
exec build/bin/liaison demo "$@"
