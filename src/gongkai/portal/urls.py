from django.urls import path

from gongkai.portal import views_home

urlpatterns = [
    path("", views_home.home, name="home"),
]
