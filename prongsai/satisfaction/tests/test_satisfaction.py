"""Satisfaction surveys: answering (abuse resistance, idempotency, one per request), offered after
a request is done, staff results and moderation, public yearly results, tenancy and roles."""

import pytest
from django.urls import reverse

from prongsai.eservice import services as eservices
from prongsai.eservice.models import ServiceRequest
from prongsai.eservice.tests.conftest import form_token
from prongsai.satisfaction.models import SatisfactionSurvey, SurveyResponse

pytestmark = pytest.mark.django_db


def url(name, org="alpha", app="satisfaction", **kw):
    return reverse(f"{app}:{name}", kwargs={"org_slug": org, **kw})


@pytest.fixture
def surveys(world):
    world.survey_a = SatisfactionSurvey.objects.create(organization=world.org_a, service=world.svc_a, title="ประเมิน A")
    world.survey_b = SatisfactionSurvey.objects.create(organization=world.org_b, service=world.svc_b, title="ประเมิน B")
    return world


def answer(client, survey, **extra):
    data = {"score": "5", "comment": "บริการดีมาก", "website": "", "form_token": form_token(), "request_code": ""}
    data.update(extra)
    return client.post(url("survey", pk=survey.pk), data)


def test_answer_is_stored_once_for_the_same_form_token(surveys, client):
    data = {"score": "4", "comment": "ดี", "website": "", "form_token": form_token(), "request_code": ""}
    assert client.post(url("survey", pk=surveys.survey_a.pk), data).status_code == 200
    assert client.post(url("survey", pk=surveys.survey_a.pk), data).status_code == 200
    assert SurveyResponse.objects.count() == 1
    r = SurveyResponse.objects.get()
    assert r.score == 4 and r.comment_status == "pending"


def test_bad_score_is_refused_in_thai(surveys, client):
    r = answer(client, surveys.survey_a, score="9")
    assert r.status_code == 400 and "ระดับความพึงพอใจ" in r.content.decode()
    r = answer(client, surveys.survey_a, score="")
    assert "กรุณาเลือก “ระดับความพึงพอใจ”" in r.content.decode()
    assert not SurveyResponse.objects.exists()


def test_bots_and_floods_are_turned_away(surveys, client):
    answer(client, surveys.survey_a, website="spam")
    answer(client, surveys.survey_a, form_token=form_token(age=0))
    assert not SurveyResponse.objects.exists()
    for _ in range(8):
        answer(client, surveys.survey_a, website="spam")
    assert answer(client, surveys.survey_a).status_code == 429


def test_another_organizations_survey_is_404(surveys, client, client_for):
    assert client.get(url("survey", pk=surveys.survey_b.pk)).status_code == 404
    assert client.get(url("survey", org="beta", pk=surveys.survey_b.pk)).status_code == 200
    assert client_for(surveys.alice).get(url("staff_survey", pk=surveys.survey_b.pk)).status_code == 404


def test_offered_after_done_and_one_answer_per_request(surveys, client, client_for):
    code = eservices.request_submit(organization=surveys.org_a, request_type=surveys.type_a,
                                    data={"name": "ก", "details": "ข"}, key="k")["code"]
    status_url = url("request_status", app="eservice", code=code)
    assert "ตอบแบบประเมินความพึงพอใจ" not in client.get(status_url).content.decode()
    req = ServiceRequest.objects.get(code=code)
    eservices.request_update(req=req, acting_user=surveys.alice, status="done", message="เสร็จ")
    page = client.get(status_url).content.decode()
    assert f"?r={code}" in page
    assert answer(client, surveys.survey_a, request_code=code).status_code == 200
    assert SurveyResponse.objects.get().request_id == req.pk
    r = answer(client, surveys.survey_a, request_code=code)
    assert r.status_code == 400 and "ตอบแบบสำรวจไปแล้ว" in r.content.decode()
    assert "ตอบแบบประเมินความพึงพอใจ" not in client.get(status_url).content.decode()


def test_staff_results_moderation_and_public_year(surveys, client, client_for):
    answer(client, surveys.survey_a, comment="ความเห็นดี")
    answer(client, surveys.survey_a, comment="ความเห็นหยาบ", score="1")
    good = SurveyResponse.objects.get(comment="ความเห็นดี")
    bad = SurveyResponse.objects.get(comment="ความเห็นหยาบ")
    public = client.get(url("results")).content.decode()
    assert "ความเห็นดี" not in public  # pending comments are not published
    staff = client_for(surveys.alice)
    page = staff.get(url("staff_survey", pk=surveys.survey_a.pk)).content.decode()
    assert "<svg" in page and "ความเห็นหยาบ" in page
    moderate = url("moderate", pk=surveys.survey_a.pk, response_pk=good.pk)
    assert staff.post(moderate, {"action": "approve"}).status_code == 302
    assert staff.post(url("moderate", pk=surveys.survey_a.pk, response_pk=bad.pk), {"action": "hide"}).status_code == 302
    public = client.get(url("results")).content.decode()
    assert "ความเห็นดี" in public and "ความเห็นหยาบ" not in public
    # roles: executive may read, not moderate; viewer and staff of B may not
    assert client_for(surveys.carol).post(moderate, {"action": "hide"}).status_code == 403
    assert client_for(surveys.victor).get(url("staff_survey", pk=surveys.survey_a.pk)).status_code == 403
    assert client_for(surveys.olivia).post(moderate, {"action": "hide"}).status_code == 404
    good.refresh_from_db()
    assert good.comment_status == "approved"


def test_create_survey_for_a_service_of_another_org_is_refused(surveys, client_for):
    c = client_for(surveys.alice)
    r = c.post(url("staff_surveys"), {"service": surveys.svc_b.pk})
    assert r.status_code == 400 and "“งานบริการ” ที่เลือกไม่มีในรายการ" in r.content.decode()
    r = c.post(url("staff_surveys"), {"service": surveys.svc_a.pk})
    assert r.status_code == 400 and "มีแบบสำรวจแล้ว" in r.content.decode()


def test_oit_link_to_the_yearly_report(surveys):
    from prongsai.ita.models import Framework
    from prongsai.satisfaction.oit import oit_links

    links = oit_links(organization=surveys.org_a, framework=Framework.objects.get(fiscal_year=2566))
    assert [x["url"] for x in links] == ["/alpha/satisfaction/results/2566/"]
