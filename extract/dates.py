"""Dates in text, normalised to ISO 8601 at the precision the text gives.

>>> parse_date("Oct 23, 2020")
'2020-10-23'
>>> parse_date("29 أغسطس، 2018")
'2018-08-29'
>>> parse_date("in the spring of 1998")
'1998'
>>> parse_date("on August 24", reference="2018-08-29")
'2018-08-24'
>>> parse_date("June 2016")
'2016-06'
>>> parse_date("yesterday") is None
True
>>> parse_date("the strike on Monday", reference="2020-01-08")
'2020-01-06'
>>> parse_date("sanctions imposed last year", reference="2018-08-29")
'2017'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # Arabic (Egypt/Levant and Gulf names)
    "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "آذار": 3, "أبريل": 4,
    "ابريل": 4, "إبريل": 4, "نيسان": 4, "مايو": 5, "أيار": 5, "يونيو": 6, "حزيران": 6,
    "يوليو": 7, "تموز": 7, "أغسطس": 8, "اغسطس": 8, "آب": 8, "سبتمبر": 9, "أيلول": 9,
    "أكتوبر": 10, "اكتوبر": 10, "تشرين الأول": 10, "نوفمبر": 11, "تشرين الثاني": 11,
    "ديسمبر": 12, "كانون الأول": 12,
}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_DIGIT = re.compile(r"\d")
_PATTERNS = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(rf"(?<!\w)(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b",
               re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})[\s،,.]+{_YEAR}\b",
               re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<month>{_MONTH})\.?,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)",
               re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\b(?![\s،,.]+\d)",
               re.IGNORECASE),
    re.compile(rf"(?<![\d-]){_YEAR}(?![\d-]|'?s\b)"),  # not a decade ("the 1950s")
]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _from_match(match: re.Match[str], reference: str | None) -> str | None:
    groups = match.groupdict()
    if groups.get("y"):
        year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
        return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None
    month = _MONTHS.get((groups.get("month") or "").lower()) if groups.get("month") else None
    year_text = groups.get("year")
    if year_text is None:
        if reference is None or month is None:
            return None
        year_text = reference[:4]
    year = int(year_text)
    if month is None:
        return f"{year:04d}"
    day = groups.get("day")
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{int(day):02d}" if _valid(year, month, int(day)) else None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"(?i)\b(?P<word>yesterday|today|last year|this year|last month|this month|"
    rf"(?P<last>last )?(?P<weekday>{'|'.join(_WEEKDAYS)}))\b")


def _relative(match: re.Match[str], reference: str) -> str | None:
    """A date relative to ``reference`` ("yesterday", "last year", "on Monday")."""
    word = match.group("word").lower()
    year = int(reference[:4])
    if word in ("this year", "last year"):
        return f"{year - (word == 'last year'):04d}"
    if len(reference) < 7:
        return None
    month = int(reference[5:7])
    if word in ("this month", "last month"):
        back = word == "last month"
        year, month = (year - 1, 12) if back and month == 1 else (year, month - back)
        return f"{year:04d}-{month:02d}"
    if len(reference) < 10:
        return None
    day = date.fromisoformat(reference[:10])
    if word in ("today", "yesterday"):
        return (day - timedelta(days=word == "yesterday")).isoformat()
    back = (day.weekday() - _WEEKDAYS.index(match.group("weekday").lower())) % 7
    if back == 0 and match.group("last"):
        back = 7
    return (day - timedelta(days=back)).isoformat()


def find_date(text: str, reference: str | None = None) -> tuple[str, int, int] | None:
    """The most precise date in ``text`` as ``(iso, start, end)``, or None.

    A day and month without a year take the year of ``reference`` (an ISO
    date such as the document's publication date); relative dates ("yesterday",
    "last year", "on Monday") are counted back from it.
    """
    if not text.isascii():
        text = text.translate(_DIGITS)
    for pattern in _PATTERNS if _DIGIT.search(text) else ():  # (each needs a digit)
        for match in pattern.finditer(text):
            iso = _from_match(match, reference)
            if iso:
                return iso, match.start(), match.end()
    if reference:
        for match in _RELATIVE.finditer(text):
            iso = _relative(match, reference)
            if iso:
                return iso, match.start(), match.end()
    return None


def stated_dates(text: str, reference: str | None = None) -> list[str]:
    """Every date ``text`` states outright (no relative ones), each span read once at its
    most precise, in text order.

    >>> stated_dates("Talks began on 9 January 2014 and ended in May 2015.")
    ['2014-01-09', '2015-05']
    """
    if not text.isascii():
        text = text.translate(_DIGITS)
    taken: list[tuple[int, int, str]] = []
    for pattern in _PATTERNS if _DIGIT.search(text) else ():  # (each needs a digit)
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end, _ in taken):
                continue
            iso = _from_match(match, reference)
            if iso:
                taken.append((match.start(), match.end(), iso))
    return [iso for _start, _end, iso in sorted(taken)]


_ANAPHORIC = re.compile(
    r"(?i)\b(?:(?P<same>(?:that|the same|that same) (?:day|date|morning|afternoon|evening|night))"
    r"|(?P<next>the (?:next|following) day|a day later)"
    r"|(?P<previous>the (?:previous|preceding) day|a day earlier)"
    r"|(?P<month>(?:that|the same) month)|(?P<year>(?:that|the same) year))\b")


def follow_date(text: str, previous: str) -> str | None:
    """The date ``text`` refers to through an earlier sentence that stated ``previous``
    ("On 3 January a drone strike killed him. Iran vowed revenge the next day."), or
    None when ``text`` has no such phrase or ``previous`` is not precise enough for it.

    >>> follow_date("Iran vowed revenge the next day.", "2020-01-03")
    '2020-01-04'
    >>> follow_date("Later that year, talks resumed.", "2015-07-14")
    '2015'
    >>> follow_date("On that day he resigned.", "2015-07"), follow_date("He resigned.", "2015")
    (None, None)
    """
    match = _ANAPHORIC.search(text)
    if match is None:
        return None
    if match.group("year"):
        return previous[:4]
    if match.group("month"):
        return previous[:7] if len(previous) >= 7 else None
    if len(previous) < 10:
        return None
    day = date.fromisoformat(previous)
    shift = 1 if match.group("next") else -1 if match.group("previous") else 0
    return (day + timedelta(days=shift)).isoformat()


def parse_date(text: str, reference: str | None = None) -> str | None:
    """The most precise date that ``text`` states, ISO formatted, or None."""
    found = find_date(text, reference)
    return found[0] if found else None


def xsd_type(iso: str) -> str:
    """The XML Schema type of an ISO date at its precision.

    >>> xsd_type("2018"), xsd_type("2018-05"), xsd_type("2018-05-08")
    ('gYear', 'gYearMonth', 'date')
    """
    return {4: "gYear", 7: "gYearMonth"}.get(len(iso), "date")


def in_period(iso: str, start: str | None = None, end: str | None = None) -> bool:
    """Whether the date ``iso`` overlaps the period from ``start`` to ``end`` (either may be
    open), each compared at the coarser of the two precisions: a day is within its year,
    a year overlaps any of its months.

    >>> in_period("2014-01-09", "2014", "2014"), in_period("2014", "2014-05", "2014-05")
    (True, True)
    >>> in_period("2018-05-08", start="2020"), in_period("", end="2020")
    (False, False)
    """
    if not iso:
        return False
    after = start is None or iso[:len(start)] >= start[:len(iso)]
    before = end is None or iso[:len(end)] <= end[:len(iso)]
    return after and before
