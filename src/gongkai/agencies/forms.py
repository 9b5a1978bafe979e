"""Forms of the agencies area for the interfaces: the disclosure office's data (办公地址、电话、网站…)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.services import OFFICE_FIELDS


class OfficeForm(forms.ModelForm):
    website = forms.URLField(label=_("网站"), required=False, assume_scheme="https")

    class Meta:
        model = Agency
        fields = [f for f in OFFICE_FIELDS if f != "office_sections"]
