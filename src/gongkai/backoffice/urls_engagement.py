"""Staff pages of the engagement area; included under /staff/engagement/."""

urlpatterns: list = []
