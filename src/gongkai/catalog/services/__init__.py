"""The only writers of the catalog. Views, forms, the CLI, the API and the demo call these.

Purpose-named modules: ``items`` (write and edit, revisions), ``workflow`` (review, publication, 索引号,
withdrawal, schedule), ``screening``, ``attachments``, ``normative`` (validity, abolition, 解读), ``distribution``
(channels, 汇编), ``matters`` (公开清单), ``importing`` (bulk import), ``configuration`` (agency settings, lists).
"""

from gongkai.catalog.services.attachments import add_attachment, remove_attachment
from gongkai.catalog.services.configuration import (
    add_negative_list_entry,
    add_sensitive_word,
    configure_catalog,
    remove_negative_list_entry,
)
from gongkai.catalog.services.distribution import (
    create_compilation,
    record_channels,
    record_compilation_distribution,
)
from gongkai.catalog.services.items import ITEM_FIELDS, create_item, update_item
from gongkai.catalog.services.matters import (
    create_matter,
    fulfil_obligation,
    open_periodic_obligations,
    record_matter_trigger,
)
from gongkai.catalog.services.normative import (
    abolish_document,
    mark_interpretation_not_required,
    set_validity,
)
from gongkai.catalog.services.screening import override_finding, screen_item
from gongkai.catalog.services.workflow import (
    publish_due_scheduled,
    publish_item,
    reject_item,
    review_item,
    schedule_item,
    secrecy_review_item,
    submit_item,
    unschedule_item,
    withdraw_item,
)

__all__ = [
    "ITEM_FIELDS", "abolish_document", "add_attachment", "add_negative_list_entry", "add_sensitive_word",
    "configure_catalog", "create_compilation", "create_item", "create_matter", "fulfil_obligation",
    "mark_interpretation_not_required", "open_periodic_obligations", "override_finding", "publish_due_scheduled",
    "publish_item", "record_channels", "record_compilation_distribution", "record_matter_trigger", "reject_item",
    "remove_attachment", "remove_negative_list_entry", "review_item", "schedule_item", "screen_item",
    "secrecy_review_item", "set_validity", "submit_item", "unschedule_item", "update_item", "withdraw_item",
]
