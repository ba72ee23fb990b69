"""Demo data of lending (idempotent): a venue and equipment with responsible people and
generated photos, bookings in every state (one overdue), and the published procedure."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from django_scopes import scope
from PIL import Image, ImageDraw

from prongsai.tenancy.models import Department, Membership

from . import services
from .models import Booking, LendableItem, Procedure

ITEMS = [
    # name, kind, asset number, location, department, responsible, second approver, colour, max days, public
    ("หอประชุม อบต.กำปัง", "venue", "", "ที่ทำการ อบต.กำปัง", "สำนักปลัด", "office", "clerk", (11, 83, 148), 3, True),
    ("เต็นท์ผ้าใบ ขนาด ๔ × ๘ เมตร หลังที่ ๑", "equipment", "๔๐๐-๖๔-๐๐๐๑", "โรงเก็บพัสดุ", "กองคลัง", "finance", None,
     (56, 118, 29), 5, True),
    ("เครื่องขยายเสียงพร้อมลำโพง ชุดที่ ๑", "equipment", "๔๐๕-๖๓-๐๐๐๒", "ห้องพัสดุ กองคลัง", "กองคลัง", "finance", None,
     (180, 95, 6), 3, True),
    ("โปรเจกเตอร์ห้องประชุม", "equipment", "๔๑๖-๖๕-๐๐๐๓", "ห้องประชุมชั้น ๒", "สำนักปลัด", "office", None,
     (103, 78, 167), 2, False),
]


def _photo(colour, kind) -> bytes:
    """A simple drawn picture (no real photograph in the demo)."""
    img = Image.new("RGB", (640, 400), (235, 240, 245))
    draw = ImageDraw.Draw(img)
    if kind == "venue":
        draw.rectangle([120, 170, 520, 350], fill=colour)
        draw.polygon([(100, 175), (320, 60), (540, 175)], fill=tuple(max(c - 40, 0) for c in colour))
        for x in (170, 270, 370, 450):
            draw.rectangle([x, 230, x + 40, 290], fill=(250, 250, 250))
    else:
        draw.rounded_rectangle([160, 120, 480, 330], radius=24, fill=colour)
        draw.ellipse([260, 170, 380, 290], fill=(250, 250, 250))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _items(org, ctx) -> list[LendableItem]:
    items = []
    for name, kind, asset, location, dept, responsible, second, colour, max_days, public in ITEMS:
        item = LendableItem.objects.filter(organization=org, name=name).first()
        if item is None:
            member = lambda u: Membership.objects.get(organization=org, user=ctx.users[u]) if u else None
            item = services.item_save(item=LendableItem(organization=org), acting_user=ctx.users["admin"], data={
                "name": name, "kind": kind, "asset_number": asset, "location": location,
                "description": "ใช้ได้ทั้งงานราชการและงานของชุมชน" if public else "ใช้ภายในหน่วยงาน",
                "department": Department.objects.get(organization=org, name=dept),
                "responsible": member(responsible), "second_approver": member(second),
                "conditions": "ผู้ยืมรับผิดชอบความเสียหายที่เกิดจากการใช้งาน และส่งคืนในสภาพเรียบร้อยภายในวันครบกำหนด",
                "max_days": max_days, "public": public, "is_active": True})
            data, ext = services_photo(colour, kind)
            services.photo_add(item=item, acting_user=ctx.users["admin"], data=data, ext=ext, alt=f"ภาพประกอบ {name}")
        items.append(item)
    return items


def services_photo(colour, kind):
    from prongsai.complaints.scrub import scrub_image

    return scrub_image(_photo(colour, kind))


def _bookings(org, ctx, items) -> None:
    if Booking.objects.filter(organization=org).exists():
        return
    today = timezone.localdate()
    hall, tent, sound, projector = items
    users = ctx.users

    def book(item, start, days, name, purpose, staff=None):
        receipt = services.booking_request(item=item, requested_by=staff, key=f"demo-{item.pk}-{start}", data={
            "start_date": start, "end_date": start + dt.timedelta(days=days - 1), "borrower_name": name,
            "borrower_phone": "0812345678", "borrower_email": "", "purpose": purpose})
        return Booking.objects.get(organization=org, code=receipt["code"])

    # Requests are made for future dates; past ones are moved back afterwards (as if made then).
    overdue = book(tent, today + dt.timedelta(days=1), 3, "นายสมหมาย ใจดี", "งานบวช หมู่ที่ ๒")
    services.booking_decide(booking=overdue, acting_user=users["finance"], approve=True)
    services.booking_hand_over(booking=overdue, acting_user=users["finance"], membership=None,
                               condition="ครบ ๑ หลัง ผ้าใบไม่ขาด เสาครบ ๖ ต้น")
    Booking.objects.filter(pk=overdue.pk).update(start_date=today - dt.timedelta(days=6), end_date=today - dt.timedelta(days=4))

    returned = book(sound, today + dt.timedelta(days=1), 1, "นางสาวสุดา พากเพียร", "ประชุมประชาคมหมู่บ้าน")
    services.booking_decide(booking=returned, acting_user=users["finance"], approve=True)
    services.booking_hand_over(booking=returned, acting_user=users["finance"], membership=None, condition="ใช้งานได้ปกติ")
    services.booking_return(booking=returned, acting_user=users["finance"], membership=None,
                            condition="ใช้งานได้ปกติ ไมโครโฟนครบ ๒ ตัว", damaged=False)
    Booking.objects.filter(pk=returned.pk).update(start_date=today - dt.timedelta(days=12), end_date=today - dt.timedelta(days=12))

    approved = book(hall, today + dt.timedelta(days=7), 2, "ชมรมผู้สูงอายุตำบลกำปัง", "อบรมสุขภาพผู้สูงอายุ")
    services.booking_decide(booking=approved, acting_user=users["office"], approve=True)
    services.booking_decide(booking=approved, acting_user=users["clerk"], approve=True, note="อนุญาต งดเว้นค่าไฟฟ้า")

    waiting_second = book(hall, today + dt.timedelta(days=14), 1, "กลุ่มอาชีพสตรีหมู่ที่ ๕", "ประชุมกลุ่ม")
    services.booking_decide(booking=waiting_second, acting_user=users["office"], approve=True)

    book(tent, today + dt.timedelta(days=10), 2, "นายบุญส่ง มีทรัพย์", "งานแต่งงาน")
    rejected = book(sound, today + dt.timedelta(days=3), 2, "ร้านค้า ก.การค้า", "งานเปิดร้าน")
    services.booking_decide(booking=rejected, acting_user=users["finance"], approve=False,
                            note="ไม่ให้ยืมเพื่อกิจการเชิงพาณิชย์")
    book(projector, today + dt.timedelta(days=2), 1, users["coordinator"].display_name, "ประชุมคณะทำงาน ITA",
         staff=users["coordinator"])


def _procedure(org, ctx) -> None:
    if Procedure.objects.filter(organization=org).exists():
        return
    default = services.procedure_default(org)
    steps = default.steps[:2] + [
        {"title": "ผู้อนุมัติขั้นที่ ๒ พิจารณา (เฉพาะหอประชุม)", "who": "ปลัด อบต.", "time": "๑ วันทำการ"},
    ] + default.steps[2:]
    services.procedure_save(organization=org, acting_user=ctx.users["admin"], title=default.title, intro=default.intro,
                            steps=steps)


def load(ctx) -> None:
    org = ctx.main
    with scope(organization=org):
        items = _items(org, ctx)
        _bookings(org, ctx, items)
        _procedure(org, ctx)
