"""Signals of the sites area, sent on commit.

``site_changed``: a site's identity or domains changed: the portal empties its page cache and rewrites the site's
home pages, so the footer of every page shows the new identity.
``column_text_changed``: a column text (指南, 制度) of an agency changed: the portal rewrites the page that shows it.
"""

from django.dispatch import Signal

site_changed = Signal()   # kwargs: site_id
column_text_changed = Signal()   # kwargs: agency_code, column
