"""Referral screens: the form, the list page, the directory and the slip."""
