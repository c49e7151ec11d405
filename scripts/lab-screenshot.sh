#!/usr/bin/env bash
# Regenerates docs/lab.png, the lab's screenshot in docs/lab.md: runs the browser test (LabInBrowserTest: compose,
# launch, stop, resume, compare, report, lesson in headless chromium) and keeps the screenshot it takes of the
# finished run's live chart. Needs chromium (apt-get install chromium), like the report tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -B -q -pl simulator/cli -am test -Dtest=LabInBrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dchainfl.lab.screenshot="$ROOT/docs/lab.png"
echo "wrote docs/lab.png" >&2
