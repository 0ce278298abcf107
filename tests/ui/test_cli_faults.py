"""Store faults that reach the command line raw are one line on stderr, exit status 2."""

from __future__ import annotations

import errno
import sqlite3
from typing import Any

import pytest

import ui.cli.library_cmd as library_cmd
from ui.cli import main


@pytest.mark.parametrize(("error", "words"), [
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘已满"),
    (OSError(errno.EROFS, "Read-only file system"), "只读"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "只读"),
    (sqlite3.DatabaseError("database disk image is malformed"), "损坏"),
])
def test_store_faults_are_one_clear_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                         error: Exception, words: str) -> None:
    def broken(args: Any) -> int:
        raise error

    monkeypatch.setattr(library_cmd, "cmd_reports", broken)
    assert main(["reports"]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and err.count("\n") == 1


def test_other_errors_are_not_disguised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(args: Any) -> int:
        raise KeyError("a bug")

    monkeypatch.setattr(library_cmd, "cmd_reports", broken)
    with pytest.raises(KeyError):
        main(["reports"])
