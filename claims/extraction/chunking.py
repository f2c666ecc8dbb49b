"""Split long texts into pieces spaCy can parse, at paragraph or sentence boundaries.

spaCy refuses texts over `nlp.max_length` (1,000,000 characters) and its parser's memory grows
with the length of a Doc, so long articles are parsed in pieces and the offsets put back.
"""

import re

# Small enough to keep memory modest (a batch of pieces is parsed at once), large enough that
# ordinary articles (a few thousand words) are never split.
CHUNK_CHARS = 20_000

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def _cut_point(text: str, start: int, limit: int) -> int:
    """The end of the last paragraph, else sentence, else word, that fits in `limit`."""
    hard = start + limit
    if hard >= len(text):
        return len(text)
    window = text[start:hard]
    for pattern in (_PARAGRAPH, _SENTENCE_END):
        ends = [m.end() for m in pattern.finditer(window)]
        if ends and ends[-1] > limit // 4:
            return start + ends[-1]
    space = window.rfind(" ")
    return start + space + 1 if space > limit // 4 else hard


def split_for_nlp(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text` exactly, each piece at most `limit` characters."""
    if len(text) <= limit:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = _cut_point(text, start, limit)
        pieces.append((start, text[start:end]))
        start = end
    return pieces
