"""Thai word segmentation for line breaking in DOCX.

Word processors break unspaced Thai with their own dictionaries (LibreOffice broke 3 of 224
lines inside a word in our measurements). We segment with nlpo3 over PyThaiNLP's word list,
extended with every place name of the gazetteer and every hosted organization's name (so
"กำปัง" is never split), and put a ZERO WIDTH SPACE between Thai words: the only places a
line may break. The PDF needs none: pango's libthai already breaks only between words."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from django.conf import settings

ZWSP = "\u200b"
_lock = threading.Lock()
_loaded: str | None = None
_words: set[str] = set()


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _dictionary() -> str:
    global _loaded
    with _lock:
        if _loaded:
            return _loaded
        import nlpo3
        from pythainlp.corpus import corpus_path

        from .gazetteer import place_names

        words = set(Path(os.path.join(corpus_path(), "words_th.txt")).read_text(encoding="utf-8").split())
        words |= place_names()
        try:
            from prongsai.tenancy.models import Organization

            for org in Organization.objects.all().only("base_name", "kind"):
                words.add(org.base_name)
                words.add(org.name)
        except Exception:  # noqa: BLE001 — no database yet (e.g. during a migration): the word list suffices
            pass
        folder = Path(settings.VAR_DIR) / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "words_th_reports.txt"
        path.write_text("\n".join(sorted(w for w in words if w)), encoding="utf-8")
        _words.update(words)
        nlpo3.load_dict(str(path), "reports_th")
        _loaded = "reports_th"
        return _loaded


def segment(text: str) -> list[str]:
    import nlpo3

    return nlpo3.segment(text, _dictionary())


def break_opportunities(text: str) -> str:
    """Text with ZWSP between adjacent Thai words (never inside a word, never next to a space)."""
    if not text or not any(_is_thai(ch) for ch in text):
        return text
    tokens = segment(text)
    out = [tokens[0]] if tokens else []
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        if prev and tok and _is_thai(prev[-1]) and _is_thai(tok[0]):
            out.append(ZWSP)
        out.append(tok)
    return "".join(out)


def pieces(token: str, *, longest: int = 8) -> list[str]:
    """A long compound token (กระบวนการทำงาน) as its dictionary words (กระบวนการ|ทำงาน), fewest
    pieces first, so a narrow column may still break it between words."""
    if len(token) <= longest:
        return [token]
    _dictionary()
    n = len(token)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 2, n + 1):
            word = token[i:j]
            if (word in _words) and (j - i < n) and (best[j] is None or len(best[i]) + 1 < len(best[j])):
                best[j] = [*best[i], word]
    return best[n] or [token]
