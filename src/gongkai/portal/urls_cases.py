"""Public pages: the application form, its guide and status lookup (依申请公开). Included by portal/urls.py under the "portal" namespace."""

urlpatterns: list = []
