"""Abstract bases every area's models build on. They hold no table and no records of the core: an area's models
subclass them without reading the core's data (its events, outbox, job marks live in ``core.models``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True
