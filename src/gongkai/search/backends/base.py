"""What every backend is given and must answer."""

from dataclasses import dataclass

from gongkai.search.domain.analysis import normalize


@dataclass(frozen=True)
class Filters:
    agency_id: int | None = None       # this agency and every agency below it
    agency_path: str = ""              # the same agency's materialised path ("/1/7/")
    topic: str = ""
    genre: str = ""
    validity: str = ""
    min_key: int | None = None         # sort-key range: the year filter
    max_key: int | None = None


@dataclass(frozen=True)
class IndexRow:
    """The fields of a stored document that the index structures are built from."""

    sort_key: int
    agency_path: str
    title: str
    summary: str
    body: str
    doc_number: str
    index_number: str
    topic: str
    genre: str
    validity: str

    @property
    def title_norm(self) -> str:
        return normalize(self.title)

    @property
    def rest_norm(self) -> str:
        return normalize("\n".join((self.summary, self.body, self.doc_number, self.index_number)))

    @property
    def text_norm(self) -> str:
        """Everything searchable, as the reference substring scan sees it."""
        return self.title_norm + " " + self.rest_norm

    def agency_ids(self) -> list[str]:
        return [part for part in self.agency_path.split("/") if part]


class SearchBackend:
    def __init__(self, conn):
        self.conn = conn

    def install(self) -> None:
        raise NotImplementedError

    def uninstall(self) -> None:
        raise NotImplementedError

    def add(self, rows: list[IndexRow]) -> None:
        raise NotImplementedError

    def remove(self, rows: list[IndexRow]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def optimize(self) -> None:
        """Compact the index structures after bulk changes (nothing to do by default)."""

    def page(self, words, filters: Filters, *, title_only: bool | None, before: int | None, limit: int) -> list[int]:
        """Sort keys, newest first, of documents containing every word.

        title_only=True: every word is in the title; False: every word somewhere, but not all in the title;
        None: every word somewhere.
        """
        raise NotImplementedError

    def count(self, words, filters: Filters, *, cap: int) -> int:
        """How many documents contain every word, counting no further than ``cap`` + 1."""
        raise NotImplementedError
