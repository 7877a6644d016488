#!/usr/bin/env bash
# Proves that CI's apt_install works on a machine whose package lists are empty: apt runs with a
# new, empty lists folder, installs a small package that needs the lists, and must refresh them
# once to do so. Needs root (or sudo) and the Debian mirror. Usage: bash scripts/check-ci-apt-install.sh [package]
set -euo pipefail
cd "$(dirname "$0")/.."
package="${1:-faketime}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial"
echo "Dir::State::Lists \"$work/lists\";" > "$work/apt.conf"
export APT_CONFIG="$work/apt.conf"
. scripts/ci-apt-install.sh
apt_lists_empty || { echo "FAIL: the new lists folder is not empty" >&2; exit 1; }
apt_install --reinstall "$package"
[ -n "$apt_updated" ] || { echo "FAIL: the lists were not refreshed" >&2; exit 1; }
apt_lists_empty && { echo "FAIL: the lists are still empty after apt_install" >&2; exit 1; }
echo "ok: with empty package lists, apt_install refreshed them once and installed $package"
