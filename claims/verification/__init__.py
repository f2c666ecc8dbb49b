"""Pure verification checks: plain values in, frozen dataclasses out. No Django imports."""

from .consistency import ConsistencyCheck, PeerClaim, compare_with_peers, fingerprint
from .context import FigureContext, figure_context
from .facts import ClaimFacts, ReferenceFacts
from .reference import (
    SCALE_GAP_LIMIT,
    Comparison,
    RankedReference,
    ReferenceCheck,
    border_key,
    claim_place,
    compare,
    counted_compatible,
    origin_from_counted,
    place_key,
    scale_factor,
    select_references,
    suggest_verdict,
    verify_against_references,
)
from .source_text import SourceMatch, figure_forms, find_figure

__all__ = [
    "SCALE_GAP_LIMIT",
    "ClaimFacts",
    "Comparison",
    "ConsistencyCheck",
    "PeerClaim",
    "RankedReference",
    "ReferenceCheck",
    "FigureContext",
    "ReferenceFacts",
    "SourceMatch",
    "border_key",
    "claim_place",
    "compare",
    "compare_with_peers",
    "counted_compatible",
    "figure_context",
    "figure_forms",
    "find_figure",
    "fingerprint",
    "origin_from_counted",
    "place_key",
    "scale_factor",
    "select_references",
    "suggest_verdict",
    "verify_against_references",
]
