"""The predicted ITA total on the results page: IIT and EIT self-scores and the predicted OIT
score of the readiness self-check, weighted by the framework's weights."""

from decimal import Decimal

import pytest

from prongsai.ita.models import Framework, OITItem
from prongsai.measures.models import Issue
from prongsai.oit import registry
from prongsai.oit.tests.conftest import fake_provider
from prongsai.preassessment import selectors, services
from prongsai.preassessment.models import Survey

pytestmark = pytest.mark.django_db


def answered_survey(cast, instrument, level):
    survey = services.survey_create(organization=cast.org_a, acting_user=cast.alice, instrument=instrument,
                                    fiscal_year=2566)
    services.survey_set_status(survey=survey, acting_user=cast.alice, status=Survey.Status.OPEN)
    answers = {q.code: ("yes" if q.scale == "yesno" else level) for q in survey.questions.all()}
    for _ in range(5):
        services.answer_submit(survey=survey, answers=answers)
    return survey


def test_the_total_weights_iit_eit_and_the_predicted_oit(cast, client_for, monkeypatch):
    items = list(OITItem.objects.filter(framework__fiscal_year=2566).values_list("code", flat=True))
    ready = items[:30]  # 30 of 43 items ready → 69.77
    monkeypatch.setattr(registry, "providers", lambda: (fake_provider({"alpha": [
        {"item_code": c, "title": c, "url": "/alpha/oit/2566/", "published_at": None} for c in ready]}),))
    framework = Framework.objects.get(fiscal_year=2566)
    eit = answered_survey(cast, "EIT", "4")
    total = selectors.predicted_total(organization=cast.org_a, framework=framework)
    assert [p.code for p in total.parts] == ["IIT", "EIT", "OIT"]
    assert total.parts[0].score is None and total.total is None  # no IIT self-assessment yet
    oit = total.parts[2].score
    assert oit == Decimal("69.77")
    # IIT with codes: five staff answer
    iit = services.survey_create(organization=cast.org_a, acting_user=cast.alice, instrument="IIT", fiscal_year=2566)
    services.survey_set_status(survey=iit, acting_user=cast.alice, status=Survey.Status.OPEN)
    from prongsai.tenancy.models import Membership
    from prongsai.testing.factories import MembershipFactory, UserFactory

    for i in range(5):
        MembershipFactory(organization=cast.org_a, user=UserFactory(username=f"p{i}"), role=Membership.Role.VIEWER)
    codes = services.invitations_issue(survey=iit, acting_user=cast.alice,
                                       memberships=list(Membership.objects.filter(organization=cast.org_a)))
    answers = {q.code: ("yes" if q.scale == "yesno" else "3") for q in iit.questions.all()}
    for _, code in codes[:5]:
        services.answer_submit(survey=iit, answers=answers, code=code)
    total = selectors.predicted_total(organization=cast.org_a, framework=framework)
    iit_score, eit_score = total.parts[0].score, total.parts[1].score
    assert iit_score is not None and eit_score is not None
    expected = (iit_score * 30 + eit_score * 30 + oit * 40) / 100
    assert total.total == expected.quantize(Decimal("0.01"))
    assert total.band == framework.band_for(total.total, {"IIT": iit_score, "EIT": eit_score, "OIT": oit})
    html = client_for(cast.alice).get(f"/alpha/staff/preassessment/{eit.pk}/results/").content.decode()
    assert "คะแนนรวมที่คาดการณ์" in html and "/alpha/staff/oit/2566/" in html


def test_adding_a_weak_indicator_twice_makes_one_issue(cast, client_for):
    survey = services.survey_create(organization=cast.org_a, acting_user=cast.alice, instrument="IIT", fiscal_year=2566)
    c = client_for(cast.alice)
    c.post(f"/alpha/staff/preassessment/{survey.pk}/results/add-issue/2/")
    response = c.post(f"/alpha/staff/preassessment/{survey.pk}/results/add-issue/2/", follow=True)
    assert Issue.objects.filter(plan__fiscal_year=2567, indicator__number=2).count() == 1
    assert "อยู่แล้ว" in response.content.decode()
