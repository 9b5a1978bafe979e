"""Staff pages of the catalog area; included under /staff/catalog/."""

from django.urls import path

from gongkai.backoffice import views_catalog as items
from gongkai.backoffice import views_catalog_admin as admin

urlpatterns = [
    path("", items.item_list, name="catalog_items"),
    path("new/", items.item_new, name="catalog_item_new"),
    path("queue/", items.review_queue, name="catalog_review_queue"),
    path("items/<id:pk>/", items.item_detail, name="catalog_item"),
    path("items/<id:pk>/edit/", items.item_edit, name="catalog_item_edit"),
    path("items/<id:pk>/revisions/", items.item_revisions, name="catalog_item_revisions"),
    path("items/<id:pk>/validity/", items.item_validity, name="catalog_item_validity"),
    path("items/<id:pk>/channels/", items.item_channels, name="catalog_item_channels"),
    path("items/<id:pk>/attachments/", items.attachment_add, name="catalog_attachment_add"),
    path("items/<id:pk>/attachments/<id:attachment_pk>/remove/", items.attachment_remove,
         name="catalog_attachment_remove"),
    path("items/<id:pk>/findings/<id:finding_pk>/override/", items.finding_override,
         name="catalog_finding_override"),
    path("items/<id:pk>/<slug:action>/", items.item_action, name="catalog_item_action"),
    path("import/", admin.catalog_import, name="catalog_import"),
    path("compliance/", admin.compliance, name="catalog_compliance"),
    path("compliance/matters/", admin.matter_create, name="catalog_matter_create"),
    path("compliance/matters/<id:pk>/trigger/", admin.matter_trigger, name="catalog_matter_trigger"),
    path("settings/", admin.catalog_settings, name="catalog_settings"),
    path("compilations/", admin.compilations, name="catalog_compilations"),
    path("compilations/new/", admin.compilation_create, name="catalog_compilation_create"),
    path("compilations/<id:pk>/distribute/", admin.compilation_distribute, name="catalog_compilation_distribute"),
    path("compilations/<id:pk>/<str:fmt>/", admin.compilation_document, name="catalog_compilation_document"),
]
