"""Django's minimum-length rule for passwords, said with the number in the reader's digits («حداقل ۱۰
نویسه» in Persian): Django's own text formats the number with %d, in Latin digits whatever the
language."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, ngettext

from hamkari.kb.calendar import digits_in


class LengthValidator(MinimumLengthValidator):
    def _length(self) -> str:
        return digits_in(self.min_length, get_language() or "fa")

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                ngettext(
                    "This password is too short. It must contain at least %(min_length)s character.",
                    "This password is too short. It must contain at least %(min_length)s characters.",
                    self.min_length,
                ),
                code="password_too_short",
                params={"min_length": self._length()},
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must contain at least %(min_length)s character.",
            "Your password must contain at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": self._length()}
