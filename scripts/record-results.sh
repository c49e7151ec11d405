#!/usr/bin/env bash
# Records the results of every shipped config's small variant (2 rounds, 3 SUM days, 256-bit DeepChain keys) as
# SHA-256 sums of the files that must be byte-identical across refactors: metrics.csv, participants.csv,
# events.csv, summary.json. Run it before and after a change and diff the two outputs:
#   scripts/record-results.sh /tmp/before.txt ; ...change... ; scripts/record-results.sh /tmp/after.txt ; diff /tmp/before.txt /tmp/after.txt
# An optional second argument keeps only the configs whose name matches a shell pattern, e.g. 'sum-*'.
# configs/besu-dev-network.yaml is left out: it needs a Besu node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_FILE="${1:?usage: scripts/record-results.sh OUTPUT_FILE [NAME_PATTERN]}"
PATTERN="${2:-*}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

small() {
  case "$1" in
    sum-*) echo "--set scenario.days=3" ;;
    # 256-bit keys pack fewer values per ciphertext: the CNN upload would not fit a block; 512-bit keys, one round
    deepchain-parties|deepchain-parties-time) echo "--set rounds=1 --set scenario.key_bits=512" ;;
    deepchain-*) echo "--set rounds=2 --set scenario.key_bits=256" ;;
    *) echo "--set rounds=2" ;;
  esac
}

: > "$OUT_FILE"
for config in "$ROOT"/configs/*.yaml "$ROOT"/configs/regression/*.yaml; do
  name="$(basename "$config" .yaml)"
  [[ "$config" == */regression/* ]] && name="regression-$name"
  [[ "$name" == besu-dev-network ]] && continue
  # shellcheck disable=SC2053
  [[ "$name" == $PATTERN ]] || continue
  out="$WORK/$name"
  if grep -q '^sweep:' "$config"; then
    cmd=(sweep "$config" --out "$out" $(small "$name"))
  else
    cmd=(run "$config" --out "$out" --set output.charts=false $(small "$name"))
  fi
  if ! "$ROOT/chainfl" "${cmd[@]}" > "$WORK/$name.log" 2>&1; then
    echo "$name FAILED: $(tail -n 1 "$WORK/$name.log")" >> "$OUT_FILE"
    continue
  fi
  (cd "$out" && find . -type f \( -name metrics.csv -o -name participants.csv -o -name events.csv -o -name summary.json -o -name sweep.csv \) \
      | LC_ALL=C sort | while read -r f; do
        # summary.json names the chainfl version; everything else in it is a result
        echo "$name/${f#./} $(grep -v '"chainfl_version"' "$f" | sha256sum | cut -c1-16)"
      done) >> "$OUT_FILE"
  echo "recorded $name" >&2
done
