#!/usr/bin/env bash
# Lint and type-check fzlog (configuration in pyproject.toml: [tool.ruff], [tool.mypy]).
# Needs ruff and mypy on PATH (`pip install '.[lint]'`). Runs every check and fails if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

rc=0
run() {
  echo "+ $*"
  "$@" || rc=1
}
run ruff check fzlog tests scripts benchmarks
run ruff format --check fzlog tests scripts benchmarks
run mypy fzlog
exit "$rc"
