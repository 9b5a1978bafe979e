"""The long work that back-office pages start and follow (``gongkai.core.background``): each runner takes the
work row and an ``on_progress(done, total)`` and returns what the following page shows."""

import dataclasses


def catalog_import(work, on_progress) -> dict:
    """``/staff/catalog/import/``: the uploaded catalog checked, screened and written (or only checked)."""
    from gongkai.agencies.selectors import agency_by_id
    from gongkai.catalog.services.importing import import_catalog

    arguments = work.arguments
    agency = agency_by_id(arguments.get("agency_id"))
    report = import_catalog(actor=work.started_by, name=arguments["name"], data=bytes(work.data), agency=agency,
                            dry_run=arguments.get("dry_run", False), on_progress=on_progress)
    return {**dataclasses.asdict(report), "ok": report.ok}


def report_generate(work, on_progress) -> dict:
    """``/staff/reports/generate/`` and a draft's 重新统计: the year's data frozen into the agency's draft."""
    from gongkai.agencies.selectors import agency_by_id
    from gongkai.reports import services
    from gongkai.reports.domain.forms import ReportForm

    arguments = work.arguments
    form = arguments.get("form")
    report = services.generate_report(
        actor=work.started_by, agency=agency_by_id(arguments["agency_id"]), year=arguments["year"],
        form=ReportForm(form) if form else None, scope_codes=arguments.get("scope_codes"), on_progress=on_progress)
    return {"report_id": report.pk}
