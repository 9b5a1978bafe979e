from django.urls import path

from gongkai.api.endpoints import api

urlpatterns = [path("v1/", api.urls)]
