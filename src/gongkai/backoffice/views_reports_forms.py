"""Forms of the staff report pages (kept next to the views: the glob views_reports* is the reports area's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.reports.domain.forms import FORM_LABELS, ReportForm


class GenerateForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("机构"), queryset=None, to_field_name="code")
    year = forms.IntegerField(label=_("报告年度"), min_value=2008, max_value=2100)
    form = forms.ChoiceField(label=_("格式"), required=False,
                             choices=[("", _("按年度自动选择"))] + [(f.value, FORM_LABELS[f]) for f in ReportForm])
    include = forms.CharField(
        label=_("汇总的下级机构"), required=False,
        help_text=_("填写下级机构代码，以逗号分隔；填 * 汇总全部下级；留空只统计本机构"),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def scope_codes(self) -> list[str] | None:
        codes = [c.strip() for c in self.cleaned_data["include"].replace("，", ",").split(",") if c.strip()]
        return codes or None


class CorrectionForm(forms.Form):
    note = forms.CharField(label=_("更正说明（公众可见）"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DeclareForm(forms.Form):
    cell = forms.ChoiceField(label=_("单元格"))
    value = forms.DecimalField(label=_("数值"), max_digits=14, decimal_places=4)
    source = forms.CharField(label=_("数据来源"), max_length=300,
                             help_text=_("例如：行政审批系统2024年度统计；财政局非税收入报表"))

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].choices = [(key, key.replace("|", " · ")) for key in cells]


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("机构"), queryset=None, to_field_name="code")
    year = forms.IntegerField(label=_("年度（默认取文件中的年度）"), min_value=2008, max_value=2100, required=False)
    file = forms.FileField(label=_("报告文件（JSON 或 XLSX）"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
