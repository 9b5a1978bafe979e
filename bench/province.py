"""A generated province on PostgreSQL, for the province-scale benchmark (``python -m bench province``).

A provincial government, 16 cities, 120 counties and their departments, about 10,000 agencies; 800 sites (every
government's portal and the departments' sites of the province and the cities); ``items`` published items over
five years with their search documents and index; 300,000 applications over the same five years with their
decisions. Rows go in by COPY and bulk inserts, a batch per transaction, with a progress line; the search
index's GIN indexes are built once at the end. Deterministic for a seed; generated, never committed.

Item bodies are the search corpus's (bench/corpus.py); one item in 25 links to another website (the link-check
sweep's work).
"""

import datetime as dt
import random
import sys
import time

CITIES = 16
COUNTIES = 120
PROVINCE_DEPARTMENTS = 60
CITY_DEPARTMENTS = 55
COUNTY_DEPARTMENTS = 74          # departments, towns and street offices of a county
SITES = 800
APPLICATIONS = 300_000
YEARS = (2021, 2022, 2023, 2024, 2025)
BATCH = 5_000
LINK_EVERY = 25


def agency_plan() -> list[tuple[str, str, str, str, int | None]]:
    """(code, name, kind, level, parent index) of every agency, parents first."""
    rows: list[tuple[str, str, str, str, int | None]] = [("prov", "四川省人民政府", "government", "province", None)]
    rows += [(f"prov-d{d}", f"省直部门{d}", "department", "province", 0) for d in range(PROVINCE_DEPARTMENTS)]
    county = 0
    for c in range(CITIES):
        city_index = len(rows)
        rows.append((f"c{c}", f"第{c + 1}市人民政府", "government", "city", 0))
        rows += [(f"c{c}-d{d}", f"第{c + 1}市部门{d}", "department", "city", city_index)
                 for d in range(CITY_DEPARTMENTS)]
        for _ in range(COUNTIES // CITIES + (1 if c < COUNTIES % CITIES else 0)):
            county_index = len(rows)
            rows.append((f"k{county}", f"第{county + 1}县人民政府", "government", "county", city_index))
            rows += [(f"k{county}-d{d}", f"第{county + 1}县部门{d}", "department" if d < 40 else "township",
                      "county" if d < 40 else "township", county_index) for d in range(COUNTY_DEPARTMENTS)]
            county += 1
    return rows


def load(items: int, *, processes: int = 1, seed: int = 2025, out=sys.stderr) -> dict:
    """Load the province into the current (empty, migrated) PostgreSQL database; returns what was loaded.

    With ``processes`` > 1 the items are loaded by that many processes at once, each its own contiguous run of
    item numbers with its own corpus stream (seed + slice number): the same province for the same seed and
    number of processes. The year partitions are made first, so no two loaders race to make one."""
    from django.db import connection, transaction

    from gongkai.core.progress import Progress

    started = time.perf_counter()
    with transaction.atomic():
        agencies = _agencies()
        _sites(agencies)
    _prepare_index()
    with Progress(out, "信息", total=items, every=30) as progress:
        if processes <= 1:
            _items(range(items), agencies, random.Random(seed), seed, progress)
        else:
            import multiprocessing

            connection.close()   # each loader opens its own
            ctx = multiprocessing.get_context("fork")
            done = ctx.Value("q", 0)
            bounds = [items * k // processes for k in range(processes + 1)]
            loaders = [ctx.Process(target=_load_slice, args=(range(bounds[k], bounds[k + 1]), agencies, seed, k,
                                                             done, items)) for k in range(processes)]
            for loader in loaders:
                loader.start()
            while any(loader.is_alive() for loader in loaders):
                time.sleep(2)
                progress(done.value, items)
            for loader in loaders:
                loader.join()
            if any(loader.exitcode for loader in loaders):
                raise SystemExit(f"a loader failed: exit codes {[loader.exitcode for loader in loaders]}")
            progress(done.value, items)
    return finish(seed=seed, out=out, started=started)


def _load_slice(numbers: range, agencies, seed: int, k: int, done, total: int) -> None:
    from django.db import connection

    last = [0]

    def progress(at, _total):
        with done.get_lock():
            done.value += at - last[0]
        last[0] = at

    _items(numbers, agencies, random.Random(seed), seed + 1000 * (k + 1), progress, total=total)
    connection.close()


def finish(*, seed: int = 2025, out=sys.stderr, started: float | None = None) -> dict:
    """The applications and the search index's GIN indexes, after the items (also after a load stopped
    part-way: the items loaded so far are the province's, their count is what the figures say)."""
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Item
    from gongkai.core.progress import Progress
    from gongkai.search.backends import backend_for
    from gongkai.sites.models import Site

    started = started or time.perf_counter()
    agencies = [(a.pk, a.path, a.level, a.code) for a in Agency.objects.order_by("sort_order", "pk")]
    rng = random.Random(seed + 1)
    with Progress(out, "依申请公开", total=APPLICATIONS, every=30) as progress:
        _applications(agencies, rng, progress)
    index_started = time.perf_counter()
    print("检索索引：建立 GIN 索引、VACUUM ANALYZE", file=out, flush=True)
    with connection.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '512MB'")
        backend_for(connection).install()
        cur.execute("SELECT setval(pg_get_serial_sequence('search_searchdocument', 'id'), "
                    "(SELECT max(id) FROM search_searchdocument))")
        cur.execute("VACUUM ANALYZE")
    return {"agencies": len(agencies), "sites": Site.objects.count(), "items": Item.objects.count(),
            "applications": APPLICATIONS, "seconds": time.perf_counter() - started,
            "index_seconds": time.perf_counter() - index_started}


def _agencies() -> list[tuple[int, str, str, str]]:
    """Insert the agencies; returns (id, path, level, code) in plan order."""
    from gongkai.agencies.models import Agency

    plan = agency_plan()
    made = Agency.objects.bulk_create(
        [Agency(code=code, name=name, kind=kind, level=level, publishes_own_report=kind == "government",
                sort_order=n) for n, (code, name, kind, level, _parent) in enumerate(plan)], batch_size=2000)
    paths: list[str] = []
    for n, (_code, _name, _kind, _level, parent) in enumerate(plan):
        paths.append(f"{paths[parent] if parent is not None else '/'}{made[n].pk}/")
    for agency, path, (_c, _n, _k, _l, parent) in zip(made, paths, plan, strict=True):
        agency.path = path
        agency.parent_id = made[parent].pk if parent is not None else None
    Agency.objects.bulk_update(made, ["path", "parent"], batch_size=2000)
    return [(a.pk, a.path, a.level, a.code) for a in made]


def _sites(agencies) -> int:
    """Every government's portal, then the province's and cities' departments' sites, up to SITES."""
    from gongkai.sites.models import Site, SiteDomain

    governments = [a for a in agencies if "-" not in a[3]]
    departments = [a for a in agencies if a[3].startswith(("prov-", "c")) and "-d" in a[3]]
    owners = (governments + departments)[:SITES]
    made = Site.objects.bulk_create([
        Site(agency_id=pk, name=f"网站{n}", site_type="portal" if "-" not in code else "department",
             site_code=f"51{n:08d}", sponsor=f"主办单位{n}") for n, (pk, _path, _level, code) in enumerate(owners)])
    SiteDomain.objects.bulk_create([SiteDomain(site=site, domain=f"s{n}.sc.gov.example", is_canonical=True)
                                    for n, site in enumerate(made)])
    return len(made)


def _weights(agencies) -> list[float]:
    # governments publish most; a county's departments more than a town
    return [{"province": 30, "city": 12, "county": 4, "township": 1}[level] * (5 if "-" not in code else 1)
            for _pk, _path, level, code in agencies]


def _prepare_index() -> None:
    """Drop the search index's GIN indexes (built once at the end) and make every year's partitions."""
    from django.db import connection

    from gongkai.search.backends import backend_for
    from gongkai.search.backends.postgres import TABLE, TITLES
    from gongkai.search.domain.keys import sort_key

    backend = backend_for(connection)
    with connection.cursor() as cur:
        cur.execute(f"DROP INDEX IF EXISTS {TABLE}_gin, {TITLES}_gin")
    backend.ensure_partitions(sort_key(dt.date(year, 6, 1), 1) for year in YEARS)


def _items(numbers: range, agencies, rng: random.Random, corpus_seed: int, progress, *, total: int = 0) -> None:
    """Items numbered ``numbers`` (of ``total``, by default as many): the agency of each is the same draw
    from ``rng`` whichever slice loads it; the bodies come from a corpus stream seeded ``corpus_seed``."""
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.corpus import generate
    from gongkai.catalog.models import Item
    from gongkai.search.backends import IndexRow, backend_for
    from gongkai.search.backends.postgres import COLUMNS, TABLE, TITLES
    from gongkai.search.domain.analysis import doc_number_key
    from gongkai.search.domain.keys import sort_key

    backend = backend_for(connection)
    with connection.cursor() as cur:
        cur.execute("SET synchronous_commit = off")
    total = total or len(numbers)
    picks = rng.choices(range(len(agencies)), weights=_weights(agencies), k=total)
    now = timezone.now()
    first, span = dt.date(YEARS[0], 1, 1).toordinal(), 365 * len(YEARS)
    docs = ("id", "key", "sort_key", "agency_id", "agency_path", "title", "summary", "body", "doc_number",
            "index_number", "doc_number_key", "index_number_key", "published_on", "written_on", "topic", "genre",
            "validity", "url", "extra", "indexed_at")
    count = len(numbers)
    corpus = ((numbers.start + c.n, c) for c in generate(count, seed=corpus_seed))
    done = 0
    while done < count:
        batch = [next(corpus) for _ in range(min(BATCH, count - done))]
        rows = []
        for n, c in batch:
            pk = agencies[picks[n]][0]
            published = dt.date.fromordinal(first + (n * 7919) % span)
            body = c.body if n % LINK_EVERY else f'{c.body}<p><a href="https://www.gov.cn/zhengce/{n % 5000}.htm">原文</a></p>'
            rows.append(Item(agency_id=pk, title=c.title, summary=c.summary, body=body, body_text=c.body,
                             doc_number=c.doc_number, status="published", published_on=published, published_at=now,
                             written_on=published, index_number=f"{pk:09d}/{published.year}-{n:07d}",
                             index_period=str(published.year), index_serial=n + 1))
        with transaction.atomic():
            made = Item.objects.bulk_create(rows, batch_size=BATCH)
            raw = connection.connection
            index_rows = []
            with raw.cursor() as cur, cur.copy(f"COPY search_searchdocument ({', '.join(docs)}) FROM STDIN") as cp:
                for item, (n, c) in zip(made, batch, strict=True):
                    key = sort_key(item.published_on, item.pk)
                    path = agencies[picks[n]][1]
                    cp.write_row((item.pk, f"item:{item.pk}", key, item.agency_id, path, item.title, item.summary,
                                  c.body, item.doc_number, item.index_number, doc_number_key(item.doc_number),
                                  doc_number_key(item.index_number), item.published_on, item.written_on, c.topic,
                                  c.genre, c.validity, f"/gk/{agencies[picks[n]][3]}/items/{item.pk}/", "{}", now))
                    index_rows.append(IndexRow(sort_key=key, agency_path=path, title=item.title, summary=item.summary,
                                               body=c.body, doc_number=item.doc_number,
                                               index_number=item.index_number, topic=c.topic, genre=c.genre,
                                               validity=c.validity))
            with raw.cursor() as cur:
                with cur.copy(f"COPY {TABLE} ({', '.join(COLUMNS[TABLE])}) FROM STDIN") as cp:
                    for row in index_rows:
                        cp.write_row(_copy_values(backend.values(row)))
                with cur.copy(f"COPY {TITLES} ({', '.join(COLUMNS[TITLES])}) FROM STDIN") as cp:
                    for row in index_rows:
                        cp.write_row(_copy_values(backend.title_values(row)))
        done += len(batch)
        progress(done, count)


def _copy_values(values: tuple) -> tuple:
    """The index row with its key arrays written as PostgreSQL array literals: COPY takes the text as it is,
    where psycopg's list dumper (pure Python) cost a third of a loader's time."""
    return tuple("{" + ",".join(map(str, v)) + "}" if isinstance(v, list) else v for v in values)


def _applications(agencies, rng: random.Random, progress) -> None:
    from django.db import transaction
    from django.utils import timezone

    from gongkai.cases.domain.applicants import ApplicantType
    from gongkai.cases.domain.results import Result
    from gongkai.cases.models import Application, Decision

    now = timezone.now()
    types, results = list(ApplicantType), [r for r in Result if r != Result.PARTIAL]
    picks = rng.choices(range(len(agencies)), weights=_weights(agencies), k=APPLICATIONS)
    first, span = dt.date(YEARS[0], 1, 1).toordinal(), 365 * len(YEARS) - 40
    for offset in range(0, APPLICATIONS, BATCH):
        apps = []
        for n in range(offset, min(offset + BATCH, APPLICATIONS)):
            received = dt.date.fromordinal(first + rng.randrange(span))
            apps.append(Application(
                agency_id=agencies[picks[n]][0], tracking_code=f"P{n:09d}", state="decided", channel="online",
                applicant_type=rng.choice(types).value, applicant_name="申请人", id_type="passport",
                id_number=f"P{n}", applicant_key=f"k{n % 50000}", description="基准测试申请",
                provision_form="electronic", delivery="email", arrived_on=received, submitted_at=now,
                received_on=received))
        with transaction.atomic():
            made = Application.objects.bulk_create(apps, batch_size=BATCH)
            Decision.objects.bulk_create(
                [Decision(application_id=a.pk, result=rng.choice(results).value,
                          decided_on=a.received_on + dt.timedelta(days=rng.randrange(1, 40)))
                 for a in made if rng.random() < 0.95], batch_size=BATCH)
        progress(min(offset + BATCH, APPLICATIONS), APPLICATIONS)
