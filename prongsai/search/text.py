"""Thai text for the search index: normalisation, word segmentation and attachment text.

Index and query go through the same functions, so they always agree:
- `normalize` — NFKC, SARA AM recomposed (PDF text layers often give ํา for ำ), Thai digits as
  Arabic digits, lower case, zero-width characters removed.
- `words` — nlpo3 (newmm maximal matching) with PyThaiNLP's word list: the "coarse" words,
  compounds kept whole (จัดซื้อจัดจ้าง, ร้องเรียน).
- `parts` — the same word segmented again with the finer ICU word list PyThaiNLP ships
  (จัดซื้อจัดจ้าง → จัด ซื้อ จัด จ้าง; a long word that list keeps whole is split into the
  fewest dictionary words first: ปีงบประมาณ → ปี งบประมาณ → ปี งบ ประมาณ).
- `inner_words` — dictionary words made of consecutive parts (จัดซื้อ, จัดจ้าง).
The index stores each compound, then its parts, then its inner words. A dictionary query word
is one token (จัดซื้อ finds จัดซื้อจัดจ้าง); any other word also matches the phrase of its
parts. Only whole dictionary words at part boundaries are indexed, so a short word never
matches letters inside an unrelated word (ตา does not find ตาราง: the ICU list keeps ตาราง whole).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

logger = logging.getLogger(__name__)

# Indexed text is capped: a 300-page attachment adds little to ranking and a lot to the index.
MAX_BODY_CHARS = 200_000
MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 16
# A longer run of letters is cut (PostgreSQL refuses lexemes over 2 KB; no real word is this long).
MAX_TOKEN_CHARS = 60

_THAI_DIGITS = DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# A token: letters, marks and digits (no underscore: the index reserves it for its own lexemes).
_TOKEN = re.compile("(?:[^\\W_]|[\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])+")
_HAS_THAI = re.compile("[\u0e01-\u0e4f]")

_dict_lock = threading.Lock()
_dicts_loaded = False


def _load_dicts() -> None:
    global _dicts_loaded
    if _dicts_loaded:
        return
    with _dict_lock:
        if _dicts_loaded:
            return
        import nlpo3
        from pythainlp.corpus import corpus_path

        nlpo3.load_dict(os.path.join(corpus_path(), "words_th.txt"), "prongsai_words")
        nlpo3.load_dict(os.path.join(corpus_path(), "icubrk_th.txt"), "prongsai_parts")
        _dicts_loaded = True


def _segment(text: str, dict_name: str) -> list[str]:
    import nlpo3

    _load_dicts()
    return nlpo3.segment(text, dict_name, safe=True, parallel=False)


def display_text(text: str) -> str:
    """Text as stored for snippets: NFC, SARA AM recomposed, zero-width characters removed,
    whitespace collapsed. Thai digits are kept as written."""
    text = unicodedata.normalize("NFC", text or "")
    text = _SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    text = _ZERO_WIDTH.sub("", text)
    return " ".join(text.split())


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = _SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    text = _ZERO_WIDTH.sub("", text)
    return text.translate(_THAI_DIGITS).lower()


def fold_char(ch: str) -> str:
    """One character → one character, for finding matches in display text (snippets)."""
    low = ch.translate(_THAI_DIGITS).lower()
    return low if len(low) == 1 else ch


def words(text: str) -> list[str]:
    """Coarse words of normalised text (punctuation and spaces dropped)."""
    out: list[str] = []
    for chunk in _TOKEN.findall(normalize(text)):
        if _HAS_THAI.search(chunk):
            out.extend(t[:MAX_TOKEN_CHARS] for piece in _segment(chunk, "prongsai_words") for t in _TOKEN.findall(piece))
        else:
            out.append(chunk[:MAX_TOKEN_CHARS])
    return out


@lru_cache(maxsize=1)
def _word_set() -> frozenset[str]:
    from pythainlp.corpus import corpus_path

    with open(os.path.join(corpus_path(), "words_th.txt"), encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


def _min_split(word: str) -> tuple[str, ...]:
    """Fewest dictionary words (none the word itself, each of 2+ letters) that make up a long
    word the ICU list keeps whole (ปีงบประมาณ → ปี งบประมาณ); (word,) when there is none.
    Short words are left alone: ตาราง must not become ตา + ราง."""
    if len(word) < 7:
        return (word,)
    from pythainlp.tokenize.tcc import tcc_pos

    vocab = _word_set()
    bounds = sorted(tcc_pos(word) | {0, len(word)})
    best: dict[int, tuple[str, ...] | None] = {0: ()}
    for i in bounds[1:]:
        choice = None
        for j in bounds:
            if j >= i:
                break
            piece = word[j:i]
            prev = best.get(j)
            if prev is None or len(piece) < 2 or (j == 0 and i == len(word)) or piece not in vocab:
                continue
            if choice is None or len(prev) + 1 < len(choice):
                choice = prev + (piece,)
        best[i] = choice
    found = best.get(len(word))
    return found if found and len(found) > 1 else (word,)


def _icu(word: str) -> tuple[str, ...]:
    return tuple(t for piece in _segment(word, "prongsai_parts") for t in _TOKEN.findall(piece)) or (word,)


@lru_cache(maxsize=50_000)
def splits(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(first split, finest parts) of a coarse word: ICU segmentation, or for a long word the
    ICU list keeps whole, its fewest-dictionary-words split; finest = each piece split by ICU."""
    if len(word) < 4 or not _HAS_THAI.search(word):
        return (word,), (word,)
    first = _icu(word)
    if len(first) == 1:
        first = _min_split(word)
    finest = tuple(t for piece in first for t in (_icu(piece) if len(first) > 1 else (piece,)))
    return first, finest


def parts(word: str) -> tuple[str, ...]:
    """The finest parts of one coarse word; (word,) when it has none."""
    return splits(word)[1]


@lru_cache(maxsize=50_000)
def inner_words(word: str) -> tuple[str, ...]:
    """Dictionary words made of two or more consecutive parts of a compound, other than the
    compound itself: จัดซื้อจัดจ้าง (จัด ซื้อ จัด จ้าง) → จัดซื้อ, จัดจ้าง. Indexed as tokens,
    so a query for จัดซื้อ is one token lookup, not a phrase query."""
    pieces = parts(word)
    if len(pieces) < 3:
        return ()
    vocab = _word_set()
    found = []
    for i in range(len(pieces)):
        for j in range(i + 2, len(pieces) + 1):
            candidate = "".join(pieces[i:j])
            if candidate != word and candidate in vocab and candidate not in found:
                found.append(candidate)
    return tuple(found)


def in_vocabulary(word: str) -> bool:
    return word in _word_set()


def index_tokens(text: str) -> str:
    """The token string stored in the index: every word, each compound followed by its parts."""
    out: list[str] = []
    for word in words(text[:MAX_BODY_CHARS]):
        out.append(word)
        finest = parts(word)
        if len(finest) > 1:
            out.extend(finest)
            out.extend(inner_words(word))
    return " ".join(out)


@dataclass(frozen=True)
class QueryWord:
    word: str
    parts: tuple[str, ...]

    @property
    def alternatives(self) -> list[tuple[str, ...]]:
        """Phrases that count as a match: the word itself, or — for a word not in the dictionary,
        which the index cannot hold as an inner word of a compound — its parts in a row."""
        alts = [(self.word,)]
        if len(self.parts) > 1 and not in_vocabulary(self.word):
            alts.append(self.parts)
        return alts


def query_words(q: str) -> list[QueryWord]:
    """The words of a query (any input: long, punctuation only, SQL or FTS syntax → plain words)."""
    seen: set[str] = set()
    out: list[QueryWord] = []
    for word in words((q or "")[:MAX_QUERY_CHARS]):
        if word in seen:
            continue
        seen.add(word)
        out.append(QueryWord(word, parts(word)))
        if len(out) >= MAX_QUERY_WORDS:
            break
    return out


# ---- attachments ---------------------------------------------------------------------------

def attachment_text(path: str) -> str:
    """Text of a PDF or DOCX file ("" for other types or unreadable files; never raises)."""
    try:
        lower = str(path).lower()
        if lower.endswith(".pdf"):
            # A glyph with no Unicode mapping comes out as NUL, which PostgreSQL's text refuses.
            return _pdf_text(path).replace("\x00", "")
        if lower.endswith(".docx"):
            return _docx_text(path).replace("\x00", "")
    except Exception:  # a broken upload must not stop indexing the rest
        logger.warning("search: cannot read attachment %s", path, exc_info=True)
    return ""


def _pdf_text(path: str) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    chunks, size = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        chunks.append(text)
        size += len(text)
        if size > MAX_BODY_CHARS:
            break
    return "\n".join(chunks)


def _docx_text(path: str) -> str:
    import docx

    document = docx.Document(path)
    chunks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            chunks.extend(cell.text for cell in row.cells)
    return "\n".join(chunks)


def to_int(value, *, lo: int = 1, hi: int = 100_000) -> int | None:
    """A number typed or passed in a URL (Thai digits too), or None when it is not one."""
    text = normalize(str(value or "")).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        return None
    number = int(text)
    return number if lo <= number <= hi else None
