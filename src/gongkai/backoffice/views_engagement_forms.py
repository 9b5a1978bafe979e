"""Forms of the staff mailbox and work-record pages. They only collect input; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.engagement.labels import (
    ARCHIVE_CHOICES,
    CATEGORY_CHOICES,
    OUTREACH_CHOICES,
    RATING_FORM_CHOICES,
)

STAFF_CHANNELS = [("phone", _("公开电话")), ("letter", _("来信"))]
DATE = forms.DateInput(attrs={"type": "date"})


class MessageEntryForm(forms.Form):
    agency = forms.ChoiceField(label=_("受理机关"))
    channel = forms.ChoiceField(label=_("渠道"), choices=STAFF_CHANNELS)
    category = forms.ChoiceField(label=_("类别"), choices=CATEGORY_CHOICES)
    received_at = forms.DateTimeField(label=_("来电/来信时间"),
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    subject = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("内容"), widget=forms.Textarea, max_length=10000)
    writer_name = forms.CharField(label=_("姓名"), max_length=60, required=False)
    writer_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    writer_email = forms.EmailField(label=_("电子邮箱"), required=False)
    consent_to_publish = forms.BooleanField(label=_("来电人同意隐去个人信息后公开"), required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.code, a.name) for a in agencies]


class AssignForm(forms.Form):
    department = forms.ChoiceField(label=_("承办单位"))
    note = forms.CharField(label=_("转办说明"), max_length=300, required=False)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(a.pk, a.name) for a in departments]


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("答复内容"), widget=forms.Textarea, max_length=10000)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("不予受理理由"), max_length=300)


class PublishForm(forms.Form):
    public_question = forms.CharField(
        label=_("公开的问题（请隐去姓名、电话、地址等个人信息）"), widget=forms.Textarea,
        help_text=_("已自动将来信人的姓名、电话、邮箱及疑似身份证号码、手机号码、地址替换为＊＊＊，请核对。"))
    public_answer = forms.CharField(label=_("公开的答复"), widget=forms.Textarea)
    override_reason = forms.CharField(
        label=_("仍含疑似个人信息时，确认可以公开的理由（选填）"), max_length=500, required=False)


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=_("撤下理由"), max_length=300)


class StaffRatingForm(forms.Form):
    # Starts at 请选择: staff record what the caller said, never a default.
    rating = forms.ChoiceField(label=_("来电人的评价"), choices=RATING_FORM_CHOICES,
                               error_messages={"required": _("请选择来电人的评价。")})
    comment = forms.CharField(label=_("评价意见"), max_length=500, required=False)


class OutreachForm(forms.Form):
    agency = forms.ChoiceField(label=_("机关"))
    kind = forms.ChoiceField(label=_("类型"), choices=OUTREACH_CHOICES)
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    topic = forms.CharField(label=_("主题"), max_length=300)
    form = forms.CharField(label=_("形式"), max_length=60, required=False)
    url = forms.URLField(label=_("链接"), required=False, assume_scheme="https")
    index_numbers = forms.CharField(label=_("关联的主动公开信息（索引号，每行一个）"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_index_numbers(self):
        return [line.strip() for line in self.cleaned_data["index_numbers"].splitlines() if line.strip()]


class ArchiveForm(forms.Form):
    agency = forms.ChoiceField(label=_("机关"))
    kind = forms.ChoiceField(label=_("类型"), choices=ARCHIVE_CHOICES)
    recorded_on = forms.DateField(label=_("日期"), widget=DATE)
    items = forms.IntegerField(label=_("件"), min_value=0, initial=0)
    volumes = forms.IntegerField(label=_("卷"), min_value=0, initial=0)
    visitors = forms.IntegerField(label=_("人次"), min_value=0, initial=0)
    pages = forms.IntegerField(label=_("页"), min_value=0, initial=0)
    recipient = forms.CharField(label=_("接收单位（送交档案馆、图书馆时填写）"), max_length=200, required=False)
    notes = forms.CharField(label=_("说明"), max_length=300, required=False)


class TrainingForm(forms.Form):
    agency = forms.ChoiceField(label=_("组织单位"))
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    topic = forms.CharField(label=_("主题"), max_length=300)
    participants = forms.IntegerField(label=_("参训人数"), min_value=1)
    hours = forms.DecimalField(label=_("学时"), max_digits=5, decimal_places=1, required=False)


class StaffingForm(forms.Form):
    agency = forms.ChoiceField(label=_("机关"))
    as_of = forms.DateField(label=_("统计日期"), widget=DATE)
    people = forms.IntegerField(label=_("从事信息公开工作人数"), min_value=0)
    full_time = forms.IntegerField(label=_("其中专职人数"), min_value=0, initial=0)


class PeriodicalIssueForm(forms.Form):
    agency = forms.ChoiceField(label=_("主办机关"))
    title = forms.CharField(label=_("刊名"), max_length=100, help_text=_("新刊名会自动登记"))
    number = forms.CharField(label=_("期号"), max_length=40)
    published_on = forms.DateField(label=_("出版日期"), widget=DATE)
    copies = forms.IntegerField(label=_("印数"), min_value=1)
    distributed_to = forms.CharField(label=_("发放范围"), max_length=300, required=False)


RECORD_FORMS = {"outreach": OutreachForm, "archive": ArchiveForm, "training": TrainingForm,
                "staffing": StaffingForm, "periodical": PeriodicalIssueForm}


def with_agencies(form: forms.Form, agencies) -> forms.Form:
    form.fields["agency"].choices = [(a.code, a.name) for a in agencies]
    return form
