"""Camera spreadsheet import: readers, column mapping, row parsing, planning, bulk writes.

    from safetyzone.census.importing import run_import
    result = run_import(user, owner, "cameras.xlsx", dry_run=True)
"""

from .engine import ImportResult, run_import
from .messages import ImportFileError, Problem

__all__ = ["ImportFileError", "ImportResult", "Problem", "run_import"]
