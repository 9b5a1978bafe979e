"""Forms of the sites' staff pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.sites.labels import SITE_TYPE_CHOICES


class SiteForm(forms.Form):
    name = forms.CharField(label=_("网站名称"), max_length=100)
    site_type = forms.ChoiceField(label=_("网站类型"), choices=SITE_TYPE_CHOICES)
    domains = forms.CharField(label=_("域名"), widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("每行一个，第一行为主域名；其他域名跳转到主域名。"))
    site_code = forms.CharField(label=_("网站标识码"), max_length=10)
    sponsor = forms.CharField(label=_("主办单位"), max_length=200)
    operator = forms.CharField(label=_("承办单位"), max_length=200, required=False)
    icp_record = forms.CharField(label=_("ICP备案号"), max_length=40, required=False)
    police_record = forms.CharField(label=_("公安机关备案号"), max_length=40, required=False)
    conac_image = forms.CharField(label=_("党政机关网站标识图片地址"), max_length=300, required=False)
    conac_link = forms.URLField(label=_("党政机关网站标识链接"), max_length=300, required=False,
                                 assume_scheme="https")
    contact_address = forms.CharField(label=_("联系地址"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("联系邮箱"), required=False)
    theme_name = forms.CharField(label=_("页头名称"), max_length=100, required=False)
    theme_logo = forms.CharField(label=_("标志图片地址"), max_length=300, required=False)
    theme_colour = forms.CharField(label=_("主色"), max_length=7, required=False, help_text=_("如 #a61b1b"))
    integrated_on = forms.DateField(label=_("整合上线日期"), required=False)
    is_active = forms.BooleanField(label=_("运行中"), required=False, initial=True)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields = {"agency": forms.ChoiceField(label=_("所属机关"), choices=[(a.pk, a.name) for a in agencies]),
                           **self.fields}

    def clean_domains(self):
        return [line.strip().lower() for line in self.cleaned_data["domains"].splitlines() if line.strip()]


class SiteFigureForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    key = forms.ChoiceField(label=_("指标"))
    value = forms.DecimalField(label=_("数值"), max_digits=14, decimal_places=2, min_value=0)
    is_approximate = forms.BooleanField(label=_("约数"), required=False)
    note = forms.CharField(label=_("来源说明"), max_length=300)

    def __init__(self, *args, keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = list(keys)


class AssignReportForm(forms.Form):
    assignee = forms.ChoiceField(label=_("承办人"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [(u.pk, u.get_full_name() or u.get_username()) for u in people]


class ReplyReportForm(forms.Form):
    is_valid = forms.TypedChoiceField(label=_("核实结果"), choices=[("1", _("问题属实，已整改")), ("0", _("问题不属实"))],
                                      coerce=lambda v: v == "1", widget=forms.RadioSelect, initial="1")
    reply = forms.CharField(label=_("答复"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
