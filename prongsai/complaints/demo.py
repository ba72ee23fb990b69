"""Demo data of the complaints app (idempotent): the admin is the designated complaint officer,
a published guideline, general complaints in every state, corruption reports (one anonymous,
whose receipt is printed so the follow-up page can be tried), and a participation topic with
moderated comments and a published summary. All people and events are fictional."""

from __future__ import annotations

import datetime as dt
import sys

from django.utils import timezone
from django_scopes import scope

from prongsai.tenancy.models import Department, Membership

from . import crypto, services
from .models import (
    Complaint,
    ComplaintOfficer,
    CorruptionReport,
    Guideline,
    Topic,
    TopicComment,
)

ANONYMOUS_REPORT_KEY = "demo-anonymous-report-1"

COMPLAINTS = [
    # key, category, subject, details, location, name, phone, days ago, status, department, message
    ("demo-complaint-1", "infrastructure", "ไฟฟ้าส่องสว่างดับ ถนนสายบ้านกำปัง–บ้านโนน",
     "ไฟฟ้าส่องสว่างดับติดกันสามต้น ช่วงหน้าโรงเรียน กลางคืนมืดมาก เด็กนักเรียนเดินกลับบ้านลำบาก",
     "หมู่ที่ ๓ หน้าโรงเรียนบ้านกำปัง", "สมพร ใจงาม", "0811111111", 40, "done", "กองช่าง",
     "กองช่างเปลี่ยนหลอดไฟทั้งสามต้นเรียบร้อยแล้ว ขอบคุณที่แจ้งข้อมูล"),
    ("demo-complaint-2", "environment", "ขยะตกค้างบริเวณตลาดนัดวันพุธ",
     "หลังตลาดนัดเลิกมีขยะตกค้างสองถึงสามวัน ส่งกลิ่นเหม็น", "ลานตลาดนัด หมู่ที่ ๑", "บุญมี ศรีสุข", "0822222222",
     12, "in_progress", "สำนักปลัด", "รับเรื่องแล้ว จะจัดรถเก็บขยะเพิ่มรอบวันพฤหัสบดี"),
    ("demo-complaint-3", "service", "ขอให้ขยายเวลาชำระภาษีที่ดิน",
     "ผู้สูงอายุหลายคนเดินทางมาชำระภาษีไม่ทันในเวลาราชการ", "", "ประยูร ทองดี", "0833333333", 3, "received", None, ""),
    ("demo-complaint-4", "other", "ขอติดตั้งกระจกโค้งที่ทางแยก",
     "ทางแยกหน้าวัดมองไม่เห็นรถที่มาจากอีกฝั่ง", "หมู่ที่ ๕", "มณี แก้วใส", "0844444444", 70, "rejected", "กองช่าง",
     "ทางแยกนี้เป็นทางหลวงชนบท อยู่ในความรับผิดชอบของแขวงทางหลวงชนบท หน่วยงานได้ส่งเรื่องต่อแล้ว"),
]

REPORTS = [
    # key, category, anonymous, subject, details, days ago, status, message
    (ANONYMOUS_REPORT_KEY, "bribery", True, "เรียกรับเงินเพื่อเร่งออกใบอนุญาต",
     "มีผู้อ้างว่าเป็นเจ้าหน้าที่เรียกเงิน ๒,๐๐๐ บาท เพื่อให้ได้ใบอนุญาตก่อสร้างเร็วขึ้น", 20, "investigating",
     "รับเรื่องไว้ตรวจสอบแล้ว หากท่านมีหลักฐานเพิ่มเติม เช่น ภาพข้อความสนทนา ส่งได้ทางหน้านี้"),
    ("demo-report-2", "assets", False, "นำรถยนต์ส่วนกลางไปใช้ส่วนตัวในวันหยุด",
     "พบรถยนต์ส่วนกลางจอดที่งานบุญต่างอำเภอในวันเสาร์", 95, "concluded",
     "ตรวจสอบแล้วพบว่าเป็นการใช้ตามคำสั่งไปราชการ ไม่พบการกระทำผิด"),
    ("demo-report-3", "procurement", True, "กำหนดคุณลักษณะครุภัณฑ์เอื้อผู้ขายรายเดียว",
     "ประกาศจัดซื้อเครื่องพ่นหมอกควันกำหนดยี่ห้อเฉพาะ", 5, "received", ""),
]


def _officer(org, ctx) -> None:
    membership = Membership.objects.get(organization=org, user=ctx.users["admin"])
    if not ComplaintOfficer.objects.filter(organization=org, membership=membership).exists():
        services.officer_appoint(organization=org, membership=membership, acting_user=ctx.users["admin"])


def _guideline(org, ctx) -> None:
    if Guideline.objects.filter(organization=org).exists():
        return
    default = services.guideline_default(org)
    data = {f: getattr(default, f) for f in ["title", "intro", "channels", "steps", "responsible_unit", "contact",
                                             "acknowledge_days", "conclude_days", "protection"]}
    data["is_published"] = True
    services.guideline_save(organization=org, acting_user=ctx.users["admin"], data=data)


def _complaints(org, ctx) -> None:
    now = timezone.now()
    for key, category, subject, details, location, name, phone, days, status, dept, message in COMPLAINTS:
        receipt = services.complaint_submit(organization=org, key=key, data={
            "category": category, "subject": subject, "details": details, "location": location, "name": name,
            "phone": phone, "email": "", "attachment": None})
        if not receipt["created"]:
            continue
        complaint = Complaint.objects.get(organization=org, code=receipt["code"])
        Complaint.objects.filter(pk=complaint.pk).update(received_at=now - dt.timedelta(days=days))
        complaint.updates.update(created_at=now - dt.timedelta(days=days))
        complaint.refresh_from_db()
        department = Department.objects.filter(organization=org, name=dept).first() if dept else None
        if status != "received":
            services.complaint_update(complaint=complaint, acting_user=ctx.users["coordinator"], status=status,
                                      department=department, message=message)


def _reports(org, ctx) -> None:
    today = timezone.localdate()
    for key, category, anonymous, subject, details, days, status, message in REPORTS:
        data = {"category": category, "subject": subject, "details": details, "accused": "", "place": "อบต.กำปัง",
                "when": "", "anonymous": anonymous, "evidence": None,
                "name": "" if anonymous else "สมชาย รักษ์ธรรม", "phone": "" if anonymous else "0899999999",
                "email": "", "address": ""}
        receipt = services.report_submit(organization=org, key=key, data=data)
        if key == ANONYMOUS_REPORT_KEY:
            sys.stdout.write(
                f"  Demo anonymous corruption report: code {crypto.format_group(receipt['code'])}"
                f"  secret {crypto.format_group(receipt['secret'])}\n"
            )
        if not receipt["created"]:
            continue
        report = CorruptionReport.objects.get(organization=org, code=receipt["code"])
        CorruptionReport.objects.filter(pk=report.pk).update(received_on=today - dt.timedelta(days=days))
        report.refresh_from_db()
        if status != "received":
            services.report_update(report=report, acting_user=ctx.users["admin"], status=status, message=message,
                                   note="มอบหมายนิติกรตรวจสอบข้อเท็จจริง")


def _topic(org, ctx) -> None:
    title = "ร่างแผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖–๒๕๗๐) เพิ่มเติม ฉบับที่ ๒"
    if Topic.objects.filter(organization=org, title=title).exists():
        return
    today = timezone.localdate()
    office = Department.objects.filter(organization=org, name="สำนักปลัด").first()
    topic = services.topic_save(topic=Topic(organization=org), acting_user=ctx.users["coordinator"], data={
        "title": title, "kind": Topic.Kind.PLAN, "department": office, "is_published": True,
        "description": "อบต.กำปังเปิดรับฟังความคิดเห็นต่อร่างแผนพัฒนาท้องถิ่นเพิ่มเติม ซึ่งเพิ่มโครงการก่อสร้างถนนคอนกรีต "
                       "๓ สาย และโครงการขุดลอกหนองน้ำสาธารณะ ท่านเห็นด้วยหรือมีข้อเสนอแนะอย่างไร",
        "opens_on": today - dt.timedelta(days=10), "closes_on": today + dt.timedelta(days=20)})
    for name, body, publish in [
        ("ลุงสมศักดิ์ หมู่ ๒", "เห็นด้วยกับการขุดลอกหนองน้ำ หน้าแล้งน้ำไม่พอใช้ทำการเกษตร", True),
        ("", "อยากให้ถนนสายบ้านโนนทำก่อน เพราะเป็นเส้นทางไปโรงพยาบาล", True),
        ("ผู้ใช้ทั่วไป", "ลิงก์โฆษณาเว็บพนัน", False),
        ("แม่บ้านหมู่ ๔", "ขอให้มีไฟส่องสว่างตามถนนที่จะสร้างใหม่ด้วย", None),
    ]:
        result = services.comment_submit(topic=topic, key=f"demo-comment-{body[:20]}",
                                         data={"display_name": name, "body": body})
        if publish is not None:
            comment = TopicComment.objects.get(pk=result["comment"])
            services.comment_moderate(comment=comment, acting_user=ctx.users["coordinator"], publish=publish)
    closed = services.topic_save(topic=Topic(organization=org), acting_user=ctx.users["coordinator"], data={
        "title": "โครงการจัดงานประเพณีลอยกระทง ประจำปี ๒๕๖๖", "kind": Topic.Kind.PROJECT, "department": office,
        "is_published": True, "description": "รับฟังความคิดเห็นเรื่องสถานที่และรูปแบบการจัดงาน",
        "opens_on": today - dt.timedelta(days=90), "closes_on": today - dt.timedelta(days=60)})
    services.topic_summary_save(topic=closed, acting_user=ctx.users["coordinator"], publish=True, data={
        "participants_count": 85,
        "participants_note": "ผู้เข้าร่วมเวทีประชาคมหมู่บ้าน ๘๕ คน จาก ๘ หมู่บ้าน",
        "outcome": "ผู้เข้าร่วมส่วนใหญ่เสนอให้จัดงานที่หนองน้ำสาธารณะหมู่ที่ ๑ และงดใช้กระทงโฟม",
        "usage": "กำหนดสถานที่จัดงานตามข้อเสนอ และประกาศงดใช้กระทงโฟมในคำสั่งจัดงาน"})


def load(ctx) -> None:
    org = ctx.main
    with scope(organization=org):
        _officer(org, ctx)
        _guideline(org, ctx)
        _complaints(org, ctx)
        _reports(org, ctx)
        _topic(org, ctx)
