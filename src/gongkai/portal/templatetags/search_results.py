"""The result list of the search page, written in Python: 20 results of a dozen fields each cost about a
millisecond in ``{% for %}`` lookups, filters and ``{% translate %}`` tags on every search, more than the
search itself (measured in docs/benchmarks.md, search page). The HTML is the same as a template loop gave."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _meta(doc) -> str:
    parts = [escape((doc.extra or {}).get("agency_name", ""))]
    if doc.doc_number:
        parts.append(" · " + escape(doc.doc_number))
    day = doc.published_on.isoformat() if doc.published_on else ""
    parts.append(f' · <time datetime="{day}">{day}</time>')
    if doc.validity and doc.validity != "valid":
        label = _("已废止") if doc.validity == "abolished" else _("已失效")
        parts.append(f' · <span class="badge bad">{label}</span>')
    return "".join(parts)


def _hit(hit) -> str:
    return (f'<li>\n  <h3><a href="{escape(hit.doc.url)}">{hit.title_html}</a></h3>\n'
            f'  <p class="snippet">{hit.snippet_html}</p>\n'
            f'  <p class="muted item-meta">{_meta(hit.doc)}</p>\n</li>\n')


@register.simple_tag
def search_results(page, number, base_query):
    """The exact matches, the (capped) count, the hits and the pagination of a search page that ran."""
    out = []
    if page.exact:
        rows = "".join(f'<li><a href="{escape(d.url)}">{escape(d.title)}</a> <span class="muted">'
                       f'{escape(d.doc_number)} {escape(d.index_number)}</span></li>' for d in page.exact)
        out.append(f'<section aria-labelledby="exact-heading" class="exact">\n<h2 id="exact-heading">'
                   f'{escape(_("文号或索引号精确匹配"))}</h2>\n<ul class="item-list">{rows}</ul>\n</section>\n')
    out.append(f'<h2 id="results-heading">{escape(_("检索结果"))}</h2>\n')
    if page.total_capped:
        count = _("找到超过 %(n)s 条信息，请增加查询词或筛选条件缩小范围。") % {"n": page.total}
    else:
        count = _("找到 %(n)s 条信息") % {"n": page.total}
    out.append(f'<p class="muted" role="status">{escape(count)}</p>\n')
    if page.hits:
        out.append('<ol class="results" aria-labelledby="results-heading">\n')
        out.extend(_hit(hit) for hit in page.hits)
        out.append("</ol>\n")
    else:
        out.append(f'<p>{escape(_("没有找到包含这些字词的信息。请检查字词，或减少查询词、放宽筛选条件。"))}</p>\n')
    if page.next_cursor or not page.is_first_page:
        query = escape(base_query)
        nav = [f'<nav class="pagination" aria-label="{escape(_("分页"))}">']
        if not page.is_first_page:
            nav.append(f'<a href="?{query}">{escape(_("第一页"))}</a>')
        nav.append(f'<span aria-current="page">{escape(_("第 %(n)s 页") % {"n": number})}</span>')
        if page.next_cursor:
            nav.append(f'<a href="?{query}&amp;after={escape(page.next_cursor)}&amp;p={int(number) + 1}">'
                       f'{escape(_("下一页"))}</a>')
        out.append("\n  ".join(nav) + "\n</nav>\n")
    return mark_safe("".join(out))
