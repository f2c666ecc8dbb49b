"""Article text normalisation: plain functions, no Django, shared by every ingest channel."""

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass


class TextRejected(ValueError):
    """The input cannot become an article; the message says why in words a user understands."""


@dataclass(frozen=True, slots=True)
class NormalisedText:
    body: str
    published_on: dt.date | None


# Entities whose "&" was mangled into a comma by some feed: `the doors,quot; to Europe`.
_BROKEN_ENTITY = re.compile(
    r",(quot|apos|amp|lt|gt|nbsp|ndash|mdash|lsquo|rsquo|ldquo|rdquo|hellip);", re.IGNORECASE
)
_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_ALLOWED_CONTROL = {"\n", "\t"}


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise TextRejected(
            "This looks like a binary file (it contains NUL bytes), not article text."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextRejected(
            f"The text is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start}). "
            "Save it as UTF-8 and try again."
        ) from None


def _check_not_binary(text: str) -> str:
    if "\x00" in text:
        raise TextRejected(
            "This looks like a binary file (it contains NUL bytes), not article text."
        )
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROL
    )
    # A stray control character is noise; many of them mean the input is not text at all.
    if controls > max(8, len(text) // 100):
        raise TextRejected(
            f"This looks like a binary file ({controls} control characters), not article text."
        )
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in _ALLOWED_CONTROL)


def normalise_article(raw: str | bytes, *, max_bytes: int) -> NormalisedText:
    """Clean article text and read a leading `date YYYY-MM-DD` header.

    Raises TextRejected for empty, oversized, binary or non-UTF-8 input.
    """
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise TextRejected(
            f"The article is too large ({size:,} bytes); the limit is {max_bytes:,} bytes."
        )
    text = _decode(raw) if isinstance(raw, bytes) else raw.lstrip("\ufeff")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise TextRejected("The text contains invalid characters (unpaired surrogates).") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _check_not_binary(text)
    text = _BROKEN_ENTITY.sub(r"&\1;", text)
    text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip()

    published_on = None
    header = _DATE_HEADER.match(text)
    if header:
        year, month, day = (int(g) for g in header.groups())
        try:
            published_on = dt.date(year, month, day)
        except ValueError:
            raise TextRejected(
                f"The date header {header.group(1)}-{header.group(2)}-{header.group(3)} "
                "is not a valid date."
            ) from None
        text = text[header.end() :].lstrip()

    if not text:
        raise TextRejected("The article is empty: there is no text to check.")
    return NormalisedText(body=text, published_on=published_on)
