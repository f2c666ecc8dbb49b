"""What the words around a claimed figure say about what it counts.

A figure can count a group at one place and time ("Some 13,000 refugees have congregated on the
border between Turkey and Greece") or a standing total ("Turkey hosts 3.6 million refugees").
The reference check must not test the first against the second. ClaimFacts carries only the
figure's `surface`, its `counted` noun phrase and, optionally, its `sentence`; this module reads
the clause of the sentence that holds the figure and reports:

- event words (`EVENT_WORDS`): the figure counts people at a border, a crossing or an event
  (gathered, congregated, blocked, stranded, crossed, waiting, border ...);
- stock words (`STOCK_WORDS`): the figure is a standing total (hosts, home to, registered,
  living in, population ...);
- a border phrase attached to the figure by a place preposition ("... refugees *on its border
  with Turkey*", "... have congregated *on the border between Turkey and Greece*"), which the
  reference check turns into a border place (reference.claim_place).

The window is the figure's clause: after the figure, up to the next comma, semicolon, colon,
bracket or sentence end (and, before a border word is reached, up to a joining word such as
"and", "which", "while"); before the figure, back to the previous such break, at most
`WINDOW_BEFORE` words. So in "Turkey, which hosts 3.6 million refugees, says 13,000 have gathered
at the border" the 3.6 million is a stock and the 13,000 an event. A border phrase must start
with a place preposition within `PREPOSITION_REACH` words of the border word, so "Turkey hosts
3.6 million refugees and has closed its border with Syria" does not put the 3.6 million on the
border. All word lists are data; extend them here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that mark a group counted at one place and time: a border, a crossing or an event.
EVENT_WORDS: tuple[str, ...] = (
    r"borders?",
    r"frontiers?",
    r"boundar(?:y|ies)",
    r"crossings?",
    r"cross(?:ed|es)?",
    r"gather(?:ed|ing)",
    r"congregat(?:ed|ing)",
    r"mass(?:ed|ing)",
    r"amass(?:ed|ing)",
    r"converg(?:ed|ing)",
    r"stranded",
    r"stuck",
    r"trapped",
    r"blocked",
    r"prevented",
    r"pushed back",
    r"turned back",
    r"turned away",
    r"intercepted",
    r"waiting",
    r"queu(?:ed|ing)",
    r"camp(?:ed|ing)",
    r"marched",
    r"arriv(?:ed|ing)",
    r"heading (?:for|to|towards?)",
)
# Words that mark a standing total (a stock of a country, a region, a population).
STOCK_WORDS: tuple[str, ...] = (
    r"hosts?",
    r"hosting",
    r"hosted",
    r"home to",
    r"(?:is|are) home",
    r"registered",
    r"liv(?:e|es|ing) in",
    r"resid(?:e|es|ing|ents?)",
    r"settled",
    r"population",
    r"inhabitants",
    r"in total",
    r"total of",
    r"shelter(?:s|ing)",
    r"under temporary protection",
)
BORDER_WORDS: tuple[str, ...] = (
    r"borders?",
    r"frontiers?",
    r"boundar(?:y|ies)",
    r"crossings?",
    r"border gates?",
)
# Prepositions that attach a border phrase to the figure ("refugees *on* its border").
PLACE_PREPOSITIONS = frozenset(
    ("at", "on", "along", "near", "to", "towards", "toward", "across", "over", "through", "by")
    + ("from", "in", "into", "outside", "inside", "beside", "alongside")
)
# Words that start another clause: a border word after them is not about the figure.
CLAUSE_WORDS = frozenset(
    ("and", "but", "while", "whereas", "which", "who", "whom", "although", "though", "because")
    + ("since", "after", "before", "when", "where", "as", "says", "said", "say")
)
WINDOW_BEFORE = 8  # words before the figure that can describe it ("has blocked", "hosts")
WINDOW_AFTER = 12  # words after the figure to reach a border phrase ("... on its border with")
PREPOSITION_REACH = 4  # "on [the closed Turkish] border": words between preposition and border

_EVENT_RE = re.compile(r"\b(?:" + "|".join(EVENT_WORDS) + r")\b")
_STOCK_RE = re.compile(r"\b(?:" + "|".join(STOCK_WORDS) + r")\b")
_BORDER_RE = re.compile(r"^(?:" + "|".join(BORDER_WORDS) + r")$")
_BREAK_RE = re.compile(r"[,;:()\[\]!?]|\.(?:\s|$)|\s[-\u2013\u2014]\s")
_SENTENCE_BREAK_RE = re.compile(r"[;:!?]|\.(?:\s|$)")


@dataclass(frozen=True)
class FigureContext:
    """The words around one figure, lower-cased: its clause, and what they mark."""

    before: str = ""
    after: str = ""
    event_words: tuple[str, ...] = ()
    stock_words: tuple[str, ...] = ()
    border_phrase: str | None = None

    @property
    def is_event(self) -> bool:
        """Event words and no stock words: a group at one place or time."""
        return bool(self.event_words) and not self.stock_words

    @property
    def is_stock(self) -> bool:
        """Stock words and no event words: a standing total."""
        return bool(self.stock_words) and not self.event_words

    @property
    def text(self) -> str:
        return f"{self.before} {self.after}".strip()


def figure_context(
    sentence: str | None, surface: str | None, counted: str | None = ""
) -> FigureContext:
    """Read the clause around `surface` in `sentence` (and the `counted` phrase).

    Without a sentence only `counted` is read ("Syrian refugees blocked at the border" is an
    event, "Syrian refugees hosted" a stock). When `surface` is not found in the sentence, the
    whole sentence is read as the clause after the figure.
    """
    counted_words = _words(counted or "")
    before_words: list[str] = []
    after_words: list[str] = []
    border: str | None = None
    if sentence and sentence.strip():
        start, end = _find(sentence, surface or "")
        if start is None:
            head, tail = "", sentence
            after_limit = len(_words(sentence))
        else:
            head, tail = sentence[:start], sentence[end:]
            after_limit = WINDOW_AFTER
        before_words = _before_clause(head)
        after_words, border = _after_clause(tail, after_limit)
        if border is None:
            border = _border_before(head)
    if border is None:
        border = _border_in(counted_words, require_preposition=False)
    text = " ".join((*before_words, *after_words, *counted_words))
    return FigureContext(
        before=" ".join(before_words),
        after=" ".join(after_words),
        event_words=tuple(dict.fromkeys(m.group(0) for m in _EVENT_RE.finditer(text))),
        stock_words=tuple(dict.fromkeys(m.group(0) for m in _STOCK_RE.finditer(text))),
        border_phrase=border,
    )


def is_border_word(word: str) -> bool:
    return bool(_BORDER_RE.match(word))


def words_of(text: str) -> list[str]:
    """Lower-case words of a text, hyphens and slashes as spaces, "'s" kept apart."""
    return _words(text)


def _words(text: str) -> list[str]:
    text = text.casefold().replace("\u2019", "'")
    text = re.sub(r"[-\u2010-\u2015/_]+", " ", text)
    text = re.sub(r"'s\b", " 's", text)
    return re.findall(r"[\w']+", text)


def _find(sentence: str, surface: str) -> tuple[int | None, int]:
    if not surface.strip():
        return None, 0
    pattern = r"\s+".join(re.escape(part) for part in surface.split())
    match = re.search(pattern, sentence, flags=re.IGNORECASE)
    if match is None:
        return None, 0
    return match.start(), match.end()


def _before_clause(head: str) -> list[str]:
    breaks = list(_BREAK_RE.finditer(head))
    clause = head[breaks[-1].end() :] if breaks else head
    words = _words(clause)[-WINDOW_BEFORE:]
    for i in range(len(words) - 1, -1, -1):
        if words[i] in CLAUSE_WORDS:
            return words[i + 1 :]
    return words


def _after_clause(tail: str, limit: int) -> tuple[list[str], str | None]:
    match = _BREAK_RE.search(tail)
    clause = _words(tail[: match.start()] if match else tail)
    for i, word in enumerate(clause):
        if i >= limit:
            return clause[:i], None
        if _BORDER_RE.match(word):
            phrase = _attached(clause, i)
            return clause, phrase
        if word in CLAUSE_WORDS:
            return clause[:i], None
    return clause, None


def _border_before(head: str) -> str | None:
    """A border phrase opening the sentence part before the figure ("At the Greek border, ...")."""
    breaks = list(_SENTENCE_BREAK_RE.finditer(head))
    part = _words(head[breaks[-1].end() :] if breaks else head)[-(WINDOW_BEFORE + 2) :]
    for i in range(len(part) - 1, -1, -1):
        if part[i] in CLAUSE_WORDS:
            part = part[i + 1 :]
            break
    return _border_in(part, require_preposition=True)


def _border_in(words: list[str], *, require_preposition: bool) -> str | None:
    for i, word in enumerate(words):
        if _BORDER_RE.match(word):
            phrase = _attached(words, i)
            if phrase is None and not require_preposition:
                phrase = " ".join(words[max(0, i - PREPOSITION_REACH) :])
            return phrase
    return None


def _attached(words: list[str], border_index: int) -> str | None:
    """The phrase from the place preposition before the border word to the clause end, if any."""
    for j in range(border_index - 1, max(-1, border_index - PREPOSITION_REACH - 2), -1):
        if words[j] in PLACE_PREPOSITIONS:
            return " ".join(words[j:])
        if words[j] in CLAUSE_WORDS:
            return None
    return None
