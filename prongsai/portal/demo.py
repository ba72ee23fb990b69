"""Demo of the public site for อบต.กำปัง (kampang), fiscal year 2566: look, structure, executives
with generated placeholder portraits (initials drawn with Pillow — fictional people), contact,
social links, Q&A and a few dozen publications across the categories, including twelve
monthly procurement summaries (สขร.๑ tables) and twelve monthly spending reports.

PLANTED GAPS for the OIT self-check (framework 2566), on purpose:
  - missing:  O10 นโยบายคุ้มครองข้อมูลส่วนบุคคล        (category privacy-policy: nothing published)
  - missing:  O33 รายงานผลตามนโยบาย No Gift Policy       (category no-gift-report: nothing published)
  - outdated: O13 รายงานผลการดำเนินงานประจำปี            (category annual-report: only the 2565 edition)
Idempotent: rows are found by their natural keys before they are created."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from PIL import Image, ImageDraw, ImageFont

from prongsai.core.thai import to_thai_digits
from prongsai.tenancy.models import Department, Membership

from . import services
from .models import Executive, FaqEntry, InfoPage, Publication, SocialLink

FONT = Path(__file__).resolve().parent.parent / "core" / "static" / "fonts" / "sarabun" / "Sarabun_700Bold.ttf"
PALETTE = ["#1f4e79", "#385723", "#7f3f00", "#4b2c6f", "#0b5394", "#7a1f1f", "#274e13", "#20124d"]
YEAR = 2566


def _png(img: Image.Image, name: str) -> SimpleUploadedFile:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def portrait(first: str, last: str, n: int) -> SimpleUploadedFile:
    """A placeholder portrait: the person's initials on a coloured card (no real face)."""
    img = Image.new("RGB", (240, 300), PALETTE[n % len(PALETTE)])
    draw = ImageDraw.Draw(img)
    draw.ellipse((60, 40, 180, 160), fill="#e8e8e8")
    draw.rounded_rectangle((30, 170, 210, 330), radius=60, fill="#e8e8e8")
    font = ImageFont.truetype(str(FONT), 54)
    text = f"{first[:1]}{last[:1]}"
    draw.text((120, 100), text, font=font, fill="#222222", anchor="mm")
    return _png(img, "portrait.png")


def cover_image() -> SimpleUploadedFile:
    img = Image.new("RGB", (1280, 320), "#0b5394")
    draw = ImageDraw.Draw(img)
    for i in range(0, 320):  # fields and sky, drawn
        shade = 60 + i // 3
        draw.line([(0, i), (1280, i)], fill=(20, shade, 40 + i // 4) if i > 190 else (90, 140 + i // 4, 200))
    draw.ellipse((1050, 30, 1150, 130), fill="#f6d55c")
    for x in range(0, 1280, 90):
        draw.polygon([(x, 200), (x + 45, 150), (x + 90, 200)], fill="#2d6a2d")
    return _png(img, "cover.png")


def logo_image() -> SimpleUploadedFile:
    img = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((4, 4, 156, 156), fill="#0b5394", outline="#f1c232", width=8)
    font = ImageFont.truetype(str(FONT), 44)
    draw.text((80, 80), "กป", font=font, fill="#ffffff", anchor="mm")
    return _png(img, "logo.png")


EXECUTIVES = [
    # full name, position, side, first, last, phone, email
    ("นางสมใจ รักถิ่นไทย", "นายกองค์การบริหารส่วนตำบลกำปัง", "political", "ส", "ร", "08 1000 0001", "mayor@kampang.example.go.th"),
    ("นายบุญเลิศ ศรีนาค", "รองนายกองค์การบริหารส่วนตำบลกำปัง", "political", "บ", "ศ", "08 1000 0002", ""),
    ("นายสมหมาย แก้วมณี", "รองนายกองค์การบริหารส่วนตำบลกำปัง", "political", "ส", "แ", "08 1000 0003", ""),
    ("นางสาวอรุณี ทองดี", "เลขานุการนายกองค์การบริหารส่วนตำบลกำปัง", "political", "อ", "ท", "08 1000 0004", ""),
    ("นายประเสริฐ มั่นคงดี", "ปลัดองค์การบริหารส่วนตำบลกำปัง", "official", "ป", "ม", "0 4400 0000 ต่อ 101", "palad@kampang.example.go.th"),
    ("นางวิไลวรรณ จันทร์หอม", "รองปลัดองค์การบริหารส่วนตำบลกำปัง", "official", "ว", "จ", "0 4400 0000 ต่อ 102", ""),
    ("นายวีระพงษ์ ทองประเสริฐ", "หัวหน้าสำนักปลัด", "official", "ว", "ท", "0 4400 0000 ต่อ 103", ""),
    ("นางกาญจนา เงินทองดี", "ผู้อำนวยการกองคลัง", "official", "ก", "ง", "0 4400 0000 ต่อ 104", "finance@kampang.example.go.th"),
    ("นายสุรศักดิ์ ช่างคิด", "ผู้อำนวยการกองช่าง", "official", "ส", "ช", "0 4400 0000 ต่อ 105", ""),
]

PAGES = {
    "structure": """<p>องค์การบริหารส่วนตำบลกำปังแบ่งโครงสร้างเป็น ๒ ฝ่าย</p>
<h2>ฝ่ายการเมือง</h2><ul><li>นายกองค์การบริหารส่วนตำบล รองนายกฯ ๒ คน และเลขานุการนายกฯ</li>
<li>สภาองค์การบริหารส่วนตำบล: ประธานสภา รองประธานสภา เลขานุการสภา และสมาชิกสภาหมู่บ้านละ ๑ คน</li></ul>
<h2>ฝ่ายประจำ</h2><ul><li>ปลัดองค์การบริหารส่วนตำบล และรองปลัดฯ</li>
<li>สำนักปลัด · กองคลัง · กองช่าง · กองการศึกษา ศาสนาและวัฒนธรรม · กองสวัสดิการสังคม · กองส่งเสริมการเกษตร</li>
<li>หน่วยตรวจสอบภายใน</li></ul>""",
    "duties": """<p>อำนาจหน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ (มาตรา ๖๖ ๖๗ และ ๖๘)
และพระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. ๒๕๔๒ (มาตรา ๑๖)</p>
<ol><li>จัดให้มีและบำรุงรักษาทางน้ำและทางบก</li><li>รักษาความสะอาดของถนน ทางน้ำ ทางเดิน และที่สาธารณะ รวมทั้งกำจัดขยะมูลฝอย</li>
<li>ป้องกันโรคและระงับโรคติดต่อ</li><li>ป้องกันและบรรเทาสาธารณภัย</li><li>ส่งเสริมการศึกษา ศาสนา และวัฒนธรรม</li>
<li>ส่งเสริมการพัฒนาสตรี เด็ก เยาวชน ผู้สูงอายุ และผู้พิการ</li><li>คุ้มครอง ดูแล และบำรุงรักษาทรัพยากรธรรมชาติและสิ่งแวดล้อม</li></ol>""",
    "laws": """<ul><li><a href="https://www.krisdika.go.th/">พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ และที่แก้ไขเพิ่มเติม</a></li>
<li>พระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. ๒๕๔๒</li>
<li>พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐</li>
<li>พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐</li>
<li>พระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. ๒๕๖๒</li>
<li>พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. ๒๕๕๘</li></ul>""",
    "history": "<p>ตำบลกำปังตั้งอยู่ในอำเภอโนนไทย จังหวัดนครราชสีมา (ข้อมูลสมมุติเพื่อการสาธิต) "
               "วิสัยทัศน์: “กำปังน่าอยู่ เศรษฐกิจพอเพียง บริการโปร่งใส”</p>",
}

FAQ = [
    ("ขอรับใบอนุญาตก่อสร้างอาคารได้ที่ไหน ใช้เวลากี่วัน",
     "ยื่นคำขอได้ที่กองช่าง หรือยื่นออนไลน์ผ่านช่องทาง E-Service ระยะเวลาพิจารณาไม่เกิน ๔๕ วันตามคู่มือสำหรับประชาชน"),
    ("ชำระภาษีที่ดินและสิ่งปลูกสร้างได้ช่องทางใดบ้าง", "ชำระได้ที่กองคลังในวันและเวลาราชการ หรือโอนผ่านบัญชีธนาคารของ อบต. แล้วส่งหลักฐานทางไลน์"),
    ("ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุต้องใช้เอกสารอะไร",
     "บัตรประจำตัวประชาชน ทะเบียนบ้าน และสมุดบัญชีเงินฝากธนาคาร ลงทะเบียนได้ที่กองสวัสดิการสังคม"),
    ("แจ้งไฟฟ้าส่องสว่างชำรุดได้อย่างไร", "แจ้งผ่านเว็บไซต์ในเมนูร้องเรียน/ร้องทุกข์ โทร ๐ ๔๔๐๐ ๐๐๐๐ หรือไลน์ของ อบต."),
    ("ขอยืมเต็นท์และเก้าอี้ของ อบต. ได้หรือไม่", "ได้ ยื่นคำขอยืมพัสดุผ่านเว็บไซต์หรือที่สำนักปลัด อย่างน้อย ๓ วันก่อนวันใช้งาน"),
]

SOCIAL = [
    ("facebook", "อบต.กำปัง", "https://www.facebook.com/kampang.example"),
    ("line", "@kampang", "https://line.me/R/ti/p/@kampang.example"),
    ("tiktok", "@kampang.sao", "https://www.tiktok.com/@kampang.example"),
    ("youtube", "อบต.กำปัง Channel", "https://www.youtube.com/@kampang.example"),
]

MONTHS_2566 = [dt.date(2022, 10, 1), dt.date(2022, 11, 1), dt.date(2022, 12, 1)] + [dt.date(2023, m, 1) for m in range(1, 10)]
THAI_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
               "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]


def month_label(day: dt.date) -> str:
    return to_thai_digits(f"{THAI_MONTHS[day.month - 1]} {day.year + 543}")


# category slug, title, date, fiscal year, body
DOCUMENTS = [
    ("news", "อบต.กำปัง จัดกิจกรรมวันเด็กแห่งชาติ ประจำปี ๒๕๖๖", dt.date(2023, 1, 14), 2566,
     "<p>องค์การบริหารส่วนตำบลกำปังจัดกิจกรรมวันเด็กแห่งชาติ ณ ศูนย์พัฒนาเด็กเล็ก มีเด็กและผู้ปกครองร่วมงานกว่า ๓๐๐ คน</p>"),
    ("news", "โครงการอบรมให้ความรู้การคัดแยกขยะในครัวเรือน", dt.date(2023, 3, 2), 2566,
     "<p>กองสวัสดิการสังคมร่วมกับอาสาสมัครสาธารณสุขจัดอบรมการคัดแยกขยะต้นทางใน ๑๒ หมู่บ้าน</p>"),
    ("news", "ประชุมประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น", dt.date(2023, 5, 18), 2566,
     "<p>เปิดโอกาสให้ประชาชนร่วมเสนอโครงการและจัดลำดับความสำคัญของปัญหาในพื้นที่</p>"),
    ("news", "กิจกรรมปลูกต้นไม้เฉลิมพระเกียรติ", dt.date(2023, 7, 28), 2566,
     "<p>ผู้บริหาร พนักงาน และประชาชนร่วมปลูกต้นไม้ ๕๐๐ ต้น บริเวณหนองน้ำสาธารณะ</p>"),
    ("news", "ประกาศผลการดำเนินงานโครงการซ่อมแซมถนนหลังน้ำท่วม", dt.date(2022, 11, 21), 2566,
     "<p>กองช่างซ่อมแซมถนนลูกรังที่เสียหายจากอุทกภัยแล้วเสร็จ ๘ สาย</p>"),
    ("announcements", "ประกาศ เรื่อง การยื่นแบบชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี ๒๕๖๖", dt.date(2023, 2, 1), 2566,
     "<p>ให้เจ้าของที่ดินและสิ่งปลูกสร้างชำระภาษีภายในเดือนเมษายน ๒๕๖๖</p>"),
    ("announcements", "ประกาศรับสมัครบุคคลเพื่อสรรหาเป็นพนักงานจ้าง", dt.date(2023, 4, 10), 2566,
     "<p>รับสมัครพนักงานจ้างตามภารกิจ ตำแหน่งผู้ช่วยนักวิชาการเงินและบัญชี ๑ อัตรา</p>"),
    ("development-plan", "แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖–๒๕๗๐)", dt.date(2021, 6, 30), 2564,
     "<p>แผนพัฒนาท้องถิ่นห้าปี ยุทธศาสตร์ ๖ ด้าน พร้อมบัญชีโครงการพัฒนา</p>"),
    ("operation-plan", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", dt.date(2022, 11, 15), 2566,
     "<p>รายละเอียดโครงการ/กิจกรรม งบประมาณ และระยะเวลาดำเนินการของทุกส่วนราชการ</p>"),
    ("budget-plan", "ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ๒๕๖๖", dt.date(2022, 9, 20), 2566,
     "<p>ประมาณการรายจ่ายทั้งสิ้น ๓๘,๕๐๐,๐๐๐ บาท จำแนกตามแผนงานและหมวดรายจ่าย</p>"),
    ("six-month-report", "รายงานการกำกับติดตามการดำเนินงานและการใช้จ่ายงบประมาณ รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๖", dt.date(2023, 4, 20), 2566,
     "<p>ความก้าวหน้าโครงการ ๔๒ โครงการ เบิกจ่ายแล้วร้อยละ ๔๖.๘ ของงบประมาณ พร้อมปัญหาอุปสรรคและข้อเสนอแนะ</p>"),
    ("annual-report", "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. ๒๕๖๕", dt.date(2022, 10, 25), 2565,
     "<p>ผลการดำเนินงานตามแผนพัฒนาท้องถิ่น ปี ๒๕๖๕ (ฉบับเก่า: ปี ๒๕๖๖ ยังไม่เผยแพร่ — ตั้งใจให้ล้าสมัยในข้อมูลสาธิต)</p>"),
    ("procurement-plan", "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", dt.date(2022, 10, 20), 2566,
     "<p>แผนการจัดซื้อจัดจ้าง ๒๔ โครงการ วงเงินรวม ๑๒,๔๐๐,๐๐๐ บาท</p>"),
    ("procurement-announcements", "ประกาศประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๔ ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", dt.date(2023, 1, 9), 2566,
     "<p>ราคากลาง ๑,๒๔๘,๐๐๐ บาท ยื่นข้อเสนอทางระบบ e-GP ระหว่างวันที่ ๑๐–๑๗ มกราคม ๒๕๖๖</p>"),
    ("procurement-announcements", "ประกาศผู้ชนะการเสนอราคา จัดซื้อวัสดุสำนักงาน", dt.date(2023, 3, 15), 2566,
     "<p>ผู้ชนะ ร้านกำปังเครื่องเขียน ราคา ๒๔,๕๐๐ บาท</p>"),
    ("procurement-annual-report", "รายงานผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", dt.date(2023, 10, 20), 2566,
     "<p>สรุปการจัดซื้อจัดจ้าง ๑๕๖ รายการ วงเงินรวม ๑๑,๘๗๐,๐๐๐ บาท ปัญหาอุปสรรคและแนวทางแก้ไข</p>"),
    ("operation-manual", "คู่มือการปฏิบัติงานด้านการเงินและบัญชี", dt.date(2022, 12, 1), 2566,
     "<p>ขั้นตอนการรับเงิน การเบิกจ่าย และการจัดทำรายงานการเงิน</p>"),
    ("operation-manual", "คู่มือการปฏิบัติงานด้านการจัดซื้อจัดจ้าง", dt.date(2022, 12, 1), 2566,
     "<p>ขั้นตอนการจัดซื้อจัดจ้างตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐</p>"),
    ("service-manual", "คู่มือสำหรับประชาชน: การขออนุญาตก่อสร้างอาคาร", dt.date(2022, 11, 1), 2566,
     "<p>หลักเกณฑ์ เอกสาร ค่าธรรมเนียม และระยะเวลาการให้บริการ</p>"),
    ("service-manual", "คู่มือสำหรับประชาชน: การลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ", dt.date(2022, 11, 1), 2566,
     "<p>ขั้นตอน ระยะเวลา และเอกสารประกอบ</p>"),
    ("e-service", "บริการออนไลน์ (E-Service) ของ อบต.กำปัง", dt.date(2022, 11, 1), 2566,
     '<p>ยื่นเรื่องได้ทางเว็บไซต์ตลอด ๒๔ ชั่วโมง:</p><ul><li><a href="/kampang/complaints/new/">ยื่นเรื่องร้องเรียน/ร้องทุกข์ออนไลน์</a></li>'
     '<li><a href="/kampang/corruption/report/">แจ้งเรื่องร้องเรียนการทุจริต</a></li><li><a href="/kampang/qa/">สอบถามข้อมูล (Q&amp;A)</a></li></ul>'),
    ("service-statistics", "สถิติการให้บริการประชาชน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", dt.date(2023, 9, 29), 2566,
     "<p>ให้บริการทั้งสิ้น ๔,๘๑๒ ครั้ง จำแนกตามงานบริการและเดือน</p>"),
    ("satisfaction-results", "รายงานผลการสำรวจความพึงพอใจการให้บริการ ประจำปี ๒๕๖๖", dt.date(2023, 9, 15), 2566,
     "<p>ความพึงพอใจโดยรวมร้อยละ ๙๒.๔ จากผู้ตอบ ๔๐๐ คน</p>"),
    ("hr-policy", "นโยบายและแผนการบริหารทรัพยากรบุคคล ประจำปี ๒๕๖๖", dt.date(2022, 10, 10), 2566,
     "<p>แผนอัตรากำลัง การสรรหา การพัฒนา และการรักษาบุคลากร</p>"),
    ("hr-actions", "การดำเนินการตามแผนการบริหารทรัพยากรบุคคล ปี ๒๕๖๖", dt.date(2023, 6, 30), 2566,
     "<p>ผลการดำเนินการอบรม ๑๒ หลักสูตร การสรรหาพนักงานจ้าง ๓ อัตรา</p>"),
    ("hr-criteria", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", dt.date(2022, 10, 10), 2566,
     "<p>หลักเกณฑ์การสรรหา การแต่งตั้ง การประเมินผล และการให้คุณให้โทษ</p>"),
    ("hr-report", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปี ๒๕๖๖", dt.date(2023, 9, 28), 2566,
     "<p>ผลการดำเนินงานตามแผน ปัญหาอุปสรรค และข้อเสนอแนะ</p>"),
    ("no-gift-policy", "ประกาศเจตนารมณ์ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)", dt.date(2022, 10, 5), 2566,
     "<p>นายก อบต.กำปัง ประกาศเจตนารมณ์ให้ผู้บริหารและเจ้าหน้าที่ทุกคนไม่รับของขวัญทุกชนิด</p>"),
    ("no-gift-culture", "กิจกรรมสร้างวัฒนธรรมองค์กร No Gift Policy", dt.date(2023, 1, 3), 2566,
     "<p>ชี้แจงนโยบายแก่พนักงานและติดป้ายประชาสัมพันธ์ทุกจุดบริการ</p>"),
    ("executive-participation", "ผู้บริหารชี้แจงนโยบายคุณธรรมและความโปร่งใสแก่พนักงาน", dt.date(2022, 11, 7), 2566,
     "<p>นายก อบต. มอบนโยบายในการประชุมประจำเดือน</p>"),
    ("risk-assessment", "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ ประจำปี ๒๕๖๖", dt.date(2022, 12, 20), 2566,
     "<p>ระบุความเสี่ยง ๕ เหตุการณ์ ระดับความเสี่ยง และมาตรการควบคุม</p>"),
    ("risk-management", "รายงานการดำเนินการเพื่อจัดการความเสี่ยงการทุจริต ปี ๒๕๖๖", dt.date(2023, 6, 15), 2566,
     "<p>ผลการดำเนินการตามมาตรการจัดการความเสี่ยงที่กำหนด</p>"),
    ("anticorruption-plan", "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๕–๒๕๖๗)", dt.date(2022, 10, 15), 2566,
     "<p>โครงการ/กิจกรรมป้องกันการทุจริต ๓ ปี</p>"),
    ("anticorruption-6month", "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ ๖ เดือน ปี ๒๕๖๖", dt.date(2023, 4, 25), 2566,
     "<p>ความก้าวหน้าของโครงการตามแผนปฏิบัติการป้องกันการทุจริต</p>"),
    ("anticorruption-report", "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี ๒๕๖๖", dt.date(2023, 9, 30), 2566,
     "<p>ผลการดำเนินการตามแผน ๑๘ โครงการ</p>"),
    ("code-of-ethics", "ประมวลจริยธรรมของพนักงานส่วนท้องถิ่น อบต.กำปัง", dt.date(2021, 3, 1), 2564,
     "<p>มาตรฐานทางจริยธรรมตามพระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. ๒๕๖๒</p>"),
    ("ethics-actions", "การขับเคลื่อนจริยธรรม: โครงการอบรมคุณธรรมจริยธรรม ปี ๒๕๖๖", dt.date(2023, 2, 20), 2566,
     "<p>อบรมพนักงาน ๔๒ คน</p>"),
    ("ethics-assessment", "ผลการประเมินพฤติกรรมทางจริยธรรมของเจ้าหน้าที่ ปี ๒๕๖๖", dt.date(2023, 9, 20), 2566,
     "<p>ผลการประเมินและการนำไปปรับปรุง</p>"),
    ("integrity-measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปี ๒๕๖๖", dt.date(2023, 1, 31), 2566,
     "<p>มาตรการที่ได้จากการวิเคราะห์ผลการประเมิน ITA ปี ๒๕๖๕</p>"),
    ("integrity-actions", "ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปี ๒๕๖๖", dt.date(2023, 7, 31), 2566,
     "<p>ผลการดำเนินการตามมาตรการ รอบ ๖ เดือน และ ๑๒ เดือน</p>"),
]

BIDDERS = [("ร้านกำปังเครื่องเขียน", "หจก.โนนไทยพาณิชย์"), ("ร้านสมใจการช่าง", "หจก.นครราชสีมาวัสดุ"),
           ("ร้านรุ่งเรืองคอมพิวเตอร์", "บริษัท ไอทีโคราช จำกัด")]
ITEMS = ["จัดซื้อวัสดุสำนักงาน", "จ้างซ่อมแซมรถบรรทุกน้ำ", "จัดซื้อวัสดุคอมพิวเตอร์", "จ้างเหมาจัดทำป้ายประชาสัมพันธ์",
         "จัดซื้อน้ำดื่มสำหรับบริการประชาชน", "จ้างซ่อมแซมไฟฟ้าส่องสว่าง"]


def procurement_rows(month: dt.date, n: int) -> list[dict]:
    rows = []
    for i in range(2 + n % 2):
        item = ITEMS[(n + i) % len(ITEMS)]
        a, b = BIDDERS[(n + i) % len(BIDDERS)]
        amount = Decimal(4500 + 1750 * ((n * 3 + i) % 9))
        rows.append({
            "item": f"{item} ({month_label(month)})", "amount": amount, "reference_price": amount,
            "method": "เฉพาะเจาะจง", "bidders": f"{a} {amount:,.2f}\n{b} {amount + 350:,.2f}", "winner": a,
            "winner_price": amount, "reason": "ราคาต่ำสุดและคุณสมบัติครบถ้วน",
            "contract_no": to_thai_digits(f"{n + 1}/{i + 1}/{month.year + 543}"), "contract_date": month + dt.timedelta(days=4 + i * 5),
        })
    return rows


def _publish(org, membership, user, dept_for, category, title, day, year, body, period=None, rows=None,
             files=None):
    if Publication.objects.filter(organization=org, category=category, title=title).exists():
        return
    pub = services.publication_save(
        organization=org, acting_user=user, membership=membership, publication=None, rows=rows,
        data={"title": title, "category": category, "fiscal_year": year, "publication_date": day, "period": period,
              "department": dept_for(category), "body": body}, attachments=files or [])
    services.publication_publish(organization=org, acting_user=user, membership=membership, publication=pub)


def _pdf(text: str) -> SimpleUploadedFile | None:
    try:
        from weasyprint import HTML
    except Exception:  # pragma: no cover — weasyprint is a project dependency
        return None
    # The Thai font the project ships: a clean machine has no Thai system font.
    from pathlib import Path

    font = (Path(__file__).resolve().parents[1] / "core/static/fonts/sarabun/Sarabun_400Regular.ttf").as_uri()
    html = f"<html lang='th'><head><style>@font-face {{ font-family: Sarabun; src: url('{font}'); }}</style></head>" \
           f"<body style=\"font-family:'Sarabun',sans-serif\"><h1>{text}</h1>" \
           f"<p>เอกสารสาธิต (ข้อมูลสมมุติ) — {text} การจัดซื้อจัดจ้างและการบริหารพัสดุ</p></body></html>"
    return SimpleUploadedFile(f"{text[:60]}.pdf", HTML(string=html).write_pdf(), content_type="application/pdf")


def load(ctx):
    org = ctx.main
    with scope(organization=org):
        admin = ctx.users["admin"]
        membership = Membership.objects.get(organization=org, user=admin)
        departments = {d.name: d for d in Department.objects.filter(organization=org)}
        profile = services.site_profile(org)
        if not profile.cover:
            services.site_profile_update(organization=org, acting_user=admin, data={
                "primary_colour": "#0b5394", "tagline": "กำปังน่าอยู่ เศรษฐกิจพอเพียง บริการโปร่งใส",
                "cover_alt": "ภาพวาดทุ่งนาและทิวเขาของตำบลกำปัง",
            }, logo=logo_image(), cover=cover_image())
        for kind, body in PAGES.items():
            if not InfoPage.objects.filter(organization=org, kind=kind).exists():
                services.info_page_save(organization=org, acting_user=admin, kind=kind, body=body)
        for n, (name, position, side, first, last, phone, email) in enumerate(EXECUTIVES):
            if Executive.objects.filter(organization=org, full_name=name).exists():
                continue
            dept = departments.get("กองคลัง") if "กองคลัง" in position else (
                departments.get("กองช่าง") if "กองช่าง" in position else departments.get("สำนักปลัด"))
            services.executive_save(organization=org, acting_user=admin, executive=None, photo=portrait(first, last, n),
                                    data={"full_name": name, "position": position, "side": side, "order": n,
                                          "phone": phone, "email": email, "department": dept})
        for n, (network, label, url) in enumerate(SOCIAL):
            if not SocialLink.objects.filter(organization=org, network=network).exists():
                services.social_link_save(organization=org, acting_user=admin, link=None,
                                          data={"network": network, "label": label, "url": url, "order": n})
        for n, (q, a) in enumerate(FAQ):
            if not FaqEntry.objects.filter(organization=org, question=q).exists():
                services.question_save(organization=org, acting_user=admin, question=None,
                                       data={"question": q, "answer": a, "order": n, "is_published": True})

        owners = services.category_departments(org)
        fallback = departments.get("สำนักปลัด")

        def dept_for(category):
            ids = owners.get(category) or set()
            return next((d for d in departments.values() if d.pk in ids), fallback)

        with_pdf = {"procurement-plan", "procurement-annual-report", "budget-plan"}
        for category, title, day, year, body in DOCUMENTS:
            files = None
            if category in with_pdf and not Publication.objects.filter(organization=org, title=title).exists():
                pdf = _pdf(title)
                files = [pdf] if pdf else None
            _publish(org, membership, admin, dept_for, category, title, day, year, body, files=files)
        for n, month in enumerate(MONTHS_2566):
            label = month_label(month)
            publish_day = (month.replace(day=28) + dt.timedelta(days=10)).replace(day=10)
            _publish(org, membership, admin, dept_for, "procurement-summary",
                     f"สรุปผลการจัดซื้อจัดจ้าง ประจำเดือน{label} (แบบ สขร.๑)", publish_day, YEAR,
                     f"<p>สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน{label}</p>", period=month,
                     rows=procurement_rows(month, n))
            _publish(org, membership, admin, dept_for, "monthly-spending",
                     f"รายงานการใช้จ่ายงบประมาณ ประจำเดือน{label}", publish_day, YEAR,
                     f"<p>รายงานรายรับ–รายจ่ายและการเบิกจ่ายงบประมาณ ประจำเดือน{label}</p>", period=month)
