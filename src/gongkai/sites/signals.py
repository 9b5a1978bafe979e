"""Sent on commit when a site's identity or domains change: the portal empties its page cache and rewrites
the site's home pages, so the footer of every page shows the new identity."""

from django.dispatch import Signal

site_changed = Signal()   # kwargs: site_id
