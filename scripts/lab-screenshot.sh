#!/usr/bin/env bash
# Regenerates docs/lab.png and docs/lab-sweep.png, the lab's screenshots in docs/lab.md: runs the browser tests
# (LabInBrowserTest: compose, launch, stop, resume, compare, report, lesson; LabSweepInBrowserTest: a 2 x 2 sweep
# filling its heatmap, in headless chromium) and keeps the screenshots they take of the finished run's live chart
# and of the finished sweep's heatmap. Needs chromium (apt-get install chromium), like the report tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -B -q -pl simulator/cli -am test -Dtest='LabInBrowserTest,LabSweepInBrowserTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dchainfl.lab.screenshot="$ROOT/docs/lab.png" -Dchainfl.lab.sweep.screenshot="$ROOT/docs/lab-sweep.png"
echo "wrote docs/lab.png and docs/lab-sweep.png" >&2
