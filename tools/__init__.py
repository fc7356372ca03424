"""Developer tools: the test command, mutation runs, icons and screenshots (not shipped)."""
