"""Readers of the catalog's taxonomies for the interfaces: the lists of the portal's column pages, feeds and site
maps, the back office's filters and forms, and the columns the inspection check looks at.

``term_choices`` (cached (code, label) pairs for search forms) stays in ``catalog.selectors``.
"""

from django.db.models import QuerySet

from gongkai.agencies.models import AgencyKind
from gongkai.catalog.domain.taxonomies import Scheme
from gongkai.catalog.models import Term

FILTER_SCHEMES = ("topic", "genre", "statutory")


def active_terms(scheme: str) -> QuerySet[Term]:
    """The active terms of one taxonomy in its order (form choices)."""
    return Term.objects.filter(scheme=scheme, is_active=True).order_by("sort_order", "id")


def feed_term(code: str) -> Term | None:
    """The 内容类别 or 重点领域 a feed is narrowed to, by its code; None when there is none."""
    return Term.objects.filter(scheme__in=[Scheme.CATEGORY, Scheme.FOCUS], code=code).first()


def category_terms() -> QuerySet[Term]:
    """Every 内容类别 and 重点领域 (the back office's item filter)."""
    return Term.objects.filter(scheme__in=[Scheme.CATEGORY, Scheme.FOCUS]).order_by("scheme", "sort_order")


def statutory_terms() -> list[Term]:
    """The 法定主动公开内容 (条例 art. 20, 21) as terms, in order: roots and their items."""
    return list(active_terms(Scheme.STATUTORY))


def statutory_rows() -> list[dict]:
    """The same as plain rows (code, label, parent_id, id), for pages that only print them."""
    return list(active_terms(Scheme.STATUTORY).values("code", "label", "parent_id", "id"))


def statutory_roots() -> list[Term]:
    return list(Term.objects.filter(scheme=Scheme.STATUTORY, parent__isnull=True, is_active=True))


def filter_term_rows() -> dict[str, list[dict]]:
    """The catalog page's filter lists: (code, label, parent_id) of the active topic, genre and statutory terms,
    each list in its taxonomy's order, in one query."""
    lists: dict[str, list[dict]] = {scheme: [] for scheme in FILTER_SCHEMES}
    for row in (Term.objects.filter(scheme__in=FILTER_SCHEMES, is_active=True).order_by("sort_order", "id")
                .values("scheme", "code", "label", "parent_id")):
        lists[row.pop("scheme")].append(row)
    return lists


def statutory_roots_for(agency) -> tuple[str, ...]:
    """Which parts of the statutory list apply to an organ: 条例 art. 20 to every organ; art. 21 to county
    governments and their departments, or to townships (乡镇人民政府/街道办事处)."""
    if agency.kind == AgencyKind.TOWNSHIP:
        return ("art20", "art21-township")
    return ("art20", "art21-county")


def statutory_columns_for(agency) -> list[Term]:
    """The statutory items (法定主动公开内容) an organ's column has to show."""
    return list(Term.objects.filter(scheme=Scheme.STATUTORY, parent__code__in=statutory_roots_for(agency),
                                    is_active=True))


def category_columns(codes) -> list[Term]:
    """The active 内容类别 with the given codes."""
    return list(Term.objects.filter(scheme=Scheme.CATEGORY, code__in=list(codes), is_active=True))
