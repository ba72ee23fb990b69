"""Results of a pre-assessment, computed from the aggregate tallies only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from prongsai.ita.models import Indicator, IndicatorScore
from prongsai.tenancy.models import Department

from .models import MIN_GROUP, Invitation, PendingAnswer, RespondentCount, Survey, Tally

D = Decimal


@dataclass
class QuestionResult:
    code: str
    text: str
    score: Decimal


@dataclass
class IndicatorResult:
    number: int
    title: str
    score: Decimal | None
    questions: list[QuestionResult] = field(default_factory=list)
    official: dict = field(default_factory=dict)  # fiscal year → official score
    flagged: bool = False


@dataclass
class SurveyResults:
    respondents: int
    pending: int
    visible: bool
    indicators: list[IndicatorResult]
    instrument_score: Decimal | None
    weakest: list[QuestionResult]
    groups: list[tuple[str, int, Decimal | None]]


def _q(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"))


def survey_results(*, organization, survey: Survey, group_key: int = 0) -> SurveyResults:
    respondents = RespondentCount.objects.filter(organization=organization, survey=survey, group_key=group_key).first()
    n = respondents.count if respondents else 0
    pending = PendingAnswer.objects.filter(organization=organization, survey=survey).count()
    questions = list(survey.questions.all())
    tallies = defaultdict(dict)
    for t in Tally.objects.filter(organization=organization, survey=survey, group_key=group_key):
        tallies[t.question_id][t.option] = t.count
    visible = n >= MIN_GROUP
    titles = {i.number: i.title_th for i in Indicator.objects.filter(framework=survey.framework)}
    by_indicator = defaultdict(list)
    for q in questions:
        counts = tallies.get(q.id, {})
        total = sum(counts.values())
        if not total:
            continue
        score = D(sum(q.score_of(opt) * c for opt, c in counts.items())) / total
        by_indicator[q.indicator_number].append(QuestionResult(q.code, q.text, _q(score)))
    official = defaultdict(dict)
    for s in IndicatorScore.objects.filter(
        organization=organization, result__framework__fiscal_year__lt=survey.framework.fiscal_year
    ).select_related("indicator", "result__framework"):
        official[s.indicator.number][s.result.framework.fiscal_year] = s.score
    indicators = []
    numbers = sorted({q.indicator_number for q in questions})
    for number in numbers:
        qs = by_indicator.get(number, [])
        score = _q(sum(x.score for x in qs) / len(qs)) if qs and visible else None
        indicators.append(
            IndicatorResult(
                number,
                titles.get(number, ""),
                score,
                qs if visible else [],
                dict(sorted(official[number].items())),
                flagged=score is not None and score < survey.framework.pass_mark,
            )
        )
    scored = [i.score for i in indicators if i.score is not None]
    instrument_score = _q(sum(scored) / len(scored)) if scored and len(scored) == len(indicators) else None
    weakest = sorted((q for i in indicators for q in i.questions), key=lambda q: q.score)[:5]
    groups = []
    if group_key == 0 and visible:
        names = {d.id: d.name for d in Department.objects.filter(organization=organization)}
        for rc in RespondentCount.objects.filter(
            organization=organization, survey=survey, count__gte=MIN_GROUP
        ).exclude(group_key=0):
            sub = survey_results(organization=organization, survey=survey, group_key=rc.group_key)
            groups.append((names.get(rc.group_key, "-"), rc.count, sub.instrument_score))
    return SurveyResults(n, pending, visible, indicators, instrument_score, weakest, groups)


def invitation_status(*, organization, survey: Survey):
    """Who has not answered yet (for reminders) — never what anyone answered."""
    return (
        Invitation.objects.filter(organization=organization, survey=survey)
        .select_related("membership__user", "membership__department")
        .order_by("answered", "membership__department__position", "membership__user__first_name")
    )


@dataclass
class PredictedPart:
    code: str
    name: str
    weight: Decimal
    score: Decimal | None
    survey: Survey | None = None  # IIT/EIT: the survey the score comes from


@dataclass
class PredictedTotal:
    fiscal_year: int
    parts: list[PredictedPart]
    total: Decimal | None
    band: str


def predicted_total(*, organization, framework) -> PredictedTotal:
    """IIT and EIT from the latest self-assessment of each with visible results, OIT from the
    readiness self-check (oit.selectors.predicted_oit_score, links not opened), weighted by the
    framework's instrument weights. The total is None until every instrument has a score."""
    from prongsai.oit.selectors import predicted_oit_score

    parts = []
    for instrument in framework.instruments.all():
        if instrument.code == "OIT":
            score = predicted_oit_score(organization=organization, fiscal_year=framework.fiscal_year)
            parts.append(PredictedPart(instrument.code, instrument.name_th, instrument.weight, score))
            continue
        chosen, score = None, None
        for survey in Survey.objects.filter(organization=organization, framework=framework,
                                            instrument=instrument.code).order_by("-created_at", "-id"):
            result = survey_results(organization=organization, survey=survey)
            if result.instrument_score is not None:
                chosen, score = survey, result.instrument_score
                break
        parts.append(PredictedPart(instrument.code, instrument.name_th, instrument.weight, score, chosen))
    total, band = None, ""
    if parts and all(p.score is not None for p in parts):
        total = _q(sum(p.score * p.weight / 100 for p in parts))
        band = framework.band_for(total, {p.code: p.score for p in parts})
    return PredictedTotal(framework.fiscal_year, parts, total, band)
