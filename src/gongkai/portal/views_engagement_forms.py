"""Forms of the public mailbox (信箱)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.public_forms import PublicFormMixin
from gongkai.engagement.domain.mailbox import Category
from gongkai.engagement.labels import CATEGORY_CHOICES, RATING_CHOICES


class MailboxForm(PublicFormMixin):
    max_text_chars = 6000

    category = forms.ChoiceField(label=_("类别"), choices=CATEGORY_CHOICES, initial=Category.CONSULT.value,
                                 widget=forms.RadioSelect)
    subject = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("内容"), max_length=5000, widget=forms.Textarea,
                           help_text=_("请写明事由和您希望得到的答复，5000字以内。"))
    writer_name = forms.CharField(label=_("姓名"), max_length=60, required=False)
    writer_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    writer_email = forms.EmailField(label=_("电子邮箱"), required=False,
                                    help_text=_("填写后，我们会把查看答复和评价的链接发到此邮箱。"))
    consent_to_publish = forms.BooleanField(
        label=_("同意在隐去姓名、电话等个人信息后公开我的来信和答复"), required=False)


class RatingForm(forms.Form):
    # No initial choice: the person rating picks one (a pre-set 满意 biases 群众满意率).
    rating = forms.ChoiceField(label=_("您对答复是否满意？"), choices=RATING_CHOICES, widget=forms.RadioSelect,
                               error_messages={"required": _("请选择满意、基本满意或不满意。")})
    comment = forms.CharField(label=_("意见（选填）"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
