#!/usr/bin/env bash
# Set up what `make` needs on a fresh Debian/Ubuntu machine, by feature:
#
#   bash scripts/bootstrap.sh [base] [pdf] [browser]
#
#   base     the virtual environment in .venv/ (project in editable mode) and graphviz
#            and librsvg2-bin (diagrams, charts); always included
#   pdf      what WeasyPrint needs to lay out the PDF (Pango, HarfBuzz's subsetter) and the
#            fonts the PDF embeds: Open Sans (text), Liberation Sans (diagram labels, the
#            metrics graphviz lays out Helvetica/Arial with), DejaVu and Symbola (fallbacks,
#            emoji); poppler-utils for the tests' pdftotext
#   browser  the test feature: Debian's Chromium and Node.js/npm with axe-core (browser tests)
#            and LibreOffice Calc without a GUI (a real spreadsheet program re-saves the
#            exported workbook in the Excel round-trip tests)
#
# System packages are installed with apt-get when run as root; otherwise the script
# stops and names the packages to install. Safe to run again: it only adds what is
# missing. Each feature leaves a stamp .venv/.bootstrapped-<feature> for make.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
features=(base "$@")

declare -A PACKAGES=(
  [base]="graphviz librsvg2-bin"
  [pdf]="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-open-sans fonts-liberation2 fonts-dejavu-core fonts-symbola poppler-utils"
  [browser]="chromium fonts-dejavu-core libreoffice-calc-nogui"
)

missing=()
for feature in "${features[@]}"; do
  for pkg in ${PACKAGES[$feature]:-}; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
done
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=("python3-venv")
fi
if [[ " ${features[*]} " == *" browser "* ]] && ! command -v npm >/dev/null; then
  missing+=("nodejs" "npm")
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: these system packages are missing: ${missing[*]}" >&2
    echo "bootstrap: install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

mkdir -p .venv
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  "$PYTHON" -m venv .venv
fi
if [ ! -f .venv/.bootstrapped-base ] || [ pyproject.toml -nt .venv/.bootstrapped-base ]; then
  echo "bootstrap: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test,serve]'
fi
if [[ " ${features[*]} " == *" browser "* ]]; then
  echo "bootstrap: installing axe-core (npm)"
  npm ci --no-audit --no-fund --silent
fi
for feature in "${features[@]}"; do
  touch ".venv/.bootstrapped-$feature"
done
