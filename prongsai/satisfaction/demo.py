"""Demo data of the satisfaction app (idempotent): a survey for every demo service with answers
spread over the last months, some comments approved, one hidden, one waiting."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_scopes import scope

from prongsai.eservice.models import Service

from .models import SatisfactionSurvey, SurveyResponse

COMMENTS = [("เจ้าหน้าที่บริการดี รวดเร็ว", "approved"), ("อยากให้มีที่จอดรถมากขึ้น", "approved"),
            ("ข้อความไม่สุภาพ", "hidden"), ("รอนานนิดหน่อย", "pending")]


def load(ctx) -> None:
    org = ctx.main
    with scope(organization=org):
        for service in Service.objects.filter(organization=org):
            survey, created = SatisfactionSurvey.objects.get_or_create(
                organization=org, service=service, defaults={"title": f"ความพึงพอใจต่อการให้บริการ: {service.title}"})
            if not created:
                continue
            now = timezone.now()
            for i in range(18):
                comment, status = COMMENTS[i % len(COMMENTS)] if i % 3 == 0 else ("", "none")
                SurveyResponse.objects.create(organization=org, survey=survey, score=[5, 4, 5, 3, 4, 2][i % 6],
                                              comment=comment, comment_status=status,
                                              created_at=now - dt.timedelta(days=9 * i + service.pk % 5))
