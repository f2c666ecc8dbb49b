from claims.extraction.chunking import split_for_nlp


def test_short_text_is_one_piece():
    assert split_for_nlp("Some 13,000 refugees.", limit=100) == [(0, "Some 13,000 refugees.")]


def test_pieces_cover_the_text_exactly_and_respect_the_limit():
    text = ("Some 13,000 refugees gathered at the border. " * 7 + "\n\n") * 30
    pieces = split_for_nlp(text, limit=500)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 500 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    # Cuts fall after a paragraph or a sentence, never inside a figure.
    assert all(p.endswith(("\n\n", ". ")) for _, p in pieces[:-1])


def test_text_without_breaks_is_cut_at_spaces():
    text = "word " * 1000
    pieces = split_for_nlp(text, limit=333)
    assert "".join(p for _, p in pieces) == text
    assert all(p.endswith(" ") for _, p in pieces[:-1])


def test_long_texts_are_extracted_in_pieces_with_whole_text_offsets(monkeypatch):
    from claims.extraction import chunking, extract, extract_many

    paragraph = (
        "Some 13,000 refugees have congregated on the border, the IOM said. "
        "Turkey already hosts more than 3.6 million Syrian refugees.\n\n"
    )
    text = paragraph * 40
    whole = extract(text)
    monkeypatch.setattr(chunking, "CHUNK_CHARS", 700)
    assert len(chunking.split_for_nlp(text, chunking.CHUNK_CHARS)) > 5
    pieces = extract(text)
    assert [(c.start, c.end, c.surface, c.value) for c in pieces] == [
        (c.start, c.end, c.surface, c.value) for c in whole
    ]
    assert len(pieces) == 80
    assert all(text[c.start : c.end] == c.surface for c in pieces)
    [batched] = extract_many([(text, None)])
    assert [(c.start, c.surface) for c in batched] == [(c.start, c.surface) for c in pieces]
