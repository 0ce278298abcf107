#!/usr/bin/env bash
# One command on a fresh machine: set up, index the bundled sample reports, serve the chat page.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/python -m assistant serve --ingest tests/data/corpus/reports "$@"
