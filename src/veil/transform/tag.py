"""``tag`` (``<EMAIL>``) and ``indexed_tag`` (``<PERSON_1>``, ``<PERSON_2>``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..types import Span
from ._keyed import keyed_digest
from ._params import ParamError, check_template
from .base import OperatorContext
from .normalize import normalize

__all__ = ["IndexedTag", "Tag"]


@dataclass(frozen=True, slots=True)
class Tag:
    """Replace a span with its label: ``template`` may use ``{label}``."""

    template: str = "<{label}>"

    name: ClassVar[str] = "tag"
    needs_key: ClassVar[bool] = False

    def __post_init__(self) -> None:
        check_template("template", self.template, {"label"}, set())

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        return self.template.format(label=span.label)


@dataclass(frozen=True, slots=True)
class IndexedTag:
    """``<PERSON_1>``: one index per distinct value and label within a document.

    The identity of a value is ``attrs["entity"]`` when entity linking set it
    (so name variants share an index), else its normalized text. Indices count
    from 1 per label in order of first appearance (state in ``ctx.state``).

    With ``keyed=True`` the index is instead a short keyed hash of the
    normalized text (``<PERSON_7f3a2c>``), the same in every document:
    corpus-stable, and it needs the key. Entity ids are ignored there, since they
    are only unique within a document. Because keying depends on a parameter,
    ``needs_key`` is an instance property here: read it on the operator, not on
    the class.
    """

    template: str = "<{label}_{index}>"
    keyed: bool = False
    id_length: int = 6

    name: ClassVar[str] = "indexed_tag"

    @property
    def needs_key(self) -> bool:
        return self.keyed

    def __post_init__(self) -> None:
        check_template("template", self.template, {"label", "index"}, {"index"})
        if not isinstance(self.keyed, bool):
            raise ParamError("keyed", "must be true or false")
        if isinstance(self.id_length, bool) or not isinstance(self.id_length, int):
            raise ParamError("id_length", "must be an integer")
        if not 4 <= self.id_length <= 32:
            raise ParamError("id_length", "must be between 4 and 32")

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        label = span.label
        if self.keyed:
            sub = ctx.require_key(self.name).derive("index")
            norm = normalize(label, span.text, span.attrs)
            index = keyed_digest(sub, label, norm).hex()[: self.id_length]
            return self.template.format(label=label, index=index)
        identity = span.attrs.get("entity") or normalize(label, span.text, span.attrs)
        state = ctx.state.get("indexed_tag")
        if state is None:
            state = ctx.state["indexed_tag"] = {}
        per_label = state.get(label)
        if per_label is None:
            per_label = state[label] = {}
        index = per_label.get(identity)
        if index is None:
            index = per_label[identity] = len(per_label) + 1
        return self.template.format(label=label, index=index)
