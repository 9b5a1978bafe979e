"""Forms of the catalog's own records, for every interface that edits them (the back office today). They only
collect input; the services check the rules and write."""

from django import forms
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.selectors import public_agencies
from gongkai.catalog.domain.taxonomies import Scheme
from gongkai.catalog.models import CatalogSettings, DisclosureMatter, Item
from gongkai.catalog.selectors_terms import active_terms
from gongkai.catalog.services.configuration import SETTINGS_FIELDS


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
            self.fields[name].queryset = active_terms(scheme)
        policies = Item.objects.filter(agency=agency).exclude(normative_kind="").order_by("-written_on")
        self.fields["amends"].queryset = policies
        self.fields["interprets"].queryset = policies
        self.fields["matter"].queryset = DisclosureMatter.objects.filter(agency=agency, is_active=True)
        self.fields["co_issuers"].queryset = public_agencies().exclude(pk=agency.pk)
        self.fields["co_issuers"].required = False
        self.fields["body"].help_text = _("可使用段落、标题、列表、表格和链接；保存时自动清理不安全的内容。")

    def _post_clean(self):
        """Only copy the input onto the instance: the services check the item's rules and say in words what is
        wrong (the model's constraints would only name themselves)."""
        self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


class MatterForm(forms.ModelForm):
    """A 公开清单 entry (法定主动公开事项) with its time limit."""

    class Meta:
        model = DisclosureMatter
        fields = ["agency", "title", "content", "basis", "responsible_unit", "periodicity", "limit_days",
                  "limit_in_working_days"]
        widgets = {"content": forms.Textarea(attrs={"rows": 2})}


class SettingsForm(forms.ModelForm):
    """An agency's 主动公开 settings."""

    class Meta:
        model = CatalogSettings
        fields = SETTINGS_FIELDS
