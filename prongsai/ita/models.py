"""The ITA framework of each fiscal year (reference data shared by every organization,
loaded from prongsai/ita/frameworks/<year>.yaml) and each organization's official results."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.tenancy.models import TenantModel


class Framework(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"), unique=True)
    title_th = models.CharField(max_length=300)
    pass_mark = models.DecimalField(max_digits=5, decimal_places=2, default=85)
    bands = models.JSONField(default=list, help_text="[{label, min_total, min_each_instrument?}] first match wins")
    source_file = models.CharField(max_length=200, blank=True)
    checksum = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-fiscal_year"]

    def __str__(self) -> str:
        return f"ITA {self.fiscal_year}"

    def band_for(self, total: Decimal, instrument_scores: dict[str, Decimal]) -> str:
        lowest = min(instrument_scores.values()) if instrument_scores else Decimal(0)
        for band in self.bands:
            if total < Decimal(str(band["min_total"])):
                continue
            if "min_each_instrument" in band and lowest < Decimal(str(band["min_each_instrument"])):
                continue
            return band["label"]
        return ""


class Instrument(models.Model):
    class Code(models.TextChoices):
        IIT = "IIT", "IIT"
        EIT = "EIT", "EIT"
        OIT = "OIT", "OIT"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="instruments")
    code = models.CharField(max_length=3, choices=Code.choices)
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="instrument_unique_code")]

    def __str__(self) -> str:
        return f"{self.name_th} ({self.code})"


class Indicator(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveIntegerField()
    title_th = models.CharField(max_length=200)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="indicator_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_th}"


class OITItem(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="oit_items")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="oit_items")
    code = models.CharField(max_length=10)
    number = models.PositiveIntegerField()
    position = models.PositiveIntegerField(default=0)
    title_th = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300, blank=True)
    sub_indicator = models.CharField(max_length=200, blank=True)
    requirements = models.JSONField(default=list)
    requirements_known = models.BooleanField(default=True)
    confidence = models.CharField(max_length=300, blank=True)
    sources = models.JSONField(default=list)
    # Optional checks used by the OIT self-check (see frameworks/README.md).
    checks = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="oititem_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"


SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
TWO_PLACES = Decimal("0.01")


class ITAResult(TenantModel):
    """An organization's official ITA result for one framework year."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="results")
    note = models.CharField(_("หมายเหตุ"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "framework"], name="itaresult_unique_year")]

    def __str__(self) -> str:
        return f"ผลการประเมิน ITA {self.framework.fiscal_year}"


class IndicatorScore(TenantModel):
    result = models.ForeignKey(ITAResult, on_delete=models.CASCADE, related_name="indicator_scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT)
    score = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "result", "indicator"], name="indicatorscore_unique")
        ]


class OITItemScore(TenantModel):
    result = models.ForeignKey(ITAResult, on_delete=models.CASCADE, related_name="oit_scores")
    item = models.ForeignKey(OITItem, on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(_("คะแนน"), choices=[(0, "0"), (100, "100")])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "result", "item"], name="oititemscore_unique")]


def quantize(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
