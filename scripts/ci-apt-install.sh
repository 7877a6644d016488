#!/usr/bin/env bash
# apt_install PACKAGE...: installs Debian packages for CI, refreshing the package lists once first
# when they are empty or the packages cannot be found (a new machine ships with no lists, and
# `apt-get install` then fails with "Unable to locate package").
# Source it: `. scripts/ci-apt-install.sh; apt_install faketime`.
# The lists folder is apt's own (Dir::State::Lists), so APT_CONFIG pointing at a config with an empty
# folder reproduces a new machine: scripts/check-ci-apt-install.sh does that.

apt_updated="${apt_updated:-}"

apt_cmd() {
  if [ "$(id -u)" = 0 ]; then apt-get "$@"; else sudo apt-get "$@"; fi
}

apt_lists_empty() {
  local dir
  eval "$(apt-config shell dir Dir::State::Lists/d)"
  dir="${dir:-/var/lib/apt/lists}"
  ! compgen -G "${dir}/*_Packages*" >/dev/null
}

apt_update_once() {
  [ -n "$apt_updated" ] && return 0
  echo "refreshing the Debian package lists (apt-get update)"
  apt_cmd update -q >/dev/null
  apt_updated=1
}

apt_install() {
  if apt_lists_empty; then apt_update_once; fi
  if ! apt_cmd install -y -q "$@" >/dev/null; then
    # An old list may name versions the mirror no longer has: refresh once and try again.
    [ -n "$apt_updated" ] && return 1
    apt_update_once
    apt_cmd install -y -q "$@" >/dev/null
  fi
}
