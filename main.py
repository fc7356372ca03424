"""Start the PsyRoom desktop app (``python main.py [--data-dir DIR]``)."""

import time

# Taken before any import, so the cold-start benchmark measures everything the app does.
STARTED_AT = time.perf_counter()

import sys  # noqa: E402

from ui.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv, started_at=STARTED_AT))
