"""The rows of the catalog page's table (portal/site/catalog.html) in one call: a ``{% for %}`` over twenty rows
costs a fresh render a quarter of its template time in variable lookups; the same HTML, escaped the same way."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_ROW = '\n  <tr><td>{}</td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>\n  '


@register.simple_tag
def catalog_table_rows(rows):
    """Each row (索引号, link to the item's page, 名称, 文号, 发布日期) as the template's loop wrote it."""
    return mark_safe("".join(
        format_html(_ROW, row["index_number"], row["public_path"], row["title"], row["doc_number"],
                    row["published_on"].isoformat() if row["published_on"] is not None else "")
        for row in rows))
