"""What the catalog tells the rest of the platform after a commit. The portal connects these (in its
AppConfig.ready) to search indexing and static-page publication; the catalog never imports the portal.

Every signal is sent through ``transaction.on_commit`` by catalog services, so receivers see committed data.

- ``item_published``  (item=Item)      an item became public (also when the timer publishes a scheduled item)
- ``item_changed``    (item=Item)      a public item changed (validity, abolition, metadata, channels, attachments)
- ``item_withdrawn``  (item=Item)      a public item was withdrawn (撤稿): take it off the portal and feeds
- ``items_bulk_published`` (item_ids=list[int])  many items were published at once (catalog import, demo);
  receivers should index them in bulk rather than one by one.
"""

from django.dispatch import Signal

item_published = Signal()
item_changed = Signal()
item_withdrawn = Signal()
items_bulk_published = Signal()
