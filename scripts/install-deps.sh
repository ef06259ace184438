#!/usr/bin/env bash
# Installs what smesim needs on Debian 12, only if something is missing.
# Uses sudo when not root. Safe to run repeatedly.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libeigen3-dev libboost-graph-dev libhdf5-dev
      libcli11-dev libgtest-dev librandom123-dev libtomlplusplus-dev
      python3-h5py python3-xarray python3-h5netcdf python3-numpy python3-pandas
      python3-matplotlib python3-nbformat python3-ipykernel jupyter-nbconvert
      jupyter-client)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
