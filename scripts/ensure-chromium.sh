#!/usr/bin/env bash
# The browser tests drive Debian's chromium through playwright-core; install it when it is missing, with
# a CJK font (fonts-noto-cjk), without which every Chinese label renders as an empty box in screenshots.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
have_font() { fc-list :lang=zh 2>/dev/null | grep -q .; }
if [ -x "$CHROMIUM" ] && have_font; then exit 0; fi
packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
have_font || packages+=(fonts-noto-cjk)
echo "▶ installing ${packages[*]} for the browser tests (apt-get)" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >&2; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >&2
fi
[ -x "$CHROMIUM" ] || { echo "chromium is still missing at $CHROMIUM" >&2; exit 1; }
have_font || echo "warning: no Chinese font installed; screenshots will show empty boxes" >&2
