"""The corpus of music-sector principles for generative AI: loader, checker, page model.

Pure Python with no MkDocs import, so that the corpus outlives any site generator.
Data flow: principles/ + translations/ -> load_corpus() -> check() -> page model -> hooks.
"""

from aiprinciples.problems import Problem

__all__ = ["Problem"]
