import pytest

from prongsai.measures.models import Issue, Plan
from prongsai.preassessment import services
from prongsai.preassessment.models import PendingAnswer, Survey


@pytest.fixture
def surveys(cast):
    iit = services.survey_create(organization=cast.org_a, acting_user=cast.alice, instrument="IIT", fiscal_year=2567)
    eit = services.survey_create(organization=cast.org_a, acting_user=cast.alice, instrument="EIT", fiscal_year=2567)
    for s in (iit, eit):
        services.survey_set_status(survey=s, acting_user=cast.alice, status=Survey.Status.OPEN)
    return iit, eit


def staff_urls(survey):
    base = f"/alpha/staff/preassessment/{survey.pk}"
    return ["/alpha/staff/preassessment/", f"{base}/", f"{base}/results/"]


def test_an_outsider_gets_404_on_every_staff_page_and_action(client_for, cast, surveys):
    iit, _ = surveys
    client = client_for(cast.olivia)
    for url in staff_urls(iit):
        assert client.get(url).status_code == 404, url
    base = f"/alpha/staff/preassessment/{iit.pk}"
    for url in [f"{base}/status/", f"{base}/codes/", f"{base}/results/add-issue/2/", "/alpha/staff/preassessment/new/"]:
        assert client.post(url, {"status": "closed", "instrument": "IIT", "fiscal_year": 2567}).status_code == 404, url
    iit.refresh_from_db()
    assert iit.status == Survey.Status.OPEN


def test_staff_of_another_organization_cannot_see_its_surveys_through_their_own(client_for, cast, surveys):
    iit, _ = surveys
    assert client_for(cast.olivia).get(f"/beta/staff/preassessment/{iit.pk}/").status_code == 404


def test_department_staff_and_viewers_get_403(client_for, cast, surveys):
    iit, _ = surveys
    for user in (cast.bob, cast.victor):
        client = client_for(user)
        assert client.get(f"/alpha/staff/preassessment/{iit.pk}/results/").status_code == 403
        assert client.post(f"/alpha/staff/preassessment/{iit.pk}/codes/").status_code == 403


def test_an_executive_reads_results_but_cannot_issue_codes(client_for, cast, surveys):
    iit, _ = surveys
    client = client_for(cast.carol)
    assert client.get(f"/alpha/staff/preassessment/{iit.pk}/results/").status_code == 200
    assert client.post(f"/alpha/staff/preassessment/{iit.pk}/codes/").status_code == 403


def test_codes_are_shown_once_on_the_slips_and_not_cached(client_for, cast, surveys):
    iit, _ = surveys
    response = client_for(cast.alice).post(f"/alpha/staff/preassessment/{iit.pk}/codes/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.content.decode().count("รหัส:") == 5  # every member of A


def test_a_respondent_answers_with_a_code_and_a_reused_code_is_refused(client, cast, surveys):
    iit, _ = surveys
    code = services.invitations_issue(survey=iit, acting_user=cast.alice, memberships=[cast.alice.memberships.get()])[
        0
    ][1]
    answers = {q.code: ("no" if q.scale == "yesno" else "3") for q in iit.questions.all()}
    ok = client.post(f"/alpha/survey/iit/{iit.pk}/", {"code": code, **answers})
    assert ok.status_code == 200 and "ขอบคุณ" in ok.content.decode()
    again = client.post(f"/alpha/survey/iit/{iit.pk}/", {"code": code, **answers})
    assert again.status_code == 400 and "ถูกใช้ตอบแบบสำรวจแล้ว" in again.content.decode()
    assert PendingAnswer.objects.count() == 1


def test_an_incomplete_form_shows_a_thai_error_summary_and_stores_nothing(client, cast, surveys):
    iit, _ = surveys
    response = client.post(f"/alpha/survey/iit/{iit.pk}/", {"code": "x"})
    assert response.status_code == 400
    assert "กรุณาแก้ไขข้อมูลต่อไปนี้" in response.content.decode()
    assert not PendingAnswer.objects.exists()


def test_an_eit_form_from_a_bot_gets_a_thank_you_and_stores_nothing(client, cast, surveys):
    _, eit = surveys
    answers = {q.code: ("no" if q.scale == "yesno" else "3") for q in eit.questions.all()}
    page = client.get(f"/alpha/survey/eit/{eit.public_token}/")
    token = page.context["form"].initial["form_token"]
    response = client.post(f"/alpha/survey/eit/{eit.public_token}/", {"form_token": token, "website": "", **answers})
    assert response.status_code == 200 and "ขอบคุณ" in response.content.decode()  # submitted instantly: a bot
    assert not PendingAnswer.objects.exists()


def test_a_survey_of_one_organization_is_not_reachable_under_another(client, cast, surveys):
    iit, eit = surveys
    assert client.get(f"/beta/survey/iit/{iit.pk}/").status_code == 404
    assert client.get(f"/beta/survey/eit/{eit.public_token}/").status_code == 404


def test_a_weak_indicator_becomes_an_issue_of_next_years_plan_in_one_click(client_for, cast, surveys):
    iit, _ = surveys
    response = client_for(cast.alice).post(f"/alpha/staff/preassessment/{iit.pk}/results/add-issue/2/")
    assert response.status_code == 302
    plan = Plan.objects.get(organization=cast.org_a, fiscal_year=2568)
    assert plan.answers_framework.fiscal_year == 2567
    issue = Issue.objects.get(plan=plan)
    assert (issue.instrument, issue.indicator.number, issue.title) == ("IIT", 2, "การใช้งบประมาณ")
