"""The stanza backend without models: stanza Documents built from CoNLL-U written here, through the
adapter, into spaCy Docs; the models folder, the download command and the missing-models error.

One test runs the real models on the seed when they are installed (else it is skipped, saying why).
"""
from __future__ import annotations

import re
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("stanza")

import spacy  # noqa: E402
from stanza.utils.conll import CoNLL  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from extractor.backends import stanza as backend  # noqa: E402
from extractor.errors import BackendUnavailable, ModelsMissing  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_2d4edbfe873feb49.txt"
VOCAB = spacy.blank("ru").vocab


def conllu(block: str) -> str:
    """CoNLL-U from a readable block: columns separated by two or more spaces."""
    lines = [line.strip() for line in block.strip("\n").split("\n")]
    return "\n".join(re.sub(r" {2,}", "\t", line) for line in lines) + "\n"


def stanza_doc(block: str):
    return CoNLL.conll2doc(input_str=conllu(block), reconstruct_text=True)


def adapt(block: str):
    sd = stanza_doc(block)
    return backend.to_doc(VOCAB, sd.text, sd), sd


# Premier + ministry, a paragraph break, an MWT whose words spell it ("вопрос."), two spaces.
RELEASE = r"""
1    Премьер-министр  премьер-министр  NOUN   _  Animacy=Anim|Case=Nom|Gender=Masc|Number=Sing  4  nsubj  _  ner=O
2    Олжас            Олжас            PROPN  _  Animacy=Anim|Case=Nom|Gender=Masc|Number=Sing  1  appos  _  ner=B-PER
3    Бектенов         Бектенов         PROPN  _  Animacy=Anim|Case=Nom|Gender=Masc|Number=Sing  2  flat:name  _  ner=E-PER
4    поручил          поручить         VERB   _  Aspect=Perf|Gender=Masc|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act  0  root  _  ner=O
5    Министерству     министерство     NOUN   _  Animacy=Inan|Case=Dat|Gender=Neut|Number=Sing  4  iobj  _  ner=B-ORG
6    финансов         финансы          NOUN   _  Animacy=Inan|Case=Gen|Number=Plur  5  nmod  _  ner=E-ORG|SpacesAfter=\s\s
7    проработать      проработать      VERB   _  Aspect=Perf|VerbForm=Inf|Voice=Act  4  xcomp  _  ner=O
8-9  вопрос.          _                _      _  _  _  _  _  ner=O|SpacesAfter=\n\n
8    вопрос           вопрос           NOUN   _  Animacy=Inan|Case=Acc|Gender=Masc|Number=Sing  7  obj  _  _
9    .                .                PUNCT  _  _  4  punct  _  _

1    Об               о                ADP    _  _  2  case  _  ner=O
2    этом             это              PRON   _  Animacy=Inan|Case=Loc|Gender=Neut|Number=Sing  3  obl  _  ner=O
3    сообщила         сообщить         VERB   _  Aspect=Perf|Gender=Fem|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act  0  root  _  ner=O
4    пресс-служба     пресс-служба     NOUN   _  Animacy=Inan|Case=Nom|Gender=Fem|Number=Sing  3  nsubj  _  ner=O
5    Правительства    правительство    NOUN   _  Animacy=Inan|Case=Gen|Gender=Neut|Number=Sing  4  nmod  _  ner=B-ORG
6    РК               РК               PROPN  _  Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing  5  nmod  _  ner=E-ORG|SpaceAfter=No
7    .                .                PUNCT  _  _  3  punct  _  ner=O
"""

# A location, and a MISC entity that the backend drops.
FORUM = r"""
1  В        в        ADP    _  _  2  case  _  ner=O
2  Астане   Астана   PROPN  _  Animacy=Inan|Case=Loc|Gender=Fem|Number=Sing  3  obl  _  ner=S-LOC
3  прошёл   пройти   VERB   _  Aspect=Perf|Gender=Masc|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act  0  root  _  ner=O
4  форум    форум    NOUN   _  Animacy=Inan|Case=Nom|Gender=Masc|Number=Sing  3  nsubj  _  ner=O
5  «        «        PUNCT  _  _  6  punct  _  ner=O|SpaceAfter=No
6  Digital  Digital  X      _  Foreign=Yes  4  appos  _  ner=B-MISC
7  Bridge   Bridge   X      _  Foreign=Yes  6  flat:foreign  _  ner=E-MISC|SpaceAfter=No
8  »        »        PUNCT  _  _  6  punct  _  ner=O|SpaceAfter=No
9  .        .        PUNCT  _  _  3  punct  _  ner=O
"""

# An MWT whose words do not spell it ("нет" = "не" + "есть"): one token, its head word's annotations.
NEGATION = r"""
1    Решения  решение  NOUN   _  Animacy=Inan|Case=Gen|Gender=Neut|Number=Sing  4  nsubj  _  ner=O
2    пока     пока     ADV    _  Degree=Pos  4  advmod  _  ner=O
3-4  нет      _        _      _  _  _  _  _  ner=O|SpaceAfter=No
3    не       не       PART   _  Polarity=Neg  4  advmod  _  _
4    есть     быть     VERB   _  Aspect=Imp|Mood=Ind|Tense=Pres|VerbForm=Fin|Voice=Act  0  root  _  _
5    .        .        PUNCT  _  _  4  punct  _  ner=O
"""

# No parse (syntax="none"): heads and relations are "_".
UNPARSED = r"""
1  Заседание  заседание  NOUN   _  Animacy=Inan|Case=Nom|Gender=Neut|Number=Sing  _  _  _  ner=O
2  прошло     пройти     VERB   _  Aspect=Perf|Gender=Neut|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act  _  _  _  ner=O|SpaceAfter=No
3  .          .          PUNCT  _  _  _  _  _  ner=O|SpacesAfter=\n

1  Итоги      итог       NOUN   _  Animacy=Inan|Case=Nom|Gender=Masc|Number=Plur  _  _  _  ner=O
2  подведены  подвести   VERB   _  Aspect=Perf|Number=Plur|Tense=Past|Variant=Short|VerbForm=Part|Voice=Pass  _  _  _  ner=O|SpaceAfter=No
3  .          .          PUNCT  _  _  _  _  _  ner=O
"""

# a noun the dictionary lacks, read by the tagger as an adjective
AKIMAT = r"""
1  Отчет      отчет      NOUN   _  Animacy=Inan|Case=Nom|Gender=Masc|Number=Sing  _  _  _  ner=O
2  утвержден  утвердить  VERB   _  Aspect=Perf|Gender=Masc|Number=Sing|Tense=Past|Variant=Short|VerbForm=Part|Voice=Pass  _  _  _  ner=O
3  акиматом   акиматый   ADJ    _  Case=Dat|Degree=Pos|Gender=Fem|Number=Sing  _  _  _  ner=O|SpaceAfter=No
4  .          .          PUNCT  _  _  _  _  _  ner=O
"""

SAMPLES = {"release": RELEASE, "forum": FORUM, "negation": NEGATION, "unparsed": UNPARSED, "akimat": AKIMAT}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_stanza_doc_text_is_the_input(name):
    doc, sd = adapt(SAMPLES[name])
    assert doc.text == sd.text
    for token in doc:
        assert doc.text[token.idx:token.idx + len(token)] == token.text


@pytest.mark.parametrize("name, tokens", [
    ("release", ["Премьер-министр", "Олжас", "Бектенов", "поручил", "Министерству", "финансов", " ", "проработать",
                 "вопрос", ".", "\n\n", "Об", "этом", "сообщила", "пресс-служба", "Правительства", "РК", "."]),
    ("forum", ["В", "Астане", "прошёл", "форум", "«", "Digital", "Bridge", "»", "."]),
    ("negation", ["Решения", "пока", "нет", "."]),
])
def test_stanza_tokens_align_with_words_and_mwt(name, tokens):
    doc, _ = adapt(SAMPLES[name])
    assert [t.text for t in doc] == tokens


@pytest.mark.parametrize("name, token, start", [
    ("release", "вопрос", 74),
    ("release", ".", 80),
    ("release", "Об", 83),
    ("forum", "Digital", 23),
])
def test_stanza_mwt_words_get_exact_offsets(name, token, start):
    doc, sd = adapt(SAMPLES[name])
    found = [t for t in doc if t.text == token and t.idx == start]
    assert found, [(t.text, t.idx) for t in doc]
    assert sd.text[start:start + len(token)] == token


@pytest.mark.parametrize("name, counts", [
    ("release", {"unaligned_mwt": 0, "unaligned_ents": 0, "parsed_sents": 2}),
    ("negation", {"unaligned_mwt": 1, "unaligned_ents": 0, "parsed_sents": 1}),
    ("unparsed", {"unaligned_mwt": 0, "unaligned_ents": 0, "parsed_sents": 0}),
])
def test_stanza_backend_counts(name, counts):
    doc, _ = adapt(SAMPLES[name])
    assert doc._.backend["name"] == "stanza"
    assert {k: doc._.backend[k] for k in counts} == counts


@pytest.mark.parametrize("name, ents", [
    ("release", [("Олжас Бектенов", "PER"), ("Министерству финансов", "ORG"), ("Правительства РК", "ORG")]),
    ("forum", [("Астане", "LOC")]),
    ("negation", []),
])
def test_stanza_entities_per_org_loc_misc_dropped(name, ents):
    doc, _ = adapt(SAMPLES[name])
    assert [(e.text, e.label_) for e in doc.ents] == ents


@pytest.mark.parametrize("start, end, expected, unaligned", [
    (16, 30, "Олжас Бектенов", 0),   # on token edges
    (18, 30, "Олжас Бектенов", 1),   # starts inside a token: expanded and counted
])
def test_stanza_entity_off_token_edges_is_expanded_and_counted(start, end, expected, unaligned):
    sd = stanza_doc(RELEASE)
    fake = SimpleNamespace(sentences=sd.sentences, ents=[SimpleNamespace(type="PER", start_char=start, end_char=end)])
    doc = backend.to_doc(VOCAB, sd.text, fake)
    assert [e.text for e in doc.ents] == [expected]
    assert doc._.backend["unaligned_ents"] == unaligned


@pytest.mark.parametrize("name, triples", [
    ("release", [("Премьер-министр", "nsubj", "поручил"), ("Бектенов", "flat:name", "Олжас"),
                 ("поручил", "ROOT", "поручил"), ("вопрос", "obj", "проработать"), (".", "punct", "поручил"),
                 ("РК", "nmod", "Правительства"), ("сообщила", "ROOT", "сообщила")]),
    ("negation", [("Решения", "nsubj", "нет"), ("пока", "advmod", "нет"), ("нет", "ROOT", "нет"), (".", "punct", "нет")]),
    ("forum", [("Астане", "obl", "прошёл"), ("Bridge", "flat:foreign", "Digital"), ("»", "punct", "Digital")]),
])
def test_stanza_heads_and_relations(name, triples):
    doc, _ = adapt(SAMPLES[name])
    got = {(t.text, t.dep_, t.head.text) for t in doc if not t.is_space}
    assert set(triples) <= got


def test_stanza_whitespace_tokens_stay_out_of_the_tree():
    doc, _ = adapt(RELEASE)
    for token in doc:
        if token.is_space:
            assert token.dep_ == "" and token.head.i == token.i


@pytest.mark.parametrize("name, text, pos, lemma, morph", [
    ("release", "Министерству", "NOUN", "министерство", "Animacy=Inan|Case=Dat|Gender=Neut|Number=Sing"),
    ("release", "Бектенов", "PROPN", "бектенов", "Animacy=Anim|Case=Nom|Gender=Masc|Number=Sing"),
    ("release", "поручил", "VERB", "поручить", "Aspect=Perf|Gender=Masc|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act"),
    ("release", ".", "PUNCT", ".", ""),
    ("negation", "нет", "VERB", "быть", "Aspect=Imp|Mood=Ind|Tense=Pres|VerbForm=Fin|Voice=Act"),
    ("forum", "Digital", "X", "digital", "Foreign=Yes"),
    ("akimat", "акиматом", "NOUN", "акимат", "Animacy=Inan|Case=Ins|Gender=Masc|Number=Sing"),  # data/domain_nouns.txt
])
def test_stanza_pos_lemma_morph(name, text, pos, lemma, morph):
    doc, _ = adapt(SAMPLES[name])
    token = next(t for t in doc if t.text == text)
    assert (token.pos_, token.lemma_, str(token.morph)) == (pos, lemma, morph)


@pytest.mark.parametrize("name, sents", [
    ("release", ["Премьер-министр Олжас Бектенов поручил Министерству финансов  проработать вопрос.\n\n",
                 "Об этом сообщила пресс-служба Правительства РК."]),
    ("unparsed", ["Заседание прошло.\n", "Итоги подведены."]),
])
def test_stanza_sentences(name, sents):
    doc, _ = adapt(SAMPLES[name])
    assert [s.text for s in doc.sents] == sents


def test_stanza_unparsed_doc_has_no_dependencies():
    doc, _ = adapt(UNPARSED)
    assert not doc.has_annotation("DEP")
    assert doc.has_annotation("SENT_START")


@pytest.mark.parametrize("prefix, suffix", [("", ""), ("  ", ""), ("\n", "\n\n"), ("\u200b", " \t")])
def test_stanza_offsets_missing_are_found_in_the_text(prefix, suffix):
    """Without stanza offsets (a Document read without text) the tokens are searched for in order;
    text stanza did not cover (leading space, a zero-width space) becomes tokens of its own."""
    sd_text = stanza_doc(FORUM).text
    sd = CoNLL.conll2doc(input_str=conllu(FORUM))
    assert sd.sentences[0].tokens[0].start_char is None
    text = prefix + sd_text + suffix
    doc = backend.to_doc(VOCAB, text, sd)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space][-9:] == ["В", "Астане", "прошёл", "форум", "«", "Digital", "Bridge",
                                                          "»", "."]
    assert next(t for t in doc if t.text == "прошёл").dep_ == "ROOT"


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_stanza_empty_text(text):
    doc = backend.to_doc(VOCAB, text, SimpleNamespace(sentences=[], ents=[]))
    assert doc.text == text
    assert doc._.backend["name"] == "stanza"


# -- the pipeline, with a stand-in for stanza's models

class FakeStanza:
    """Answers stanza.Pipeline's call with the Document of a CoNLL-U block."""

    def __init__(self, block: str):
        self.doc = stanza_doc(block)

    def __call__(self, text):
        assert text == self.doc.text
        return self.doc


def test_stanza_pipeline_runs_the_fact_components(monkeypatch):
    from extractor.pipeline import build_pipeline, set_meta
    from extractor.records import to_record

    fake = FakeStanza(RELEASE)
    monkeypatch.setattr(backend, "load", lambda syntax="auto", directory=None: fake)
    nlp = build_pipeline(backend="stanza")
    doc = nlp(set_meta(nlp.make_doc(fake.doc.text), published="2025-12-25"))
    record = to_record(doc, doc_id="fake")
    assert any("Бектенов" in p.name for p in record.people)
    for person in record.people:
        for mention in person.mentions:
            assert fake.doc.text[mention.start:mention.end] == mention.text


# -- models: where they live, loading offline, downloading, the missing-models error

def fake_models(directory: Path, processors=backend.PROCESSORS) -> Path:
    (directory / "ru").mkdir(parents=True, exist_ok=True)
    (directory / "resources.json").write_text("{}", encoding="utf-8")
    for p in processors:
        (directory / "ru" / p).mkdir(exist_ok=True)
    return directory


def isolate(monkeypatch, tmp_path) -> Path:
    """EXTRACTOR_MODELS -> an empty folder, STANZA_RESOURCES_DIR unset, no network, no cached pipeline."""
    from extractor import api
    from extractor.pipeline import build_pipeline

    monkeypatch.setattr(api, "_default", {})
    monkeypatch.setattr(api, "load_pipeline", build_pipeline)
    home = tmp_path / "models"
    monkeypatch.setenv("EXTRACTOR_MODELS", str(home))
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return home


@pytest.mark.parametrize("extractor_models, stanza_dir, expected", [
    (True, False, "home"),
    (False, True, "stanza"),
    (True, True, "home"),
])
def test_stanza_find_models_order(tmp_path, monkeypatch, extractor_models, stanza_dir, expected):
    home = isolate(monkeypatch, tmp_path)
    dirs = {"home": home / "stanza", "stanza": tmp_path / "stanza_resources"}
    if extractor_models:
        fake_models(dirs["home"])
    if stanza_dir:
        fake_models(dirs["stanza"])
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(dirs["stanza"]))
    assert backend.find_models() == dirs[expected]


@pytest.mark.parametrize("processors", [(), ("tokenize", "pos", "lemma", "ner")])
def test_stanza_find_models_missing(tmp_path, monkeypatch, processors):
    home = isolate(monkeypatch, tmp_path)
    if processors:
        fake_models(home / "stanza", processors)  # depparse is missing
    with pytest.raises(ModelsMissing) as err:
        backend.find_models()
    assert err.value.code == "E010"
    assert "extractor models download --backend stanza" in err.value.message


@pytest.mark.parametrize("syntax, processors", [
    ("auto", "tokenize,pos,lemma,depparse,ner"),
    ("none", "tokenize,pos,lemma,ner"),
])
def test_stanza_load_is_offline(tmp_path, monkeypatch, syntax, processors):
    import stanza

    home = isolate(monkeypatch, tmp_path)
    fake_models(home / "stanza")
    calls = []
    monkeypatch.setattr(stanza, "Pipeline", lambda *args, **kwargs: calls.append((args, kwargs)) or "pipeline")
    assert backend.load(syntax=syntax) == "pipeline"
    (args, kwargs), = calls
    assert args == ("ru",)
    assert kwargs["download_method"] is None
    assert kwargs["dir"] == str(home / "stanza")
    assert kwargs["processors"] == processors


@pytest.mark.parametrize("broken", ["missing file", "resources without Russian"])
def test_stanza_load_broken_models_is_models_missing(tmp_path, monkeypatch, broken):
    import stanza

    home = isolate(monkeypatch, tmp_path)
    fake_models(home / "stanza")  # resources.json is "{}": the real stanza.Pipeline refuses it
    if broken == "missing file":
        def pipeline(*args, **kwargs):
            raise FileNotFoundError(2, "No such file", str(home / "stanza" / "ru" / "pos" / "syntagrus.pt"))

        monkeypatch.setattr(stanza, "Pipeline", pipeline)
    with pytest.raises(ModelsMissing) as err:
        backend.load()
    assert "\n" not in err.value.message
    assert "extractor models download --backend stanza" in err.value.message


def test_stanza_not_installed_is_backend_unavailable(tmp_path, monkeypatch):
    import sys

    isolate(monkeypatch, tmp_path)
    monkeypatch.setitem(sys.modules, "stanza", None)
    with pytest.raises(BackendUnavailable) as err:
        backend.build()
    assert err.value.code == "E011"
    assert "pip install extractor[stanza]" in err.value.message


@pytest.mark.parametrize("args, target", [
    (["models", "download", "--backend", "stanza"], "models/stanza"),
    (["models", "download", "--backend", "stanza", "--dir", "{tmp}/elsewhere"], "elsewhere"),
])
def test_stanza_models_download_command(tmp_path, monkeypatch, args, target):
    import stanza

    from extractor.cli import app

    isolate(monkeypatch, tmp_path)
    calls = []
    monkeypatch.setattr(stanza, "download", lambda *a, **kw: calls.append((a, kw)))
    result = CliRunner().invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 0, result.output
    (a, kw), = calls
    assert a == ("ru",)
    assert kw["model_dir"] == str(tmp_path / target)
    assert kw["processors"] == "tokenize,pos,lemma,depparse,ner"
    assert str(tmp_path / target) in result.stdout


def test_stanza_models_download_failure_is_one_line(tmp_path, monkeypatch):
    import stanza

    from extractor.cli import app

    isolate(monkeypatch, tmp_path)

    def offline(*args, **kwargs):
        raise ConnectionError("no route to huggingface.co")

    monkeypatch.setattr(stanza, "download", offline)
    result = CliRunner().invoke(app, ["models", "download", "--backend", "stanza"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "no route" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args, state", [
    (["models", "list"], "stanza\tmissing"),
    (["models", "path", "--backend", "stanza"], "models/stanza"),
    (["models", "download", "--backend", "natasha"], "nothing to download"),
])
def test_stanza_models_list_and_path(tmp_path, monkeypatch, args, state):
    from extractor.cli import app

    isolate(monkeypatch, tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert state in result.stdout


@pytest.mark.parametrize("command", [
    ["extract", str(SEED), "--backend", "stanza", "-o", "{tmp}/out.json"],
    ["extract", str(SEED), "--backend", "stanza"],
    ["batch", str(SEED), "--backend", "stanza", "-o", "{tmp}/out.jsonl"],
])
def test_stanza_cli_without_models_exits_2(tmp_path, monkeypatch, command):
    from extractor.cli import app

    isolate(monkeypatch, tmp_path)
    result = CliRunner().invoke(app, [c.replace("{tmp}", str(tmp_path)) for c in command])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error [E010]: ")
    assert result.stderr.count("\n") == 1
    assert "extractor models download --backend stanza" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "out.jsonl").exists()


# -- the real models, where installed

def _installed_models():
    return next((d for d in backend.candidate_dirs() if backend.installed(d)), None)


@pytest.mark.skipif(_installed_models() is None,
                    reason="no stanza models for Russian: run `extractor models download --backend stanza` "
                           "or set STANZA_RESOURCES_DIR")
def test_stanza_seed_record_agrees_with_natasha(extractor):
    from extractor.api import get_extractor
    from extractor.readers import read_file

    ours = get_extractor("stanza").extract_document(read_file(SEED))
    theirs = extractor.extract_document(read_file(SEED))
    text = read_file(SEED).text
    assert (ours.doc_id, ours.published, ours.title) == (theirs.doc_id, theirs.published, theirs.title)
    mentions = [m for p in ours.people for m in p.mentions] + [m for o in ours.organizations for m in o.mentions]
    for item in mentions + ours.dates + ours.figures + ours.directives:
        assert text[item.start:item.end] == item.text
    # the models differ; the facts a release is about should not
    for field, key in [("people", "name"), ("organizations", "name"), ("dates", "date"), ("figures", "value")]:
        expected = {getattr(x, key) for x in getattr(theirs, field)}
        got = {getattr(x, key) for x in getattr(ours, field)}
        assert len(expected & got) >= len(expected) // 2, (field, sorted(map(str, expected - got)))
    assert bool(ours.directives) or not theirs.directives
