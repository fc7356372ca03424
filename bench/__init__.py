"""PsyRoom benchmark harness: `python3 tools/dev.py bench` (or `python -m bench.run`)."""
