#!/usr/bin/env bash
# The conversation and channel suites again with the machine's clock moved (libfaketime), to prove
# that no answer depends on the day the suite runs: every test that reads the demo uses a fixed clock
# (test/support/test-clock.ts). Embedded database only: a PostgreSQL server keeps its own clock.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  echo "faketime is not installed (Debian: apt-get install faketime); the moved-clock runs need it." >&2
  exit 1
fi

suites=(
  test/unit/conversation
  test/unit/channels
  test/integration/conversation.test.ts
  test/integration/intents
  test/integration/slack-app.test.ts
  test/integration/slack-socket-mode.test.ts
  test/integration/teams-app.test.ts
)
# Timers keep real time (monotonic clock untouched); only the wall clock moves.
export FAKETIME_DONT_FAKE_MONOTONIC=1
unset TEND_TEST_POSTGRES_URL
for offset in ${TEND_MOVED_CLOCK_OFFSETS:-+45d +400d}; do
  echo "conversation and channel suites with the clock moved ${offset}: $(faketime -f "${offset}" date -u +%F)"
  faketime -f "${offset}" npx vitest run "${suites[@]}"
done
