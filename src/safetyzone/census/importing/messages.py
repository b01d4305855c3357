"""Problems found in a file, each worded in Thai and in English at once.

A dry-run report is read by the Thai data officer and sometimes forwarded to a vendor, so
every problem carries both languages regardless of the page language. Messages are English
msgids translated through the census catalogue; the two wordings of each are built once.
"""

from dataclasses import dataclass
from functools import cache

from django.utils import translation
from django.utils.translation import gettext, get_language

ERROR = "error"
WARNING = "warning"


@cache
def _templates(msgid: str) -> tuple[str, str]:
    with translation.override("en"):
        en = gettext(msgid)
    with translation.override("th"):
        th = gettext(msgid)
    return en, th


def bilingual(msgid: str, **params) -> tuple[str, str]:
    """(English, Thai) text of a message; a (en, th) tuple as a parameter is split too."""
    en, th = _templates(msgid)
    if not params:
        return en, th
    p_en = {k: v[0] if isinstance(v, tuple) else v for k, v in params.items()}
    p_th = {k: v[1] if isinstance(v, tuple) else v for k, v in params.items()}
    return en % p_en, th % p_th


def in_current_language(en: str, th: str) -> str:
    return en if (get_language() or "th").startswith("en") else th


@dataclass(slots=True)
class Problem:
    """One thing wrong (or worth a look) in one cell or row of the file."""

    row: int  # as the spreadsheet numbers it: the header is usually row 1
    column: str  # the header as written in the file ('' for the whole row)
    value: str
    message_en: str
    message_th: str
    level: str = ERROR

    @property
    def message(self) -> str:
        return in_current_language(self.message_en, self.message_th)

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def as_list(self) -> list:
        return [self.row, self.column, self.value, self.message_en, self.message_th, self.level]

    @classmethod
    def from_list(cls, item) -> "Problem":
        return cls(*item)


class ImportFileError(Exception):
    """The file as a whole cannot be imported (wrong type, empty, too large, corrupt...)."""

    def __init__(self, msgid: str, **params):
        self.message_en, self.message_th = bilingual(msgid, **params)
        super().__init__(self.message_en)

    @property
    def message(self) -> str:
        return in_current_language(self.message_en, self.message_th)
