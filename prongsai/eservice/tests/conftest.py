import pytest
from django.core.cache import cache

from prongsai.complaints.tests.conftest import form_token  # noqa: F401
from prongsai.eservice.models import RequestType, Service, ServiceStep

FIELDS = [
    {"name": "name", "label": "ชื่อ-นามสกุล", "type": "text", "required": True},
    {"name": "national_id", "label": "เลขประจำตัวประชาชน", "type": "national_id", "required": True},
    {"name": "phone", "label": "โทรศัพท์", "type": "phone", "required": True},
    {"name": "email", "label": "อีเมล", "type": "email", "required": False},
    {"name": "details", "label": "รายละเอียด", "type": "textarea", "required": True},
]


@pytest.fixture(autouse=True)
def _clean(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(cast):
    """A service and a request type in each organization; A's type is handled by finance (bob)."""
    svc_a = Service.objects.create(organization=cast.org_a, title="ขออนุญาตก่อสร้างอาคาร", channels="ติดต่อด้วยตนเอง",
                                   department=cast.finance_a)
    ServiceStep.objects.create(organization=cast.org_a, service=svc_a, position=1, text="ยื่นคำขอ", duration=15)
    ServiceStep.objects.create(organization=cast.org_a, service=svc_a, position=2, text="ตรวจสอบพื้นที่", duration=3,
                               unit="days", responsible="นายช่าง")
    svc_b = Service.objects.create(organization=cast.org_b, title="บริการของเบตา", channels="เว็บไซต์")
    type_a = RequestType.objects.create(organization=cast.org_a, name="คำร้องทั่วไป", fields=FIELDS,
                                        department=cast.finance_a, target_days=7, service=svc_a)
    type_b = RequestType.objects.create(organization=cast.org_b, name="คำร้องเบตา", fields=FIELDS[:1],
                                        department=cast.office_b)
    cast.svc_a, cast.svc_b, cast.type_a, cast.type_b = svc_a, svc_b, type_a, type_b
    return cast
