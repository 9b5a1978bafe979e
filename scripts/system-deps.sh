#!/usr/bin/env bash
# Install the Debian packages the platform needs, only those that are missing.
#   runtime: Pango (WeasyPrint's PDF layout), a CJK font, gettext (compiled English translations), and
#            LibreOffice Writer and Calc (DOCX/XLSX turned into PDF before a 部分公开 redaction)
#   test:    the runtime set plus Chromium (browser tests), poppler-utils (PDF pages as images), and nginx and
#            openssl (the generated per-site server blocks are checked with nginx -t)
#   bench:   the runtime set without LibreOffice (the portal throughput benchmark converts no documents),
#            plus wrk and nginx
set -euo pipefail
profile="${1:-runtime}"
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext)
if [ "$profile" != "bench" ]; then
  packages+=(libreoffice-writer libreoffice-calc)
fi
if [ "$profile" = "test" ]; then
  packages+=(chromium poppler-utils nginx openssl)
fi
if [ "$profile" = "bench" ]; then
  packages+=(wrk nginx)
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
