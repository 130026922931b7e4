# shellcheck shell=bash
# Chromium: the browser the dashboard's e2e test drives (playwright-core cannot download its own here).
# Debian's package, installed once like PostgreSQL; sourced by start.sh after common.sh.

# chromium_find: prints the browser's path, or nothing when it is not installed.
chromium_find() {
  command -v chromium || command -v chromium-browser || true
}

chromium_ensure_installed() {
  CHROMIUM_PATH="$(chromium_find)"
  if [ -n "$CHROMIUM_PATH" ]; then return; fi
  apt_install chromium
  CHROMIUM_PATH="$(chromium_find)"
  [ -n "$CHROMIUM_PATH" ] || fail "chromium not found after installing it"
}
