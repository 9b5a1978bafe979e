"""Guards for every public form (application, mailbox, …): a per-address rate limit, a honeypot field and
size limits. A refused submission is never half-saved: the view re-renders the form with what the person
typed and a clear message; an accepted one is saved in full.
"""

import hashlib
import time
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from gongkai.core.client_address import client_address

HONEYPOT_FIELD = "homepage"  # a field people never see; bots fill it


@dataclass(frozen=True)
class RateLimit:
    count: int      # submissions allowed …
    seconds: int    # … per this many seconds, per address and form


DEFAULT_LIMIT = RateLimit(count=5, seconds=600)


def _key(form_name: str, address: str, window: int) -> str:
    digest = hashlib.sha256(address.encode()).hexdigest()[:24]
    return f"public-form:{form_name}:{digest}:{window}"


def take_submission_slot(request, form_name: str, limit: RateLimit = DEFAULT_LIMIT) -> int | None:
    """Reserve one submission for this address. Returns None when allowed, else seconds until the next slot.

    Call it only once the form is otherwise valid, right before saving, and give the slot back with
    ``release_submission_slot`` when the service then refuses the submission: only accepted submissions
    count, so a mistyped ID number does not use up the allowance. A refused attempt keeps nothing either.
    """
    now = int(time.time())
    window = now // limit.seconds
    key = _key(form_name, client_address(request), window)
    slots = request.__dict__.setdefault("_gongkai_slots", {})
    if cache.add(key, 1, limit.seconds + 5):
        slots[form_name] = key
        return None
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, limit.seconds + 5)
        slots[form_name] = key
        return None
    if used <= limit.count:
        slots[form_name] = key
        return None
    _give_back(key)
    return (window + 1) * limit.seconds - now


def release_submission_slot(request, form_name: str) -> None:
    """Give back the slot this request took for ``form_name`` (the submission was not accepted)."""
    key = request.__dict__.get("_gongkai_slots", {}).pop(form_name, None)
    if key is not None:
        _give_back(key)


def _give_back(key: str) -> None:
    try:
        cache.decr(key)
    except ValueError:  # the window ended meanwhile: nothing left to give back
        pass


def throttled_message(retry_after: int) -> str:
    minutes = max(1, (retry_after + 59) // 60)
    return str(_("提交过于频繁：同一网络地址在短时间内提交次数已达上限。您填写的内容仍保留在下方，请约 %(minutes)s 分钟后再提交。")
               % {"minutes": minutes})


class PublicFormMixin(forms.Form):
    """Adds the honeypot field and a total-size check to a public form."""

    max_text_chars = 20000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False, label=_("请勿填写此项"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("提交未被接受。"), code="honeypot")
        total = sum(len(v) for v in cleaned.values() if isinstance(v, str))
        if total > self.max_text_chars:
            raise forms.ValidationError(
                _("填写的内容过长（%(n)s 字），请精简到 %(max)s 字以内，或作为附件上传。"),
                code="too_long", params={"n": total, "max": self.max_text_chars},
            )
        return cleaned


class PublicUploadsMixin(forms.Form):
    """Up to a few files a member of the public attaches (an application's proofs, a 补正's materials): the size
    limits of ``core/uploads.py`` per file and in all, the type judged by content (PDF, JPG, PNG), and the
    refusals the upload handler made while the request streamed in. ``cleaned_data["files"]`` holds
    (name, upload, mime) for each accepted file. Subclasses name their fields in ``upload_fields``."""

    upload_fields: tuple[str, ...] = ()

    def __init__(self, *args, upload_refusals=None, **kwargs):
        from gongkai.core.uploads import max_file_bytes, max_total_bytes, megabytes

        super().__init__(*args, **kwargs)
        self.upload_refusals = upload_refusals or {}
        self.fields[self.upload_fields[0]].help_text = _("每个附件不超过 %(each)s MB，合计不超过 %(total)s MB。") % {
            "each": megabytes(max_file_bytes()), "total": megabytes(max_total_bytes())}

    def clean(self):
        from gongkai.core.uploads import max_file_bytes, max_total_bytes, megabytes, public_type, read_head

        cleaned = super().clean()
        files = []
        per_file, total, received = max_file_bytes(), max_total_bytes(), 0
        for name in self.upload_fields:
            if name in self.upload_refusals:   # skipped while it streamed in (core/uploads.py)
                self.add_error(name, self.upload_refusals[name])
                continue
            upload = cleaned.get(name)
            if not upload:
                continue
            received += upload.size
            if upload.size > per_file:
                self.add_error(name, _("文件过大：每个附件不能超过 %(mb)s MB。") % {"mb": megabytes(per_file)})
                continue
            if received > total:
                self.add_error(name, _("附件合计不能超过 %(mb)s MB，此文件未能上传。") % {"mb": megabytes(total)})
                continue
            # Judged by its first bytes only: the file stays where the upload handler put it (on disk when large).
            mime = public_type(read_head(upload))
            if mime is None:
                self.add_error(name, _("只接受 PDF、JPG 或 PNG 文件（按文件内容判断，含网页代码的文件不予接受）。"))
                continue
            files.append((upload.name[-100:], upload, mime))
        cleaned["files"] = files
        return cleaned
