#!/usr/bin/env bash
# Makes sure a Chromium for the end-to-end tests exists: CHROMIUM_PATH, a system Chromium, or
# Playwright's own browser. Otherwise installs Debian's chromium package (as root, or with sudo).
set -euo pipefail

# Best effort: a CJK font, so screenshots of Chinese pages are readable (tests read the DOM).
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1; }) || true
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  [ -x "$candidate" ] && exit 0
done
if ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-* >/dev/null 2>&1; then exit 0; fi

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      echo "ensure-chromium: no Chromium found; install it (e.g. sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
      exit 1
    fi
  fi
  echo "ensure-chromium: installing Debian's chromium package (a few minutes on a fresh machine)…"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
echo "ensure-chromium: no Chromium found and none could be installed; install Chromium or set CHROMIUM_PATH" >&2
exit 1
