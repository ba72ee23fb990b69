"""Lending: the calendar refuses overlapping bookings, approval only by the responsible
person, hand-over and return with condition, overdue reminders, the registry and roles."""

import io
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from prongsai.core.antiabuse import issue_form_token
from prongsai.lending import services
from prongsai.lending.flowchart import flowchart_svg
from prongsai.lending.models import Booking, ItemPhoto, LendableItem

from .conftest import days, member, request_data

pytestmark = pytest.mark.django_db


def url(name, org="alpha", **kw):
    return reverse(f"lending:{name}", kwargs={"org_slug": org, **kw})


def token():
    real = time.time
    with mock.patch.object(time, "time", lambda: real() - 10):
        return issue_form_token()


def ask(client, item, start, end, **extra):
    data = {"start_date": start.isoformat(), "end_date": end.isoformat(), "borrower_name": "สมศรี มีสุข",
            "borrower_phone": "081-111-1111", "borrower_email": "", "purpose": "งานบวช", "website": "",
            "form_token": token()}
    data.update(extra)
    return client.post(url("item_detail", pk=item.pk), data)


def test_a_citizen_borrows_an_item_and_an_overlapping_request_is_refused(cast, client, tent):
    first = ask(client, tent, days(3), days(5))
    assert first.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == "pending" and booking.borrower_phone == "0811111111"
    assert client.get(first["Location"]).status_code == 200
    second = ask(client, tent, days(5), days(7), borrower_name="คนที่สอง")
    body = second.content.decode()
    assert second.status_code == 400 and "มีผู้จองแล้ว" in body
    assert Booking.objects.count() == 1
    # The days are shown as booked in the month calendar (text, not only colour).
    page = client.get(url("item_detail", pk=tent.pk) + f"?month={days(4):%Y-%m}").content.decode()
    assert "จองแล้ว" in page
    # Adjacent dates are fine.
    assert ask(client, tent, days(6), days(7), borrower_name="คนที่สาม").status_code == 302


def test_a_rejected_request_frees_its_dates(cast, client, tent):
    receipt = services.booking_request(item=tent, data=request_data(days(2), days(3)))
    booking = Booking.objects.get(code=receipt["code"])
    services.booking_decide(booking=booking, acting_user=cast.bob, approve=False, note="ไม่ว่าง")
    assert ask(client, tent, days(2), days(3)).status_code == 302


@pytest.mark.parametrize("start,end,message", [
    (5, 3, "ต้องไม่ก่อน"),
    (-2, 1, "ย้อนหลัง"),
    (1, 20, "ไม่เกิน"),
])
def test_bad_dates_are_explained_in_thai(cast, client, tent, start, end, message):
    response = ask(client, tent, days(start), days(end))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Booking.objects.exists()


def test_typed_buddhist_era_dates_and_nul_characters(cast, client, tent):
    start = days(2)
    be = f"{start.day}/{start.month}/{start.year + 543}"
    assert ask(client, tent, start, start, start_date=be, end_date=be).status_code == 302
    bad = ask(client, tent, days(9), days(9), borrower_name="ก\x00ข")
    assert bad.status_code == 400 and "NUL" in bad.content.decode()


def test_a_bot_is_acknowledged_and_nothing_is_booked(cast, client, tent):
    response = ask(client, tent, days(2), days(2), website="spam")
    assert response.status_code == 200 and not Booking.objects.exists()


def test_a_replayed_request_books_once(cast, client, tent):
    t = token()
    first = ask(client, tent, days(2), days(2), form_token=t)
    second = ask(client, tent, days(2), days(2), form_token=t)
    assert first["Location"] == second["Location"] and Booking.objects.count() == 1


def test_a_garbage_month_shows_the_current_month(cast, client, tent):
    assert client.get(url("item_detail", pk=tent.pk) + "?month=abc-99").status_code == 200
    assert client.get(url("item_detail", org="beta", pk=tent.pk)).status_code == 404


def test_only_the_responsible_person_approves_then_the_second_approver(cast, client, hall):
    receipt = services.booking_request(item=hall, data=request_data(days(2), days(2)))
    booking = Booking.objects.get(code=receipt["code"])
    client.force_login(cast.alice)  # coordinator, not responsible
    assert client.post(url("booking_decide", pk=booking.pk), {"decision": "approve"}).status_code == 403
    client.force_login(cast.carol)  # second approver cannot jump the first step
    assert client.post(url("booking_decide", pk=booking.pk), {"decision": "approve"}).status_code == 403
    client.force_login(cast.bob)
    assert client.post(url("booking_decide", pk=booking.pk), {"decision": "approve"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "pending" and booking.step == 2
    client.force_login(cast.carol)
    assert client.post(url("booking_decide", pk=booking.pk), {"decision": "approve"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "approved"
    client.force_login(cast.olivia)
    assert client.post(url("booking_decide", pk=booking.pk), {"decision": "approve"}).status_code == 404
    assert client.get(url("staff_booking", pk=booking.pk)).status_code == 404


def test_hand_over_and_return_record_the_condition(cast, tent):
    booking = Booking.objects.get(code=services.booking_request(item=tent, data=request_data(days(1), days(2)))["code"])
    services.booking_decide(booking=booking, acting_user=cast.bob, approve=True)
    with pytest.raises(PermissionDenied):
        services.booking_hand_over(booking=booking, acting_user=cast.alice, membership=member(cast.org_a, cast.alice),
                                   condition="ดี")
    services.booking_hand_over(booking=booking, acting_user=cast.bob, membership=None, condition="ผ้าใบไม่ขาด")
    services.booking_return(booking=booking, acting_user=cast.bob, membership=None, condition="ผ้าใบขาดหนึ่งจุด", damaged=True)
    booking.refresh_from_db()
    assert (booking.status, booking.condition_out, booking.condition_in, booking.damaged) == (
        "returned", "ผ้าใบไม่ขาด", "ผ้าใบขาดหนึ่งจุด", True)


def test_overdue_bookings_are_flagged_and_reminded_once_a_day_after_commit(cast, client, tent,
                                                                           django_capture_on_commit_callbacks):
    cast.bob.email = "bob@example.com"
    cast.bob.save()
    booking = Booking.objects.get(code=services.booking_request(item=tent, data=request_data(days(1), days(2)))["code"])
    services.booking_decide(booking=booking, acting_user=cast.bob, approve=True)
    services.booking_hand_over(booking=booking, acting_user=cast.bob, membership=None, condition="ดี")
    Booking.objects.filter(pk=booking.pk).update(start_date=days(-5), end_date=days(-3))
    client.force_login(cast.victor)
    assert "เลยกำหนดคืน" in client.get(url("staff_bookings") + "?view=overdue").content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("lending_reminders", stdout=io.StringIO())
    assert len(callbacks) == 1  # queued for after the commit, not sent inside the transaction
    assert len(mail.outbox) == 1 and set(mail.outbox[0].to) == {"borrower@example.com", "bob@example.com"}
    with django_capture_on_commit_callbacks(execute=True):
        call_command("lending_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_the_registry_checks_roles_and_department(cast, client, tent):
    client.force_login(cast.victor)
    assert client.get(url("item_new")).status_code == 403
    assert client.get(url("item_edit", pk=tent.pk)).status_code == 403
    client.force_login(cast.olivia)
    assert client.get(url("item_edit", pk=tent.pk)).status_code == 404
    assert client.get(url("item_edit", org="beta", pk=tent.pk)).status_code == 404
    client.force_login(cast.bob)  # กองคลัง staff: may edit กองคลัง's tent
    assert client.get(url("item_edit", pk=tent.pk)).status_code == 200
    LendableItem.objects.filter(pk=tent.pk).update(department=cast.office_a)
    assert client.get(url("item_edit", pk=tent.pk)).status_code == 403


def test_an_item_photo_is_re_encoded_without_metadata(cast, client, tent):
    from PIL import Image

    img = Image.new("RGB", (30, 20), "green")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    buf.seek(0)
    buf.name = "tent.jpg"
    client.force_login(cast.admin_a)
    assert client.post(url("photo_add", pk=tent.pk), {"image": buf, "alt": "เต็นท์สีเขียว"}).status_code == 302
    data = ItemPhoto.objects.get().image.read()
    assert data[:3] == b"\xff\xd8\xff" and b"SecretCamera" not in data
    fake = io.BytesIO(b"not an image")
    fake.name = "x.png"
    bad = client.post(url("photo_add", pk=tent.pk), {"image": fake, "alt": "x"})
    assert bad.status_code == 400 and ItemPhoto.objects.count() == 1


def test_the_responsible_person_must_belong_to_the_organization(cast, client):
    client.force_login(cast.admin_a)
    response = client.post(url("item_new"), {"name": "โต๊ะ", "kind": "equipment", "responsible": member(cast.org_b, cast.olivia).pk,
                                             "max_days": "3", "public": "on", "is_active": "on"})
    assert response.status_code == 400 and not LendableItem.objects.filter(name="โต๊ะ").exists()


def test_staff_book_for_themselves_and_see_their_queue(cast, client, tent):
    client.force_login(cast.alice)
    response = client.post(url("staff_book", pk=tent.pk), {"start_date": days(2).isoformat(), "end_date": days(2).isoformat(),
                                                          "borrower_name": "alice", "borrower_phone": "0811111111",
                                                          "purpose": "ประชุม"})
    assert response.status_code == 302
    assert Booking.objects.get().requested_by == cast.alice
    client.force_login(cast.bob)
    assert "alice" in client.get(url("staff_bookings") + "?view=mine").content.decode()


def test_the_procedure_draws_its_flowchart_from_its_steps(cast, client):
    client.force_login(cast.alice)
    steps = "1. ยื่นคำขอ | ผู้ขอยืม | ๑ วัน\nอนุมัติ <script>x</script> | หัวหน้า"
    assert client.post(url("procedure_edit"), {"title": "ขั้นตอนการยืม", "intro": "", "steps": steps}).status_code == 302
    page = client.get(url("procedure")).content.decode()
    assert "<svg" in page and "ยื่นคำขอ" in page and "<script>x</script>" not in page
    client.force_login(cast.bob)
    assert client.get(url("procedure_edit")).status_code == 403
    client.force_login(cast.olivia)
    assert client.get(url("procedure_edit")).status_code == 404
    bad = client.post(url("procedure_edit", org="beta"), {"title": "x", "intro": "", "steps": "a|b|c|d"})
    assert bad.status_code == 400


def test_the_flowchart_has_one_box_per_step_and_wraps_thai_text():
    svg = flowchart_svg([{"title": "ยื่นคำขอยืมครุภัณฑ์ทางเว็บไซต์ขององค์การบริหารส่วนตำบลหรือที่สำนักงาน"},
                         {"title": "อนุมัติ", "who": "ผู้รับผิดชอบ", "time": "๑ วัน"}], title="ขั้นตอน")
    assert svg.count("<rect") == 2 and 'role="img"' in svg and "<title" in svg
    assert svg.count("text-anchor") > 5  # the long first step wrapped over several lines


def test_public_lending_pages_open_without_an_account(cast, client, tent):
    for path in (url("item_list"), url("procedure"), url("item_detail", pk=tent.pk)):
        assert client.get(path).status_code == 200
    assert client.get(url("booking_status", code="NOPE")).status_code == 404


def test_staff_pages_need_membership(cast, client, tent):
    booking = Booking.objects.get(code=services.booking_request(item=tent, data=request_data(days(1), days(1)))["code"])
    assert client.get(url("staff_bookings")).status_code == 302
    client.force_login(cast.olivia)
    for path in (url("staff_bookings"), url("staff_items"), url("staff_booking", pk=booking.pk), url("staff_book", pk=tent.pk)):
        assert client.get(path).status_code == 404
    client.force_login(cast.victor)
    assert client.get(url("staff_book", pk=tent.pk)).status_code == 403
    assert client.post(url("booking_cancel", pk=booking.pk)).status_code == 403
