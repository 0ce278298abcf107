"""Page progress on the terminal while a report is read (OCR of a scanned PDF is slow):
a second tqdm bar under the file bar, shown only for files of more than one page."""

from __future__ import annotations

import sys
from typing import Any


class PageBar:
    """A `progress(done_pages, total_pages, message)` callback drawing a page bar on stderr."""

    def __init__(self, *, position: int = 0) -> None:
        self.position = position
        self.bar: Any = None

    def __call__(self, done: int, total: int, message: str) -> None:
        from tqdm import tqdm

        if total <= 1 and self.bar is None:
            return
        if self.bar is None:
            self.bar = tqdm(total=total, unit="页", file=sys.stderr, position=self.position,
                            leave=False, dynamic_ncols=True)
        self.bar.total = total
        self.bar.n = done
        self.bar.set_description_str(message, refresh=False)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> PageBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
