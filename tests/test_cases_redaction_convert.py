"""Converting DOCX/XLSX to PDF before redaction survives LibreOffice's first start in a new profile, which may
set the profile up and exit without converting; a file that never converts is refused with the reason."""

import stat

import pytest

from gongkai.cases.redaction import convert

# A stand-in for soffice: the first run in a profile only creates it and exits 81 ("restart required"), as
# LibreOffice may; a later run writes the PDF into --outdir. With FAIL set it never writes one.
FAKE_SOFFICE = r"""#!/bin/sh
profile=""; outdir=""
while [ $# -gt 0 ]; do
  case "$1" in
    -env:UserInstallation=file://*) profile="${1#-env:UserInstallation=file://}" ;;
    --outdir) shift; outdir="$1" ;;
  esac
  shift
done
echo run >> "%(log)s"
if [ ! -d "$profile" ]; then mkdir -p "$profile"; exit 81; fi
[ -n "%(fail)s" ] && exit 1
mkdir -p "$outdir" && printf '%%s' '%%PDF-1.4 converted' > "$outdir/source.pdf"
"""


def _fake(tmp_path, *, fail: bool) -> tuple[str, object]:
    log = tmp_path / "runs.log"
    script = tmp_path / "soffice"
    script.write_text(FAKE_SOFFICE % {"log": log, "fail": "yes" if fail else ""})
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script), log


def test_a_first_start_that_only_makes_the_profile_is_run_again(tmp_path, settings):
    settings.GONGKAI_SOFFICE, log = _fake(tmp_path, fail=False)
    assert convert.to_pdf(b"PK fake docx", "docx") == b"%PDF-1.4 converted"
    assert log.read_text().split() == ["run", "run"]


def test_a_file_that_never_converts_is_refused_after_the_second_try(tmp_path, settings):
    settings.GONGKAI_SOFFICE, log = _fake(tmp_path, fail=True)
    with pytest.raises(convert.ConversionFailed, match="无法将该 DOCX 文件转换为 PDF"):
        convert.to_pdf(b"PK fake docx", "docx")
    assert log.read_text().split() == ["run", "run"]
