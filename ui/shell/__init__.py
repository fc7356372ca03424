"""The screens around the work: first-run wizard, login, lock, recovery and password."""
