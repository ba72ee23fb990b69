"""Organization admin pages: who may enter, the profile, departments and members, audit."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from prongsai.accounts.models import User
from prongsai.audit.models import AuditEntry
from prongsai.measures import services as measures
from prongsai.tenancy.models import Department, Membership, Organization

pytestmark = pytest.mark.django_db
Role = Membership.Role

PAGES = ["staff/settings/", "staff/settings/departments/", "staff/settings/members/", "staff/settings/members/add/",
         "staff/settings/log/"]


def test_only_the_organization_admin_enters(cast, client_for, client):
    for page in PAGES:
        assert client.get(f"/alpha/{page}").status_code == 302  # anonymous → login
    for user in (cast.alice, cast.bob, cast.carol, cast.victor):
        c = client_for(user)
        for page in PAGES:
            assert c.get(f"/alpha/{page}").status_code == 403, (user, page)
    c = client_for(cast.olivia)  # coordinator of B: not a member of A
    for page in PAGES:
        assert c.get(f"/alpha/{page}").status_code == 404
    c = client_for(cast.admin_a)
    for page in PAGES:
        assert c.get(f"/alpha/{page}").status_code == 200, page
    assert c.get("/beta/staff/settings/").status_code == 404


def test_the_settings_menu_entry_is_shown_to_admins_only(cast, client_for):
    assert "/alpha/staff/settings/" in client_for(cast.admin_a).get("/alpha/staff/").content.decode()
    assert "/alpha/staff/settings/" not in client_for(cast.alice).get("/alpha/staff/").content.decode()


def profile_data(org, **extra):
    data = {name: getattr(org, name) for name in (
        "kind", "base_name", "name_en", "subdistrict", "district", "province", "address", "postcode", "phone", "fax",
        "email", "doc_prefix", "date_style")}
    data["thai_digits"] = "on" if org.thai_digits else ""
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_profile_update_is_stored_normalised_and_audited(cast, client_for):
    c = client_for(cast.admin_a)
    response = c.post("/alpha/staff/settings/", profile_data(
        cast.org_a, kind="tambon_mun", base_name="อัลฟาใหม่", doc_prefix="นม ๗๓๕๐๑/", thai_digits="",
        date_style="long", postcode="๓๐๒๒๐"))
    assert response.status_code == 302
    org = Organization.objects.get(pk=cast.org_a.pk)
    assert org.name == "เทศบาลตำบลอัลฟาใหม่" and org.short_name == "ทต.อัลฟาใหม่"
    assert org.doc_prefix == "นม ๗๓๕๐๑" and org.thai_digits is False and org.date_style == "long"
    assert org.postcode == "30220"
    entry = AuditEntry.objects.get(organization=org, action="organization.update")
    assert entry.actor == cast.admin_a
    assert entry.changes["base_name"] == ["อัลฟา", "อัลฟาใหม่"] and entry.changes["thai_digits"] == [True, False]
    log = c.get("/alpha/staff/settings/log/").content.decode()
    assert "แก้ไขข้อมูลหน่วยงาน" in log and "อัลฟา → อัลฟาใหม่" in log and "ใช้เลขไทย</strong>: ใช่ → ไม่" in log


@pytest.mark.parametrize("field,value,message", [
    ("postcode", "3022", "รหัสไปรษณีย์"),
    ("doc_prefix", "<script>", "รหัสหนังสือราชการ"),
    ("base_name", "", "กรุณากรอก"),
    ("base_name", "ก" * 151, "ยาวเกิน"),
    ("base_name", "อัล\x00ฟา", "NUL"),
    ("email", "not-an-email", "อีเมล"),
    ("date_style", "fancy", "รูปแบบวันที่"),
    ("kind", "kingdom", "ประเภท"),
])
def test_bad_profile_input_is_refused_in_thai_and_nothing_stored(cast, client_for, field, value, message):
    response = client_for(cast.admin_a).post("/alpha/staff/settings/", profile_data(cast.org_a, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    org = Organization.objects.get(pk=cast.org_a.pk)
    assert org.base_name == "อัลฟา" and org.postcode == "" and org.date_style == "medium"
    assert not AuditEntry.objects.filter(action="organization.update").exists()


def test_bedate_follows_the_organization_date_style_and_digits(cast):
    request = RequestFactory().get("/")
    template = Template("{% bedate day %}|{% bedate day 'short' %}")
    day = dt.date(2023, 3, 31)
    request.organization = cast.org_a
    assert template.render(Context({"request": request, "day": day})) == "๓๑ มี.ค. ๒๕๖๖|๓๑ มี.ค. ๖๖"
    cast.org_a.date_style, cast.org_a.thai_digits = "long", False
    assert template.render(Context({"request": request, "day": day})) == "31 มีนาคม 2566|31 มี.ค. 66"


# --- departments ---------------------------------------------------------------------------


def test_department_add_rename_reorder_and_delete(cast, client_for):
    c = client_for(cast.admin_a)
    assert c.post("/alpha/staff/settings/departments/", {"name": "กองช่าง"}).status_code == 302
    dept = Department.objects.get(organization=cast.org_a, name="กองช่าง")
    assert dept.position > Department.objects.get(pk=cast.finance_a.pk).position
    duplicate = c.post("/alpha/staff/settings/departments/", {"name": "กองช่าง"})
    assert duplicate.status_code == 400 and "มีส่วนราชการชื่อ" in duplicate.content.decode()
    assert c.post(f"/alpha/staff/settings/departments/{dept.pk}/", {"name": "กองโยธา"}).status_code == 302
    dept.refresh_from_db()
    assert dept.name == "กองโยธา"
    c.post(f"/alpha/staff/settings/departments/{dept.pk}/move/", {"direction": "up"})
    names = list(Department.objects.filter(organization=cast.org_a).order_by("position").values_list("name", flat=True))
    assert names == ["สำนักปลัด", "กองโยธา", "กองคลัง"]
    assert c.post(f"/alpha/staff/settings/departments/{dept.pk}/delete/").status_code == 302
    assert not Department.objects.filter(pk=dept.pk).exists()
    actions = set(AuditEntry.objects.filter(organization=cast.org_a).values_list("action", flat=True))
    assert {"department.create", "department.update", "department.move", "department.delete"} <= actions


def _plan_with_issue(cast, department):
    plan = measures.plan_create(organization=cast.org_a, fiscal_year=2566, acting_user=cast.alice)
    return measures.issue_save(
        issue=plan.issues.model(organization=cast.org_a, plan=plan), acting_user=cast.alice, instrument="EIT",
        title="การเผยแพร่ข้อมูล", due_date=dt.date(2023, 3, 31), departments=[department],
        methods=["ประชาสัมพันธ์"], follow_up=["รายงานผล"])


def test_a_department_responsible_for_issues_cannot_be_deleted(cast, client_for):
    spare = Department.objects.create(organization=cast.org_a, name="กองสวัสดิการสังคม", position=5)
    _plan_with_issue(cast, spare)
    c = client_for(cast.admin_a)
    response = c.post(f"/alpha/staff/settings/departments/{spare.pk}/delete/", follow=True)
    assert "ยังเป็นผู้รับผิดชอบประเด็นในแผนมาตรการอยู่ ๑ ประเด็น" in response.content.decode() or \
        "ยังเป็นผู้รับผิดชอบประเด็นในแผนมาตรการอยู่ 1 ประเด็น" in response.content.decode()
    assert Department.objects.filter(pk=spare.pk).exists()
    assert not AuditEntry.objects.filter(action="department.delete").exists()


def test_a_department_with_members_cannot_be_deleted(cast, client_for):
    response = client_for(cast.admin_a).post(f"/alpha/staff/settings/departments/{cast.finance_a.pk}/delete/",
                                             follow=True)
    assert "ยังมีสมาชิกสังกัดอยู่" in response.content.decode()
    assert Department.objects.filter(pk=cast.finance_a.pk).exists()


def test_departments_of_another_organization_are_404(cast, client_for):
    c = client_for(cast.admin_a)
    b = cast.office_b.pk
    assert c.get(f"/alpha/staff/settings/departments/{b}/").status_code == 404
    assert c.post(f"/alpha/staff/settings/departments/{b}/", {"name": "ยึด"}).status_code == 404
    assert c.post(f"/alpha/staff/settings/departments/{b}/delete/").status_code == 404
    assert Department.objects.get(pk=b).name == "สำนักปลัด"


# --- members -------------------------------------------------------------------------------


def test_add_an_existing_account_by_username_or_email_so_one_person_has_two_organizations(cast, client_for):
    c = client_for(cast.admin_a)
    response = c.post("/alpha/staff/settings/members/add/", {
        "action": "existing", "ex-identifier": "OLIVIA", "ex-role": "viewer", "ex-department": cast.office_a.pk})
    assert response.status_code == 302
    assert set(Membership.objects.filter(user=cast.olivia).values_list("organization__slug", flat=True)) == {"alpha", "beta"}
    cast.carol.email = "carol@example.org"
    cast.carol.save()
    again = c.post("/alpha/staff/settings/members/add/", {"action": "existing", "ex-identifier": "carol@example.org",
                                                          "ex-role": "viewer"})
    assert again.status_code == 400 and "เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว" in again.content.decode()
    unknown = c.post("/alpha/staff/settings/members/add/", {"action": "existing", "ex-identifier": "nobody",
                                                           "ex-role": "viewer"})
    assert unknown.status_code == 400 and "ไม่พบบัญชี" in unknown.content.decode()
    assert AuditEntry.objects.filter(organization=cast.org_a, action="membership.add").count() == 1
    # olivia now sees both organizations
    mine = client_for(cast.olivia).get("/accounts/").content.decode()
    assert "/alpha/staff/" in mine and "/beta/staff/" in mine


def test_a_new_account_gets_a_generated_password_shown_once(cast, client_for):
    c = client_for(cast.admin_a)
    response = c.post("/alpha/staff/settings/members/add/", {
        "action": "new", "new-username": "somchai.k", "new-title": "นาย", "new-first_name": "สมชาย",
        "new-last_name": "ขยัน", "new-email": "somchai@example.org", "new-role": "department_staff",
        "new-department": cast.finance_a.pk, "new-position_title": "นักวิชาการเงินและบัญชี"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    password = re.search(r'class="password-once">([^<]+)<', response.content.decode()).group(1)
    user = User.objects.get(username="somchai.k")
    assert len(password) >= 12 and user.check_password(password) and password not in user.password
    m = Membership.objects.get(user=user)
    assert (m.organization, m.role, m.department) == (cast.org_a, Role.DEPARTMENT_STAFF, cast.finance_a)
    assert {"membership.add", "user.create"} <= set(AuditEntry.objects.values_list("action", flat=True))
    assert password not in str(list(AuditEntry.objects.values_list("changes", flat=True)))
    # the members page does not show it again
    assert password not in c.get("/alpha/staff/settings/members/").content.decode()


@pytest.mark.parametrize("data,message", [
    ({"new-username": "มีไทย"}, "ชื่อผู้ใช้"),
    ({"new-username": "has space"}, "ชื่อผู้ใช้"),
    ({"new-username": "alice"}, "มีผู้ใช้แล้ว"),
    ({"new-first_name": ""}, "กรุณากรอก"),
    ({"new-email": "bad@"}, "อีเมล"),
    ({"new-role": "superuser"}, "บทบาท"),
])
def test_bad_new_account_input_is_refused(cast, client_for, data, message):
    before = User.objects.count()
    post = {"action": "new", "new-username": "newbie", "new-first_name": "ใหม่", "new-last_name": "มาก",
            "new-role": "viewer", **data}
    response = client_for(cast.admin_a).post("/alpha/staff/settings/members/add/", post)
    assert response.status_code == 400 and message in response.content.decode()
    assert User.objects.count() == before


def test_a_department_of_another_organization_posted_to_the_member_forms_is_refused(cast, client_for):
    c = client_for(cast.admin_a)
    before = (User.objects.count(), Membership.objects.count())
    for post in (
        {"action": "new", "new-username": "intruder", "new-first_name": "ก", "new-last_name": "ข",
         "new-role": "viewer", "new-department": cast.office_b.pk},
        {"action": "existing", "ex-identifier": "olivia", "ex-role": "viewer", "ex-department": cast.office_b.pk},
    ):
        response = c.post("/alpha/staff/settings/members/add/", post)
        assert response.status_code == 400 and "สังกัด" in response.content.decode()
    assert (User.objects.count(), Membership.objects.count()) == before
    bob = Membership.objects.get(user=cast.bob)
    response = c.post(f"/alpha/staff/settings/members/{bob.pk}/", {"role": "viewer", "department": cast.office_b.pk,
                                                                   "is_active": "on"})
    assert response.status_code == 400
    bob.refresh_from_db()
    assert (bob.role, bob.department) == (Role.DEPARTMENT_STAFF, cast.finance_a)
    # an organization field in the post is ignored: the organization comes from the URL
    c.post(f"/alpha/staff/settings/members/{bob.pk}/", {"role": "viewer", "department": cast.finance_a.pk,
                                                       "is_active": "on", "organization": cast.org_b.pk})
    bob.refresh_from_db()
    assert bob.organization == cast.org_a and bob.role == Role.VIEWER


def test_change_role_and_department_then_remove(cast, client_for):
    c = client_for(cast.admin_a)
    bob = Membership.objects.get(user=cast.bob)
    response = c.post(f"/alpha/staff/settings/members/{bob.pk}/", {
        "role": "executive", "department": cast.office_a.pk, "position_title": "หัวหน้าสำนักปลัด", "is_active": "on"})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.role, bob.department, bob.position_title) == (Role.EXECUTIVE, cast.office_a, "หัวหน้าสำนักปลัด")
    entry = AuditEntry.objects.get(action="membership.update")
    assert entry.changes["role"] == ["department_staff", "executive"]
    assert entry.changes["department"] == ["กองคลัง", "สำนักปลัด"]
    assert c.post(f"/alpha/staff/settings/members/{bob.pk}/remove/").status_code == 302
    assert not Membership.objects.filter(pk=bob.pk).exists()
    assert User.objects.filter(pk=cast.bob.pk).exists()  # the account stays
    assert AuditEntry.objects.filter(action="membership.remove").exists()
    assert client_for(cast.bob).get("/alpha/staff/").status_code == 404


def test_the_last_admin_can_be_neither_demoted_nor_removed(cast, client_for):
    c = client_for(cast.admin_a)
    me = Membership.objects.get(user=cast.admin_a)
    response = c.post(f"/alpha/staff/settings/members/{me.pk}/", {"role": "viewer", "is_active": "on"})
    assert response.status_code == 400 and "ผู้ดูแลระบบอย่างน้อยหนึ่งคน" in response.content.decode()
    c.post(f"/alpha/staff/settings/members/{me.pk}/remove/")
    me.refresh_from_db()
    assert me.role == Role.ADMIN


def test_members_of_another_organization_are_404(cast, client_for):
    c = client_for(cast.admin_a)
    olivia = Membership.objects.get(user=cast.olivia)
    assert c.get(f"/alpha/staff/settings/members/{olivia.pk}/").status_code == 404
    assert c.post(f"/alpha/staff/settings/members/{olivia.pk}/", {"role": "viewer"}).status_code == 404
    assert c.post(f"/alpha/staff/settings/members/{olivia.pk}/remove/").status_code == 404
    olivia.refresh_from_db()
    assert olivia.role == Role.COORDINATOR


def test_a_suspended_member_is_treated_as_an_outsider(cast, client_for):
    bob = Membership.objects.get(user=cast.bob)
    client_for(cast.admin_a).post(f"/alpha/staff/settings/members/{bob.pk}/", {
        "role": "department_staff", "department": cast.finance_a.pk})  # is_active unticked
    bob.refresh_from_db()
    assert bob.is_active is False
    assert client_for(cast.bob).get("/alpha/staff/").status_code == 404
    assert "ระงับ" in client_for(cast.admin_a).get("/alpha/staff/settings/members/").content.decode()
