import time

import pytest
from django import forms

from prongsai.core import antiabuse
from prongsai.core.models import IdempotencyRecord
from prongsai.tenancy.models import Department


class ContactForm(antiabuse.GuardedFormMixin, forms.Form):
    message = forms.CharField(max_length=100)


def _filled(token, **extra):
    return ContactForm(data={"message": "สวัสดี", "form_token": token, "website": "", **extra})


def test_a_form_submitted_after_the_minimum_fill_time_is_human(monkeypatch):
    token = ContactForm().initial["form_token"]
    monkeypatch.setattr(time, "time", lambda real=time.time(): real + 10)
    form = _filled(token)
    assert form.is_valid() and not form.is_bot


def test_a_form_submitted_instantly_or_with_the_honeypot_filled_is_a_bot():
    token = ContactForm().initial["form_token"]
    instant = _filled(token)
    assert instant.is_valid() and instant.is_bot
    honeypot = _filled(token, website="http://spam.example")
    assert honeypot.is_valid() and honeypot.is_bot


def test_a_forged_form_token_is_a_bot():
    form = _filled("not-a-signed-token")
    assert form.is_valid() and form.is_bot


@pytest.mark.django_db
def test_rate_limit_counts_per_organization_and_client(cast):
    hits = [antiabuse.rate_limited(organization=cast.org_a, bucket="t", ident="1.2.3.4", limit=3, window=60) for _ in range(4)]
    assert hits == [False, False, False, True]
    assert not antiabuse.rate_limited(organization=cast.org_b, bucket="t", ident="1.2.3.4", limit=3, window=60)
    assert not antiabuse.rate_limited(organization=cast.org_a, bucket="t", ident="5.6.7.8", limit=3, window=60)


@pytest.mark.django_db
def test_the_same_idempotency_key_returns_the_same_receipt_and_creates_once(cast):
    made = []

    def create():
        dept = Department.objects.create(organization=cast.org_a, name=f"กองใหม่{len(made)}")
        made.append(dept)
        return {"id": dept.pk}

    first, created1 = antiabuse.idempotent(organization=cast.org_a, scope="dept", key="k1", create=create)
    second, created2 = antiabuse.idempotent(organization=cast.org_a, scope="dept", key="k1", create=create)
    assert first == second and created1 and not created2
    assert len(made) == 1
    assert IdempotencyRecord.objects.filter(organization=cast.org_a).count() == 1


@pytest.mark.django_db
def test_the_same_key_with_a_different_payload_is_a_conflict(cast):
    antiabuse.idempotent(organization=cast.org_a, scope="s", key="k", create=lambda: {"n": 1}, fingerprint="a")
    with pytest.raises(antiabuse.IdempotencyConflict):
        antiabuse.idempotent(organization=cast.org_a, scope="s", key="k", create=lambda: {"n": 2}, fingerprint="b")
