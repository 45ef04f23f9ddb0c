#!/usr/bin/env bash
# Makes sure Debian's chromium is installed at /usr/bin/chromium (what e2e/browser-e2e.mjs launches).
# Installs it with apt-get when missing: as root directly, otherwise through sudo when available.
# Prints the browser version; exits non-zero with a clear message when it cannot install.
set -euo pipefail

# Overridable only to exercise this script; the e2e script always launches /usr/bin/chromium.
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [[ -x "$CHROMIUM" ]]; then
  "$CHROMIUM" --version 2>/dev/null || echo "chromium present at $CHROMIUM"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium" \
    "so that $CHROMIUM exists (Debian/Ubuntu package 'chromium')." >&2
  exit 1
fi

if [[ "$(id -u)" -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "ensure-chromium: $CHROMIUM is missing; installing it needs root. Run as root, or allow" \
    "passwordless sudo, or run: sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian chromium (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null

if [[ ! -x "$CHROMIUM" ]]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM does not exist" >&2
  exit 1
fi
"$CHROMIUM" --version 2>/dev/null || true
