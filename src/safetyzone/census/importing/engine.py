"""run_import: read, parse, plan and (unless a dry run) write a camera spreadsheet.

The file is parsed outside any transaction (pure CPU work, reported through `progress`);
matching against the database, the access gate, duplicate checks and the writes then run
in ONE transaction, so a commit is all-or-nothing and a worker killed halfway leaves
nothing behind. With skip_bad_rows the good rows are written and the bad ones listed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils.translation import gettext_noop

from safetyzone.core import access
from safetyzone.core.models import Organisation

from .mapping import resolve_mapping
from .messages import ERROR, ImportFileError, Problem
from .plan import Planner
from .readers import open_table
from .rowparse import RowParser
from .writer import write

PROGRESS_EVERY = 2000


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    error_rows: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    committed: bool = False
    dry_run: bool = False
    headers: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_rows == 0

    def counts(self) -> dict:
        return {k: getattr(self, k) for k in
                ("total", "created", "updated", "unchanged", "skipped", "error_rows", "warnings")}


def _check_owner(user, owner: Organisation) -> None:
    if not access.writable_organisations(user, Organisation.objects.filter(pk=owner.pk)).exists():
        raise ImportFileError(gettext_noop(
            "You may not import cameras for %(org)s. Choose your own organisation."), org=str(owner))


def run_import(user, owner: Organisation, path, mapping=None, skip_bad_rows: bool = False,
               dry_run: bool = False, filename: str = "", reason: str = "import",
               progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Import (or with dry_run only check) the cameras of `owner` from the file at `path`.

    mapping: None (guess from the headers), a list of column keys aligned with the headers,
    or {header: key}. Raises ImportFileError for problems with the file as a whole.
    """
    _check_owner(user, owner)
    table = open_table(path, filename)
    keys = resolve_mapping(table.headers, mapping)
    result = ImportResult(dry_run=dry_run, headers=table.headers, keys=keys)
    parser = RowParser(table.headers, keys)
    problems = result.problems
    rows = []
    parse = parser.parse
    for number, cells in table.rows:
        rows.append(parse(number, cells, problems))
        if progress and len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows), max(table.total, len(rows)))
    parser.forget()
    if progress:
        progress(len(rows), len(rows))
    result.total = len(rows)
    try:
        if dry_run:
            _plan(user, owner, parser, rows, problems, lock=False)
        else:
            with transaction.atomic():
                planner = _plan(user, owner, parser, rows, problems, lock=True)
                if any(r.bad for r in rows) and not skip_bad_rows:
                    transaction.set_rollback(True)
                else:
                    result.created_ids, result.updated_ids = write(planner, rows, user, reason)
                    result.committed = True
    except DatabaseError as exc:
        raise ImportFileError(gettext_noop(
            "The database refused the import (%(reason)s). Nothing was written."), reason=str(exc)[:200]) from exc
    _count(result, rows)
    return result


def _plan(user, owner, parser, rows, problems, lock: bool) -> Planner:
    _check_owner(user, owner)  # again inside the transaction: roles may have changed
    planner = Planner(user, owner, parser, problems, lock=lock)
    planner.plan(rows)
    problems.sort(key=lambda p: (p.row, p.level != ERROR))
    return planner


def _count(result: ImportResult, rows) -> None:
    for r in rows:
        if r.bad:
            result.error_rows += 1
        elif r.action == "create":
            result.created += 1
        elif r.action == "update":
            result.updated += 1
        elif r.action == "unchanged":
            result.unchanged += 1
    result.skipped = result.error_rows if (result.committed or result.dry_run) else 0
    if not result.committed and not result.dry_run:
        result.skipped = 0
    result.warnings = sum(1 for p in result.problems if p.level != ERROR)
