"""The library keeps each ingested report's original file, and drops it with its version:
removed, replaced by a newer file, or left behind by a failed ingest."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from index.errors import NotFoundError, StoreError
from index.library import Library
from index.sources import SourceFiles
from tests.conftest import CORPUS
from tests.index.conftest import needs_parser

HONGQI = "2023-新乡市红旗区财政局"
HONGZE = "2024-淮安市洪泽区人民政府"


def _copy(name: str, tmp_path: Path, as_name: str | None = None, extra: str = "") -> Path:
    target = tmp_path / "in" / (as_name or name)
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(CORPUS / name, target)
    if extra:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(extra)
    return target


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kept(lib: Library) -> list[str]:
    folder = lib.root / "sources"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@needs_parser
def test_ingest_keeps_the_original_bytes(library: Library, tmp_path: Path) -> None:
    text = _copy("2023-hongqi-finance-bureau.txt", tmp_path)
    pdf = _copy("2024-hongze-district-gov.pdf", tmp_path, as_name="洪泽区2024年报.txt")  # a PDF misnamed
    library.ingest(text)
    library.ingest(pdf)
    kept_text, kept_pdf = library.source_file(HONGQI), library.source_file(HONGZE)
    assert kept_text.read_bytes() == text.read_bytes()
    assert kept_text.name == f"{_sha(text)}.txt"
    assert kept_pdf.read_bytes() == pdf.read_bytes()
    assert kept_pdf.name == f"{_sha(pdf)}.pdf"  # the format read from the bytes, not the name
    assert _kept(library) == sorted([kept_text.name, kept_pdf.name])  # no temp files left


@needs_parser
def test_newer_file_replaces_the_kept_source(library: Library, tmp_path: Path) -> None:
    old = _copy("2023-hongqi-finance-bureau.txt", tmp_path)
    library.ingest(old)
    old_kept = library.source_file(HONGQI)
    new = _copy("2023-hongqi-finance-bureau.txt", tmp_path, as_name="v2.txt", extra="\n（更正版）\n")
    result = library.ingest(new)
    assert result.replaced and library.source_file(HONGQI).read_bytes() == new.read_bytes()
    assert old_kept.exists()  # kept with the replaced version, for restore
    assert [v.has_source for v in library.versions(HONGQI)] == [True, True]
    assert _kept(library) == sorted([f"{_sha(new)}.txt", old_kept.name])
    library.ingest(new)  # the same file again keeps its source
    assert _kept(library) == sorted([f"{_sha(new)}.txt", old_kept.name])


@needs_parser
def test_remove_keeps_the_source_with_the_removed_version(library: Library, tmp_path: Path) -> None:
    library.ingest(_copy("2023-hongqi-finance-bureau.txt", tmp_path))
    kept = library.source_file(HONGQI)
    library.remove(HONGQI)
    assert kept.exists()
    with pytest.raises(NotFoundError):
        library.source_file(HONGQI)  # no longer served
    [version] = library.versions(HONGQI)
    assert version.state == "removed" and version.has_source


@needs_parser
def test_failed_ingest_leaves_the_previous_source(library: Library, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    old = _copy("2023-hongqi-finance-bureau.txt", tmp_path)
    library.ingest(old)
    new = _copy("2023-hongqi-finance-bureau.txt", tmp_path, as_name="v2.txt", extra="\n（更正版）\n")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    import index.publish

    monkeypatch.setattr(index.publish, "_switch", boom)  # the switch fails
    with pytest.raises(RuntimeError):
        library.ingest(new)
    monkeypatch.undo()
    kept = library.source_file(HONGQI)
    assert kept.read_bytes() == old.read_bytes() and kept.name == f"{_sha(old)}.txt"
    reopened = Library.open(library.settings, embedder=library.embedder)
    assert reopened.source_file(HONGQI) == kept
    # the next write drops what the failed ingest left behind
    library.ingest(_copy("2023-shuyang-drc.txt", tmp_path))
    assert f"{_sha(new)}.txt" not in _kept(library) and kept.exists()


def test_reports_without_a_kept_file_have_no_source(library: Library) -> None:
    from tests.expected_reports import build_report
    from tests.conftest import expected_reports

    data = next(d for d in expected_reports() if d["file"].startswith("2023-hongqi"))
    library.ingest_report(build_report(data))  # e.g. ingested before files were kept
    with pytest.raises(NotFoundError):
        library.source_file(HONGQI)
    with pytest.raises(NotFoundError):
        library.source_file("2099-没有这个机关")


def test_a_copy_that_does_not_match_its_hash_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("报告正文", encoding="utf-8")
    files = SourceFiles(tmp_path / "store")
    with pytest.raises(StoreError):
        files.save("0" * 64, "text", source)  # the file changed after it was parsed
    assert list((tmp_path / "store" / "sources").iterdir()) == []
    with pytest.raises(StoreError):
        files.find("../catalog")  # never a path
    kept = files.save(_sha(source), "text", source)
    assert files.find(_sha(source)) == kept and kept.read_bytes() == source.read_bytes()
