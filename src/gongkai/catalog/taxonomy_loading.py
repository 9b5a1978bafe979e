"""Load the shipped taxonomies and 错敏词 into the database; used by the data migration and by tests.
Idempotent: existing codes keep their (possibly edited) labels."""

from gongkai.catalog.domain.taxonomies import DEFAULTS, SENSITIVE_WORDS


def load_default_terms(Term, SensitiveWord=None) -> int:
    created = 0
    for scheme, rows in DEFAULTS.items():
        existing = {t.code: t for t in Term.objects.filter(scheme=scheme)}
        for order, (code, label, parent_code) in enumerate(rows, start=1):
            if code in existing:
                continue
            term = Term.objects.create(
                scheme=scheme.value, code=code, label=label, sort_order=order,
                parent=existing.get(parent_code) if parent_code else None,
            )
            existing[code] = term
            created += 1
    if SensitiveWord is not None:
        for word, replacement in SENSITIVE_WORDS:
            if not SensitiveWord.objects.filter(agency__isnull=True, word=word).exists():
                SensitiveWord.objects.create(word=word, replacement=replacement)
    return created
