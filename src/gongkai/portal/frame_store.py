"""The frames this process keeps (portal.search_frame, portal.site_frame): a page's layout drawn once, kept until
the next full republication (``page_cache.generation()``) or ``page_cache.TIMEOUT``, at most ``size`` of them,
the least recently used dropped first, and all forgotten when a setting changes. A store may be given a stamp of
its own instead of the generation (portal.site_lists: the generations a site's cached pages are keyed on).

A store is an ordered dict of ``key -> (generation, drawn at, frame)``; reads take no lock (the GIL keeps a lookup
whole), writes and reordering do (gthread workers serve several requests in one process).
"""

import threading
import time
from collections import OrderedDict

from django.core.signals import setting_changed
from django.dispatch import receiver

from gongkai.portal import page_cache

_stores: list = []   # the module-level stores, which live as long as the process


class FrameStore(OrderedDict):
    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self.lock = threading.Lock()
        _stores.append(self)

    def get_or_draw(self, key, draw, stamp=None):
        """The frame kept under ``key`` while it is current, else ``draw()``'s, kept (None is kept too: a layout
        that cannot be a frame is not drawn again before the next generation). ``stamp``: what the frame is
        current for, the full generation when not given."""
        stamp, now = page_cache.generation() if stamp is None else stamp, time.monotonic()
        found = self.get(key)
        if found is not None and found[0] == stamp and now - found[1] < page_cache.TIMEOUT:
            with self.lock:
                if key in self:
                    self.move_to_end(key)
            return found[2]
        made = draw()
        with self.lock:
            self[key] = (stamp, now, made)
            self.move_to_end(key)
            while len(self) > self.size:
                self.popitem(last=False)
        return made

    def forget(self) -> None:
        with self.lock:
            self.clear()


@receiver(setting_changed)
def forget_all(**kwargs) -> None:
    """A setting changed (the platform's name, the language…): every frame of this process is drawn again."""
    for store in _stores:
        store.forget()
