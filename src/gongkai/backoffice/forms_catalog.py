"""Forms of the catalog's staff pages. They only collect input; services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.catalog import labels
from gongkai.catalog.domain.taxonomies import Scheme
from gongkai.catalog.models import DisclosureMatter, Item, Term


def _terms(scheme: Scheme):
    return Term.objects.filter(scheme=scheme, is_active=True).order_by("sort_order")


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = [
            "title", "doc_number", "summary", "body", "written_on", "generated_on", "topic", "genre", "category",
            "focus", "statutory_item", "keywords", "disclosure_mode", "non_disclosure_basis", "scope",
            "normative_kind", "effective_on", "amends", "interprets", "matter", "co_issuers",
        ]
        widgets = {
            "written_on": forms.DateInput(attrs={"type": "date"}),
            "generated_on": forms.DateInput(attrs={"type": "date"}),
            "effective_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        for name, scheme in (("topic", Scheme.TOPIC), ("genre", Scheme.GENRE), ("category", Scheme.CATEGORY),
                             ("focus", Scheme.FOCUS), ("statutory_item", Scheme.STATUTORY)):
            self.fields[name].queryset = _terms(scheme)
        policies = Item.objects.filter(agency=agency).exclude(normative_kind="").order_by("-written_on")
        self.fields["amends"].queryset = policies
        self.fields["interprets"].queryset = policies
        self.fields["matter"].queryset = DisclosureMatter.objects.filter(agency=agency, is_active=True)
        self.fields["co_issuers"].queryset = Agency.objects.filter(is_active=True).exclude(pk=agency.pk)
        self.fields["co_issuers"].required = False
        self.fields["body"].help_text = _("可使用段落、标题、列表、表格和链接；保存时自动清理不安全的内容。")

    def _post_clean(self):
        """Only copy the input onto the instance: the services check the item's rules and say in words what is
        wrong (the model's constraints would only name themselves)."""
        from django.forms.models import construct_instance

        self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


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
    validity = forms.ChoiceField(label=_("有效性"), choices=Item._meta.get_field("validity").choices)
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
