"""Applicants' personal data at rest and in use (条例 art. 15; 个人信息保护法 arts. 51, 54).

- ID numbers are stored encrypted (Fernet: AES-128-CBC with HMAC-SHA256) by ``EncryptedTextField``. The keys come
  from ``GONGKAI_PERSONAL_DATA_KEYS`` (the first encrypts, all decrypt: rotation) or, on the embedded default,
  from ``var/personal_data_key``, generated 0600 on first use.
- Earlier cases of the same applicant are found by a blind index: an HMAC of the number under its own key
  (``GONGKAI_APPLICANT_INDEX_KEY`` or ``var/applicant_index_key``), so the database alone cannot be searched
  for a number, nor the numbers guessed from it.
- Every read of an applicant's personal data in clear by staff leaves an event
  (``cases.selectors.record_personal_data_read``).
"""

import functools
import os
from pathlib import Path

from django.conf import settings
from django.db import models

# cryptography is imported by the first encryption or decryption, not with the models: a command that reads
# no applicant (``gongkai workdays add``) does not load it.
TOKEN_PREFIX = "gAAAAA"   # every Fernet token starts so (version byte 0x80 and a 64-bit timestamp)


def _key_file(name: str, make) -> bytes:
    path = Path(settings.VAR_DIR) / name
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(make())
    return path.read_bytes().strip()


@functools.cache
def _fernet():
    from cryptography.fernet import Fernet, MultiFernet

    keys = [k.encode() for k in settings.GONGKAI_PERSONAL_DATA_KEYS] or [
        _key_file("personal_data_key", Fernet.generate_key)]
    return MultiFernet([Fernet(k) for k in keys])


@functools.cache
def index_key() -> bytes:
    given = settings.GONGKAI_APPLICANT_INDEX_KEY
    return given.encode() if given else _key_file("applicant_index_key", lambda: os.urandom(32).hex().encode())


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(value: str) -> str:
    if not value or not value.startswith(TOKEN_PREFIX):
        return value or ""     # a value written before encryption (the migration encrypts them)
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        raise ValueError("证件号码无法解密：个人信息密钥与加密时不同（GONGKAI_PERSONAL_DATA_KEYS）") from None


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database and in clear in Python. It cannot be filtered on (each encryption
    differs): look up by a blind index instead."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value is not None else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "" or str(value).startswith(TOKEN_PREFIX):
            return value
        return encrypt(str(value))
