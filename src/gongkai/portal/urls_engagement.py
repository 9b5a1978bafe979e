"""Public pages: the mailbox and hotline pages (信箱). Included by portal/urls.py under the "portal" namespace."""

urlpatterns: list = []
