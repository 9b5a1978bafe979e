#!/usr/bin/env bash
# scripts/step.sh LABEL COMMAND [ARG…]: run one step of `make`, then print its wall time and the time since
# `make` started (GONGKAI_MAKE_STARTED, seconds since the epoch, set by the Makefile), so a first start says
# where its minutes went:
#   ==> venv+install: 74.2 s (since make started: 75.0 s)
# The step's exit status is kept: a failed step stops make as before.
set -uo pipefail
label="$1"; shift
started=$(date +%s.%N)
"$@"
status=$?
ended=$(date +%s.%N)
since=""
if [ -n "${GONGKAI_MAKE_STARTED:-}" ]; then
  since=$(awk -v a="$GONGKAI_MAKE_STARTED" -v b="$ended" 'BEGIN { printf " (since make started: %.1f s)", b - a }')
fi
awk -v l="$label" -v a="$started" -v b="$ended" -v s="$since" -v st="$status" \
  'BEGIN { printf "==> %s: %.1f s%s%s\n", l, b - a, s, (st == 0 ? "" : " — failed, exit " st) }' >&2
exit "$status"
