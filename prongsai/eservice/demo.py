"""Demo data of the e-service app (idempotent): a service catalog of six services with steps,
the five starter request types (data/starter_types.yaml), and requests open and closed. All people are fictional."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_scopes import scope

from prongsai.tenancy.models import Department

from . import services
from .models import RequestType, RequestUpdate, Service, ServiceRequest, ServiceStep

# title, department, responsible, channels, fee, documents, legal basis, steps [(text, duration, unit, who)]
SERVICES = [
    ("การขอข้อมูลข่าวสารของราชการ", "สำนักปลัด", "นักจัดการงานทั่วไป", "ติดต่อด้วยตนเอง ณ ศูนย์ข้อมูลข่าวสาร\nเว็บไซต์ (E-Service)",
     "", "", "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐",
     [("ยื่นคำขอ", 10, "minutes", "นักจัดการงานทั่วไป"), ("ตรวจสอบและค้นหาข้อมูล", 3, "days", "นักจัดการงานทั่วไป"),
      ("ปลัดพิจารณาอนุญาต", 2, "days", "ปลัด อบต."), ("แจ้งผลและส่งมอบข้อมูล", 10, "minutes", "นักจัดการงานทั่วไป")]),
    ("การแจ้งซ่อมไฟฟ้าส่องสว่างและประปาหมู่บ้าน", "กองช่าง", "นายช่างไฟฟ้า", "โทรศัพท์ ๐๔๔-๐๐๐-๐๐๐\nเว็บไซต์ (E-Service)\nติดต่อด้วยตนเอง",
     "", "", "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ มาตรา ๖๘",
     [("รับแจ้งเหตุ", 5, "minutes", "เจ้าหน้าที่ธุรการกองช่าง"), ("ออกตรวจสอบพื้นที่", 2, "days", "นายช่างไฟฟ้า"),
      ("ดำเนินการซ่อม", 5, "days", "นายช่างไฟฟ้า"), ("แจ้งผลแก่ผู้แจ้ง", 10, "minutes", "เจ้าหน้าที่ธุรการกองช่าง")]),
    ("การลงทะเบียนขอรับเงินเบี้ยยังชีพผู้สูงอายุ", "กองสวัสดิการสังคม", "นักพัฒนาชุมชน", "ติดต่อด้วยตนเอง ณ กองสวัสดิการสังคม\nเว็บไซต์ (E-Service)",
     "", "บัตรประจำตัวประชาชน\nทะเบียนบ้าน\nสมุดบัญชีเงินฝากธนาคาร",
     "ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. ๒๕๕๒",
     [("ยื่นคำขอพร้อมเอกสาร", 15, "minutes", "นักพัฒนาชุมชน"), ("ตรวจสอบคุณสมบัติ", 7, "days", "นักพัฒนาชุมชน"),
      ("ประกาศรายชื่อผู้มีสิทธิ", 15, "days", "นายก อบต."), ("จ่ายเบี้ยยังชีพ", 1, "days", "กองคลัง")]),
    ("การชำระภาษีที่ดินและสิ่งปลูกสร้าง", "กองคลัง", "นักวิชาการจัดเก็บรายได้", "ติดต่อด้วยตนเอง ณ กองคลัง\nโอนเงินผ่านธนาคาร",
     "ตามอัตราที่กฎหมายกำหนด", "หนังสือแจ้งประเมินภาษี\nบัตรประจำตัวประชาชน",
     "พระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. ๒๕๖๒",
     [("ตรวจสอบหนังสือแจ้งประเมิน", 5, "minutes", "นักวิชาการจัดเก็บรายได้"), ("ชำระเงิน", 5, "minutes", "เจ้าพนักงานการเงินและบัญชี"),
      ("ออกใบเสร็จรับเงิน", 5, "minutes", "เจ้าพนักงานการเงินและบัญชี")]),
    ("การขออนุญาตก่อสร้างอาคาร", "กองช่าง", "นายช่างโยธา", "ติดต่อด้วยตนเอง ณ กองช่าง",
     "ตามกฎกระทรวงกำหนดค่าธรรมเนียม พ.ศ. ๒๕๒๘", "แบบคำขออนุญาต (ข.๑)\nแบบแปลนอาคาร\nสำเนาโฉนดที่ดิน",
     "พระราชบัญญัติควบคุมอาคาร พ.ศ. ๒๕๒๒",
     [("ยื่นคำขอและตรวจเอกสาร", 30, "minutes", "นายช่างโยธา"), ("ตรวจสอบพื้นที่และแบบแปลน", 15, "days", "นายช่างโยธา"),
      ("พิจารณาออกใบอนุญาต", 15, "days", "นายก อบต."), ("แจ้งผลและมอบใบอนุญาต", 1, "days", "นายช่างโยธา")]),
    ("การขอใช้สถานที่และยืมวัสดุอุปกรณ์", "สำนักปลัด", "เจ้าพนักงานธุรการ", "ติดต่อด้วยตนเอง\nเว็บไซต์ (E-Service)",
     "", "", "ระเบียบ อบต.กำปัง ว่าด้วยการใช้สถานที่และทรัพย์สิน",
     [("ยื่นคำขอ", 10, "minutes", "เจ้าพนักงานธุรการ"), ("ตรวจสอบวันว่าง", 1, "days", "เจ้าพนักงานธุรการ"),
      ("ปลัดพิจารณาอนุญาต", 2, "days", "ปลัด อบต."), ("แจ้งผล", 10, "minutes", "เจ้าพนักงานธุรการ")]),
]

# key, type name, data, days ago, [(status, message)], email
REQUESTS = [
    ("demo-es-1", "แจ้งซ่อมไฟฟ้าส่องสว่าง/ประปา", {"location": "หมู่ที่ ๒ หน้าศาลาประชาคม", "problem": "ไฟดับสองต้น",
     "name": "สมหมาย ดีงาม", "phone": "0811112222"}, 20, [("in_progress", "ช่างออกตรวจแล้ว"), ("done", "เปลี่ยนหลอดไฟเรียบร้อยแล้ว")]),
    ("demo-es-2", "ขอข้อมูลข่าวสารของราชการ", {"name": "วิไล ศรีงาม", "national_id": "1101700230708", "phone": "0823334444",
     "information": "สำเนาสัญญาจ้างก่อสร้างถนนหมู่ที่ ๔", "purpose": "ติดตามโครงการ"}, 6, [("in_progress", "กำลังรวบรวมเอกสาร")]),
    ("demo-es-3", "คำร้องทั่วไป", {"name": "ประเสริฐ ทองคำ", "phone": "0845556666", "details": "ขอหนังสือรับรองการอยู่อาศัย"},
     2, []),
    ("demo-es-4", "ลงทะเบียนขอรับเบี้ยยังชีพ", {"name": "บุญเรือน ใจเย็น", "national_id": "1101700230708",
     "birth_date": "1964-03-01", "address": "๑๒ หมู่ที่ ๑ ตำบลกำปัง", "phone": "0867778888"}, 40, []),
    ("demo-es-5", "ขอใช้สถานที่หรือยืมวัสดุอุปกรณ์", {"name": "ชาตรี สุขใจ", "phone": "0899990000", "what": "เต็นท์ ๓ หลัง",
     "date": "2026-12-05", "purpose": "งานบุญประจำปี"}, 15,
     [("rejected", "วันที่ขอมีผู้จองเต็นท์ครบแล้ว กรุณาเลือกวันอื่น")]),
]


def _dept(org, name):
    return Department.objects.filter(organization=org, name=name).first()


def load(ctx) -> None:
    org = ctx.main
    admin = ctx.users["admin"]
    with scope(organization=org):
        for pos, (title, dept, who, channels, fee, docs, law, steps) in enumerate(SERVICES):
            service = Service.objects.filter(organization=org, title=title).first()
            if service is None:
                service = Service.objects.create(organization=org, title=title, department=_dept(org, dept),
                                                 responsible=who, channels=channels, fee=fee, documents=docs,
                                                 legal_basis=law, position=pos)
                for n, (text, duration, unit, step_who) in enumerate(steps, start=1):
                    ServiceStep.objects.create(organization=org, service=service, position=n, text=text,
                                               duration=duration, unit=unit, responsible=step_who)
        services.install_starter_types(organization=org)
        types = {t.name: t for t in RequestType.objects.filter(organization=org)}
        for key, type_name, data, days_ago, steps in REQUESTS:
            receipt = services.request_submit(organization=org, request_type=types[type_name], data=data, key=key)
            if not receipt["created"]:
                continue
            req = ServiceRequest.objects.get(organization=org, code=receipt["code"])
            when = timezone.now() - dt.timedelta(days=days_ago)
            ServiceRequest.objects.filter(pk=req.pk).update(
                received_at=when, due_date=timezone.localdate(when) + dt.timedelta(days=req.request_type.target_days))
            RequestUpdate.objects.filter(request=req).update(created_at=when)
            for status, message in steps:
                req.refresh_from_db()
                services.request_update(req=req, acting_user=admin, status=status, message=message,
                                        assignee=req.assignee)
        # One open request has a named staff member in charge.
        req = ServiceRequest.objects.get(organization=org, request_type=types["ขอข้อมูลข่าวสารของราชการ"])
        office = ctx.users.get("office")
        if office is not None and req.assignee_id is None:
            services.request_update(req=req, acting_user=admin, status=req.status, assignee=office)
