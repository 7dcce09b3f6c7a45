"""The forms of an instruction, found per sentence, each turned into one directive per action.

- active: "Премьер-министр поручил министерствам ... внести ..."; "поручаю ..."; "дал поручение ...";
- passive and impersonal: "Правительству поручено ...";
- act items: "2. Минюсту России: обеспечить ...", "Поручить ... помощнику ...:",
  "Контроль ... возложить на ...";
- modal with an addressee: "Акиматам следует ...", "Все группы должны ..." (in an official's speech);
- quoted speech: sentences of a quote whose speaker instructs ("...", - поручил Роман Скляр).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..morph import parses
from ..pipeline import ignored
from . import lexicon
from .actions import clause_end, deadline_item
from .build import by_side, build_directives
from .context import NUMBERING, WANTED_CASE, Context, Frame, clause_start, content_start, quote_of
from .forms import BUILDERS
from .issuers import active_issuer, agent_of, resolve, subject_of
from .parties import dative_noun, is_pronoun, np_end, np_start, phrase_party
from .text import (ABBREVIATIONS, DASHES, RELATIVE, is_stop, case, feat, is_finite, is_gerund, is_inf, is_nominal, low, preceded_by_adp,
                   words)

INSTRUCTS = re.compile(r"поруч|обяз|рекоменд|предпис|потребов|возлож|предложено|предлагается")  # triggers that are instructions
SELF = {"name": None}  # an issuer found among its own assignees (find)
IMPOSED = {"контроль", "ответственность", "обязанность", "обязанности"}  # "Контроль ... возложен на ..."


def find(doc: Doc) -> list[dict]:
    ctx = Context(doc)
    out: list[dict] = []
    heading: list[dict] = []
    last: list[dict] = []
    listing = None
    number_only = False
    untimed: list[dict] = []  # found since the last term line ("Срок – ...")
    item: list[dict] = []     # found since the last numbered item ("2. Банку России ...")
    previous: list[dict] = []  # found in the piece before
    for sent in _sentences(doc):
        toks = words(sent)
        if not toks:
            continue
        toks = [t for t in toks if not ignored(doc, t.idx, t.idx + len(t))]
        if not toks:
            continue
        for piece in _pieces(toks):
            start = content_start(piece)
            if start >= len(piece):                        # "1." alone: the item goes on in the next piece
                number_only = True
                continue
            # "1) в двухмесячный срок разработать ..." under "2. Правительству Республики Казахстан:"
            # is a sub-item of that heading, as "а) ..." is; "3. ..." is the next item
            sub = bool(heading) and start > 1 and piece[1].text == ")"
            if start > 0 and listing is not None:           # "- Министерству энергетики обеспечить ..."
                found = _list_item(ctx, piece, start, *listing)
            else:
                listing = None
                found = _sentence(ctx, piece) if len(piece) >= 3 else []
                if not found and heading and start > 0 and ctx.act and (sub or not piece[0].text.isdigit()):
                    # "а) утвердить порядок ...": under "1. Правительству Российской Федерации:" the
                    # addressee does it, even with a verb that alone is the act's own decision
                    found = _list_item(ctx, piece, start, ctx.default_issuer(piece[start].idx), heading)
                if not found and previous:
                    # "Министерству образования – до 15 декабря обеспечить ...": the verb of
                    # instruction of the sentence before, left out
                    found = _gapped(ctx, piece, start, previous[0]["issuer"])
                if not found:
                    listing = _list_heading(ctx, piece)    # "Премьер-министр поручил:"
            responsible = _responsible(ctx, piece)
            if responsible and last:                       # "Ответственными за исполнение назначены ..."
                for d in (item if _labelled(piece) and item else last):  # "Ответственный: Мишустин М.В."
                    names = {a["name"] for a in d["assignees"]}
                    d["assignees"] += [dict(p) for p in responsible if p["name"] not in names]
            term = _term(ctx, piece)
            if term is not None:                           # "Срок – до 1 марта 2026 г.": the items before it
                for d in untimed:
                    if not d["deadline"]:
                        d["deadline"] = dict(term)
                untimed = []
            if found:
                last = found
                untimed += found
                item += found
            if number_only or (start > 0 and piece[0].text.isdigit() and not sub):
                heading = _heading(ctx, piece, start)      # "1. Правительству Российской Федерации:"
                item, untimed = list(found), list(found)   # a numbered item: its own terms and officials
            elif heading and start > 0:                    # "а) в 3-месячный срок разработать ..."
                for d in found:
                    if not d["assignees"]:
                        d["assignees"] = [dict(p) for p in heading]
            number_only = False
            previous = found
            out.extend(found)
    # no one instructs themself: after a verb of instruction ("Министерству поручено") or in an
    # act's items the guess of who instructs was wrong and is dropped; a modal ("Мадуро
    # необходимо упрочить свои позиции") with no other authority is no instruction
    for d in out:
        if d["issuer"] and any(a["name"] == d["issuer"]["name"] for a in d["assignees"]):
            d["issuer"] = None if INSTRUCTS.match(d["trigger"].lower()) or ctx.act else SELF
    out = [d for d in out if d["issuer"] is not SELF]
    body = [d for d in out if d["start"] >= ctx.headline]
    if body and len(body) < len(out):
        out = body
    seen, unique = set(), []
    for d in out:
        key = (d["action"].lower(), d["start"])
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique




def _list_heading(ctx: Context, piece: list[Token]):
    """(issuer, assignees) of "Премьер-министр поручил:" / "Акиматам поручено:" that opens a list
    of instructions, one item a line; None when the piece is no such heading."""
    if piece[-1].text != ":" or any(is_inf(t) for t in piece):
        return None
    for i, t in enumerate(piece):
        # "аким области дал ряд поручений:", "дал следующие поручения:"
        light = _light_verb(piece, i) if t.lemma_ in lexicon.trigger_nouns() else None
        if light is not None:
            return active_issuer(ctx, piece, light), []
        if lexicon.verb_case(t.lemma_) == "dat" and feat(t, "VerbForm") == "Fin":
            issuer = active_issuer(ctx, piece, i)
            return issuer, _heading(ctx, piece[i + 1:], 0) if i + 1 < len(piece) - 1 else []
        if low(t) in lexicon.passive_words():
            lo = clause_start(piece, i)
            return ctx.default_issuer(t.idx), _heading(ctx, piece[lo:i] + piece[-1:], 0)
    return None


def _list_item(ctx: Context, piece: list[Token], start: int, issuer, assignees) -> list[dict]:
    """One item of an instruction list: its own addressee before the verb, else the heading's."""
    first = _first_infinitive(piece, start)
    if first is None:
        return []
    if any(is_finite(x) for x in piece[start:first]):
        return []
    frame = Frame("act", first, first, (start, first), issuer)
    found = build_directives(ctx, piece, frame, set())
    for d in found:
        if not d["assignees"]:
            d["assignees"] = [dict(p) for p in assignees]
    return found


def _gapped(ctx: Context, piece: list[Token], start: int, issuer) -> list[dict]:
    """An instruction whose verb of instruction is the sentence before's: it opens with its
    addressee in the dative and a dash ("Министерству образования совместно с органами
    местного самоуправления – до 15 декабря обеспечить организацию питания")."""
    first = _first_infinitive(piece, start)
    if first is None or not dative_noun(piece[start]) or preceded_by_adp(piece, start):
        return []
    dash = next((k for k in range(start + 1, first) if piece[k].text in DASHES), None)
    if dash is None or any(is_finite(x) for x in piece[start:first]):
        return []
    return _list_item(ctx, piece, start, issuer, [])


def _responsible(ctx: Context, piece: list[Token]) -> list[dict]:
    """People and bodies named responsible for the instruction just given ("Ответственными за
    исполнение поручения назначены ...", "Ответственный: Мишустин М.В."), who are its
    assignees too."""
    text = " ".join(low(t) for t in piece[:8])
    if not (text.startswith("ответственн") and (any(low(t).startswith("назначен") for t in piece)
                                                 or _labelled(piece))):
        return []
    named = ctx.parties.mentions_in(piece[0].idx, piece[-1].idx + len(piece[-1]))
    people = [(f, k) for f, k in named if k == "person"]
    return [ctx.parties.party(f, k) for f, k in (people or named)]   # bodies in titles are not named here


TERM_LABELS = {"срок", "доклад", "сроки"}


def _labelled(piece: list[Token], words_: int = 1) -> bool:
    """A line that opens with a label of up to `words_` words and a colon or a dash:
    "Ответственный: ...", "Срок – ...", "Срок исполнения – ..."."""
    return any(len(piece) > k + 1 and (piece[k].text == ":" or piece[k].text in DASHES)
               and all(t.is_alpha for t in piece[:k]) for k in range(1, words_ + 1))


def _term(ctx: Context, piece: list[Token]) -> dict | None:
    """The deadline a term line gives the items before it: "Срок – до 1 марта 2026 г.",
    "Срок исполнения – ...", "Доклад – до 1 февраля 2026 г., далее – один раз в полгода"
    (its first date)."""
    if not (low(piece[0]) in TERM_LABELS and _labelled(piece, 3)):
        return None
    start, end = piece[0].idx, piece[-1].idx + len(piece[-1])
    found = next((d for d in ctx.dates if start <= d["start"] < end and (d.get("date") or d.get("immediate"))), None)
    return deadline_item(found) if found else None


def _heading(ctx: Context, piece: list[Token], start: int) -> list[dict]:
    """The addressees of an item that only names them before a colon ("2. Минюсту России:")."""
    if piece[-1].text != ":" or any(is_inf(t) for t in piece):
        return []
    for k in range(start, len(piece)):
        if dative_noun(piece[k]) and not preceded_by_adp(piece, k):
            return phrase_party(ctx.parties, piece, k, start, len(piece) - 1, "Dat", len(piece) - 1)
    return []


def _sentences(doc: Doc):
    """razdel's sentences: `doc.sents` follows the parse trees once the parser has run on some
    sentences only, which cuts unparsed sentences into pieces."""
    from razdel import sentenize

    from ..backends.tokenizer import PARAGRAPH

    text = doc.text
    for s in sentenize(text):
        start = s.start
        # razdel does not end a sentence at a blank line (a headline without a period)
        for stop in [m.start() for m in PARAGRAPH.finditer(text, s.start, s.stop)] + [s.stop]:
            span = doc.char_span(start, stop, alignment_mode="expand")
            if span is not None and len(span) and text[start:stop].strip():
                yield span
            start = stop


BULLETS = {"-", "–", "—", "•", "·", "*"}


def _pieces(toks: list[Token]) -> list[list[Token]]:
    """Split a sentence at numbered act items glued into it ("...;\n3. Полномочным ...") and
    at sentence ends the segmenter missed ("... всех.\n\"В срочном порядке ...")."""
    out, cur = [], []
    for k, t in enumerate(toks):
        if cur and NUMBERING.match(t.text) and k + 1 < len(toks) and toks[k + 1].text in ".)" \
                and "\n" in t.doc.text[max(0, t.idx - 3):t.idx]:
            out.append(cur)
            cur = []
        elif cur and t.text in BULLETS and "\n" in t.doc.text[cur[-1].idx + len(cur[-1]):t.idx]:
            out.append(cur)                # a bulleted list item on its own line
            cur = []
        elif cur and k >= 2 and _sentence_break(toks, k):
            out.append(cur)
            cur = []
        cur.append(t)
    if cur:
        out.append(cur)
    return out


def _sentence_break(toks: list[Token], k: int) -> bool:
    """Does a new sentence start at toks[k]?"""
    t, prev = toks[k], toks[k - 1]
    if prev.text == "." and NUMBERING.match(toks[k - 2].text) and (k - 2 == 0 or "\n" in t.doc.text[toks[k - 3].idx:toks[k - 2].idx]):
        return False                   # "1. Правительству ..."
    if "\n" in t.doc.text[prev.idx + len(prev):t.idx] and t.text[:1].isupper() and _labelled(toks[k:k + 5], 3):
        return True                    # a labelled line after an abbreviation: "... 2025 г.\nОтветственный: ..."
    if prev.text in ("!", "?", "…") or (prev.text == "." and not (len(toks[k - 2].text) == 1 and toks[k - 2].text.isalpha())
                                       and low(toks[k - 2]) not in ABBREVIATIONS):
        return t.text[:1].isupper() or t.text in "«\"“„"
    if prev.text in "»\"”" and toks[k - 2].text in ".!?…":
        return t.text[:1].isupper() or t.text in "«\"“„"
    return False


def _sentence(ctx: Context, toks: list[Token]) -> list[dict]:
    """The directives of one sentence piece. A rule that breaks on an odd sentence costs that
    sentence only: the document keeps its other facts (the failure is counted in
    `doc.user_data["directive_errors"]`)."""
    claimed: set[int] = set()
    results = []
    try:
        for frame in _frames(ctx, toks, claimed):
            if frame.first in claimed:
                continue
            if frame.kind in BUILDERS:
                index, builder = BUILDERS[frame.kind]
                claimed.add(getattr(frame, index))
                results.extend(builder(ctx, toks, frame))
            else:
                results.extend(build_directives(ctx, toks, frame, claimed))
    except Exception:  # noqa: BLE001 - one odd sentence must not cost the document its other facts
        data = ctx.doc.user_data
        data["directive_errors"] = data.get("directive_errors", 0) + 1
        return []
    return results


def _frames(ctx: Context, toks: list[Token], claimed: set[int]):
    n = len(toks)
    start = content_start(toks)
    for i, t in enumerate(toks):
        w = low(t)
        lemma = t.lemma_
        # active verbs: поручил, поручаю, обязал, потребовал, попросил, сказал + infinitive
        verb_case = lexicon.verb_case(lemma)
        first_person = _first_person_verb(t) if t.text[:1].isupper() and (i == start or toks[i - 1].text in OPENERS) else None
        if first_person is not None:  # "«Поручаю Минздраву ...»", where the tagger read an adjective
            lemma, verb_case = first_person, lexicon.verb_case(first_person)
        if verb_case and (t.pos_ in ("VERB", "AUX") and feat(t, "VerbForm") == "Fin" or first_person is not None) \
                and w not in lexicon.passive_words():
            first = _first_infinitive(toks, i + 1)
            if first is None:
                continue
            if lemma in lexicon.triggers()["needs_infinitive"] and not _close_infinitive(toks, i, first):
                continue
            if lemma in lexicon.triggers()["first_person_only"] and first_person is None \
                    and (feat(t, "Person") != "1" or feat(t, "Number") == "Plur"):
                continue
            if lemma == "сказать" and (feat(t, "Number") == "Plur" or feat(t, "Person") == "1"):
                continue
            if (i > 0 and low(toks[i - 1]) == "не") or any(low(x) == "бы" for x in toks[max(0, i - 3):i + 2]):
                continue                           # "я бы не рекомендовал ..."
            # "Прошу принять соболезнования" is a request, no one instructed; "Прошу Правительство
            # ...", or an official's "Прошу до 25 декабря завершить ...", is an instruction
            if lemma == "просить" and not _named_addressee(ctx, toks, i + 1, first) and not (
                    _term_between(ctx, toks, i + 1, first) and active_issuer(ctx, toks, i) is not None):
                continue
            subj = subject_of(toks, i)
            if subj is not None and (subj.pos_ == "NOUN" or subj.pos_ == "PROPN" and feat(subj, "Number") == "Plur") \
                    and feat(subj, "Animacy") == "Anim" \
                    and subj.lemma_ not in lexicon.generic_heads() and subj.lemma_ not in lexicon.title_heads() \
                    and not ctx.parties.covering(subj.idx, subj.idx + len(subj)):
                continue                           # "врачи рекомендовали ...": no authority
            if feat(t, "Tense") == "Pres" and feat(t, "Person") == "3" and (subj is None or not (
                    ctx.parties.covering(subj.idx, subj.idx + len(subj)) or subj.lemma_ in lexicon.title_heads()
                    or subj.lemma_ in lexicon.generic_heads())):
                continue                           # "закон обязывает ...", "положение обязывает ...": a rule, no one instructs
            issuer = None
            if feat(t, "Number") == "Plur" and feat(t, "Person") != "1" and subject_of(toks, i) is None:
                issuer = _body_in(ctx, toks, i)    # "В Правительстве поручили ..."
                if issuer is None:
                    continue                       # "его требовали отменить": no one named
            yield Frame("active", i, first, (i + 1, first), issuer or active_issuer(ctx, toks, i),
                        WANTED_CASE.get(verb_case, ("Dat",)))
            continue
        # passive: поручено, рекомендовано
        if w in lexicon.passive_words():
            first = _first_infinitive(toks, i + 1)
            if first is None:
                continue
            lo = clause_start(toks, i)
            if w in lexicon.passive_needing_addressee() and not _body_addressed(ctx, toks, lo, i, first):
                continue
            yield Frame("passive", i, first, (lo, first),
                        agent_of(ctx, toks, lo, i) or ctx.instructing() or ctx.default_issuer(t.idx))
            continue
        # "По поручению министра 11 человек будут направлены на лечение"
        if lemma == "поручение" and i > 0 and low(toks[i - 1]) == "по":
            frame = _by_order(ctx, toks, i)
            if frame:
                yield frame
            continue
        # дал поручение / дала указание
        if lemma in lexicon.trigger_nouns() or w in lexicon.trigger_nouns():
            light = _light_verb(toks, i)
            if light is None:
                continue
            first = _first_infinitive(toks, i + 1)
            if first is None:
                about = next((k for k in range(i + 1, min(i + 8, n - 1)) if low(toks[k]) in ("о", "об")), None)
                if about is not None and (is_nominal(toks[about + 1]) or toks[about + 1].pos_ == "ADJ"):
                    yield Frame("about", i, about + 1, (i + 1, about), active_issuer(ctx, toks, light))
                continue
            yield Frame("active", i, first, (light + 1, first), active_issuer(ctx, toks, light))
            continue
        # act items: "Поручить ...", "Рекомендовать ...", "Возложить на ..."
        if is_inf(t) and lemma in lexicon.act_verbs() and i <= start + 1 and (ctx.act or quote_of(ctx, t)) \
                and t.idx < ctx.act_end:
            wanted = lexicon.act_verbs()[lemma]
            if lemma == "возложить":
                yield Frame("impose", i, i, (i + 1, n), ctx.default_issuer(t.idx), ("Acc",))
                continue
            first = _first_infinitive(toks, i + 1)
            if first is None:
                yield Frame("impose", i, i, (i + 1, n), ctx.default_issuer(t.idx), WANTED_CASE.get(wanted, ("Dat",)))
                continue
            yield Frame("act", i, first, (i + 1, first), ctx.default_issuer(t.idx), WANTED_CASE.get(wanted, ("Dat",)))
            continue
        # act item "Установить, что <кто> <делает> ...": a rule for a named executor
        if is_inf(t) and lemma == "установить" and ctx.act and i <= start + 1 and t.idx < ctx.act_end \
                and i + 2 < n and toks[i + 1].text == "," and low(toks[i + 2]) == "что":
            verb = next((k for k in range(i + 3, n) if feat(toks[k], "VerbForm") == "Fin" and toks[k].pos_ == "VERB"), None)
            if verb is not None:
                yield Frame("establish", i, verb, (i + 3, verb), ctx.default_issuer(t.idx))
            continue
        # "Контроль за исполнением ... возложить на ..." (an act's item, or a release's closing
        # line when the sentence opens with what is imposed); in a release, also "... возложен на ..."
        if lemma == "возложить" and not any(is_finite(x) for x in toks[start:i]) and (
                is_inf(t) and ctx.act or (is_inf(t) or feat(t, "VerbForm") == "Part") and low(toks[start]) in IMPOSED):
            yield Frame("impose", i, i, (i + 1, n), ctx.default_issuer(t.idx), ("Acc",))
            continue
        # modal: "Правительству необходимо ...", "Все группы должны ..."
        if (w in lexicon.modals() or lemma in lexicon.modals()) and t.pos_ in ("ADV", "VERB", "ADJ", "AUX", "PRED", "NOUN") \
                and not (i > 0 and low(toks[i - 1]) == "не"):
            frame = _modal(ctx, toks, i)
            if frame:
                yield frame
            continue
    # bare infinitives: act items and commands in a quote ("В срочном порядке эвакуировать ...")
    frame = _bare(ctx, toks, start)
    if frame and frame.first not in claimed:
        yield frame


def _light_verb(toks: list[Token], i: int) -> int | None:
    """The verb that a noun of instruction at toks[i] goes with, up to three words before it:
    "дал поручение", "дал ряд поручений"."""
    k = next((k for k in range(max(0, i - 3), i) if toks[k].lemma_ in lexicon.light_verbs()), None)
    if k is not None and k > 0 and low(toks[k - 1]) == "не":
        return None  # "не ставит себе задачу создать ...": no task set
    return k


def _named_addressee(ctx: Context, toks: list[Token], lo: int, hi: int) -> bool:
    """Is someone named between the verb and the infinitive ("Прошу Правительство ...")?"""
    for k in range(lo, hi):
        t = toks[k]
        if is_nominal(t) and (t.lemma_ in lexicon.generic_heads() or ctx.parties.covering(t.idx, t.idx + len(t))):
            return True
    return False


def _body_addressed(ctx: Context, toks: list[Token], lo: int, i: int, hi: int) -> bool:
    """Is "предложено" at toks[i] an instruction: said now to a body or to officials named in
    the dative ("Акиматам областей предложено разработать", "Банку России предлагается
    рассмотреть"), not told of ("группе политологов было предложено написать") or an offer
    to a person ("Тулееву предлагается принять участие")?"""
    if i > 0 and toks[i - 1].lemma_ == "быть":
        return False
    for k in range(lo, hi):
        t = toks[k]
        if k == i or not is_nominal(t) or case(t) != "Dat" or preceded_by_adp(toks, k):
            continue
        hit = ctx.parties.covering(t.idx, t.idx + len(t))
        if hit and ctx.parties.party(*hit)["type"] == "organization" \
                or t.lemma_ in lexicon.generic_heads() and feat(t, "Number") == "Plur":  # "акимам", not "министру"
            return True
    return False


def _term_between(ctx: Context, toks: list[Token], lo: int, hi: int) -> bool:
    """Is a term ("до 25 декабря", "в недельный срок", "незамедлительно") between the verb and
    the infinitive?"""
    if lo >= hi:
        return False
    start, end = toks[lo].idx, toks[hi - 1].idx + len(toks[hi - 1])
    return any(d["kind"] == "deadline" and start <= d["start"] and d["end"] <= end for d in ctx.dates)


def _body_in(ctx: Context, toks: list[Token], i: int) -> dict | None:
    """The body named as a place before an impersonal plural verb ("В акимате поручили")."""
    lo = clause_start(toks, i)
    for k in range(lo, i - 1):
        if low(toks[k]) in ("в", "во"):
            hit = ctx.parties.covering(toks[k + 1].idx, toks[k + 1].idx + len(toks[k + 1]))
            if hit and hit[1] == "organization":
                return ctx.parties.party(*hit)
    return None


def _by_order(ctx: Context, toks: list[Token], i: int) -> Frame | None:
    """"По поручению X <subject> будут <passive participle> ...": an instruction told as its
    future outcome; the action is the participle's verb in the infinitive."""
    if i + 1 >= len(toks) or not is_nominal(toks[i + 1]):
        return None
    issuer_end = np_end(toks, i + 1, len(toks))
    while issuer_end > i + 2 and toks[issuer_end - 1].pos_ == "NUM":
        issuer_end -= 1
    for k in range(issuer_end, len(toks)):
        t = toks[k]
        if t.text in ".;!?":
            return None
        if feat(t, "VerbForm") == "Part" and feat(t, "Variant") == "Short":
            aux = toks[k - 1] if k > 0 else None
            if aux is None or aux.lemma_ != "быть" or low(aux) not in ("будут", "будет"):
                return None
            issuer = resolve(ctx, toks[i + 1], toks[i].idx) or ctx.default_issuer(toks[i].idx)
            return Frame("order", i, k, (issuer_end, k - 1), issuer)
        if (is_finite(t) and t.lemma_ != "быть") or is_inf(t):
            return None
    return None


def _first_infinitive(toks: list[Token], i: int) -> int | None:
    """The first infinitive the word before `i` governs: no finite verb or "что" in between."""
    k = i
    depth = 0
    while k < len(toks) and k - i < 60:
        t = toks[k]
        w = low(t)
        if w in RELATIVE and toks[k - 1].text == ",":
            depth += 1
        elif t.text == "," and depth:
            # the end of a relative clause inside the addressee list
            depth -= 1 if k + 1 < len(toks) and not is_finite(toks[k + 1]) else 0
        elif depth:
            pass
        elif is_inf(t):
            if k > 0 and low(toks[k - 1]) in ("чтобы", "целью"):
                return None
            return k
        elif is_finite(t) or w in ("что", "чтобы") or t.text == ";" or is_stop(toks, k) or (t.text in DASHES and k > i and toks[k - 1].text in "»\"”,"):
            return None
        elif t.text in "»\"”" and k + 1 < len(toks) and toks[k + 1].text in ("," ,) + tuple(DASHES):
            return None
        k += 1
    return None


def _close_infinitive(toks: list[Token], i: int, first: int) -> bool:
    """For verbs like "сказать", "просить": the infinitive follows closely, no comma before it
    except around an addressee phrase."""
    between = _without_quoted_names(toks[i + 1:first])
    if len(between) > 12:
        return False
    return not any(low(t) in ("что", "как", "чтобы") or t.text in ":«»\"“”„" for t in between)


def _without_quoted_names(tokens: list[Token]) -> list[Token]:
    """The tokens less each short quoted name after a noun, quotes included: "госкомпанией
    «Автодор»" (a name, not speech)."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        close = next((m for m in range(k + 2, min(len(tokens), k + 7)) if tokens[m].text == "»"), None) \
            if t.text == "«" and out and out[-1].pos_ in ("NOUN", "PROPN") else None
        if close is not None and all(x.text not in "«»" for x in tokens[k + 1:close]):
            k = close + 1
            continue
        out.append(t)
        k += 1
    return out


def _modal(ctx: Context, toks: list[Token], i: int) -> Frame | None:
    t = toks[i]
    first = _first_infinitive(toks, i + 1)
    if first is None:
        return None
    nxt = toks[first]
    if low(nxt) == "быть" and first + 1 < len(toks) and feat(toks[first + 1], "Variant") == "Short":
        return None                                # "должна быть пересмотрена": a passive wish
    lo = clause_start(toks, i)
    q = quote_of(ctx, t)
    speech = q is not None or _reported(toks, lo)
    subject_modal = low(t) in lexicon.subject_modals() or t.lemma_ in lexicon.subject_modals()
    zone = (lo, first)
    subject = None
    addressed = False
    if subject_modal:
        subj = subject_of(toks, i)
        if subj is None or is_pronoun(subj) or case(subj) not in ("Nom", None):
            return None
        k = next((m for m in range(lo, i) if toks[m].i == subj.i), None)
        if k is None:
            return None
        named = ctx.parties.covering(subj.idx, subj.idx + len(subj))
        if not named and subj.lemma_ not in lexicon.generic_heads():
            return None
        if not speech and (not named or named[1] != "organization"):
            return None                            # in narration only a body's duty counts
        if nxt.lemma_ in lexicon.nonaction_verbs():
            return None
        s_lo = np_start(toks, k, lo)
        subject = (s_lo, _subject_end(toks, k, i))
        addressed = True
    else:
        addressed = _has_addressee(ctx, toks, lo, first, i) or by_side(toks, first, len(toks)) is not None
    if not addressed:
        if not (q is not None and q.instructive):
            return None
    issuer = ctx.speaker(q) if q else None
    if issuer is None and speech and not q:
        subj = subject_of(toks, _speech_verb(toks, lo))
        issuer = resolve(ctx, subj, toks[lo].idx) if subj is not None else None
    if issuer is None and speech and q is None:
        issuer = ctx.last_issuer or ctx.parties.main_actor()
    if issuer is None:
        if q is not None:
            return None                            # a quote of someone who is not an official
        # in a release, the official who gave the instructions before it, else the one it is about
        issuer = _ordered_by(ctx, toks, lo) or ctx.instructing() or ctx.default_issuer(t.idx)
    if issuer is None or issuer.get("type") == "generic" and not _ordered_by(ctx, toks, lo):
        return None                                # "Эксперты считают, что банкам следует ..."
    return Frame("modal", i, first, zone, issuer, ("Dat",), subject)


def _ordered_by(ctx: Context, toks: list[Token], lo: int) -> dict | None:
    """Who a clause says it carries out the instruction of: "По поручению Президента
    Министерству финансов необходимо ..." -> the President."""
    if lo + 2 < len(toks) and low(toks[lo]) == "по" and toks[lo + 1].lemma_ == "поручение" \
            and is_nominal(toks[lo + 2]) and case(toks[lo + 2]) == "Gen":
        return resolve(ctx, toks[lo + 2], toks[lo].idx)
    return None


def _subject_end(toks: list[Token], k: int, modal: int) -> int:
    """End of a subject phrase, its relative clause included ("Те группы, которые ...")."""
    e = np_end(toks, k, modal)
    if e < modal and toks[e].text == "," and e + 1 < modal and low(toks[e + 1]) in RELATIVE:
        m = e + 1
        while m < modal and toks[m].text != ",":
            m += 1
        e = m
    return e


def _has_addressee(ctx: Context, toks: list[Token], lo: int, hi: int, skip: int) -> bool:
    for k in range(lo, hi):
        t = toks[k]
        if k == skip:
            continue
        if dative_noun(t) and not preceded_by_adp(toks, k) and not is_pronoun(t) \
                and (t.lemma_ in lexicon.generic_heads() or ctx.parties.covering(t.idx, t.idx + len(t))):
            return True
        if k == lo and _generic_dative(t):  # "«Акимам регионов необходимо ...»": the tagger read "акима"
            return True
        if low(t) == "стороны" and k > 0 and low(toks[k - 1]) == "со":
            return True
    return False


def _generic_dative(t: Token) -> bool:
    """A generic addressee's dative plural by the dictionary, whatever the tagger read
    ("Акимам" opening a quote, tagged as a form of "акима")."""
    return any(p.normal_form in lexicon.generic_heads() and {"datv", "plur"} <= set(p.tag.grammemes)
               for p in parses(low(t)))


def _reported(toks: list[Token], lo: int) -> bool:
    """Is the clause the "что"-complement of a speech verb ("подчеркнул, что ...")?"""
    return _speech_verb(toks, lo) is not None


def _speech_verb(toks: list[Token], lo: int) -> int | None:
    if lo == 0 or low(toks[lo - 1]) != "что":
        return None
    for k in range(lo - 2, -1, -1):
        if toks[k].lemma_ in lexicon.speech_verbs() and toks[k].pos_ == "VERB":
            return k
    return None


def _bare(ctx: Context, toks: list[Token], start: int) -> Frame | None:
    """A sentence that opens with an infinitive: an act item, or a command in an official's quote."""
    first = _first_infinitive(toks, start)
    if first is None:
        return None
    t = toks[first]
    if any(is_finite(x) or is_gerund(x) or low(x) in lexicon.modals() or x.lemma_ in lexicon.modals()
           or (x.pos_ == "ADJ" and feat(x, "Variant") == "Short") or (x.pos_ == "PRON" and case(x) == "Nom")
           or x.lemma_ in lexicon.trigger_nouns() or low(x) in lexicon.passive_words()
           for x in toks[start:first]):
        return None
    if any(is_nominal(x) and case(x) == "Nom" and not preceded_by_adp(toks, k + start)
           for k, x in enumerate(toks[start:first]) if x.pos_ != "PROPN" or True) and not ctx.act:
        return None
    if t.lemma_ in lexicon.act_verbs() and first <= start + 1:
        return None                              # handled as an act verb
    q = quote_of(ctx, t)
    if ctx.act and q is None:
        # "Утвердить ..." is the act's own decision; "Правительству ... утвердить ..." is an instruction
        if _nonact(toks, first) and not _has_addressee(ctx, toks, start, first, -1) or t.idx > ctx.act_end:
            return None
        return Frame("act", first, first, (start, first), ctx.default_issuer(t.idx))
    if q is None:
        return None
    speaker = ctx.speaker(q)
    if speaker is None or speaker.get("type") != "person" or not speaker.get("role"):
        return None
    if any(low(x) in lexicon.predicatives() for x in toks[start:first]) or t.lemma_ in lexicon.nonaction_verbs():
        return None
    if _infinitive_is_subject(toks, first):
        return None
    return Frame("quote", first, first, (start, first), speaker)


OPENERS = {"«", '"', "“", "„", ":", "–", "—", "-"}  # after which a first-person verb opens a quote or a line


def _first_person_verb(t: Token) -> str | None:
    """The lemma of a verb of instruction in the first person singular ("поручаю", "прошу")
    that the tagger read as another part of speech; None otherwise."""
    if t.pos_ in ("VERB", "AUX") or not t.text.isalpha():
        return None
    options = parses(low(t))
    if not options or not all(p.tag.POS == "VERB" and "1per" in p.tag and "sing" in p.tag for p in options):
        return None
    lemma = options[0].normal_form
    return lemma if lexicon.verb_case(lemma) else None


def _infinitive_is_subject(toks: list[Token], first: int) -> bool:
    """"Быть председателем жюри — это ответственность", "Завершить работу планируется ...":
    the infinitive is the subject of a predicate after it, not a command."""
    end = clause_end(toks, first + 1, len(toks))
    for k in range(first + 1, end):
        t = toks[k]
        if t.text == "," and k + 1 < end and (low(toks[k + 1]) in RELATIVE or low(toks[k + 1]) in ("что", "чтобы")):
            return False                   # "Проверить все дома, где живут пенсионеры"
        if is_finite(t) or low(t) in lexicon.predicatives() or low(t) in ("можно", "нельзя", "надо", "нужно"):
            return True
        if t.text in DASHES and k + 1 < len(toks) and low(toks[k + 1]) in ("это", "значит"):
            return True
    return False


def _nonact(toks: list[Token], first: int) -> bool:
    """"Утвердить", "Назначить", "Внести изменения": the act's own decisions."""
    lemma = toks[first].lemma_
    for entry in lexicon.nonacts():
        words_ = entry.split()
        if words_[0] != lemma:
            continue
        if len(words_) == 1:
            return True
        # the next words, each in any form ("внести изменение": "внести изменения"; "внести в
        # указ": "внести в Указ", not "внести в Государственную Думу")
        tail = toks[first + 1:first + len(words_)]
        if len(tail) == len(words_) - 1 and all(low(t).startswith(w[:5]) for t, w in zip(tail, words_[1:])):
            return True
    return False
