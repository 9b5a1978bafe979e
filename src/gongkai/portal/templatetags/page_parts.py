"""``{% per_request "name" %}…{% end_per_request %}``: the part of a site page's block that depends on the
request (the options chosen, a count, the rows). Rendered whole, it is its content; while the page's own blocks
are drawn once as a frame (portal.page_frame), it is a mark, filled for each request."""

from django import template

register = template.Library()
MARKS = "page_part_marks"   # the context's marks while a page frame is drawn: {name: mark}
STRAY = "\ue3ff"   # the last mark of portal.page_frame's range, never a part's


class PerRequestNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        marks = context.get(MARKS)
        if marks is not None:
            # A part the drawing does not know (from an included template) spoils the frame: it is not used.
            return marks.get(self.name, STRAY)
        return self.nodelist.render(context)


@register.tag("per_request")
def per_request(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('per_request takes one quoted name: {% per_request "rows" %}')
    nodelist = parser.parse(("end_per_request",))
    parser.delete_first_token()
    return PerRequestNode(bits[1][1:-1], nodelist)
