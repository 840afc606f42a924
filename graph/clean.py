"""Clean at the boundary: the one place that parses share counts, percents, dates and names.

Past this module values are typed. Unknown stays ``None``; ``0`` means zero.

Numbers (:func:`parse_shares` for share counts, :func:`parse_number` for signed amounts):

- ``"NONE"``, ``"None"``, ``"nil"``, ``"-0-"``, ``"0-"`` are zero in a share count;
  ``""``, ``"n/a"``, ``"-"`` are absent (``None``).
- Digits are grouped by comma, apostrophe (``5'274'370``) or a space (thin and narrow
  no-break spaces included), three digits a group. A dot stays a decimal point unless the
  document's own grouping says otherwise (``grouping="."``, or a number that shows it:
  ``1.234.567`` or ``1.234,5``).
- ``(1000)`` is an accounting negative: a typed error for a share count in a structured
  field. Dashes around a number are decoration (``-3,416,000-``); a leading minus alone is
  a sign.
- Non-ASCII digits follow one rule: NFKC (fullwidth ``１２３`` are read as ``123``); digits
  that NFKC leaves non-ASCII (Arabic-Indic ``٣``, Devanagari ``३``) are refused.
- Scientific notation is accepted below the plausibility bound :data:`MAX_SHARES` (10^21).
- In a structured field (XML, BODS, tabular) an unreadable number is a :class:`NumberError`
  (a ``ValueError``, which the loader turns into an ``InputError`` with file and place); in
  prose (``prose=True``) it is unknown (``None``) with a note, never a refused document.

Names (:func:`clean_name`): NUL, C0 and C1 controls, ANSI escape sequences, bidi overrides
and zero-width characters are removed (a note names which), EIN / IRS numbers and trailing
footnote markers are cut off, a value split over two lines is joined, spaces are collapsed
and the result is NFC, so the same name never renders two ways.

>>> parse_shares("1,019,531")
1019531.0
>>> parse_shares("5'274'370"), parse_shares("NONE"), parse_shares("-0-")
(5274370.0, 0.0, 0.0)
>>> parse_shares("(1000)")
Traceback (most recent call last):
...
ownergraph.graph.errors.NumberError: a share count cannot be negative: '(1000)'
>>> notes = []
>>> parse_shares("about a third", prose=True, notes=notes), notes
(None, ["unreadable number 'about a third' kept as unknown: not a number"])
>>> clean_name("JENEX\\x00LIMITED\\x1b[31m")
('JENEX LIMITED', ['removed from the name: ANSI escape sequence, NUL (U+0000)'])
>>> parse_number("1,019,531")
1019531.0
>>> parse_number("-3,416,000-")
3416000.0
>>> parse_number("-0-")
0.0
>>> parse_number("None") is None
True
>>> parse_number("-5")
-5.0
>>> parse_percent("2.28%")
2.28
>>> parse_date("September 30, 2008")
datetime.date(2008, 9, 30)
>>> parse_date("09/23/2026")
datetime.date(2026, 9, 23)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata

from ownergraph.graph.errors import NumberError
from ownergraph.graph.ids import normalize_cik, normalize_cusip

__all__ = [
    "MAX_SHARES",
    "NumberError",
    "clean_name",
    "clean_text",
    "normalize_cik",
    "normalize_cusip",
    "parse_date",
    "parse_number",
    "parse_percent",
    "parse_shares",
    "sha256_bytes",
]

#: No class of securities has this many shares (a thousand billion billion); from it on a
#: "number" in a filing is garbage, not a count.
MAX_SHARES = 1e21


#: Words for "absent" (unknown) and for zero in a share count.
_EMPTY = {"", "n/a", "na", "-", "--", "—", "–", "not applicable"}
_ZERO = {"none", "nil", "-0-", "0-", "-0", "- 0 -", "zero"}
_SUPERSCRIPT_TAIL = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+$")
#: A count as structured fields file it ("4987103.00", "1500"): ASCII digits, one dot.
_PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SCI = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d{1,3}")
#: Group separators other than comma and dot (after NFKC thin / narrow no-break spaces
#: are a plain space).
_GROUP_SEPS = ("'", "\u2019", " ")
_DASHES = "-\u2013\u2014\u2212"


def _ascii_digits(s: str, text: object) -> str:
    s = unicodedata.normalize("NFKC", _SUPERSCRIPT_TAIL.sub("", s)).strip()
    if any(ch.isdigit() and not ch.isascii() for ch in s):
        raise NumberError(
            f"digits other than 0-9 after NFKC normalisation (refused, one rule for every"
            f" field): {text!r}"
        )
    return s


def _grouped(core: str, grouping: str | None, text: object, strict: bool = True) -> float:
    """Read an unsigned decimal number with digit grouping; :class:`NumberError` if bad.

    Not ``strict`` (:func:`parse_number`, kept for its older callers), commas that do not
    group by three are dropped ("3,7313,23" is 3731323), as before this module had rules."""
    if _SCI.fullmatch(core):
        return float(core)
    if grouping is None:
        # the number's own grouping: several dots, or a comma after a dot, are 1.234.567,8
        shows_dots = core.count(".") > 1 or (
            "," in core and "." in core and core.rfind(",") > core.rfind(".")
        )
        grouping = "." if shows_dots else ","
    dec = "," if grouping == "." else "."
    if core.count(dec) > 1:
        raise NumberError(f"not a number: {text!r}")
    whole, _, frac = core.partition(dec)
    if frac and not frac.isdigit() or (not whole and not frac):
        raise NumberError(f"not a number: {text!r}")
    seps = {c for c in (grouping, *_GROUP_SEPS) if c in whole}
    if len(seps) > 1:
        raise NumberError(f"mixed digit grouping: {text!r}")
    if seps:
        sep = seps.pop()
        if not re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", whole):
            if strict or sep != "," or not re.fullmatch(r"\d[\d,]*", whole):
                raise NumberError(f"digits grouped wrongly (three a group): {text!r}")
        whole = whole.replace(sep, "")
    elif whole and not whole.isdigit():
        raise NumberError(f"not a number: {text!r}")
    return float(f"{whole or '0'}.{frac or '0'}")


def _read(
    text: str, grouping: str | None, *, zero_words: bool, strict: bool = True
) -> float | None:
    """The signed value of a number as filed; ``None`` when absent."""
    s = _ascii_digits(text, text)
    low = re.sub(r"\s+", " ", s.casefold())
    if low in _EMPTY:
        return None
    if low in _ZERO:
        return 0.0 if zero_words or low != "none" else None
    sign = 1.0
    m = re.fullmatch(r"\(\s*([^()]*?)\s*\)", s)
    if m:  # accounting negative: (1000)
        sign, s = -1.0, m.group(1)
    if s[:1] == "+":
        s = s[1:].strip()
    elif s[:1] in _DASHES and s[-1:] not in _DASHES:  # a leading minus alone is a sign
        sign, s = -sign, s[1:].strip()
    # "-3,416,000-": dashes around are decoration; "1,000," a comma of the sentence
    core = s.strip(_DASHES + " \t*").strip().rstrip(",")
    if not core or not re.fullmatch(r"[\d.,' \u2019eE+-]+", core):
        raise NumberError(f"not a number: {text!r}")
    value = sign * _grouped(core, grouping, text, strict)
    if not math.isfinite(value) or abs(value) >= MAX_SHARES:
        raise NumberError(f"implausible number (10^21 or more): {text!r}")
    return value


def parse_number(text: str | float | int | None, *, grouping: str | None = None) -> float | None:
    """Parse a signed amount as filed ("1,019,531", "-0-", "(250)", "1e6"); ``None`` if absent.

    The rules of the module docstring, with two differences kept for this function's older
    callers (prose regexes of the 13D/G loaders): "None" is absent (a share count's "NONE" is
    zero: :func:`parse_shares`), and commas that do not group by three are dropped rather
    than refused. Raises :class:`NumberError` (a ``ValueError``) for text that is not a
    number.

    >>> parse_number("(250)"), parse_number("1e20"), parse_number("１２３")
    (-250.0, 1e+20, 123.0)
    >>> parse_number("1.234.567"), parse_number("1.234"), parse_number("1.234", grouping=".")
    (1234567.0, 1.234, 1234.0)
    >>> parse_number("٣")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.NumberError: digits other than 0-9 after NFKC normalisation (refused, one rule for every field): '٣'
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberError(f"not a number: {text!r}")
    if isinstance(text, int | float):
        value = float(text)
        if not math.isfinite(value) or abs(value) >= MAX_SHARES:
            raise NumberError(f"implausible number: {text!r}")
        return value
    return _read(text, grouping, zero_words=False, strict=False)


def parse_shares(
    text: str | float | int | None,
    *,
    prose: bool = False,
    grouping: str | None = None,
    notes: list[str] | None = None,
) -> float | None:
    """Parse a share count: the rules of the module docstring, never negative.

    In a structured field (``prose=False``) a bad value raises :class:`NumberError`; in
    prose it is unknown (``None``) and a note saying why is appended to ``notes``.

    >>> parse_shares("1 234 567"), parse_shares("2\\u202f500"), parse_shares("1.5E+6")
    (1234567.0, 2500.0, 1500000.0)
    >>> parse_shares("1e21")
    Traceback (most recent call last):
    ...
    ownergraph.graph.errors.NumberError: implausible number (10^21 or more): '1e21'
    """
    if grouping is None and type(text) is str and _PLAIN_DECIMAL.fullmatch(text):
        value = float(text)  # what the rules read in "4987103.00" (a fast path, same value)
        if value < MAX_SHARES:
            return value + 0.0
    try:
        if isinstance(text, str):
            value = _read(text, grouping, zero_words=True)
        else:
            value = parse_number(text)
        if value is not None and value < 0:
            raise NumberError(f"a share count cannot be negative: {text!r}")
    except NumberError as exc:
        if not prose:
            raise
        if notes is not None:
            reason = str(exc).split(":")[0]
            notes.append(f"unreadable number {text!r} kept as unknown: {reason}")
        return None
    return None if value is None else value + 0.0  # no -0.0


def parse_percent(text: str | float | int | None) -> float | None:
    """Parse a percent ("2.28%", "5.54 %", "13.5", "<1%") into percent units; ``None`` if absent.

    A percent of a class (or a stake) lies in [0, 100]; anything else raises
    :class:`NumberError` (a ``ValueError``). Digits follow the number rules (NFKC). A
    percent has no thousands, so a comma in it is a decimal comma ("12,3456").

    >>> parse_percent("１３.５％"), parse_percent("<1%"), parse_percent("12,3456")
    (13.5, 1.0, 12.3456)
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberError(f"not a percent: {text!r}")
    if isinstance(text, int | float):
        if not math.isfinite(text) or not 0 <= text <= 100:
            raise NumberError(f"a percent of a class cannot be {text!r}")
        return float(text)
    s = _ascii_digits(text, text).rstrip("%").strip()
    if s.casefold() in _EMPTY or s.casefold() in {"none", "nil"}:
        return None
    if s.startswith("<"):
        s = s[1:].strip()
    if re.fullmatch(r"\d{0,3},\d+", s):
        s = s.replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+|\d+(?:\.\d*)?[eE][+-]?\d{1,3}", s):
        raise NumberError(f"not a percent: {text!r}")
    value = float(s)
    if not math.isfinite(value) or value > 100:
        raise NumberError(f"a percent of a class cannot be {text!r}")
    return value


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%Y%m%d",
    "%d %B %Y",
    "%m-%d-%Y",
)


#: A day as structured fields file it, in ASCII digits (read without ``strptime``).
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str | dt.date | None) -> dt.date | None:
    """Parse a date in the formats filings use; ``None`` if absent; ``ValueError`` if bad.

    Impossible dates are bad, not clamped:

    >>> parse_date("2024-02-30")
    Traceback (most recent call last):
    ...
    ValueError: not a date: '2024-02-30'
    """
    if text is None:
        return None
    if isinstance(text, dt.date):
        return text
    if type(text) is str and _ISO_DAY.fullmatch(text):  # "2026-05-27": "%Y-%m-%d" at once
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            pass  # no such day: the formats below refuse it
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).strip())
    if not s:
        return None
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    if "T" in s and re.match(r"\d{4}-\d{2}-\d{2}T", s):
        s = s[:10]
    if any(ch.isdigit() and not ch.isascii() for ch in s):
        raise ValueError(f"not a date: {text!r}")
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def sha256_bytes(data: bytes) -> str:
    """The hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- names

#: Invisible format characters removed from names and text, by name.
_INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
    "\u00ad": "SOFT HYPHEN",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
_C0_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR"}
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]")
_BAD = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(_INVISIBLE) + "\u2028\u2029]")
#: "EIN No. 65-117893", "I.R.S. Identification No. 13-3688497", "(IRS No. 13-3688497)",
#: "S.S. or I.R.S. Identification No. of above person: ...".
_TAX_ID = re.compile(
    r"[\s,;(\[-]*(?:S\.?S\.?\s+or\s+)?(?:\bE\.?I\.?N\.?|\bI\.?R\.?S\.?(?:\s+Employer)?"
    r"(?:\s+Identification)?|\bTax\s+I\.?D\.?|\bFEIN)\b\.?"
    r"(?:\s*(?:No\.?|Nos\.?|Number|#))?(?:\s+of\s+above\s+persons?)?\s*[:.#]?\s*"
    r"(?:\d{2}-?\d{7}|\d{2}-\d{5,8}|[\dX-]{5,12})?\s*[)\]]?\s*$",
    re.IGNORECASE,
)
#: Trailing footnote markers: "*", "**", "(1)", "[2]", superscript digits, "†".
_FOOTNOTE = re.compile(
    r"(?:\s*(?:\*+|\(\d{1,2}\)|\[\d{1,2}\]|[\u00b9\u00b2\u00b3\u2070-\u2079†‡]+))+$"
)


def _char_name(ch: str) -> str:
    if ch in _INVISIBLE:
        return f"{_INVISIBLE[ch]} (U+{ord(ch):04X})"
    code = ord(ch)
    if code in _C0_NAMES:
        return f"{_C0_NAMES[code]} (U+{code:04X})"
    if code < 0x20:
        return f"C0 control (U+{code:04X})"
    if 0x80 <= code <= 0x9F:
        return f"C1 control (U+{code:04X})"
    return f"{unicodedata.name(ch, 'control')} (U+{code:04X})"


def clean_text(text: str, *, multiline: bool = True) -> tuple[str, list[str]]:
    """Text with NUL, C0/C1 controls, ANSI escapes, bidi and zero-width characters removed
    (tab and newline kept when ``multiline``), NFC; and notes naming what was removed.

    >>> clean_text("a\\u202eb\\tc\\n")
    ('ab\\tc\\n', ['removed from the text: RIGHT-TO-LEFT OVERRIDE (U+202E)'])
    """
    removed: dict[str, None] = {}
    if "\x1b" in text or "\x9b" in text:
        if _ANSI.search(text):
            removed["ANSI escape sequence"] = None
            text = _ANSI.sub(" ", text)

    def repl(m: re.Match[str]) -> str:
        ch = m.group(0)
        if multiline and ch in "\t\n":
            return ch
        if ch in "\t\n\r\u2028\u2029":
            return " " if not multiline else "\n"
        removed[_char_name(ch)] = None
        return "" if ch in _INVISIBLE else " "

    out = _BAD.sub(repl, text)
    out = unicodedata.normalize("NFC", out)
    notes = [f"removed from the text: {', '.join(removed)}"] if removed else []
    return out, notes


def clean_name(text: str) -> tuple[str, list[str]]:
    """A display name cleaned at the boundary, and notes naming what was removed.

    Controls, ANSI escapes, bidi overrides and zero-width characters go (a note names
    which); an EIN / IRS number and trailing footnote markers are cut off; a name split
    over two lines is joined; spaces collapse; the result is NFC.

    >>> clean_name("Wynnefield Partners Small Cap Value, L.P. I.R.S. Identification No. 13-3688497")
    ('Wynnefield Partners Small Cap Value, L.P.', ['removed a tax identification number from the name'])
    >>> clean_name("Nelson Obus **")
    ('Nelson Obus', ['removed a trailing footnote marker from the name'])
    >>> clean_name("Apple\\u200b Inc.\\u202e")[0]
    'Apple Inc.'
    >>> clean_name("Wynnefield Capital\\nManagement, LLC")
    ('Wynnefield Capital Management, LLC', [])
    """
    out, notes = clean_text(text, multiline=False)
    notes = [n.replace("from the text", "from the name") for n in notes]
    out = re.sub(r"\s+", " ", out).strip()
    stripped = _TAX_ID.sub("", out).rstrip(" ,;")
    if stripped != out and stripped:
        notes.append("removed a tax identification number from the name")
        out = stripped
    stripped = _FOOTNOTE.sub("", out).strip()
    if stripped != out and stripped:
        notes.append("removed a trailing footnote marker from the name")
        out = stripped
    return out, notes
