"""Store faults done for real: kill -9 mid-ingest, a read-only store, a full disk, damaged
files. Each: a clear message, no traceback, the rest of the library still answered."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.reliability.conftest import (
    QUESTION,
    ROOT,
    Tally,
    catalog_hashes,
    cli,
    cli_env,
    in_namespace,
    namespaces_available,
)

BIG = CORPUS / "2023-hongze-district-gov.pdf"
needs_mounts = pytest.mark.skipif(not namespaces_available(),
                                  reason="needs unshare -m and mount (root in a mount namespace)")


def no_traceback(result: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_kill_9_at_several_moments_of_ingest_loses_nothing(store: Path, tally: Tally) -> None:
    hashes = catalog_hashes(store)
    before = hashes()
    assert len(before) == 3
    for delay in (2.0, 5.0, 8.0, 11.0):
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", str(BIG), "--store", str(store)],
                                cwd=ROOT, env=cli_env(store), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait(30)
        after = hashes()
        kept = all(after.get(rid) == h for rid, h in before.items())
        tally.check(kept and len(after) in (3, 4), f"after kill at {delay} s: {sorted(after)}")
    answer = cli(store, "ask", QUESTION)
    tally.check(answer.returncode == 0 and "3" in answer.stdout, f"ask after kills: {answer.stderr[-300:]}")
    again = cli(store, "ingest", str(BIG))
    tally.check(again.returncode == 0 and len(hashes()) == 4, f"ingest after kills: {again.stderr[-300:]}")
    assert tally.lost == 0, tally.line()


@needs_mounts
def test_a_read_only_store_refuses_writes_plainly(store: Path, tmp_path: Path, tally: Tally) -> None:
    out = tmp_path / "out"
    out.mkdir()
    py = sys.executable
    result = in_namespace(
        f"mount --bind {store} {store} && mount -o remount,ro,bind {store} && "
        f"{py} -m assistant ingest {BIG} --store {store} >{out}/ingest.out 2>{out}/ingest.err; "
        f"echo $? >{out}/ingest.rc; "
        f"{py} -m assistant remove 2021-平潭综合实验区 --store {store} >{out}/remove.out 2>{out}/remove.err; "
        f"echo $? >{out}/remove.rc", store)
    assert result.returncode == 0, result.stderr
    for step in ("ingest", "remove"):
        err = (out / f"{step}.err").read_text(encoding="utf-8")
        rc = int((out / f"{step}.rc").read_text())
        tally.check(rc != 0 and "只读" in err and "Traceback" not in err, f"{step}: rc {rc}, {err[-300:]}")
    tally.check(len(catalog_hashes(store)()) == 3, "reports lost after the read-only episode")
    assert tally.lost == 0, tally.line()


@needs_mounts
def test_a_read_only_store_still_answers(store: Path, tmp_path: Path, tally: Tally) -> None:
    out = tmp_path / "out"
    out.mkdir()
    py = sys.executable
    in_namespace(
        f"mount --bind {store} {store} && mount -o remount,ro,bind {store} && "
        f"{py} -m assistant reports --store {store} >{out}/reports.out 2>{out}/reports.err; "
        f"{py} -m assistant ask '{QUESTION}' --store {store} >{out}/ask.out 2>{out}/ask.err", store)
    reports = (out / "reports.out").read_text(encoding="utf-8")
    answer = (out / "ask.out").read_text(encoding="utf-8")
    tally.check("共 3 份报告" in reports, (out / "reports.err").read_text(encoding="utf-8")[-300:])
    tally.check("3" in answer and "件" in answer, (out / "ask.err").read_text(encoding="utf-8")[-300:])
    assert tally.lost == 0, tally.line()


@needs_mounts
def test_a_full_disk_fails_plainly_and_loses_nothing(store: Path, tmp_path: Path, tally: Tally) -> None:
    disk = tmp_path / "disk"
    out = tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    py = sys.executable
    steps = []
    for free_kb in (0, 200, 600):  # nothing left; room for the catalog but not the vectors; a little more
        steps.append(
            f"(dd if=/dev/zero of={disk}/filler bs=4k 2>/dev/null; true); "
            f"truncate -s -{free_kb}k {disk}/filler; "
            f"{py} -m assistant ingest {BIG} --store {disk} >{out}/full{free_kb}.out 2>{out}/full{free_kb}.err; "
            f"echo $? >{out}/full{free_kb}.rc; rm -f {disk}/filler")
    script = (f"mount -t tmpfs -o size=8m tmpfs {disk} && cp -a {store}/. {disk}/ && "
              + " && ".join(steps) + f"; {py} -m assistant reports --json --store {disk} >{out}/after.json; "
              f"{py} -m assistant ingest {BIG} --store {disk} >{out}/again.out 2>&1; echo $? >{out}/again.rc")
    result = in_namespace(script, store)
    assert result.returncode == 0, result.stderr
    for free_kb in (0, 200, 600):
        err = (out / f"full{free_kb}.err").read_text(encoding="utf-8")
        rc = int((out / f"full{free_kb}.rc").read_text())
        plain = rc != 0 and ("磁盘" in err) and "Traceback" not in err
        tally.check(plain or rc == 0, f"{free_kb} KB free: rc {rc}, {err[-300:]}")
    after = {e["report_id"]: e["content_hash"] for e in json.loads((out / "after.json").read_text("utf-8"))}
    before = catalog_hashes(store)()
    tally.check(all(after.get(rid) == h for rid, h in before.items()), f"after the full disk: {sorted(after)}")
    tally.check(int((out / "again.rc").read_text()) == 0, (out / "again.out").read_text("utf-8")[-300:])
    assert tally.lost == 0, tally.line()


def test_a_missing_report_file_leaves_the_rest_answered(store: Path, tally: Tally) -> None:
    import sqlite3

    pingtan = next(h for rid, h in catalog_hashes(store)().items() if "平潭" in rid)
    with sqlite3.connect(store / "library.sqlite") as db:  # the report's parsed data is lost
        db.execute("PRAGMA foreign_keys=OFF")
        db.execute("DELETE FROM documents WHERE content_hash = ?", (pingtan,))
    answer = cli(store, "ask", QUESTION)
    tally.check(answer.returncode == 0 and "3" in answer.stdout and no_traceback(answer),
                f"another report: {answer.stderr[-300:]}")
    damaged = cli(store, "ask", "平潭综合实验区2021年收到多少政府信息公开申请？")
    tally.check(no_traceback(damaged), f"the damaged report: {damaged.stderr[-300:]}")
    listed = cli(store, "reports")
    tally.check(listed.returncode == 0 and no_traceback(listed), listed.stderr[-300:])
    assert tally.lost == 0, tally.line()


@pytest.mark.parametrize("content", ["[]", "null", '{"reports": ', ""])
def test_a_damaged_catalog_is_one_clear_message(store: Path, tally: Tally, content: str) -> None:
    # catalog.json is read only when a store of the older JSON format is upgraded
    # (tests/index/test_versions_and_faults.py rebuilds a damaged one from the report files)
    (store / "catalog.json").write_text(content, encoding="utf-8")
    result = cli(store, "reports")
    tally.check(no_traceback(result) and (result.returncode == 0 or "错误" in result.stderr),
                f"catalog {content!r}: rc {result.returncode}, {result.stderr[-300:]}")
    assert tally.lost == 0, tally.line()
