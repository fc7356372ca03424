"""The one door to Qt: every other ``ui`` module imports Qt names from here.

A Qt upgrade (or a switch of binding) then touches this file only, as in Anki's ``aqt.qt``.
Keep to Qt 6.8 API: the installer may ship 6.8.
"""

# ruff: noqa: F403, F401
from __future__ import annotations

from PySide6.QtCore import *
from PySide6.QtGui import *  # type: ignore[assignment]
from PySide6.QtPrintSupport import *  # type: ignore[assignment]
from PySide6.QtWidgets import *  # type: ignore[assignment]
from shiboken6 import isValid as qt_is_valid
