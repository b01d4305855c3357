"""Every user-facing string has a Thai translation, and a Thai page shows no English.

Strings are extracted the way Django's makemessages would see them: `{% translate %}`,
`{% trans %}` and `{% blocktranslate %}` in every template under src/, and gettext-family
calls (parsed with `ast`) in every Python file under src/safetyzone. Each must be in some
Thai catalogue under src/ with a non-empty, non-fuzzy msgstr. When this fails, it names
the file and the string: add the Thai text to that app's locale/th/LC_MESSAGES/django.po.
"""

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse

from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "safetyzone"

# function name -> (index of context arg or None, index of msgid, index of plural or None)
GETTEXT_CALLS = {
    "_": (None, 0, None), "gettext": (None, 0, None), "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None), "_lazy": (None, 0, None),
    "pgettext": (0, 1, None), "pgettext_lazy": (0, 1, None),
    "ngettext": (None, 0, 1), "ngettext_lazy": (None, 0, 1),
    "npgettext": (0, 1, 2), "npgettext_lazy": (0, 1, 2),
}
_STR = r'''(?:"(?P<dq>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<sq>[^'\\]*(?:\\.[^'\\]*)*)')'''
TRANSLATE_TAG = re.compile(r"{%\s*(?:translate|trans)\s+" + _STR + r"(?P<rest>[^%]*)%}")
CONTEXT = re.compile(r"\bcontext\s+" + _STR)
BLOCK = re.compile(
    r"{%\s*(?:blocktranslate|blocktrans)(?P<opts>[^%]*)%}(?P<body>.*?){%\s*(?:endblocktranslate|endblocktrans)\s*%}",
    re.S,
)
PLURAL = re.compile(r"{%\s*plural\s*%}")
VAR = re.compile(r"{{\s*([\w.]+)\s*}}")
TEMPLATE_UNDERSCORE = re.compile(r"\b_\(" + _STR + r"\)")


def _text(m) -> str:
    return m["dq"] if m["dq"] is not None else m["sq"]


def _block_msgid(body: str, trimmed: bool) -> str:
    body = body.replace("%", "%%")
    body = VAR.sub(lambda m: f"%({m[1]})s", body)
    if trimmed:
        body = " ".join(line.strip() for line in body.strip().splitlines() if line.strip())
    return body


def template_messages(path: Path):
    """(context, msgid, plural) of every translatable string in one template."""
    source = path.read_text(encoding="utf-8")
    for m in TRANSLATE_TAG.finditer(source):
        ctx = CONTEXT.search(m["rest"])
        # Django looks a {% translate %} string up with its "%" doubled (as makemessages writes it)
        yield (_text(ctx) if ctx else None, _text(m).replace("%", "%%"), None)
    for m in BLOCK.finditer(source):
        ctx = CONTEXT.search(m["opts"])
        trimmed = "trimmed" in m["opts"].split()
        parts = PLURAL.split(m["body"], maxsplit=1)
        plural = _block_msgid(parts[1], trimmed) if len(parts) == 2 else None
        yield (_text(ctx) if ctx else None, _block_msgid(parts[0], trimmed), plural)
    for m in TEMPLATE_UNDERSCORE.finditer(source):
        yield (None, _text(m), None)


def _const(node):
    """A string literal, also "a" + "b"; None for anything computed at run time."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _const(node.left), _const(node.right)
        return left + right if left is not None and right is not None else None
    return None


def python_messages(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name not in GETTEXT_CALLS:
            continue
        ctx_i, msg_i, plural_i = GETTEXT_CALLS[name]
        args = node.args
        if len(args) <= msg_i:
            continue
        msgid = _const(args[msg_i])
        if msgid is None:
            continue  # a variable passed through gettext: its strings are extracted elsewhere
        ctx = _const(args[ctx_i]) if ctx_i is not None else None
        plural = _const(args[plural_i]) if plural_i is not None and len(args) > plural_i else None
        yield (ctx, msgid, plural)


def all_messages():
    found = {}
    for path in sorted(SRC.rglob("*.html")):
        for msg in template_messages(path):
            found.setdefault(msg[:2], (msg[2], path))
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for msg in python_messages(path):
            found.setdefault(msg[:2], (msg[2], path))
    return found


def thai_catalogues():
    """(context, msgid) -> msgstr from every Thai catalogue; fuzzy or empty entries left out."""
    translated = {}
    for po in sorted(SRC.rglob("locale/th/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if all(s.strip() for s in strings):
                translated[(message.context, msgid)] = strings[0]
    return translated


def test_extraction_sees_every_kind_of_marking():
    """The extractor itself: one sample of each form it must understand."""
    found = all_messages()
    assert (None, "Log in") in found  # {% translate %} in base/login templates
    assert (None, "Cameras found: %(total)s") in found  # {% blocktranslate with %}
    assert (None, "Working") in found  # gettext_lazy in a TextChoices
    assert ("feature present", "Yes") in found  # pgettext
    assert (None, "Thai") in found  # settings.LANGUAGES


def test_every_string_has_a_thai_translation():
    translated = thai_catalogues()
    missing = [
        f"{path.relative_to(SRC)}: {msgid!r}" + (f" (context {ctx!r})" if ctx else "")
        for (ctx, msgid), (_plural, path) in all_messages().items()
        if (ctx, msgid) not in translated
    ]
    assert not missing, f"{len(missing)} strings have no Thai translation:\n" + "\n".join(missing)


def test_catalogue_placeholders_match():
    """A translation keeps every %(name)s of its msgid, or the page would crash or lie."""
    bad = []
    for (ctx, msgid), msgstr in thai_catalogues().items():
        if sorted(re.findall(r"%\((\w+)\)", msgid)) != sorted(re.findall(r"%\((\w+)\)", msgstr)):
            bad.append(msgid)
    assert not bad, "placeholders differ in: " + "; ".join(bad)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
def test_thai_list_page_shows_no_english(client):
    org = OrganisationFactory(kind="local_admin", area_id="150101")
    CameraFactory(site=SiteFactory(owner=org), status="broken", network_link="local")
    user = UserFactory(organisation=org, role="editor", is_staff=True)
    client.force_login(user)
    text = visible_text(client.get(reverse("cameras:list"), HTTP_ACCEPT_LANGUAGE="th").content.decode())
    english = ["Cameras", "Map", "Import", "Export", "Admin", "Log out", "Camera registry", "Filter",
               "Register a camera", "Organisation", "Status", "Network link", "Working", "Broken",
               "Local only", "Installation site", "Clear filters", "All provinces"]
    shown = [word for word in english if re.search(rf"(?<![\w/]){re.escape(word)}(?!\w)", text)]
    assert shown == [], f"English on the Thai page: {shown}"
    assert "กล้อง" in text and "ชำรุด" in text
