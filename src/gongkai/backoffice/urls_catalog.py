"""Staff pages of the catalog area; included under /staff/catalog/."""

urlpatterns: list = []
