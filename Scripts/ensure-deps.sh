#!/usr/bin/env bash
# Installs what ContactCenterSim needs from Debian when it is missing:
#   building and running: GSL (libgsl-dev), GLPK (libglpk-dev), Random123 (librandom123-dev,
#   header-only: the Philox generator under GSL's samplers) and pkg-config;
#   with --tests also headless Chromium (the report.html rendering test).
set -euo pipefail
packages=()
pkg-config --exists gsl 2>/dev/null || packages+=(libgsl-dev pkg-config)
[ -f /usr/include/glpk.h ] || packages+=(libglpk-dev)
[ -f /usr/include/Random123/philox.h ] || packages+=(librandom123-dev)
if [ "${1:-}" = "--tests" ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
fi
if [ ${#packages[@]} -eq 0 ]; then exit 0; fi
echo "ccsim: installing ${packages[*]} with apt-get…" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
pkg-config --exists gsl
[ -f /usr/include/glpk.h ]
[ -f /usr/include/Random123/philox.h ]
