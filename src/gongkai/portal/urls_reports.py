"""Public pages: the 政府信息公开年报 column. Included by portal/urls.py under the "portal" namespace."""

urlpatterns: list = []
