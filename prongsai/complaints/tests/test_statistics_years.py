"""The O29 statistics page answers for every ITA framework year, even one with no reports."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_statistics_of_a_framework_year_without_reports_shows_zeros(client, cast):
    url = reverse("complaints:statistics_year", kwargs={"org_slug": cast.org_a.slug, "year": 2566})
    response = client.get(url)
    assert response.status_code == 200
    assert "2566" in response.content.decode() or "๒๕๖๖" in response.content.decode()


@pytest.mark.django_db
def test_statistics_of_a_year_without_framework_or_reports_is_404(client, cast):
    url = reverse("complaints:statistics_year", kwargs={"org_slug": cast.org_a.slug, "year": 2501})
    assert client.get(url).status_code == 404
