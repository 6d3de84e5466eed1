#!/usr/bin/env bash
# Installs what ContactCenterSim needs from Debian when it is missing: GSL (libgsl-dev) and pkg-config.
set -euo pipefail
if pkg-config --exists gsl 2>/dev/null; then exit 0; fi
echo "ccsim: installing libgsl-dev and pkg-config with apt-get…" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libgsl-dev pkg-config >/dev/null
pkg-config --exists gsl
