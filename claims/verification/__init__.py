"""Pure verification checks: plain values in, frozen dataclasses out. No Django imports."""

from .consistency import ConsistencyCheck, PeerClaim, compare_with_peers, fingerprint
from .facts import ClaimFacts, ReferenceFacts
from .reference import (
    Comparison,
    RankedReference,
    ReferenceCheck,
    compare,
    counted_compatible,
    origin_from_counted,
    place_key,
    select_references,
    suggest_verdict,
    verify_against_references,
)
from .source_text import SourceMatch, figure_forms, find_figure

__all__ = [
    "ClaimFacts",
    "Comparison",
    "ConsistencyCheck",
    "PeerClaim",
    "RankedReference",
    "ReferenceCheck",
    "ReferenceFacts",
    "SourceMatch",
    "compare",
    "compare_with_peers",
    "counted_compatible",
    "figure_forms",
    "find_figure",
    "fingerprint",
    "origin_from_counted",
    "place_key",
    "select_references",
    "suggest_verdict",
    "verify_against_references",
]
