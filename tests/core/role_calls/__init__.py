"""Call recipes for the role-by-method test, one module per capability.

Each module defines ``CALLS: dict[str, Callable[[Session], object]]`` keyed like
``psyroom.security.method_table.METHOD_PERMISSIONS``. A recipe calls the method with the
cheapest arguments that reach its permission check (a missing id is fine: the test only
tells ``PermissionDenied`` from any other outcome), so the check must come first.

A recipe must not spoil the session for the rows after it: it never closes the session it
is given or locks its user out, and prefers arguments that fail right after the check
(an unknown id, an empty reason, a path that cannot be written) over real changes.
``tests/core/test_role_by_method.py`` collects every module in this package.
"""
