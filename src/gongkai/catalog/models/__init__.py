"""Schema of the catalog (主动公开). Split by purpose; import models from here."""

from gongkai.catalog.models.compilations import Compilation, CompilationEntry
from gongkai.catalog.models.items import Attachment, IndexCounter, Item, ItemChannel, ItemRevision
from gongkai.catalog.models.links import LinkCheck
from gongkai.catalog.models.matters import DisclosureMatter, MatterObligation
from gongkai.catalog.models.screening import NegativeListEntry, ScreeningFinding, SensitiveWord
from gongkai.catalog.models.settings import CatalogSettings
from gongkai.catalog.models.terms import Term

__all__ = [
    "Attachment", "CatalogSettings", "Compilation", "CompilationEntry", "DisclosureMatter", "IndexCounter", "Item",
    "ItemChannel", "ItemRevision", "LinkCheck", "MatterObligation", "NegativeListEntry", "ScreeningFinding", "SensitiveWord",
    "Term",
]
