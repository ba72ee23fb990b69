"""Demo explanations for a few 2566 OIT items of the demo organization (idempotent). The links
themselves are never demo data here: they come from the other apps' content."""

from django_scopes import scope

from prongsai.ita.models import OITItem

from .models import OITNote

NOTES_2566 = {
    "ข้อมูลผู้บริหาร": "แสดงผู้บริหารทั้งฝ่ายการเมืองและฝ่ายประจำ แต่ละท่านมีชื่อ-นามสกุล ตำแหน่ง รูปถ่าย และช่องทางการติดต่อ",
    "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล": "ประกาศหลักเกณฑ์ทุกฉบับเผยแพร่ก่อนวันเริ่มรอบการประเมิน (๑ ตุลาคม ๒๕๖๕)",
    "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ": "ช่องทางออนไลน์แยกจากช่องทางร้องเรียนทั่วไป แจ้งได้โดยไม่ต้องระบุชื่อ และติดตามผลได้ด้วยเลขรับแจ้งและรหัสลับ",
    "E-Service": "ระบบขอยืมครุภัณฑ์และสถานที่ออนไลน์ ตรวจวันว่างได้จากปฏิทินของแต่ละรายการ",
}


def load(ctx):
    org = ctx.main
    with scope(organization=org):
        for item in OITItem.objects.filter(framework__fiscal_year=2566, title_th__in=NOTES_2566):
            OITNote.objects.get_or_create(organization=org, item=item,
                                          defaults={"text": NOTES_2566[item.title_th],
                                                    "updated_by": ctx.users.get("coordinator")})
