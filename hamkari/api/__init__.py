"""The JSON API: `core` holds the NinjaAPI, authentication and the error shape; one router per
concern adds its endpoints."""

from hamkari.api.core import api
from hamkari.api.jobs import router as jobs_router
from hamkari.api.kb import router as kb_router
from hamkari.api.partners import router as partners_router

api.add_router("", kb_router)
api.add_router("", partners_router)
api.add_router("", jobs_router)

__all__ = ["api"]
