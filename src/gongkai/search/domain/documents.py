"""What the search index holds: a flat document, built by whoever owns the content.

The search app knows nothing of catalog models; the catalog (through the portal's wiring) hands it these.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class IndexedDocument:
    key: str                      # stable, e.g. "item:123"
    agency_id: int
    agency_path: str              # materialised path, for "this agency and below" filters
    title: str
    summary: str = ""
    body: str = ""                # plain text (HTML stripped), attachment text appended
    doc_number: str = ""          # 文号
    index_number: str = ""        # 索引号
    published_on: dt.date | None = None
    written_on: dt.date | None = None
    topic: str = ""               # 主题分类 code
    genre: str = ""               # 体裁 code
    validity: str = ""            # 有效性 code
    url: str = ""
    extra: dict = field(default_factory=dict)
