"""Signals of the agencies area, sent on commit.

``agency_changed``: an agency's record changed (``fields``: the names of the fields that did). The portal shows
agencies in every page's layout (titles, breadcrumbs, navigation, site frames) and their office data in their
指南, and forgets what shows the old values.
"""

from django.dispatch import Signal

agency_changed = Signal()   # kwargs: agency_id, code, fields
