"""Demo: a 2567 IIT pre-assessment of อบต.กำปัง answered by 30 fictional staff, and an open EIT
survey with answers from service users. Idempotent."""

import random

from django_scopes import scope

from prongsai.accounts.models import User
from prongsai.tenancy.models import Department, Membership

from . import services
from .models import Survey

FIRST = [
    "สมชาย",
    "สมหญิง",
    "อนุชา",
    "วนิดา",
    "ประยุทธ",
    "จันทร์เพ็ญ",
    "ธีรพงษ์",
    "ศิริพร",
    "ณัฐวุฒิ",
    "กัลยา",
    "พงศกร",
    "อรุณี",
    "สุรเชษฐ์",
    "นิภาพร",
    "วีรยุทธ",
    "ปวีณา",
    "ชัยวัฒน์",
    "รัตนา",
    "เอกชัย",
    "สุนันทา",
    "กิตติพงษ์",
    "มยุรี",
]
LAST = ["ใจงาม", "สุขสวัสดิ์", "ทองคำ", "ศรีวงศ์", "บุญมา", "แก้วใส", "พรหมดี", "มีสุข", "สายทอง", "รุ่งเรือง"]
# Answer tendencies (probability of the better answer) per indicator: 2 and 4 are the weak ones.
TENDENCY = {1: 0.97, 2: 0.7, 3: 0.96, 4: 0.72, 5: 0.97, 6: 0.96, 7: 0.8, 8: 0.95}


def _answers(survey, rng):
    out = {}
    for q in survey.questions.all():
        good = rng.random() < TENDENCY.get(q.indicator_number, 0.8)
        if q.scale == "yesno":
            best = "yes" if q.yes_scores == 100 else "no"
            out[q.code] = best if good else ("no" if best == "yes" else "yes")
        else:
            high = rng.choice(["3", "4", "4"]) if good else rng.choice(["1", "2", "2"])
            out[q.code] = {"1": "4", "2": "3", "3": "2", "4": "1"}[high] if q.reversed else high
    return out


def load(ctx):
    org = ctx.main
    with scope(organization=org):
        if Survey.objects.filter(organization=org).exists():
            return
        coordinator = ctx.users["coordinator"]
        departments = list(Department.objects.filter(organization=org))
        rng = random.Random(2567)
        for i in range(24):
            username = f"staff{i + 1:02d}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "title": rng.choice(["นาย", "นาง", "นางสาว"]),
                    "first_name": FIRST[i % len(FIRST)],
                    "last_name": LAST[i % len(LAST)],
                },
            )
            if created:
                user.set_unusable_password()
                user.save()
            Membership.objects.get_or_create(
                organization=org,
                user=user,
                defaults={
                    "role": Membership.Role.VIEWER,
                    "department": departments[i % len(departments)],
                    "position_title": "พนักงานจ้าง",
                },
            )
        survey = services.survey_create(organization=org, acting_user=coordinator, instrument="IIT", fiscal_year=2567)
        services.survey_set_status(survey=survey, acting_user=coordinator, status=Survey.Status.OPEN)
        members = list(Membership.objects.filter(organization=org, is_active=True).order_by("pk"))
        issued = services.invitations_issue(survey=survey, acting_user=coordinator, memberships=members)
        for _membership, code in issued[:30]:
            services.answer_submit(survey=survey, answers=_answers(survey, rng), code=code)
        eit = services.survey_create(organization=org, acting_user=coordinator, instrument="EIT", fiscal_year=2567)
        services.survey_set_status(survey=eit, acting_user=coordinator, status=Survey.Status.OPEN)
        for _ in range(12):
            services.answer_submit(survey=eit, answers=_answers(eit, rng))
