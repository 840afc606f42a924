"""BODS validation with libcovebods, offline (see :mod:`loaders.bods` "Validation, offline")."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ownergraph.graph.errors import InputError
from ownergraph.graph.vocab import Severity


class _EveryScheme:
    """An org-id prefix list that contains every scheme (the scheme check is disabled)."""

    def __contains__(self, item: object) -> bool:
        return True


class _MemoryReader:
    """A libcovebods DataReader over data already in memory (no file, no network)."""

    def __init__(self, data: Any) -> None:
        self._data = data

    def get_all_data(self) -> Any:
        return self._data


def _offline_task_classes(orgid_prefixes: Collection[str] | None) -> list[type]:
    from libcovebods.run_tasks import TASK_CLASSES
    from libcovebods.tasks.checks import legacy_checks, record_based_checks

    prefixes: Collection[str] | _EveryScheme = (
        _EveryScheme() if orgid_prefixes is None else frozenset(orgid_prefixes)
    )

    def offline(base: type) -> type:
        def __init__(self: Any, config: Any, schema: Any) -> None:
            # AdditionalCheck.__init__ only: the base constructor would download org-ids.
            legacy_checks.AdditionalCheck.__init__(self, config, schema)
            self.orgids_prefixes = prefixes

        return type(f"Offline{base.__name__}", (base,), {"__init__": __init__})

    swap = {
        legacy_checks.LegacyChecks: offline(legacy_checks.LegacyChecks),
        record_based_checks.CheckStatementEntityIdentifiersHaveKnownScheme: offline(
            record_based_checks.CheckStatementEntityIdentifiersHaveKnownScheme
        ),
    }
    return [swap.get(t, t) for t in TASK_CLASSES]


@dataclass(frozen=True)
class ValidationResult:
    """One libcovebods result: a schema error or an additional check."""

    severity: Severity
    check: str
    message: str
    place: str | None
    detail: dict[str, Any]


#: Fields libcovebods reads as dates (``libcovebods.utils.parse_date_field``).
DATE_KEYS = frozenset(
    {"statementDate", "publicationDate", "retrievedAt", "creationDate", "birthDate"}
    | {"deathDate", "foundingDate", "dissolutionDate", "startDate", "endDate"}
)


def check_dates(
    statements: Any,
    *,
    path: str,
    bases: list[str] | None = None,
    max_depth: int | None = None,
) -> None:
    """Refuse an impossible date in any date field (``2024-02-30``, ``2017-13-01``,
    ``0000-01-01``) with :class:`InputError` naming the JSON pointer, read as libcovebods'
    own checks read it (so its checks never meet a date they cannot parse).

    >>> check_dates([{"statementDate": "2024-02-30"}], path="x.json")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.InputError: x.json: /0/statementDate: impossible date '2024-02-30' (day is out of range for month)
    >>> check_dates([{"statementDate": "1965-11", "x": [{"endDate": "2020-02-29"}]}], path="x")

    ``bases`` names the place of each statement (a streamed batch: ``/5003``, ``line 12``);
    ``max_depth`` also refuses a statement nested deeper than that (the same walk).

    >>> check_dates([{"a": {"b": {}}}], path="x", bases=["line 7"], max_depth=2)
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.InputError: x: line 7/a/b: JSON nested deeper than 2
    """
    from libcovebods.utils import parse_date_field

    stack: list[tuple[str, Any, int]] = (
        [(bases[i], st, 1) for i, st in enumerate(statements)]
        if bases is not None
        else [("", statements, 0)]
    )
    while stack:
        pointer, node, depth = stack.pop()
        if max_depth is not None and depth > max_depth:
            raise InputError(path, pointer, f"JSON nested deeper than {max_depth}")
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            here = f"{pointer}/{key}"
            if isinstance(value, dict | list):
                stack.append((here, value, depth + 1))
            elif key in DATE_KEYS and isinstance(value, str):
                try:
                    parse_date_field(value)
                except (ValueError, TypeError, OverflowError) as exc:
                    raise InputError(path, here, f"impossible date {value!r} ({exc})") from None


def validate(
    statements: Any, *, orgid_prefixes: Collection[str] | None = None, path: str | None = None
) -> list[ValidationResult]:
    """Validate BODS data (the decoded JSON array) with libcovebods, offline.

    Schema errors have severity error, additional checks warning. ``orgid_prefixes`` is the
    list of known identifier schemes; ``None`` disables that one check (see the module
    docstring: the default library behaviour downloads the list).

    >>> import json
    >>> from ownergraph.loaders.bods import EXAMPLE
    >>> validate(json.loads(EXAMPLE))
    []
    >>> sorted({r.check for r in validate([{"statementId": "x", "recordType": "bogus"}])})[:2]
    ['enum', 'minLength']
    """
    import libcovebods.config
    import libcovebods.jsonschemavalidate
    import libcovebods.run_tasks
    import libcovebods.schema

    reader = _MemoryReader(statements)
    config = libcovebods.config.LibCoveBODSConfig()
    schema = libcovebods.schema.SchemaBODS(reader, config)  # type: ignore[arg-type]
    out: list[ValidationResult] = []
    for err in libcovebods.jsonschemavalidate.JSONSchemaValidator(schema).validate(reader):
        e = err.json()
        place = "/" + "/".join(str(p) for p in e.get("path", []))
        detail = {k: e.get(k) for k in ("message", "path", "validator") if k in e}
        out.append(
            ValidationResult(Severity.ERROR, str(e.get("validator")), e["message"], place, detail)
        )
    if path is not None:
        check_dates(statements, path=path)
    try:
        checks = libcovebods.run_tasks.process_additional_checks(
            reader,  # type: ignore[arg-type]
            config,
            schema,
            _offline_task_classes(orgid_prefixes),
        )["additional_checks"]
    except Exception as exc:  # noqa: BLE001 - a third-party checker met data it cannot read
        if path is None:
            raise
        # The loader reads what the checker cannot (a draft's bare interest words ...): the
        # document stands, with the checker's failure as a warning, never a refusal.
        checks = []
        out.append(
            ValidationResult(
                Severity.WARNING,
                "unreadable",
                f"libcovebods' checks cannot read this data ({type(exc).__name__}: {exc});"
                " the additional checks were not run",
                None,
                {},
            )
        )
    for c in checks:
        kind = str(c.get("type", "check"))
        ref = c.get("statement") or c.get("entity_statement") or c.get("record_id")
        msg = kind.replace("_", " ") + (f" (statement {ref})" if ref else "")
        out.append(ValidationResult(Severity.WARNING, kind, msg, None, dict(c)))
    return out
