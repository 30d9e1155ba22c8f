"""The names of `spec/extraction.md`, written once: every layer (extraction, kb, tracker, api, web)
imports them from here instead of repeating them."""

from __future__ import annotations

ENTITY_TYPES = ("region", "country", "city", "person", "organization", "sector", "route", "market")

ROLES = (
    "head_of_state",
    "head_of_government",
    "head_of_region",
    "deputy_head_of_region",
    "minister",
    "deputy_minister",
    "ambassador",
    "consul_general",
    "advisor",
    "legislator",
    "agency_head",
    "executive",
    "academic",
    "official",
)

ORGANIZATION_KINDS = (
    "ministry",
    "governorate",
    "embassy",
    "consulate",
    "economic_zone",
    "chamber",
    "association",
    "agency",
    "company",
    "university",
    "media",
    "other",
)

EVENT_TYPES = ("meeting", "virtual_meeting", "visit", "signing", "exhibition", "forum", "competition")

INSTRUMENT_KINDS = (
    "memorandum",
    "agreement",
    "protocol",
    "association",
    "consortium",
    "working_group",
    "committee",
    "action_plan",
    "secretariat",
    "trade_house",
)

# An instrument's status moves forward along this line; the tracker adds `lapsed` for one that
# expired without being carried out (not an extraction status: no article says so reliably).
LIFECYCLE = ("proposed", "discussed", "agreed", "signed", "established", "completed")
TRACKER_STATUSES = (*LIFECYCLE, "lapsed")

# How exact a commitment's `due` is: the day itself, or the last day of the month, quarter, half or
# year the text names (`due_precision`, an added field of the extractor's JSON).
DUE_PRECISIONS = ("day", "month", "quarter", "half", "year")

ROUTES = ("instc", "instc_west", "instc_caspian", "instc_east")
MARKETS = (
    "africa",
    "asia",
    "europe",
    "middle_east",
    "south_asia",
    "central_asia",
    "caucasus",
    "latin_america",
)
