#!/usr/bin/env bash
# Debian packages the project needs: Pango for WeasyPrint's PDF engine, fonts,
# and poppler-utils (pdftoppm/pdftotext) to look at rendered pages.
# Installs only what is missing; needs root (or sudo) on Debian/Ubuntu.
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "warning: not a Debian system; install Pango (for WeasyPrint) yourself: ${missing[*]}" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing Debian packages: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
