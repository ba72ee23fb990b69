"""The pre-assessment must make it impossible to link an answer to a person or a code."""

import pytest
from django.apps import apps
from django.db import models

from prongsai.preassessment import services
from prongsai.preassessment.models import MIN_GROUP, Invitation, PendingAnswer, RespondentCount, Survey, Tally
from prongsai.preassessment.selectors import survey_results
from prongsai.tenancy.models import Membership
from prongsai.testing.factories import MembershipFactory, UserFactory


def all_yes(survey, level="4"):
    return {q.code: ("yes" if q.scale == "yesno" else level) for q in survey.questions.all()}


@pytest.fixture
def iit(cast):
    survey = services.survey_create(organization=cast.org_a, acting_user=cast.alice, instrument="IIT", fiscal_year=2567)
    services.survey_set_status(survey=survey, acting_user=cast.alice, status=Survey.Status.OPEN)
    for i in range(6):
        MembershipFactory(
            organization=cast.org_a,
            user=UserFactory(username=f"staff{i}"),
            role=Membership.Role.VIEWER,
            department=cast.finance_a,
        )
    members = list(Membership.objects.filter(organization=cast.org_a))
    codes = dict(services.invitations_issue(survey=survey, acting_user=cast.alice, memberships=members))
    return survey, codes


def test_no_table_that_holds_answers_refers_to_a_person_a_code_or_a_time(db):
    answer_models = [PendingAnswer, Tally, RespondentCount]
    person_models = {apps.get_model("accounts", "User"), Membership, Invitation}
    for model in answer_models:
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is not None:
                assert field.related_model not in person_models, f"{model.__name__}.{field.name} links to a person"
            assert not isinstance(field, (models.DateTimeField, models.DateField)), (
                f"{model.__name__}.{field.name} is a time"
            )
    invitation_fields = {f.name for f in Invitation._meta.get_fields()}
    assert invitation_fields == {"id", "organization", "survey", "membership", "code_hash", "answered"}


def test_codes_are_stored_only_as_keyed_hashes(cast, iit):
    survey, codes = iit
    stored = set(Invitation.objects.filter(survey=survey).values_list("code_hash", flat=True))
    for code in codes.values():
        assert code not in stored and code.replace("-", "") not in stored
        assert services.code_hash(survey, code) in stored


def test_answers_wait_unlinked_until_a_group_of_five_then_only_counts_remain(cast, iit):
    survey, codes = iit
    codes = list(codes.values())
    for code in codes[: MIN_GROUP - 1]:
        services.answer_submit(survey=survey, answers=all_yes(survey), code=code)
    assert PendingAnswer.objects.filter(survey=survey).count() == MIN_GROUP - 1
    assert not Tally.objects.filter(survey=survey).exists()
    assert not survey_results(organization=cast.org_a, survey=survey).visible
    services.answer_submit(survey=survey, answers=all_yes(survey), code=codes[MIN_GROUP - 1])
    assert not PendingAnswer.objects.filter(survey=survey).exists()
    results = survey_results(organization=cast.org_a, survey=survey)
    assert results.visible and results.respondents == MIN_GROUP
    assert Invitation.objects.filter(survey=survey, answered=True).count() == MIN_GROUP


def test_a_code_used_twice_is_refused_and_the_first_answer_kept(cast, iit):
    survey, codes = iit
    code = next(iter(codes.values()))
    services.answer_submit(survey=survey, answers=all_yes(survey, "4"), code=code)
    with pytest.raises(services.AnswerRefused, match="ถูกใช้ตอบแบบสำรวจแล้ว"):
        services.answer_submit(survey=survey, answers=all_yes(survey, "1"), code=code)
    pending = PendingAnswer.objects.get(survey=survey)
    assert set(pending.answers.values()) <= {"4", "yes"}


def test_a_wrong_code_reveals_nothing_and_stores_nothing(cast, iit):
    survey, _codes = iit
    with pytest.raises(services.AnswerRefused, match="รหัสไม่ถูกต้องหรือหมดอายุ"):
        services.answer_submit(survey=survey, answers=all_yes(survey), code="AAAA-BBBB-CCCC")
    assert not PendingAnswer.objects.exists()


def test_incomplete_answers_are_never_half_stored(cast, iit):
    survey, codes = iit
    answers = all_yes(survey)
    answers.pop("i30")
    with pytest.raises(Exception, match="กรุณาตอบให้ครบทุกข้อ"):
        services.answer_submit(survey=survey, answers=answers, code=next(iter(codes.values())))
    assert not PendingAnswer.objects.exists()
    assert not Invitation.objects.filter(survey=survey, answered=True).exists()


def test_a_department_is_broken_out_only_with_at_least_five_people(cast, iit):
    survey, codes = iit
    for membership_code in codes.values():
        services.answer_submit(survey=survey, answers=all_yes(survey), code=membership_code)
    services.survey_set_status(survey=survey, acting_user=cast.alice, status=Survey.Status.CLOSED)
    groups = set(RespondentCount.objects.filter(survey=survey).values_list("group_key", flat=True))
    # กองคลัง has bob + 6 staff invited; สำนักปลัด has only 3 (alice, carol, admin_a): not a group.
    assert groups == {0, cast.finance_a.pk}
    results = survey_results(organization=cast.org_a, survey=survey)
    assert [name for name, _n, _s in results.groups] == ["กองคลัง"]
