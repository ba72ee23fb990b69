"""Hostile text. Starts with '=' so that a spreadsheet would run it as a formula unless the
export neutralises it; carries HTML, an event handler and Django template syntax."""

MARK = "pxss"
TEMPLATE_RESULT = "110493"  # what {{ 48151|add:62342 }} renders to if text is ever evaluated as a template
PAYLOAD = (
    "=cmd|' /C calc'!A0 <script>alert(\"pxss\")</script> \"'><img src=x onerror=alert('pxss')> "
    "{{ 48151|add:62342 }} {% debug %}"
)
SHORT = "<b onmouseover=alert('pxss')>{{ 48151|add:62342 }}"
RAW_MARKERS = ('<script>alert("pxss")', "<img src=x onerror=alert('pxss')>", "<b onmouseover=alert('pxss')>")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def html_problems(text: str) -> list[str]:
    found = [m for m in RAW_MARKERS if m in text]
    if TEMPLATE_RESULT in text:
        found.append("template syntax evaluated")
    if "sys.modules" in text or "{'True': True" in text:
        found.append("{% debug %} evaluated")
    return found
