"""The signed-in person's own pages: "my organizations" (where login lands) and the Thai
password-change form."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from prongsai.tenancy.selectors import organizations_of


@login_required
def my_organizations(request):
    """Every organization the person works for, each with a link to its staff pages; with
    exactly one, go straight there."""
    mine = organizations_of(request.user)
    if len(mine) == 1:
        return redirect("measures:dashboard", org_slug=mine[0][0].slug)
    return render(request, "accounts/my_organizations.html", {"mine": mine})


class ThaiPasswordChangeForm(PasswordChangeForm):
    """Django's form with labels and messages in Thai that name the field and the fix."""

    error_messages = {
        "password_mismatch": _("“ยืนยันรหัสผ่านใหม่” ไม่ตรงกับ “รหัสผ่านใหม่” กรุณาพิมพ์ให้ตรงกัน"),
        "password_incorrect": _("“รหัสผ่านปัจจุบัน” ไม่ถูกต้อง กรุณาลองใหม่"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "old_password": _("รหัสผ่านปัจจุบัน"),
            "new_password1": _("รหัสผ่านใหม่"),
            "new_password2": _("ยืนยันรหัสผ่านใหม่"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
            self.fields[name].error_messages["required"] = _("กรุณากรอก “%(label)s”") % {"label": label}
        self.fields["new_password1"].help_text = _(
            "อย่างน้อย ๘ ตัวอักษร ไม่ใช่ตัวเลขล้วน ไม่คล้ายชื่อผู้ใช้ และไม่ใช่รหัสผ่านที่ใช้กันทั่วไป")
        self.fields["new_password2"].help_text = _("พิมพ์รหัสผ่านใหม่อีกครั้ง")

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as exc:
                for error in exc.error_list:
                    self.add_error(password_field_name, str(THAI_VALIDATOR_MESSAGES.get(error.code, error.messages[0])))


THAI_VALIDATOR_MESSAGES = {
    "password_too_short": _("“รหัสผ่านใหม่” สั้นเกินไป ต้องมีอย่างน้อย ๘ ตัวอักษร"),
    "password_too_common": _("“รหัสผ่านใหม่” เป็นรหัสผ่านที่ใช้กันทั่วไป เดาได้ง่าย กรุณาตั้งใหม่"),
    "password_entirely_numeric": _("“รหัสผ่านใหม่” เป็นตัวเลขล้วน กรุณาผสมตัวอักษรด้วย"),
    "password_too_similar": _("“รหัสผ่านใหม่” คล้ายชื่อผู้ใช้หรือชื่อของคุณมากเกินไป กรุณาตั้งใหม่"),
}
