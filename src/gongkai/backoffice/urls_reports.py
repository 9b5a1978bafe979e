"""Staff pages of the reports area; included under /staff/reports/."""

urlpatterns: list = []
