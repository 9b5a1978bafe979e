"""Where files live: named storages of Django's storage API (``settings.STORAGES``), so a deployment with
several app servers can put them on shared storage (an S3-compatible object store through django-storages,
or NFS) by configuration alone (``GONGKAI_STORAGES``, docs/deployment.md). The default is the file system
under ``var/``, exactly where the files were before: nothing changes for ``make run``.

- ``attachments``: the files of catalog items and compilations, and the files the public and the office
  attach to applications and replies (``MEDIA_ROOT``);
- ``letters``: generated letters (送达文书 PDFs) and delivery evidence (``MEDIA_ROOT``);
- ``redactions``: the sources and outputs of redaction (``MEDIA_ROOT``);
- ``site``: the static publication of the public pages (``GONGKAI_STATIC_SITE_DIR``), which nginx serves.

Models name their storage by one of the callables below, so migrations do not depend on the deployment.
A field keeps the storage it was given when its model class was made; the callables give it a
``NamedStorage``, which asks ``storages`` at every call, so the storage is always the configured one (also
after a test changes ``STORAGES``).
"""

import os

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

ATTACHMENTS, LETTERS, REDACTIONS, SITE = "attachments", "letters", "redactions", "site"
NAMES = (ATTACHMENTS, LETTERS, REDACTIONS, SITE)


class NamedStorage(Storage):
    """The storage configured under ``alias``, looked up at every call."""

    def __init__(self, alias: str):
        self.alias = alias

    def __getattr__(self, attr):
        return getattr(storages[self.alias], attr)

    def __repr__(self) -> str:
        return f"NamedStorage({self.alias!r})"


def _delegate(method: str):
    def call(self, *args, **kwargs):
        return getattr(storages[self.alias], method)(*args, **kwargs)

    call.__name__ = method
    return call


for _method in ("open", "save", "get_valid_name", "get_alternative_name", "get_available_name",
                "generate_filename", "path", "delete", "exists", "listdir", "size", "url", "get_accessed_time",
                "get_created_time", "get_modified_time"):
    setattr(NamedStorage, _method, _delegate(_method))

_NAMED = {name: NamedStorage(name) for name in (ATTACHMENTS, LETTERS, REDACTIONS)}


def attachments_storage():
    return _NAMED[ATTACHMENTS]


def letters_storage():
    return _NAMED[LETTERS]


def redactions_storage():
    return _NAMED[REDACTIONS]


def site_storage():
    return storages[SITE]


class SiteFileStorage(FileSystemStorage):
    """The static site on the file system: a page keeps its name (rewritten in place, never ``index_x1.html``)
    and is replaced atomically, so nginx never serves half of one. Without a ``location`` it follows
    ``GONGKAI_STATIC_SITE_DIR``."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.GONGKAI_STATIC_SITE_DIR)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        full = self.path(name)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        tmp = f"{full}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            for chunk in content.chunks():
                handle.write(chunk)
        os.replace(tmp, full)
        return name


def replace(storage, name: str, data: bytes) -> None:
    """Write the file ``name`` whole, replacing what was there (a static page rewritten)."""
    if not isinstance(storage, SiteFileStorage) and storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(data))
    if saved != name:   # a backend that renames instead of overwriting: not a usable site storage
        storage.delete(saved)
        raise ValueError(f"storage {storage!r} did not write {name} under its own name")
