"""Demo registers of อบต.กำปัง for fiscal year 2566 (fictional). Idempotent."""

import datetime as dt
from decimal import Decimal

from django_scopes import scope

from prongsai.measures.models import Issue
from prongsai.tenancy.models import Membership

from . import services
from .models import Course, HRAnnouncement, Meeting, PropertyRule, Selection


def load(ctx):
    org = ctx.main
    with scope(organization=org):
        if Course.objects.filter(organization=org).exists():
            return
        coordinator = ctx.users["coordinator"]
        members = list(Membership.objects.filter(organization=org, is_active=True).order_by("pk"))
        ethics = services.record_save(instance=Course(
            organization=org, title="การส่งเสริมคุณธรรมและการป้องกันผลประโยชน์ทับซ้อน", kind=Course.Kind.INTERNAL,
            provider="สำนักปลัด อบต.กำปัง", start_date=dt.date(2022, 12, 15), hours=Decimal("6"),
            topic="ประมวลจริยธรรม การรับของขวัญ (No Gift Policy) และช่องทางแจ้งเรื่องร้องเรียนการทุจริต", ethics=True),
            acting_user=coordinator)
        services.attendance_set(course=ethics, acting_user=coordinator, memberships=members[:-3])
        eservice = services.record_save(instance=Course(
            organization=org, title="การให้บริการประชาชนผ่านระบบ E-Service", kind=Course.Kind.EXTERNAL,
            provider="สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดนครราชสีมา", start_date=dt.date(2023, 2, 8),
            hours=Decimal("3"), topic="การรับคำร้องออนไลน์และการติดตามสถานะ"), acting_user=coordinator)
        services.attendance_set(course=eservice, acting_user=coordinator, memberships=members[:4])
        services.record_save(instance=Selection(
            organization=org, kind=Selection.Kind.TRAINING, title="คัดเลือกผู้เข้ารับการฝึกอบรมหลักสูตรนักบริหารงานท้องถิ่น",
            criteria="๑. ดำรงตำแหน่งที่เกี่ยวข้องกับหลักสูตร\n๒. ยังไม่เคยเข้ารับการอบรมหลักสูตรนี้\n๓. ผลการประเมินการปฏิบัติงานระดับดีขึ้นไป",
            candidates="นายธนากร ใฝ่รู้ยิ่ง\nนางกาญจนา เงินทองดี", decision="นายธนากร ใฝ่รู้ยิ่ง ผ่านหลักเกณฑ์ทุกข้อ",
            decided_on=dt.date(2023, 1, 20)), acting_user=coordinator)
        issues = list(Issue.objects.filter(organization=org, plan__fiscal_year=2566, instrument="IIT")[:2])
        for month, day in ((1, 10), (2, 7), (3, 7)):
            meeting = Meeting(organization=org, kind=Meeting.Kind.BRIEFING, date=dt.date(2023, month, day),
                              title=f"ประชุมชี้แจงพนักงานประจำเดือน ครั้งที่ {month}",
                              agenda="๑. การให้บริการประชาชนตามขั้นตอนและระยะเวลา\n๒. ติดตามผลการดำเนินการตามมาตรการฯ",
                              minutes="ที่ประชุมรับทราบขั้นตอนการให้บริการและผู้รับผิดชอบของแต่ละงาน")
            services.meeting_save(meeting=meeting, acting_user=coordinator, attendees=members[:10], issues=issues)
        services.record_save(instance=Meeting(
            organization=org, kind=Meeting.Kind.WORKING_GROUP, date=dt.date(2023, 1, 4),
            title="ประชุมคณะทำงานส่งเสริมคุณธรรมและความโปร่งใส",
            agenda="พิจารณาผลการประเมิน ITA ปี ๒๕๖๕ และกำหนดมาตรการปี ๒๕๖๖"), acting_user=coordinator)
        for kind, title, published in (
            (HRAnnouncement.Kind.PERFORMANCE, "ประกาศหลักเกณฑ์และวิธีการประเมินผลการปฏิบัติงานของพนักงานส่วนตำบล", dt.date(2022, 9, 20)),
            (HRAnnouncement.Kind.SALARY_STEP, "ประกาศหลักเกณฑ์การเลื่อนขั้นเงินเดือนพนักงานส่วนตำบล", dt.date(2022, 9, 20)),
            (HRAnnouncement.Kind.CONTRACT, "ประกาศหลักเกณฑ์การต่อสัญญาจ้างและการเลื่อนค่าตอบแทนพนักงานจ้าง", dt.date(2022, 10, 12)),
        ):
            services.record_save(instance=HRAnnouncement(
                organization=org, kind=kind, title=title, round_start=dt.date(2022, 10, 1), round_end=dt.date(2023, 3, 31),
                published_on=published, body="รายละเอียดหลักเกณฑ์ตามประกาศคณะกรรมการพนักงานส่วนตำบลจังหวัดนครราชสีมา"),
                acting_user=coordinator)
        finance = Membership.objects.get(organization=org, user=ctx.users["finance"])
        services.record_save(instance=PropertyRule(
            organization=org, title="แนวปฏิบัติการยืม-คืนพัสดุและครุภัณฑ์ของ อบต.กำปัง", responsible=finance, published=True,
            body="๑. ยื่นแบบขอยืมต่อผู้รับผิดชอบล่วงหน้าอย่างน้อย ๓ วันทำการ\n๒. ผู้รับผิดชอบตรวจสภาพและบันทึกก่อนส่งมอบ\n"
                 "๓. คืนภายในกำหนดในสภาพเรียบร้อย หากชำรุดต้องซ่อมแซมหรือชดใช้\n๔. ห้ามนำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตัว"),
            acting_user=coordinator)
