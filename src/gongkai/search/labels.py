from django.utils.translation import gettext_lazy as _

from gongkai.search.domain import analysis

QUERY_PROBLEMS = {
    analysis.EMPTY: _("请输入要查找的字词。"),
    analysis.TOO_LONG: _("查询内容过长，请精简到100个字以内。"),
    analysis.TOO_MANY: _("查询词过多，请不超过8个词。"),
    analysis.TOO_SHORT: _("请至少输入两个字（单个字会匹配过多信息）。"),
}
