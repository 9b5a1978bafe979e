from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class CalendarSource(models.TextChoices):
    IMPORT = "import", _("文件导入")
    MANUAL = "manual", _("人工录入")


class CalendarYear(TimeStampedModel):
    """A year's official holiday arrangement entered or imported here.

    It replaces whatever the bundled ``chinesecalendar`` data says about that year (a year the package lacks,
    or a correction). Years with neither are provisional.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    document_number = models.CharField(_("通知文号"), max_length=100)
    title = models.CharField(_("通知标题"), max_length=300, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=CalendarSource.choices)

    class Meta:
        verbose_name = _("年度放假安排")
        verbose_name_plural = _("年度放假安排")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="calendar_year_range")
        ]

    def __str__(self) -> str:
        return f"{self.year}年（{self.document_number}）"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")


class CalendarDay(models.Model):
    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("节日名称"), max_length=50)

    class Meta:
        verbose_name = _("放假或调休日")
        verbose_name_plural = _("放假或调休日")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"
