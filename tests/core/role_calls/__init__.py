"""Call recipes for the role-by-method test, one module per capability.

Each module defines ``CALLS: dict[str, Callable[[Session], object]]`` keyed like
``psyroom.security.method_table.METHOD_PERMISSIONS``. A recipe calls the method with the
cheapest arguments that reach its permission check (a missing id is fine: the test only
tells ``PermissionDenied`` from any other outcome), so the check must come first.
"""
