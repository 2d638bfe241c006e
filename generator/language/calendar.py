"""Calendar words: month and weekday names and their numbers, written once for every reader and analysis."""

from __future__ import annotations

import datetime as dt

from generator.language.numbers import NUMBER_WORDS

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAY_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Abbreviations as written in copy ("Sept."); May has none.
MONTH_ABBREVIATIONS = tuple(
    sorted({name.capitalize() for name, number in MONTHS.items() if name != MONTH_NAMES[number - 1].lower()})
)

# Parts of a year that statistics report on ("in the first nine months of 2024", "the third quarter of
# 1984"): the last month each covers, so a figure told as past is from that month or later.
PERIOD_END_MONTH: dict[str, int] = {
    "first quarter": 3,
    "second quarter": 6,
    "third quarter": 9,
    "fourth quarter": 12,
    "first half": 6,
    "second half": 12,
    **{f"first {word} months": number for word, number in NUMBER_WORDS.items() if 2 <= number <= 11},
    **{f"first {number} months": number for number in range(2, 12)},
}


def date_at(date: dt.date, precision: str) -> str:
    """'2008', '2012-02', '2012-02-08': a date written no more precisely than it is known."""
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()
