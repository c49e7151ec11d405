#!/usr/bin/env bash
# The DeepChain parties study end to end (configs/deepchain-parties.yaml: the paper's CNN, 1024-bit threshold
# Paillier, 4, 6, 8 and 10 parties), with the code before issue 19's crypto work and with this checkout, alternating,
# each `chainfl run` timed whole (start-up, training, crypto, ledger, charts). The code before is built from git in a
# temporary worktree (commit 0b38d2c by default: classic r^N encryption, one modPow per share and per combination
# term). By default one share per setting (--set rounds=1; the config's 3 shares take 3x as long) and RUNS = 2 rounds
# of (before, now); the columns the study reads (accuracy, solo mean and best) and the other learning columns must
# agree, as the decryption is exact either way (ledger gas may differ: the ciphertexts' bytes differ).
#   scripts/bench-deepchain-study.sh [RUNS] [extra chainfl run options...]
#   e.g. scripts/bench-deepchain-study.sh 3    or    scripts/bench-deepchain-study.sh 2 --set scenario.key_bits=512
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-2}"
shift || true
BEFORE_COMMIT="${BEFORE_COMMIT:-0b38d2c}"
BEFORE="${TMPDIR:-/tmp}/chainfl-before-$BEFORE_COMMIT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [[ ! -x "$BEFORE/chainfl" ]]; then
  git -C "$ROOT" worktree add --detach "$BEFORE" "$BEFORE_COMMIT" >/dev/null
fi
for shared in node_modules .cache; do
  [[ -e "$BEFORE/$shared" || ! -e "$ROOT/$shared" ]] || ln -s "$ROOT/$shared" "$BEFORE/$shared"
done
echo "building both (the first time takes a minute or two)..." >&2
(cd "$BEFORE" && ./chainfl --version >/dev/null)
# a short run writes this build's class-data-sharing archive (the launcher does on a build's first run), so the timed runs use it
(cd "$ROOT" && ./chainfl run --set rounds=1 --out "$WORK/warm-up" --force >/dev/null 2>&1)

ARGS=(run configs/deepchain-parties.yaml --set rounds=1 "$@" --force)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -a BEFORE_S NOW_S
for ((i = 1; i <= RUNS; i++)); do
  for side in before now; do
    dir="$BEFORE"; [[ $side == now ]] && dir="$ROOT"
    start=$(date +%s.%N)
    (cd "$dir" && ./chainfl "${ARGS[@]}" --out "$WORK/$side-$i" >/dev/null 2>"$WORK/$side-$i.err") || { cat "$WORK/$side-$i.err" >&2; exit 1; }
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    printf 'run %d %-6s %8.1f s\n' "$i" "$side" "$seconds"
    if [[ $side == before ]]; then BEFORE_S+=("$seconds"); else NOW_S+=("$seconds"); fi
  done
  # the learning columns agree (gas may differ: the ciphertexts' bytes differ); a column missing on either side fails
  python3 - "$WORK/before-$i/metrics.csv" "$WORK/now-$i/metrics.csv" <<'PY' || exit 1
import csv, sys
keys = ["variant", "round", "accuracy", "loss", "macro_f1", "train_loss", "accepted_updates", "solo_max", "solo_mean"]
tables = [list(csv.DictReader(open(f))) for f in sys.argv[1:]]
for side, table in zip(("before", "now"), tables):
    missing = [k for k in keys if not table or k not in table[0]]
    if missing:
        sys.exit(f"{side}'s metrics.csv lacks {missing}")
rows = [[tuple(r[k] for k in keys) for r in table] for table in tables]
if rows[0] != rows[1]:
    sys.exit(f"the learning columns differ between before and now: {rows[0]} vs {rows[1]}")
PY
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
b=$(median "${BEFORE_S[@]}"); n=$(median "${NOW_S[@]}")
printf 'median of %d: before %.1f s, now %.1f s, before/now %.2f (load average now: %s)\n' "$RUNS" "$b" "$n" "$(echo "$b / $n" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
