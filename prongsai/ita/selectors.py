"""Reads of frameworks and results. Scores are computed here, never stored twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Framework, Indicator, ITAResult, quantize


def framework_for_year(fiscal_year: int) -> Framework | None:
    return Framework.objects.filter(fiscal_year=fiscal_year).first()


def framework_with_items(fiscal_year: int) -> Framework | None:
    return (
        Framework.objects.filter(fiscal_year=fiscal_year)
        .prefetch_related("instruments__indicators", "oit_items__indicator")
        .first()
    )


@dataclass
class IndicatorLine:
    indicator: Indicator
    score: Decimal | None
    flagged: bool


@dataclass
class InstrumentLine:
    code: str
    name_th: str
    weight: Decimal
    score: Decimal | None
    indicators: list[IndicatorLine] = field(default_factory=list)


@dataclass
class ResultSummary:
    framework: Framework
    result: ITAResult | None
    instruments: list[InstrumentLine]
    total: Decimal | None
    band: str

    @property
    def flagged(self) -> list[IndicatorLine]:
        return [line for ins in self.instruments for line in ins.indicators if line.flagged]

    @property
    def complete(self) -> bool:
        return all(line.score is not None for ins in self.instruments for line in ins.indicators)


def result_summary(*, organization, framework: Framework) -> ResultSummary:
    """Instrument score = mean of its indicators; total = weighted sum; band by the year's
    rules; every indicator below the pass mark is flagged as needing improvement."""
    result = (
        ITAResult.objects.filter(organization=organization, framework=framework)
        .prefetch_related("indicator_scores")
        .first()
    )
    scores = {s.indicator_id: s.score for s in result.indicator_scores.all()} if result else {}
    lines = []
    for ins in framework.instruments.all().prefetch_related("indicators"):
        ind_lines = []
        for ind in ins.indicators.all():
            score = scores.get(ind.id)
            ind_lines.append(IndicatorLine(ind, score, score is not None and score < framework.pass_mark))
        known = [line.score for line in ind_lines if line.score is not None]
        ins_score = quantize(sum(known) / len(known)) if known and len(known) == len(ind_lines) else None
        lines.append(InstrumentLine(ins.code, ins.name_th, ins.weight, ins_score, ind_lines))
    total = None
    band = ""
    if lines and all(line.score is not None for line in lines):
        total = quantize(sum(line.score * line.weight / Decimal(100) for line in lines))
        band = framework.band_for(total, {line.code: line.score for line in lines})
    return ResultSummary(framework, result, lines, total, band)


def results_overview(*, organization) -> list[ResultSummary]:
    """One summary per framework year (newest first), with or without a recorded result."""
    frameworks = Framework.objects.all().order_by("-fiscal_year")
    return [result_summary(organization=organization, framework=fw) for fw in frameworks]


@dataclass
class FlaggedLine:
    line: IndicatorLine
    issues: list


def flagged_with_issues(*, organization, summary: ResultSummary):
    """Every flagged indicator with the plan issues that answer it (plans answering this
    framework year), and the plans an issue could be added to."""
    from prongsai.measures.models import Issue, Plan

    plans = list(Plan.objects.filter(organization=organization, answers_framework=summary.framework)
                 .order_by("-fiscal_year"))
    flagged_ids = [line.indicator.id for line in summary.flagged]
    issues = list(Issue.objects.filter(organization=organization, plan__in=plans, indicator_id__in=flagged_ids)
                  .select_related("plan", "oit_item").order_by("plan__fiscal_year", "position"))
    lines = [FlaggedLine(line, [i for i in issues if i.indicator_id == line.indicator.id]) for line in summary.flagged]
    return lines, plans


def failed_oit_items(*, summary: ResultSummary):
    if summary.result is None:
        return []
    return list(summary.result.oit_scores.filter(score=0).select_related("item").order_by("item__position"))
