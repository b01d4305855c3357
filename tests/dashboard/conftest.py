"""The demo (Ang Thong with its census round, Udon Thani), loaded once per module."""

import re

import pytest

from tests.demo_fixtures import loaded  # noqa: F401 (fixture)


@pytest.fixture
def demo_data(loaded, db):
    return loaded


def figures(html: str) -> dict[str, int]:
    """The headline figures of the overview page, as numbers."""
    found = re.findall(r'data-figure="(\w+)"><span class="label">[^<]*</span><b>([\d,]+)</b>', html)
    return {key: int(value.replace(",", "")) for key, value in found}


def table_rows(html: str, key: str) -> dict[str, list[str]]:
    """{row label: cells} of one dashboard table on a page."""
    section = html.split(f'id="table-{key}"', 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        label = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", tr, re.S)[1]).strip()
        rows[label] = [c.strip() for c in re.findall(r'<td class="num">(.*?)</td>', tr, re.S)]
    return rows
