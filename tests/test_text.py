import datetime as dt

import pytest

from claims.text import TextRejected, normalise_article

LIMIT = 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("raw", "body"),
    [
        ("had &quot;opened the doors&quot;", 'had "opened the doors"'),
        ('had "opened the doors,quot; to Europe', 'had "opened the doors" to Europe'),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("13\u00a0000 people", "13 000 people"),
        ("too    many \t spaces", "too many spaces"),
        ("para one\n\n\n\n\npara two", "para one\n\npara two"),
        ("  trailing spaces   \n next line ", "trailing spaces\nnext line"),
        ("\ufeffbyte order mark", "byte order mark"),
    ],
)  # fmt: skip
def test_normalise_cleans_text(raw, body):
    assert normalise_article(raw, max_bytes=LIMIT).body == body


def test_date_header_sharing_the_first_line_becomes_the_publication_date():
    result = normalise_article(" date 2020-03-02 Turkish President Recep", max_bytes=LIMIT)
    assert result.published_on == dt.date(2020, 3, 2)
    assert result.body == "Turkish President Recep"


def test_date_header_on_its_own_line():
    result = normalise_article("date 2021-11-05\n\nBody text 12 people.", max_bytes=LIMIT)
    assert result.published_on == dt.date(2021, 11, 5)
    assert result.body == "Body text 12 people."


def test_text_without_header_has_no_date():
    result = normalise_article("An update on 2020-03-02 events.", max_bytes=LIMIT)
    assert result.published_on is None
    assert result.body == "An update on 2020-03-02 events."


def test_invalid_date_header_is_refused_with_the_date_named():
    with pytest.raises(TextRejected, match="2020-13-45 is not a valid date"):
        normalise_article("date 2020-13-45 Text", max_bytes=LIMIT)


@pytest.mark.parametrize("raw", ["", "   \n\t ", b"", "date 2020-03-02   "])
def test_empty_text_is_refused(raw):
    with pytest.raises(TextRejected, match="empty"):
        normalise_article(raw, max_bytes=LIMIT)


def test_oversized_text_is_refused_with_size_and_limit():
    with pytest.raises(TextRejected, match=r"too large \(1,001 bytes\); the limit is 1,000 bytes"):
        normalise_article("x" * 1001, max_bytes=1000)


def test_binary_input_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(TextRejected, match="binary"):
        normalise_article(png, max_bytes=LIMIT)


def test_control_characters_without_nul_are_refused_when_many():
    with pytest.raises(TextRejected, match="binary"):
        normalise_article("a\x01b\x02c\x03" * 20, max_bytes=LIMIT)


def test_non_utf8_bytes_are_refused_with_the_position():
    with pytest.raises(TextRejected, match=r"not valid UTF-8 \(byte 0xe9 at position 3\)"):
        normalise_article("caf\u00e9 au lait".encode("latin-1") * 1, max_bytes=LIMIT)


def test_utf8_bytes_are_decoded():
    assert normalise_article("Türkiye hosts".encode(), max_bytes=LIMIT).body == "Türkiye hosts"
