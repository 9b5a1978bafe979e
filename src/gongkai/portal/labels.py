"""Translatable labels of the portal's events (none: see below)."""


# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary. The portal writes no
# records of its own: the column texts it shows are the sites area's (sites.column_texts, sites/labels.py).
EVENT_ACTIONS: dict = {}
