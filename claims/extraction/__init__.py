"""Claim extraction: text in, ClaimCandidate dataclasses out. No Django imports in this package."""

from .numbers import parse_amount, parse_number
from .pipeline import ModelNotInstalled, extract, extract_many, load_nlp
from .types import CATEGORIES, QUALIFIERS, ClaimCandidate

__all__ = [
    "CATEGORIES",
    "QUALIFIERS",
    "ClaimCandidate",
    "ModelNotInstalled",
    "extract",
    "extract_many",
    "load_nlp",
    "parse_amount",
    "parse_number",
]
