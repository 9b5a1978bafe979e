"""Public pages: Atom and JSON feeds of published information. Included by portal/urls.py under the "portal" namespace."""

urlpatterns: list = []
