"""The resident archive screens: list and search, archive page, form, register import.

One module per screen; every core call goes through ``ui.operations`` on the worker thread.
"""
