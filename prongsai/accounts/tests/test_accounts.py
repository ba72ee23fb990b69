"""Login lands on "my organizations", password change in Thai, lock-out after repeated failures."""

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache

from prongsai.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db
PASSWORD = "pw-secret-123"  # UserFactory's


@pytest.fixture(autouse=True)
def _fresh_axes(settings):
    settings.AXES_FAILURE_LIMIT = 5
    cache.clear()
    yield
    cache.clear()


def login(client, username, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password, **extra})


def test_login_with_one_organization_goes_straight_to_its_staff_pages(cast, client):
    response = login(client, "alice")
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert client.get("/accounts/")["Location"] == "/alpha/staff/"


def test_login_with_several_organizations_lists_them(cast, client):
    MembershipFactory(organization=cast.org_b, user=cast.alice, role="viewer")
    login(client, "alice")
    page = client.get("/accounts/").content.decode()
    assert page.count("เข้าสู่งานของเจ้าหน้าที่") == 2
    assert "/alpha/staff/" in page and "/beta/staff/" in page
    assert "อบต.อัลฟา" in page and "อบต.เบตา" in page


def test_my_organizations_leaves_out_inactive_memberships_and_needs_login(cast, client, client_for):
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/")
    m = MembershipFactory(organization=cast.org_b, user=cast.alice, role="viewer")
    m.is_active = False
    m.save()
    assert client_for(cast.alice).get("/accounts/")["Location"] == "/alpha/staff/"


def test_next_still_wins_after_login(cast, client):
    response = login(client, "alice", next="/alpha/staff/plans/")
    assert response["Location"] == "/alpha/staff/plans/"


def test_a_person_with_no_organization_is_told_whom_to_ask(cast, client):
    from prongsai.testing.factories import UserFactory

    UserFactory(username="loner")
    login(client, "loner")
    assert "ยังไม่ได้เป็นสมาชิกของหน่วยงานใด" in client.get("/accounts/").content.decode()


def test_password_change_in_thai(cast, client_for):
    c = client_for(cast.alice)
    page = c.get("/accounts/password/").content.decode()
    assert "รหัสผ่านปัจจุบัน" in page and "ยืนยันรหัสผ่านใหม่" in page
    bad = c.post("/accounts/password/", {"old_password": "wrong", "new_password1": "12345678",
                                         "new_password2": "12345679"}).content.decode()
    assert "“รหัสผ่านปัจจุบัน” ไม่ถูกต้อง" in bad and "ไม่ตรงกับ" in bad
    weak = c.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "12345678",
                                          "new_password2": "12345678"}).content.decode()
    assert "ตัวเลขล้วน" in weak and "ใช้กันทั่วไป" in weak
    short = c.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "k9#x",
                                           "new_password2": "k9#x"}).content.decode()
    assert "สั้นเกินไป" in short
    cast.alice.refresh_from_db()
    assert cast.alice.check_password(PASSWORD)
    ok = c.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "ทุ่งนา-เขียว-2566",
                                        "new_password2": "ทุ่งนา-เขียว-2566"})
    assert ok.status_code == 302 and ok["Location"] == "/accounts/password/done/"
    cast.alice.refresh_from_db()
    assert cast.alice.check_password("ทุ่งนา-เขียว-2566")
    assert c.get("/alpha/staff/").status_code == 200  # still signed in on this device


def test_lock_out_after_five_failed_logins_with_a_thai_message(cast, client):
    for _ in range(4):
        response = login(client, "alice", "wrong")
        assert response.status_code == 200 and "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    locked = login(client, "alice", "wrong")
    assert locked.status_code == 429
    assert "บัญชีถูกระงับชั่วคราว" in locked.content.decode() and "๑๕ นาที" in locked.content.decode()
    # Even the right password is refused while locked.
    again = login(client, "alice")
    assert again.status_code == 429 and "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="alice").exists()
    # Another account from the same address is not locked (lock-out is per username and address).
    assert login(client, "bob").status_code == 302


def test_a_successful_login_resets_the_failure_count(cast, client):
    for _ in range(4):
        login(client, "alice", "wrong")
    assert login(client, "alice").status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert login(client, "alice", "wrong").status_code == 200
