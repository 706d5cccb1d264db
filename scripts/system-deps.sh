#!/usr/bin/env bash
# Debian packages the product needs: Pango for WeasyPrint's PDF engine, and a font.
# With DEV=1 also poppler-utils (pdftoppm/pdftotext), a tool for looking at rendered pages.
# Never prompts: as root it installs what is missing; otherwise it prints the one
# apt-get line needed and goes on (the PDF step fails later with a clear error if Pango
# is truly absent). SKIP_SYSTEM_DEPS=1 skips this step.
set -euo pipefail
[ "${SKIP_SYSTEM_DEPS:-}" = 1 ] && exit 0
packages=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
[ "${DEV:-}" = 1 ] && packages+=(poppler-utils)
if ! command -v dpkg >/dev/null || ! command -v apt-get >/dev/null; then
  echo "note: not a Debian system; install Pango (for WeasyPrint's PDF output) yourself" >&2
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "note: missing Debian packages; as root, run: $line" >&2
  exit 0
fi
echo "installing Debian packages: ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
