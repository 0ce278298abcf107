#!/usr/bin/env bash
# One command on a fresh machine: set up (incl. browser + CJK font) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONWARNINGS="${PYTHONWARNINGS:-}"
exec .venv/bin/python -m pytest "$@"
