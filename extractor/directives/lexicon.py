"""The word lists of the directives extractor, loaded once from extractor/data/directive_*."""
from __future__ import annotations

from functools import lru_cache

from .. import resources


@lru_cache(maxsize=1)
def triggers() -> dict:
    return resources.table("directive_triggers.json")


def verb_case(lemma: str) -> str | None:
    """The addressee case of an instruction verb ('dat', 'acc', 'ot'), None if not one."""
    return triggers()["verbs"].get(lemma)


@lru_cache(maxsize=1)
def passive_words() -> frozenset[str]:
    return frozenset(triggers()["passive"])


@lru_cache(maxsize=1)
def passive_needing_addressee() -> frozenset[str]:
    return frozenset(triggers()["passive_needs_addressee"])


@lru_cache(maxsize=1)
def trigger_nouns() -> frozenset[str]:
    return frozenset(triggers()["nouns"])


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(triggers()["light_verbs"])


@lru_cache(maxsize=1)
def act_verbs() -> dict:
    return triggers()["act_verbs"]


def modals() -> frozenset[str]:
    return resources.word_set("directive_modals.txt")


def subject_modals() -> frozenset[str]:
    return resources.word_set("directive_subject_modals.txt")


def nonacts() -> tuple[str, ...]:
    return resources.words("directive_nonacts.txt")


def generic_heads() -> frozenset[str]:
    return resources.word_set("directive_generic_heads.txt")


def speech_verbs() -> frozenset[str]:
    return resources.word_set("directive_speech_verbs.txt")


def instruction_speech() -> frozenset[str]:
    return resources.word_set("directive_instruction_speech.txt")


@lru_cache(maxsize=1)
def immediate_phrases() -> tuple[tuple[str, ...], ...]:
    """Immediate-term phrases as word tuples, longest first."""
    phrases = [tuple(p.lower().split()) for p in resources.words("directive_immediate.txt")]
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def titles() -> dict[str, list[str]]:
    return {k: v for k, v in resources.table("directive_titles.json").items() if not k.startswith("_")}


def predicatives() -> frozenset[str]:
    return resources.word_set("directive_predicatives.txt")


@lru_cache(maxsize=1)
def title_heads() -> frozenset[str]:
    """Head words of titles ("министр", "аким", "премьер-министр"): the people component's list
    when it is there, and the titles of this package."""
    heads = {k.split()[-1] for k in titles()} | {k for k in titles()}
    try:
        heads |= set(resources.word_set("titles.txt"))
    except (FileNotFoundError, OSError):
        pass
    return frozenset(heads)


def nonaction_verbs() -> frozenset[str]:
    return resources.word_set("directive_nonaction_verbs.txt")
