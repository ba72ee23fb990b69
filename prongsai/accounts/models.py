from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. What they may do is decided per organization by tenancy.Membership."""

    title = models.CharField(_("คำนำหน้า"), max_length=30, blank=True, help_text=_("เช่น นาย นาง นางสาว"))

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")

    @property
    def display_name(self) -> str:
        name = f"{self.title}{self.first_name} {self.last_name}".strip()
        return name or self.username

    def __str__(self) -> str:
        return self.display_name
