"""DOCX and XLSX turned into PDF by LibreOffice (headless) before redaction: what is redacted and verified is
always a PDF, and the officer sees the pages the applicant will see.

Each conversion runs with a profile directory of its own (two at once would otherwise share one and fail) and a
time limit; LibreOffice is installed by ``scripts/system-deps.sh``.
"""

import logging
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import ValidationFailed

logger = logging.getLogger(__name__)

# The main part of each Office Open XML kind, as named in [Content_Types].xml.
OOXML_KINDS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}


class ConversionFailed(ValidationFailed):
    code = "redaction_conversion_failed"


def office_kind(data: bytes) -> str:
    """``docx``, ``xlsx`` or "" from the bytes (not the file name)."""
    if not data.startswith(b"PK\x03\x04"):
        return ""
    try:
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return ""
    return next((kind for kind, main in OOXML_KINDS.items() if main in types), "")


def soffice() -> str | None:
    return shutil.which(settings.GONGKAI_SOFFICE)


def to_pdf(data: bytes, kind: str) -> bytes:
    binary = soffice()
    if binary is None:
        raise ConversionFailed(_("服务器未安装 LibreOffice，无法将 DOCX/XLSX 转换为 PDF：请上传 PDF 文件，或请管理员运行 scripts/system-deps.sh 安装。"), code="cases.converter_missing")
    with tempfile.TemporaryDirectory(prefix="gk-convert-") as work:
        folder = Path(work)
        source = folder / f"source.{kind}"
        source.write_bytes(data)
        command = [binary, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder / "out"), str(source)]
        result = folder / "out" / "source.pdf"
        # LibreOffice's first start in a new profile may set the profile up and exit without converting (exit
        # code 81, "restart required"; seen on a loaded machine): a second run in the same, now ready, profile
        # converts. A file that fails twice is refused.
        for attempt in (1, 2):
            try:
                run = subprocess.run(command, capture_output=True, timeout=settings.GONGKAI_CONVERT_SECONDS,
                                     check=False, stdin=subprocess.DEVNULL, env={"HOME": work, "PATH": "/usr/bin:/bin"})
            except subprocess.TimeoutExpired:
                raise ConversionFailed(_("转换为 PDF 超过 %(seconds)s 秒仍未完成：文件可能过大或已损坏。"),
                                       code="cases.conversion_timeout",
                                       seconds=format(settings.GONGKAI_CONVERT_SECONDS, "g")) from None
            if result.exists() and result.stat().st_size > 0:
                break
            logger.warning("LibreOffice gave no PDF (attempt %d, exit code %s): %s", attempt, run.returncode,
                           run.stderr.decode(errors="replace")[-500:])
        else:
            raise ConversionFailed(_("无法将该 %(kind)s 文件转换为 PDF：文件可能已损坏。"), code="cases.conversion_failed",
                                   kind=kind.upper())
        return result.read_bytes()
