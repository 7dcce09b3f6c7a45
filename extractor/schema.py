"""The record: what one document yields. Pydantic v2 models, nothing of spaCy or natasha.

Field names follow the evaluation contract (people, organizations, figures, dates,
directives); every extracted item carries `start`/`end`/`text` offsets into the input
text exactly as given (end exclusive), so that `text[start:end] == item.text`.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(Model):
    """A place in the input text: `text == input[start:end]`."""

    start: int
    end: int
    text: str


class Role(Mention):
    """A title of a person, in the nominative: "Премьер-министр", "аким Алматы"."""

    title: str


class Person(Model):
    name: str = Field(description="canonical full name in the nominative, given name first")
    aliases: list[str] = Field(default_factory=list, description="other full forms of the name")
    roles: list[Role] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Organization(Model):
    name: str = Field(description="canonical name in the nominative, abbreviations expanded")
    aliases: list[str] = Field(default_factory=list)
    kind: Optional[str] = Field(None, description="ministry, government, company, media, ...")
    mentions: list[Mention] = Field(default_factory=list)


class Figure(Mention):
    value: float
    unit: Optional[str] = Field(None, description="ISO 4217 code, '%', 'п.п.', a measure symbol or the counted noun's lemma")
    qualifier: Optional[str] = Field(None, description="более, свыше, около, до, не менее, ...")
    counted: Optional[str] = Field(None, description="the counted noun phrase as written")
    range: Optional[tuple[float, float]] = Field(None, description="(low, high) for 'от 10 до 15%'")


DateKind = Literal["deadline", "period", "point"]


class DateItem(Mention):
    kind: DateKind
    date: Optional[str] = Field(None, description="ISO 8601 at the precision of the text; null when unknown")
    date_end: Optional[str] = Field(None, description="end of a period")
    duration: Optional[str] = Field(None, description="ISO 8601 duration of a relative term: P7D")
    immediate: bool = False
    recurring: Optional[str] = Field(None, description="ежегодно, ежеквартально, ...")


class Deadline(Model):
    """The term of a directive: one of date, immediate or duration, with its evidence."""

    date: Optional[str] = None
    immediate: bool = False
    duration: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None


class Party(Model):
    """An issuer or assignee of a directive."""

    name: str
    type: Literal["person", "organization", "generic"] = "generic"
    role: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None


class Directive(Mention):
    """An instruction: issuer -> assignees -> action -> deadline; offsets of its sentence."""

    issuer: Optional[Party] = None
    assignees: list[Party] = Field(default_factory=list)
    action: str
    action_start: Optional[int] = None
    action_end: Optional[int] = None
    trigger: Optional[str] = Field(None, description="the word that makes it an instruction")
    deadline: Optional[Deadline] = None


class ErrorInfo(Model):
    code: str
    message: str


class Record(Model):
    doc_id: str
    source: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO date of publication")
    url: Optional[str] = None
    rubric: Optional[str] = None
    language: Optional[str] = None
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateItem] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: Optional[ErrorInfo] = None
    text: Optional[str] = Field(None, description="the text the offsets index, when it is not the input as given: "
                                "the main text of an HTML page, a feed item reduced to text")
    schema_version: str = SCHEMA_VERSION


def json_schema() -> dict:
    return Record.model_json_schema()
