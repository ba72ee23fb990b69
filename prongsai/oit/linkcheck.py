"""Open this site's own links the way an assessor would: anonymously, through the full request
stack (Django's test Client — middleware, tenancy and the view itself), following redirects.
External links are not fetched (no outbound requests from a page load): they are "not checked"."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class LinkStatus:
    checked: bool
    ok: bool
    reason: str = ""


NOT_CHECKED = LinkStatus(False, True, "")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class LinkChecker:
    """check(urls) → {url: LinkStatus}. One GET per distinct path."""

    def __init__(self, *, host: str = "testserver", secure: bool = False):
        self.host = host
        self.secure = secure

    def check(self, urls) -> dict[str, LinkStatus]:
        out = {}
        client = None
        login_path = urlsplit(settings.LOGIN_URL).path if settings.LOGIN_URL.startswith("/") else "/accounts/login/"
        # The inner requests activate their own language; keep the page's.
        with translation.override(translation.get_language()):
            for url in dict.fromkeys(urls):
                if not (url.startswith("/") and not url.startswith("//")):
                    out[url] = NOT_CHECKED
                    continue
                path = _path(url)
                try:
                    resolve(urlsplit(url).path)
                except Resolver404:
                    out[url] = LinkStatus(True, False, _("ไม่มีหน้านี้ในเว็บไซต์"))
                    continue
                if client is None:
                    client = Client(raise_request_exception=False, HTTP_HOST=self.host)
                response = client.get(path, follow=True, secure=self.secure)
                # Not response.close() again: the Client closed it with close_old_connections
                # detached; a second close would send request_finished and drop the DB connection.
                final = response.request.get("PATH_INFO", "")
                if final.startswith(login_path) and not path.startswith(login_path):
                    out[url] = LinkStatus(True, False, _("ต้องเข้าสู่ระบบจึงจะเปิดได้ ผู้ประเมินเปิดไม่ได้"))
                elif response.status_code != 200:
                    out[url] = LinkStatus(True, False, _("เปิดแล้วได้รหัส %(code)s") % {"code": response.status_code})
                else:
                    out[url] = LinkStatus(True, True, "")
        return out
