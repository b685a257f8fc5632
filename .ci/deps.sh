#!/bin/sh
# Installs the Debian bookworm packages cgrad needs, only when one is missing,
# so it is cheap to run before every build.  Needs root or sudo for apt-get.
set -e
pkgs="clang-19 libclang-19-dev llvm-19 llvm-19-tools libomp-19-dev libopenblas-dev
      cmake make python3 pkg-config gcc valgrind"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "cgrad: installing$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
