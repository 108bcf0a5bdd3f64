"""Finer errors of the tabular side (subclasses of Veil's exception tree).

Messages name files, lines, columns and row numbers, never cell values.
"""

from __future__ import annotations

from veil.errors import ConfigError, InputError

__all__ = ["HierarchyError", "TabularConfigError", "TabularInputError"]


class TabularConfigError(ConfigError):
    """Bad Generalizer configuration (unknown column, bad k/l/t, bad suppression limit)."""

    code = "VEIL-E013"


class HierarchyError(ConfigError):
    """A generalization hierarchy is malformed (inconsistent depth, duplicate leaf, empty)."""

    code = "VEIL-E014"


class TabularInputError(InputError):
    """The table cannot be anonymized as given (value absent from a hierarchy, mixed types)."""

    code = "VEIL-E022"
