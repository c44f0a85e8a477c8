# Shared by scripts/run and scripts/test: a virtualenv in .venv with the pinned requirements.
# Sourced, not run. Needs Python >= 3.11; installs python3-venv from Debian if venv is missing.
set -euo pipefail

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Jeugdregie vraagt Python 3.11 of nieuwer; gevonden: $("$PYTHON" --version 2>&1)" >&2
  exit 1
fi

als_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_installeer() {
  if [ -z "${_APT_BIJGEWERKT:-}" ]; then als_root apt-get update -qq; _APT_BIJGEWERKT=1; fi
  DEBIAN_FRONTEND=noninteractive als_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_installeer python3-venv
    "$PYTHON" -m venv .venv
  fi
fi

_vereisten=${1:-requirements.txt}
_stempel=".venv/.$(basename "$_vereisten").sha256"
_som=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$_stempel" ] || [ "$(cat "$_stempel")" != "$_som" ]; then
  echo "== Python-pakketten installeren ($_vereisten)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$_vereisten"
  echo "$_som" > "$_stempel"
fi
# WeasyPrint (production statements as PDF) needs Pango from Debian.
if ! ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so.0"; then
  echo "== Pango installeren (Debian-pakketten) voor PDF-export"
  apt_installeer libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
fi
export PATH="$PWD/.venv/bin:$PATH"
mkdir -p var
