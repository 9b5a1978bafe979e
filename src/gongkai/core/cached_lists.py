"""Short lists that many pages show and few changes touch (the agencies and the taxonomies of the search
form), kept in the shared cache and dropped when a row of their model is saved or deleted.

The owning area registers the list's name beside its model (``AppConfig.ready``), so every change that goes
through the model — the area's services, the admin, a data migration — makes every variant of the list stale
in every process at once (a version number in the shared cache); a time limit covers writes that bypass the
model's signals (``QuerySet.update``). The version is a new random token at each change, never a counter: a
cache that was emptied (a restart, a flush) cannot bring an old version back."""

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

TIMEOUT = 300
_NAMES: dict[type, set[str]] = {}


def _version_key(name: str) -> str:
    return f"gk:list-version:{name}"


def version(name: str) -> str:
    """The list's current version: what a process that keeps its own copy compares before using it."""
    return cache.get(_version_key(name)) or ""


def cached_list(name: str, build: Callable[[], list], *, variant: str = "", timeout: int = TIMEOUT) -> list:
    return cache.get_or_set(f"gk:list:{name}:{version(name)}:{variant}", build, timeout)


def forget(name: str) -> None:
    """Make every variant of the list ``name`` stale, in every process."""
    cache.set(_version_key(name), uuid.uuid4().hex, None)


def forget_on_change(model, name: str) -> None:
    """Forget the list ``name`` whenever a row of ``model`` is saved or deleted."""
    if model not in _NAMES:
        _NAMES[model] = set()
        post_save.connect(_forget_model, sender=model, dispatch_uid=f"cached_lists_save_{model._meta.label}")
        post_delete.connect(_forget_model, sender=model, dispatch_uid=f"cached_lists_delete_{model._meta.label}")
    _NAMES[model].add(name)


def _forget_model(sender, **kwargs) -> None:
    for name in _NAMES.get(sender, ()):
        forget(name)
