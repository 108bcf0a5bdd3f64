"""Build of the optional C extension; every other setting is in pyproject.toml.

``veil.detect._scan_c`` holds the compiled candidate loops of the rule recognizers
(docs/speed.md). It is optional: without a C compiler the install goes on, and
veil.detect uses the Python reference of each loop (same results, slower).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "veil.detect._scan_c",
            sources=["src/veil/detect/_scan_c.c"],
            optional=True,
            extra_compile_args=["-O2"],
        )
    ]
)
