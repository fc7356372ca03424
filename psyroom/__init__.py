"""PsyRoom core: records, storage, security and sync for community counselling rooms.

Nothing in this package imports Qt or ``ui``; the desktop app and the ``psyroom`` command are
both thin clients of the service API in :mod:`psyroom.installation`.
"""

__version__ = "0.1.0"
