"""Screenshots of every screen in Chinese, for looking at layouts without a display.

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots.app OUTDIR
"""
