import json

from django.core.management.base import CommandError

from gongkai.agencies.selectors import public_agencies
from gongkai.core.command import GongkaiCommand
from gongkai.core.progress import Progress
from gongkai.search import selectors, services


class Command(GongkaiCommand):
    help = "全文检索：gongkai search 查询词 [--agency 机构代码] [--limit N] [--json]；gongkai search --reindex 重建索引；--optimize 批量导入后整理索引。"

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="*", help="查询词，多个词以空格分隔（须全部出现）")
        parser.add_argument("--agency", help="机构代码：只查该机构及其下级机构")
        parser.add_argument("--limit", default="20", help="返回条数（1-100，默认20）")
        parser.add_argument("--sort", choices=selectors.SORTS, default="relevance", help="relevance 或 date")
        parser.add_argument("--after", default="", help="翻页：上一页输出的 next 游标")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--reindex", action="store_true", help="由已存文档重建检索索引")
        parser.add_argument("--optimize", action="store_true", help="批量导入后整理检索索引（合并索引段、按时间重排）")

    def handle(self, *args, query, agency, limit, sort, after, json: bool, reindex: bool, optimize: bool, **options):
        if reindex:
            with Progress(self.stderr, "重建检索索引") as progress:
                rebuilt = services.rebuild_index(on_progress=progress)
            self.stdout.write(f"reindexed {rebuilt}")
        if optimize:
            services.optimize_index()
            self.stdout.write("optimized")
        if reindex or optimize:
            return
        try:
            limit_n = int(limit)
        except ValueError:
            raise CommandError(f"条数“{limit}”应为1至100之间的整数") from None
        if not 1 <= limit_n <= selectors.MAX_PAGE_SIZE:
            raise CommandError(f"条数“{limit}”应为1至100之间的整数")
        scope = None
        if agency:
            scope = public_agencies().filter(code=agency).first()
            if scope is None:
                raise CommandError(f"没有代码为“{agency}”的机构")
        page = selectors.search(" ".join(query), agency=scope, sort=sort, cursor=after or None, limit=limit_n)
        if json:
            self.stdout.write(_as_json(page))
            return
        for problem in page.problems:
            self.stderr.write(problem)
        if not page.ran:
            raise CommandError(page.problems[0] if page.problems else "无法检索")
        for doc in page.exact:
            self.stdout.write(f"= {doc.doc_number or doc.index_number}\t{doc.title}\t{doc.url}")
        more = "+" if page.total_capped else ""
        self.stdout.write(f"{page.total}{more} 条")
        for hit in page.hits:
            day = hit.doc.published_on.isoformat() if hit.doc.published_on else "-"
            self.stdout.write(f"{day}\t{hit.doc.title}\t{hit.doc.url}")
        if page.next_cursor:
            self.stdout.write(f"next: --after {page.next_cursor}")


def _as_json(page) -> str:
    def doc_json(doc, **more):
        return {"key": doc.key, "title": doc.title, "url": doc.url, "doc_number": doc.doc_number,
                "index_number": doc.index_number,
                "published_on": doc.published_on.isoformat() if doc.published_on else None, **more}

    return json.dumps({
        "query": page.query, "words": list(page.words), "problems": page.problems, "total": page.total,
        "total_capped": page.total_capped, "next": page.next_cursor,
        "exact": [doc_json(d) for d in page.exact],
        "hits": [doc_json(h.doc, in_title=h.in_title, snippet=h.snippet_text) for h in page.hits],
    }, ensure_ascii=False, indent=2)
