"""The test suite: a package, so tests/ui and tests/core import as tests.ui and tests.core
rather than shadowing the ui package (pytest would put tests/ itself on sys.path)."""
