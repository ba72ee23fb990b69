"""Lending's OIT links: the published procedure (service manual) and borrowing online (E-Service)."""

import pytest

from prongsai.ita.models import Framework
from prongsai.lending import services
from prongsai.lending.oit import oit_links

pytestmark = pytest.mark.django_db


def codes(org, year):
    return {link["item_code"]: link for link in oit_links(organization=org, framework=Framework.objects.get(fiscal_year=year))}


def test_nothing_is_linked_before_the_procedure_is_published_or_an_item_is_offered(cast):
    assert codes(cast.org_a, 2566) == {}


def test_the_procedure_and_the_registry_are_linked_by_title_in_each_year(cast, tent, client):
    default = services.procedure_default(cast.org_a)
    services.procedure_save(organization=cast.org_a, acting_user=cast.admin_a, title=default.title, intro="",
                            steps=default.steps)
    for year, manual, eservice in ((2565, "O14", "O17"), (2566, "O15", "O18")):
        links = codes(cast.org_a, year)
        assert links[manual]["url"] == "/alpha/lending/procedure/" and links[manual]["published_at"] is not None
        assert links[eservice]["url"] == "/alpha/lending/" and links[eservice]["published_at"] is None
        for link in links.values():
            assert client.get(link["url"]).status_code == 200
    assert codes(cast.org_b, 2566) == {}
