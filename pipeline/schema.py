"""The record: pydantic models, the only place its fields are defined.

Field names, types and normalisations follow ``shared/eval/GOLD_FORMAT.md``
(the contract).  Every extracted item also carries where it came from: the
text as written (``text``) and its character offsets into the original
article text (``start``, ``end``: ``original[start:end] == text``).

This module imports nothing else from the package, so every module may
import it.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

PlaceType = Literal["country", "province", "regency", "city", "district", "village", "other"]
DateRole = Literal["published", "event", "other"]
DateFlag = Literal["weekday_mismatch", "ambiguous"]
Indicator = Literal["IDM", "IDM_STATUS_COUNT", "MONEY", "PERCENT", "COUNT"]
IdmStatus = Literal["Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri"]
EventType = Literal[
    "meeting", "ceremony", "visit", "award", "distribution", "disaster", "incident", "other"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Model):
    """One place in the original text: ``original[start:end] == text``."""

    text: str = Field(title="Text as written")
    start: int = Field(ge=0, title="Start character offset in the original text")
    end: int = Field(ge=0, title="End character offset (exclusive)")


class Official(_Model):
    """A named person in the article body."""

    name: str = Field(title="Full name, without honorifics or degrees")
    title: Optional[str] = Field(None, title="Position written out in full, without the agency")
    agency: Optional[str] = Field(None, title="Canonical agency name (see agencies)")
    represents: Optional[str] = Field(
        None, title="Name of the official this person stood in for (`yang diwakili`)"
    )
    mentions: list[Mention] = Field(default_factory=list, title="Where the person is named")


class Agency(_Model):
    """A named organisation, merged across the article."""

    name: str = Field(title="Canonical full name, abbreviations expanded, with its region")
    aliases: list[str] = Field(default_factory=list, title="Other forms used in the article")
    region_code: Optional[str] = Field(None, title="Kemendagri code of the agency's region")
    mentions: list[Mention] = Field(default_factory=list)


class Place(_Model):
    """A named geographic place."""

    name: str = Field(title="Name without the Kabupaten/Kota/Provinsi prefix")
    type: PlaceType
    code: Optional[str] = Field(None, title="Dotted Kemendagri region code, e.g. 63.72")
    mentions: list[Mention] = Field(default_factory=list)


class DateMention(_Model):
    """A calendar expression resolved to a day."""

    text: str = Field(title="Expression as written")
    value: str = Field(
        pattern=r"^(\d{4}|XXXX)-\d{2}-\d{2}$", title="ISO date, or XXXX-MM-DD when no year is known"
    )
    role: DateRole = "other"
    flags: list[DateFlag] = Field(default_factory=list)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Metric(_Model):
    """A reported figure: IDM value, IDM status count, money, percentage or count."""

    indicator: Indicator
    value: float = Field(allow_inf_nan=False)
    region: Optional[str] = None
    year: Optional[int] = None
    status: Optional[IdmStatus] = None
    unit: Optional[str] = None
    subject: Optional[str] = Field(None, title="Free text: what the figure is about")
    text: str = Field(title="The figure as written")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Quote(_Model):
    """Direct speech attributed to a named speaker."""

    speaker: str = Field(title="Speaker's full name as in officials")
    text: str = Field(title="Quoted text without the quotation marks")
    start: int = Field(ge=0, title="Start of the quoted text (inside the marks)")
    end: int = Field(ge=0)
    cue: Optional[Mention] = Field(None, title="The attribution as written (`ungkap Tutuk`)")


class Event(_Model):
    """Something the article reports as happening."""

    type: EventType
    name: str
    date: Optional[str] = Field(None, pattern=r"^(\d{4}|XXXX)-\d{2}-\d{2}$")
    year: Optional[int] = None
    venue: Optional[str] = None
    city: Optional[str] = None
    organizer: Optional[str] = None
    speakers: list[str] = Field(default_factory=list)
    metrics: list[int] = Field(
        default_factory=list, title="Indexes into the record's metrics reported with the event"
    )
    text: str = Field(title="The trigger as written")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Warning(_Model):  # noqa: A001 - the record's own vocabulary
    """Something a reviewer should check."""

    code: str = Field(title="Machine-readable code, e.g. weekday_mismatch, idm_status_band")
    message: str
    start: Optional[int] = None
    end: Optional[int] = None


class Header(_Model):
    """Where the article's header fields were found."""

    title: Optional[Mention] = None
    source: Optional[Mention] = None
    published: Optional[Mention] = None
    dateline: Optional[Mention] = None
    reporter: Optional[Mention] = None


class Record(_Model):
    """One article as structured data."""

    schema_version: str = SCHEMA_VERSION
    article: str = Field(title="Input file name, or the article/id field of a JSONL line")
    url: Optional[str] = None
    title: Optional[str] = None
    source: Optional[str] = Field(None, title="Outlet's name as printed")
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    dateline: Optional[str] = Field(None, title="Place of the opening dateline, title case")
    reporter: Optional[str] = Field(None, title="Reporter/editor initials or names as printed")
    officials: list[Official] = Field(default_factory=list)
    agencies: list[Agency] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    header: Header = Field(default_factory=Header)


class ErrorEntry(_Model):
    """An input that did not become a record, and why."""

    input: str = Field(title="Path of the input file")
    line: Optional[int] = Field(None, title="1-based line number, for JSONL inputs")
    article: Optional[str] = None
    reason: str


def record_json_schema() -> dict:
    """JSON Schema of :class:`Record`, for database teams."""
    return Record.model_json_schema()


class ArticleInput(_Model):
    """One article to process, as read from a file or given by a caller."""

    article: str = Field(title="Article id: file name, or the article/id field of a JSONL line")
    text: str
    url: Optional[str] = None
    title: Optional[str] = None
    source: Optional[str] = Field(None, title="Outlet name from metadata (e.g. an HTML page's site name)")
    published: Optional[str] = Field(None, title="Publication date from metadata (ISO or as given)")
    path: Optional[str] = Field(None, title="File the article came from")
    line: Optional[int] = Field(None, title="1-based line number in a JSONL file")
