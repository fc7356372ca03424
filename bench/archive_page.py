"""The archive page as a counsellor sees it: a resident with 200 records, opened and painted.

    QT_QPA_PLATFORM=offscreen python -m bench.archive_page [--records N]

Measured from the request to the moment the header card and the timeline are on screen
(the worker reads the archive and its timeline, the UI thread builds and paints them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path


def bench_archive_page(work: Path, records: int, runs: int = 5
                       ) -> list[tuple[str, float, str, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.archives import _session, fill_resident
    from tools.screenshots.app import on_worker, wait_until
    from ui.qt import QApplication
    from ui.residents.archive import ArchiveView
    from ui.theme import load_bundled_font
    from ui.worker import stop_worker

    app = QApplication.instance() or QApplication(["psyroom-bench"])
    load_bundled_font()
    try:
        session = on_worker(lambda: _session(work / "archive-page"))
        rid, entries = on_worker(lambda: fill_resident(session, records))
        view = ArchiveView(session)
        view.resize(1180, 860)
        view.show()
        timings = []
        for _ in range(runs):
            view.entries = []
            started = time.perf_counter()
            view.show_resident(rid)
            wait_until(lambda: len(view.entries) == entries, 60.0)
            view.repaint()
            app.processEvents()
            timings.append((time.perf_counter() - started) * 1000)
        view.close()
        on_worker(session.close)
    finally:
        stop_worker()
    return [(f"archive page with {entries} timeline entries: opened and painted (median)",
             statistics.median(timings), "ms", "")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=200)
    args = parser.parse_args(argv)
    from bench.archives import use_quick_setup

    use_quick_setup()
    with tempfile.TemporaryDirectory(prefix="psyroom-bench-") as tmp:
        for name, value, unit, _ in bench_archive_page(Path(tmp), args.records):
            print(f"| {name} | {value:.3g} | {unit} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
