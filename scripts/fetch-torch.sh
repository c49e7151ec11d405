#!/usr/bin/env bash
# Fetches Debian's PyTorch 1.13 (python3-torch) and the part of its dependency closure this machine lacks into
# .cache/peers/torch, for `chainfl bench` to compare against; installs nothing (apt-get download + dpkg -x, no root
# needed). OpenBLAS (libopenblas0-pthread) comes with it, so torch's dense layers call a tuned BLAS, not netlib's.
# Download: about 150 MiB (182 packages on a bare Debian 12 with Java and Python; libtorch links OpenCV, FFmpeg
# and GDAL, hence most of them); unpacked: about 700 MiB. Needs Debian 12 (bookworm) and its python3.11.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER="$ROOT/.cache/peers/torch"
PACKAGES=(python3-torch libopenblas0-pthread)

for tool in apt-get dpkg; do
  command -v "$tool" >/dev/null || { echo "fetch-torch: needs $tool (a Debian or Ubuntu system); install PyTorch 1.13 another way" >&2; exit 2; }
done
if [[ -f "$PEER/.complete" ]]; then
  echo "fetch-torch: already in $PEER (delete it to fetch again)"
  exit 0
fi
# What apt would install here: the closure minus what is installed, first alternatives chosen, no Recommends.
mapfile -t needed < <(apt-get -s install --no-install-recommends "${PACKAGES[@]}" 2>/dev/null | awk '/^Inst /{print $2}')
if [[ ${#needed[@]} == 0 ]]; then
  echo "fetch-torch: apt knows no python3-torch here, or it is installed already (run apt-get update, or use the system python3)" >&2
  exit 2
fi
echo "fetch-torch: downloading ${#needed[@]} packages into $PEER/debs ..."
mkdir -p "$PEER/debs" "$PEER/root"
# apt warns when its _apt user cannot write the folder (it then downloads as the caller): not a failure
(cd "$PEER/debs" && apt-get download "${needed[@]}" 2>&1 >/dev/null | grep -v "unsandboxed" >&2 || true)
got=$(find "$PEER/debs" -name '*.deb' | wc -l)
if [[ $got -lt ${#needed[@]} ]]; then
  echo "fetch-torch: only $got of ${#needed[@]} packages came down (no network to the Debian mirror?); run it again once apt-get download works" >&2
  exit 2
fi
for deb in "$PEER"/debs/*.deb; do
  dpkg -x "$deb" "$PEER/root"
done
rm -rf "$PEER/debs"
touch "$PEER/.complete"
du -sh "$PEER" | awk '{print "fetch-torch: done, " $1 " in " $2}'
echo "fetch-torch: chainfl bench finds it there (PYTHONPATH and LD_LIBRARY_PATH point into it)"
