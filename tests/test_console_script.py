"""The `gov-assistant` console script: pyproject's entry point exists, and the installed
script runs (scripts/setup.sh installs the project, so CI always runs the real one)."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "gov-assistant"


def declared_target() -> str:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    return str(scripts[SCRIPT])


def test_the_declared_entry_point_is_a_callable() -> None:
    module, _, func = declared_target().partition(":")
    assert callable(getattr(importlib.import_module(module), func))


def test_the_installed_console_script_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / SCRIPT
    if not script.exists():
        pytest.skip("the project is not installed in this environment (scripts/setup.sh installs it)")
    installed = {e.name: e.value for e in importlib.metadata.entry_points(group="console_scripts")}
    if installed.get(SCRIPT) != declared_target():
        pytest.skip(f"the installed project predates pyproject.toml ({installed.get(SCRIPT)}): "
                    "run scripts/setup.sh")
    env = {**os.environ, "GOV_ASSISTANT_STORE": str(tmp_path / "store")}
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "ingest" in result.stdout and "serve" in result.stdout
    reports = subprocess.run([str(script), "reports"], capture_output=True, text=True, timeout=120,
                             cwd=tmp_path, env=env, check=False)
    assert reports.returncode == 0 and "资料库为空" in reports.stdout, reports.stderr
