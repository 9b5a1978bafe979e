"""Files that strangers send: bounded while they arrive, judged by their bytes, never trusted for markup.

An anonymous form could send three 49 MB files that the view then read into memory. Here a public form's
upload is bounded before it is stored: a request whose declared length is beyond the allowance is answered
without reading its body, and while a multipart body streams in (to a temporary file beyond
FILE_UPLOAD_MAX_MEMORY_SIZE) a file beyond the per-file limit, or beyond what is left of the per-submission
limit, is skipped, so the form can say which file was too large and keep what the person typed.

A file's type comes from its first bytes, never from its name or the browser's word, and a file whose first
bytes carry HTML or script markup is refused whatever it claims to be: a "PDF" that is also an HTML page
would otherwise run in the site's origin in any browser that sniffs.
"""

import re

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext_lazy as _

HEAD_BYTES = 4096          # how much of a file is read to judge it
SNIFF_BYTES = 1445         # how far browsers look for markup (WHATWG MIME sniffing's resource header)
FIELDS_ALLOWANCE = 1024 * 1024   # room for the text fields and multipart framing of a public form

# Markup that makes browsers treat bytes as HTML: the tags of the HTML pattern table of WHATWG MIME sniffing
# ("rules for identifying an unknown MIME type") and SVG, each followed by a tag end, and comments. Matched
# without regard to case. The one-letter tags of that table (<a, <b, <p) are left out: with their tag end
# they turn up by chance in about one image in a thousand, and every file is served as an attachment with
# nosniff anyway; this check is the second line.
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|style|title|body|br|svg"
                     rb"|object|embed|meta|img|form)[\s/>]|<!--", re.IGNORECASE)

PUBLIC_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def max_file_bytes() -> int:
    return int(settings.GONGKAI_PUBLIC_UPLOAD_MAX_FILE_BYTES)


def max_total_bytes() -> int:
    return int(settings.GONGKAI_PUBLIC_UPLOAD_MAX_TOTAL_BYTES)


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0")


def has_markup(head: bytes) -> bool:
    return _MARKUP.search(head[:SNIFF_BYTES]) is not None


def public_type(head: bytes) -> str | None:
    """The content type of a PDF, JPEG or PNG judged from its first bytes, or None (not one of them, or markup)."""
    if has_markup(head):
        return None
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    guess = filetype.guess(head)
    if guess is not None and guess.mime in {"image/jpeg", "image/png"}:
        return guess.mime
    return None


def read_head(upload) -> bytes:
    """The first bytes of an uploaded file, leaving it at its start for storage."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


class BoundedUploadHandler(FileUploadHandler):
    """First in the chain: passes chunks on, and skips a file once it is beyond the per-file limit or beyond
    what is left of the per-submission limit. The refused fields are in ``request.upload_refusals``."""

    def __init__(self, request=None, *, per_file: int, total: int):
        super().__init__(request)
        self.per_file, self.total = per_file, total
        self.received = 0
        self.this_file = 0
        self.refusals: dict[str, str] = {}
        if request is not None:
            request.upload_refusals = self.refusals

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.this_file = 0

    def receive_data_chunk(self, raw_data, start):
        self.this_file += len(raw_data)
        self.received += len(raw_data)
        if self.this_file > self.per_file:
            self.refusals[self.field_name] = str(_("文件过大：每个附件不能超过 %(mb)s MB。")
                                                 % {"mb": megabytes(self.per_file)})
            self.received -= self.this_file
            raise SkipFile
        if self.received > self.total:
            self.refusals[self.field_name] = str(_("附件合计不能超过 %(mb)s MB，此文件未能上传。")
                                                 % {"mb": megabytes(self.total)})
            self.received -= self.this_file
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None   # the next handler (memory or temporary file) builds the file


def bound_public_upload(request) -> str | None:
    """Prepare a public form's POST: refuse it outright (returns the message) when its declared length is
    beyond the allowance or its fields beyond Django's limits; otherwise bound its files while they stream in.
    Must run before anything reads ``request.POST`` (the view is csrf_exempt and checks CSRF itself after)."""
    request.upload_refusals = {}
    total = max_total_bytes()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > total + FIELDS_ALLOWANCE:
        return str(_("提交的内容过大（约 %(got)s MB）：附件合计不能超过 %(mb)s MB，每个附件不能超过 %(each)s MB。"
                     "请压缩或减少附件后重新填写提交。")
                   % {"got": megabytes(length), "mb": megabytes(total), "each": megabytes(max_file_bytes())})
    request.upload_handlers.insert(0, BoundedUploadHandler(request, per_file=max_file_bytes(), total=total))
    try:
        request.POST  # noqa: B018  parse now, inside the bounds, so an oversized field is a message
    except SuspiciousOperation:  # RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
        return str(_("提交的内容过多或过长，未被接受。请精简后重新填写提交。"))
    return None
