#!/usr/bin/env bash
# Makes sure Caddy exists for the reverse-proxy end-to-end test (e2e/proxy.spec.ts): CADDY_PATH, a
# caddy on PATH, or Debian's caddy package installed here (as root, or with sudo). When none can be
# had, says so and succeeds: that test then skips itself with the reason.
set -uo pipefail

if [ -n "${CADDY_PATH:-}" ]; then
  [ -x "$CADDY_PATH" ] && exit 0
  echo "ensure-caddy: CADDY_PATH=$CADDY_PATH is not an executable" >&2
  exit 1
fi
command -v caddy >/dev/null 2>&1 && exit 0

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
  fi
  if [ "$SUDO" != "none" ]; then
    echo "ensure-caddy: installing Debian's caddy package…"
    # The package would start a caddy service on port 80 where services start; the test runs its own.
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >/dev/null 2>&1 ||
      { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 &&
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >/dev/null 2>&1; }
    command -v caddy >/dev/null 2>&1 && exit 0
  fi
fi
echo "ensure-caddy: no Caddy found and none could be installed (apt-get install caddy, or set CADDY_PATH);" \
  "the reverse-proxy test will be skipped" >&2
exit 0
