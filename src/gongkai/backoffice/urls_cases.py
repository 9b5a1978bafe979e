"""Staff pages of the cases area; included under /staff/cases/."""

urlpatterns: list = []
