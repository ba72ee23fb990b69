"""Segmentation and normalisation (no database)."""

from prongsai.search.text import index_tokens, normalize, parts, query_words, to_int, words


def tokens(text):
    return index_tokens(text).split()


def test_compounds_are_indexed_with_their_parts():
    assert "จัดซื้อจัดจ้าง" in tokens("ประกาศจัดซื้อจัดจ้าง")
    assert parts("จัดซื้อ") == ("จัด", "ซื้อ")
    stream = " ".join(tokens("ประกาศจัดซื้อจัดจ้าง"))
    assert " ".join(parts("จัดซื้อ")) in stream and " ".join(parts("จัดจ้าง")) in stream
    assert "ร้องเรียน" in tokens("ช่องทางแจ้งเรื่องร้องเรียน")


def test_long_words_the_icu_list_keeps_whole_still_split():
    assert "งบประมาณ" in tokens("ปีงบประมาณ")


def test_short_words_are_not_split_into_unrelated_letters():
    assert tokens("ตาราง") == ["ตาราง"]
    assert "ตา" not in tokens("ตารางเวลา")


def test_thai_and_arabic_digits_are_the_same():
    assert tokens("ปี ๒๕๖๖") == tokens("ปี 2566")
    assert normalize("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert to_int("๒๕๖๖") == 2566 and to_int("x") is None and to_int("9" * 20) is None


def test_sara_am_from_pdf_text_layers_is_recomposed():
    assert words("ตําบล") == words("ตำบล")
    assert words("น้ํา") == words("น้ำ")


def test_hostile_queries_become_plain_words_or_nothing():
    assert query_words("!!! ... ??? ---") == []
    assert query_words("") == []
    assert [w.word for w in query_words('"a" OR b* NEAR(c) -d:e \'f')] == ["a", "or", "b", "near", "c", "d", "e", "f"]
    assert all(set(w.word) <= set("abcdefghijklmnopqrstuvwxyz0123456789") or w.word.isalnum()
               for w in query_words("'; DROP TABLE search_fts; -- _x"))
    assert len(query_words("ทดสอบ " * 1000)) == 1


def test_attachment_text_has_no_nul_characters(monkeypatch, tmp_path):
    # pypdf gives NUL for a glyph without a Unicode mapping; PostgreSQL refuses NUL in text.
    from prongsai.search import text as search_text

    monkeypatch.setattr(search_text, "_pdf_text", lambda path: "ประกาศ\x00\x00 เรื่อง")
    assert search_text.attachment_text(str(tmp_path / "a.pdf")) == "ประกาศ เรื่อง"
