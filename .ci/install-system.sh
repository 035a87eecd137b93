#!/usr/bin/env bash
# Debian packages the test suite uses. Idempotent: skipped when everything is present.
set -euo pipefail
PKGS=(chromium socat postgresql cups cups-client printer-driver-cups-pdf sane-utils xvfb
      fonts-noto-cjk espeak-ng libusb-1.0-0 poppler-utils udev gcc openssl)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
