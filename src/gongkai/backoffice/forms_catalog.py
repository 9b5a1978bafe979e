"""Forms of the catalog's staff pages. They only collect input; services decide and write. The forms of the
catalog's own records (an item, a 公开清单 entry, the settings) are the catalog's: ``gongkai.catalog.forms``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog import labels


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(label=_("定时发布时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class ChannelsForm(forms.Form):
    channels = forms.MultipleChoiceField(label=_("发布渠道"), choices=labels.choices(labels.CHANNEL),
                                         widget=forms.CheckboxSelectMultiple, initial=["portal"])


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件（PDF、DOC/DOCX、XLS/XLSX、OFD、JPG、PNG）"))


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("有效性"), choices=labels.choices(labels.VALIDITY))
    on = forms.DateField(label=_("失效/废止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    abolished_by = forms.CharField(label=_("废止文件（索引号或信息编号，可不填）"), required=False)
    reason = forms.CharField(label=_("说明"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("目录文件（CSV 或 XLSX）"))
    agency = forms.ModelChoiceField(label=_("发布机构（文件无“发布机构”列时选择）"), queryset=None, required=False)
    dry_run = forms.BooleanField(label=_("只检查，不写入"), required=False, initial=True)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
