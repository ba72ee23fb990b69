import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.measures import services as measures
from prongsai.measures.models import Evidence, Issue
from prongsai.tenancy.models import Membership
from prongsai.training.models import Attendance, Course, HRAnnouncement, Meeting, PropertyRule
from prongsai.training.selectors import hr_warnings, training_coverage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def course(cast):
    return Course.objects.create(organization=cast.org_a, title="จริยธรรม", start_date=dt.date(2023, 1, 10), hours=3)


@pytest.fixture
def plan_a(cast):
    plan = measures.plan_create(organization=cast.org_a, fiscal_year=2566, acting_user=cast.alice)
    measures.issue_save(issue=Issue(organization=cast.org_a, plan=plan), acting_user=cast.alice, instrument="IIT",
                        title="การใช้อำนาจ", due_date=dt.date(2023, 3, 31), departments=[cast.office_a],
                        methods=["ประกาศหลักเกณฑ์"], follow_up=["รายงานผล"])
    return plan


def test_an_outsider_gets_404_on_every_register_page(client_for, cast, course):
    client = client_for(cast.olivia)
    for url in ["/alpha/staff/registers/", "/alpha/staff/registers/courses/", f"/alpha/staff/registers/courses/{course.pk}/",
                f"/alpha/staff/registers/courses/{course.pk}/edit/", "/alpha/staff/registers/hr/new/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/alpha/staff/registers/courses/{course.pk}/attendance/", {"members": []}).status_code == 404
    # and through their own organization's URL the object does not exist either
    assert client_for(cast.olivia).get(f"/beta/staff/registers/courses/{course.pk}/").status_code == 404


def test_viewers_and_department_staff_read_but_cannot_write(client_for, cast, course):
    for user in (cast.victor, cast.bob):
        client = client_for(user)
        assert client.get(f"/alpha/staff/registers/courses/{course.pk}/").status_code == 200
        assert client.get("/alpha/staff/registers/courses/new/").status_code == 403
        assert client.post(f"/alpha/staff/registers/courses/{course.pk}/attendance/", {"members": []}).status_code == 403


def test_attendance_cannot_be_recorded_for_a_person_of_another_organization(client_for, cast, course):
    olivia_membership = Membership.objects.get(user=cast.olivia)
    alice_membership = Membership.objects.get(user=cast.alice)
    client = client_for(cast.alice)
    client.post(f"/alpha/staff/registers/courses/{course.pk}/attendance/", {"members": [olivia_membership.pk]})
    assert not Attendance.objects.exists()
    client.post(f"/alpha/staff/registers/courses/{course.pk}/attendance/", {"members": [alice_membership.pk]})
    assert list(Attendance.objects.values_list("membership_id", flat=True)) == [alice_membership.pk]


def test_everyone_trained_lists_who_is_missing_per_department(cast, course):
    alice = Membership.objects.get(user=cast.alice)
    Attendance.objects.create(organization=cast.org_a, course=course, membership=alice)
    rows = {r["name"]: r for r in training_coverage(organization=cast.org_a, fiscal_year=2566)}
    assert [m.user.username for m in rows["สำนักปลัด"]["trained"]] == ["alice"]
    assert {m.user.username for m in rows["สำนักปลัด"]["missing"]} == {"carol", "admin_a"}
    assert [m.user.username for m in rows["กองคลัง"]["missing"]] == ["bob"]
    assert not training_coverage(organization=cast.org_a, fiscal_year=2567)[0]["trained"]


def test_a_certificate_whose_content_is_not_what_its_name_says_is_refused(client_for, cast, course):
    attendance = Attendance.objects.create(organization=cast.org_a, course=course, membership=Membership.objects.get(user=cast.alice))
    client = client_for(cast.alice)
    fake = SimpleUploadedFile("cert.pdf", b"MZ this is not a pdf", content_type="application/pdf")
    response = client.post(f"/alpha/staff/registers/courses/{course.pk}/certificate/",
                           {"attendance": attendance.pk, "certificate": fake}, follow=True)
    assert "ไม่ใช่ PDF" in response.content.decode()
    attendance.refresh_from_db()
    assert not attendance.certificate
    good = SimpleUploadedFile("cert.pdf", PDF, content_type="application/pdf")
    client.post(f"/alpha/staff/registers/courses/{course.pk}/certificate/", {"attendance": attendance.pk, "certificate": good})
    attendance.refresh_from_db()
    assert attendance.certificate.name.startswith(f"org/{cast.org_a.pk}/certificates/")


def test_a_course_form_with_bad_input_shows_thai_errors_and_stores_nothing(client_for, cast):
    response = client_for(cast.alice).post("/alpha/staff/registers/courses/new/", {
        "title": "<script>alert(1)</script>\x00", "kind": "internal", "start_date": "2023-13-45", "hours": "0"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "กรุณาแก้ไขข้อมูลต่อไปนี้" in body and "<script>alert(1)</script>" not in body
    assert not Course.objects.exists()


def test_a_meeting_links_only_this_organizations_people_and_issues(client_for, cast, plan_a):
    issue = Issue.objects.get(organization=cast.org_a)
    client = client_for(cast.alice)
    response = client.post("/alpha/staff/registers/meetings/new/", {
        "kind": "briefing", "title": "ประชุมประจำเดือน", "date": "2023-01-10",
        "attendees": [Membership.objects.get(user=cast.olivia).pk], "issues": [issue.pk]})
    assert response.status_code == 400 and not Meeting.objects.exists()
    response = client.post("/alpha/staff/registers/meetings/new/", {
        "kind": "briefing", "title": "ประชุมประจำเดือน", "date": "2023-01-10",
        "attendees": [Membership.objects.get(user=cast.bob).pk], "issues": [issue.pk]})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert list(meeting.issues.all()) == [issue]


def test_a_record_becomes_evidence_of_a_measures_issue_in_one_step(client_for, cast, course, plan_a):
    result = plan_a.rounds.get(number=1).results.get()
    response = client_for(cast.alice).post(f"/alpha/staff/registers/courses/{course.pk}/evidence/", {"result": result.pk},
                                          HTTP_HOST="prongsai.example.org")
    assert response.status_code == 302
    evidence = Evidence.objects.get(round_result=result)
    assert evidence.url.endswith(f"/alpha/staff/registers/courses/{course.pk}/") and "จริยธรรม" in evidence.title


def test_a_round_that_starts_before_its_announcement_is_published_is_warned(cast):
    common = dict(organization=cast.org_a, body="-", round_start=dt.date(2023, 4, 1), round_end=dt.date(2023, 9, 30))
    on_time = HRAnnouncement.objects.create(kind="performance", title="ทันเวลา", published_on=dt.date(2023, 3, 20), **common)
    late = HRAnnouncement.objects.create(kind="salary_step", title="ช้า", published_on=dt.date(2023, 4, 10), **common)
    missing = HRAnnouncement.objects.create(kind="contract", title="ไม่ประกาศ", **common)
    assert set(hr_warnings(organization=cast.org_a, today=dt.date(2023, 4, 2))) == {late, missing}
    assert on_time.published_in_time
    assert hr_warnings(organization=cast.org_a, today=dt.date(2023, 3, 31)) == []


def test_public_pages_show_only_this_organizations_published_records(client, cast):
    common = dict(body="รายละเอียด", round_start=dt.date(2023, 4, 1), round_end=dt.date(2023, 9, 30), kind="performance")
    HRAnnouncement.objects.create(organization=cast.org_a, title="ประกาศของอัลฟา", published_on=dt.date(2023, 3, 1), **common)
    HRAnnouncement.objects.create(organization=cast.org_b, title="ประกาศของเบตา", published_on=dt.date(2023, 3, 1), **common)
    HRAnnouncement.objects.create(organization=cast.org_a, title="ร่างที่ยังไม่ประกาศ", **common)
    PropertyRule.objects.create(organization=cast.org_a, title="ระเบียบยืมพัสดุ", body="-", published=True,
                                responsible=Membership.objects.get(user=cast.bob))
    hr = client.get("/alpha/hr-announcements/").content.decode()
    assert "ประกาศของอัลฟา" in hr and "ประกาศของเบตา" not in hr and "ร่างที่ยังไม่ประกาศ" not in hr
    assert "ระเบียบยืมพัสดุ" in client.get("/alpha/property-rules/").content.decode()
    assert "ระเบียบยืมพัสดุ" not in client.get("/beta/property-rules/").content.decode()
