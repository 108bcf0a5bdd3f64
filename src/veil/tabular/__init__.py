"""Veil's tabular side: k-anonymity, l-diversity and t-closeness at optimal utility.

``Generalizer`` (scikit-learn style) runs an optimal full-domain global recoding
(lattice search minimizing ARX's Loss metric) or Mondrian local recoding;
:mod:`veil.tabular.metrics` measures information loss, re-identification risk and
ML utility. pandas, polars and scikit-learn are imported only when used.

    >>> from veil.tabular import Generalizer
    >>> g = Generalizer(["age", "zip", "sex"], {"zip": "zip_hierarchy.csv"},
    ...                 k=5, l=2, sensitive="disease", suppression=0.02)
    >>> anonymized = g.fit(df).transform(df)      # doctest: +SKIP
    >>> g.levels_, g.suppressed_, g.loss_         # doctest: +SKIP

Hierarchies are ARX CSV files (``value;level1;...;*``), DataFrames or rows; columns
without one get an automatic hierarchy (intervals, dates, masking, flat).

:func:`profile` says which columns are direct identifiers, quasi-identifiers,
sensitive attributes, free text or other; :func:`anonymize_table` runs the whole
table (identifiers replaced consistently with the text side, free text through the
text engine, quasi-identifiers generalized, reports); ``veil tabular`` and
``veil.tabular.cli.run_tabular(in, out, config)`` do the same for CSV/Parquet files.
See docs/tabular.md.
"""

from veil.tabular.errors import HierarchyError, TabularConfigError, TabularInputError
from veil.tabular.generalizer import Generalizer
from veil.tabular.hierarchies import (
    Hierarchy,
    auto_hierarchy,
    date_hierarchy,
    flat_hierarchy,
    interval_hierarchy,
    load_hierarchy,
    mask_hierarchy,
    ordered_hierarchy,
)
from veil.tabular.pipeline import anonymize_table
from veil.tabular.profile import ColumnProfile, Profile, profile

__all__ = [
    "ColumnProfile",
    "Generalizer",
    "Hierarchy",
    "HierarchyError",
    "Profile",
    "TabularConfigError",
    "TabularInputError",
    "anonymize_table",
    "auto_hierarchy",
    "date_hierarchy",
    "flat_hierarchy",
    "interval_hierarchy",
    "load_hierarchy",
    "mask_hierarchy",
    "ordered_hierarchy",
    "profile",
]
