"""Find what a hostile visitor can reach, without a list kept by hand: every URL pattern, every
HTML form rendered by the pages a crawler reaches (public and staff), its fields and file inputs.
Features merged later are covered as soon as their pages link to them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver

SKIP_PATHS = ("/static/", "/media/", "/admin/", "/accounts/logout", "/i18n/", "/api/v1/docs")
DANGEROUS_ACTIONS = re.compile(r"(delete|remove|logout|revoke|rotate|purge|destroy|archive|reset|withdraw|cancel|close)", re.I)


@dataclass
class Route:
    pattern: str
    name: str
    params: list[str]


def all_routes() -> list[Route]:
    """Every URL pattern as a route string with its converter names, e.g. '<slug:org_slug>/complaints/'."""
    out = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace]))
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                name = ":".join(filter(None, [namespace, p.name or ""]))
                out.append(Route(route, name, re.findall(r"<(?:\w+:)?(\w+)>", route)))

    walk(get_resolver().url_patterns, "", "")
    return out


def fill_route(route: Route, **values) -> str | None:
    """The path for a route whose parameters are all given, else None (regex routes are skipped)."""
    if route.pattern.startswith("^") or any(p not in values for p in route.params):
        return None
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route.pattern)
    return "/" + path


@dataclass
class HtmlForm:
    page: str
    action: str
    method: str
    enctype: str
    fields: list[dict] = field(default_factory=list)

    @property
    def file_fields(self):
        return [f for f in self.fields if f["type"] == "file"]

    @property
    def text_fields(self):
        return [f for f in self.fields if f["tag"] == "textarea" or (f["tag"] == "input" and f["type"] in TEXT_TYPES)]


TEXT_TYPES = {"text", "search", "email", "tel", "url", ""}


class _FormParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page, self.forms, self.links = page, [], []
        self._form, self._select, self._textarea = None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = HtmlForm(self.page, urljoin(self.page, a.get("action") or self.page),
                                  (a.get("method") or "get").lower(), a.get("enctype", ""))
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            self._form.fields.append({"tag": "input", "name": a["name"], "type": a.get("type", "text").lower(),
                                      "value": a.get("value", ""), "checked": "checked" in a,
                                      "required": "required" in a, "attrs": a})
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", "name": a["name"], "type": "textarea", "value": "", "attrs": a,
                              "required": "required" in a}
            self._form.fields.append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", "name": a["name"], "type": "select", "options": [], "value": "",
                            "multiple": "multiple" in a, "attrs": a, "required": "required" in a}
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            if "selected" in a:
                self._select["value"] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data


def parse(page: str, html: str) -> tuple[list[HtmlForm], list[str]]:
    parser = _FormParser(page)
    parser.feed(html)
    links = []
    for href in parser.links:
        url = urljoin(page, href)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return parser.forms, links


def crawl(client, start: list[str], *, prefix: str, limit: int = 300):
    """Breadth-first GET of every same-organization page reachable from `start` (paths under
    `prefix`). Yields (path, response). Skips static, media, admin and logout."""
    seen, queue, variants = set(), list(start), {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or not path.startswith(prefix) or any(s in path for s in SKIP_PATHS):
            continue
        bare = path.split("?")[0]
        if "?" in path and variants.get(bare, 0) >= 2:
            continue  # calendars and pagers: two query variants of a page are enough
        variants[bare] = variants.get(bare, 0) + 1
        seen.add(path)
        response = client.get(path)
        yield path, response
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            _, links = parse(path, response.content.decode("utf-8", "replace"))
            queue.extend(link.split("#")[0] for link in links if link.split("#")[0] not in seen)


def forms_on(path: str, response) -> list[HtmlForm]:
    if "text/html" not in response.get("Content-Type", ""):
        return []
    forms, _ = parse(path, response.content.decode("utf-8", "replace"))
    out = []
    for f in forms:
        if f.method == "post" and not DANGEROUS_ACTIONS.search(urlsplit(f.action).path):
            f.action = f.action.split("#")[0]
            out.append(f)
    return out


def unique_forms(forms: list[HtmlForm]) -> list[HtmlForm]:
    """One form per (action path, field names): the same form on a page's query variants counts once."""
    unique = {}
    for f in forms:
        unique.setdefault((urlsplit(f.action).path, tuple(sorted(x["name"] for x in f.fields))), f)
    return list(unique.values())


INVALID_RE = re.compile(r'<(?:input|textarea|select)\b[^>]*aria-invalid="true"[^>]*>')
NAME_RE = re.compile(r'\bname="([^"]+)"')
FALLBACKS = ["ทดสอบ", "0812345678", "citizen@example.com", "1", "20/12/2569", "2026-12-20", "10:00", "https://example.com/"]


def submit(client, form: HtmlForm, data: dict, *, rounds: int = 6, addresses=None, **extra):
    """POST `data`; while the answer is 400 with fields marked aria-invalid, replace those fields'
    values by the next plausible value, so that the other fields' (hostile) text gets stored.
    Returns (final response, data sent, every response)."""
    data = dict(data)
    tried: dict[str, int] = {}
    responses = []
    for _ in range(rounds):
        kw = dict(extra)
        if addresses is not None:
            kw["REMOTE_ADDR"] = next(addresses)
        response = client.post(form.action, data, **kw)
        responses.append(response)
        if response.status_code != 400 or "text/html" not in response.get("Content-Type", ""):
            break
        html = response.content.decode("utf-8", "replace")
        invalid = {m.group(1) for tag in INVALID_RE.findall(html) if (m := NAME_RE.search(tag))}
        invalid &= {f["name"] for f in form.fields if f["type"] not in ("hidden", "file")}
        if not invalid:
            break
        for name in invalid:
            n = tried.get(name, 0)
            if n >= len(FALLBACKS):
                continue
            tried[name] = n + 1
            data[name] = FALLBACKS[n]
    return responses[-1], data, responses


def form_data(form: HtmlForm, text: str = "ทดสอบ", overrides: dict | None = None, short: str = "ทดสอบ") -> dict:
    """A plausible submission: every text field `text`, typed inputs a valid value, first option."""
    data: dict = {}
    for f in form.fields:
        name, kind = f["name"], f["type"]
        if kind in ("submit", "button", "image", "reset", "file"):
            continue
        if kind == "hidden":
            data[name] = f["value"]
        elif kind in ("checkbox", "radio"):
            if kind == "radio" and name in data:
                continue
            data[name] = f["value"] or "on"
        elif kind == "select":
            options = [o for o in f["options"] if o]
            data[name] = f["value"] or (options[0] if options else "")
        elif kind == "email":
            data[name] = "citizen@example.com"
        elif kind == "tel":
            data[name] = "0812345678"
        elif kind == "number":
            data[name] = "1"
        elif kind == "date":
            data[name] = "2026-11-20"
        elif kind == "datetime-local":
            data[name] = "2026-11-20T10:00"
        elif kind == "time":
            data[name] = "10:00"
        elif kind == "url":
            data[name] = "https://example.com/"
        elif kind == "password":
            data[name] = "prongsai-demo"
        elif name in ("website",):  # honeypot stays empty
            data[name] = ""
        elif f["tag"] == "textarea" or kind in TEXT_TYPES:
            maxlength = int(f["attrs"].get("maxlength") or 0)
            data[name] = text if not maxlength or maxlength >= len(text) else short[:maxlength]
        else:
            data[name] = f["value"] or "1"
    data.update(overrides or {})
    return data
