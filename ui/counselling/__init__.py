"""The counselling screens: consultations, scales, crisis work, SMD follow-ups, activities,
the home dashboard and the score chart.

One module per screen or widget; every core call goes through ``ui.operations`` on the
database worker. The core's own zh/en label tables name the codes (as in ``ui.residents``),
so those words live in one place only.
"""
