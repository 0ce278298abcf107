#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine, from the project's own files.
#   scripts/setup.sh          Python environment (.venv) with the app
#   scripts/setup.sh --test   … plus test tools: Debian chromium + a CJK font (needs root)
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $($PY --version)"
  "$PY" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
fi

# torch first, pinned: the CPU build of 2.13.0 lies on local disk; an unpinned torch
# (asked for by sentence-transformers) would pull a multi-GB CUDA build.
if ! .venv/bin/python -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '2.13.0')" 2>/dev/null; then
  echo "==> installing torch==2.13.0 (CPU)"
  .venv/bin/pip install --quiet torch==2.13.0
fi

extras="llm"
[ "${1:-}" = "--test" ] && extras="dev"
echo "==> installing the project ($extras extras)"
.venv/bin/pip install --quiet -e ".[$extras]"

# OCR (rapidocr-onnxruntime → opencv-python) needs libGL and GLib from Debian.
if ! .venv/bin/python -c "import cv2" >/dev/null 2>&1; then
  echo "==> installing libgl1 and libglib2.0-0 for OCR (opencv)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q libgl1 libglib2.0-0
fi

if [ "${1:-}" = "--test" ]; then
  if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "CJK" || ! fc-list 2>/dev/null | grep -qi "Color Emoji"; then
    echo "==> installing Debian chromium and fonts-noto-cjk for browser tests"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium fonts-noto-cjk fonts-noto-color-emoji
  fi
fi
echo "==> setup done"
