from typing import Any

from django.http import HttpRequest

from hamkari.accounts.permissions import role_of


def roles(request: HttpRequest) -> dict[str, Any]:
    role = role_of(request.user)
    return {"role": role, "can_curate": role in ("analyst", "administrator")}
