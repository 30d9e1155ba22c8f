"""Pages, roles and object-level permissions, escaping of hostile article text, query counts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from hamkari.kb.models import Article, AuditLog, Entity, Mention
from hamkari.monitoring.worker import jobs_run_waiting
from tests.recording_server import Recorder

pytestmark = pytest.mark.django_db


def logged_in(user: Any, language: str = "fa") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def text_of(response: Any) -> str:
    """The page's text without its tags (names and errors are isolated in <bdi> elements)."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_pages_need_a_login(client: Client, articles: list[Any]) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_every_page_renders_in_every_language(
    users: dict[str, Any], articles: list[Any], language: str
) -> None:
    client = logged_in(users["analyst"], language)
    person = Entity.objects.filter(type="person").first()
    assert person is not None
    story_id = articles[0].story_id
    for path in (
        "/",
        "/regions/IR-01/",
        "/regions/IR-01/RU-AST/",
        f"/people/{person.pk}/",
        f"/stories/{story_id}/",
        f"/articles/{articles[0].pk}/",
        "/search/?q=همکاری",
        "/review/",
        "/upload/",
        "/jobs/",
        f"/audit/person/{person.pk}/",
        "/accounts/password_change/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert f'lang="{language}"' in body and ('dir="rtl"' in body) == (language == "fa"), path


def test_persian_pages_show_persian_digits_and_jalali_dates_beside_gregorian(
    users: dict[str, Any], articles: list[Any]
) -> None:
    body = logged_in(users["viewer"], "fa").get(f"/articles/{articles[0].pk}/").content.decode()
    assert "۱۱ اسفند ۱۴۰۲ (\u20662024-03-01\u2069)" in strip_tags(body)
    english = logged_in(users["viewer"], "en").get(f"/articles/{articles[0].pk}/").content.decode()
    assert "2024-03-01 (1402-12-11)" in strip_tags(english)
    assert (
        "Dashboard" in english
        and "پیشخوان" in body
        and "Сводка" in logged_in(users["viewer"], "ru").get("/").content.decode()
    )


def test_article_text_is_shown_as_text_everywhere(users: dict[str, Any], hostile: Any) -> None:
    client = logged_in(users["analyst"], "en")
    for path in (
        f"/articles/{hostile.pk}/",
        "/",
        "/search/?q=استاندار",
        "/regions/IR-01/",
        f"/stories/{hostile.story_id}/",
    ):
        body = client.get(path).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, path
    body = client.get(f"/articles/{hostile.pk}/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body


def test_an_analyst_reviews_a_fact_in_place_and_it_is_audited(
    users: dict[str, Any], articles: list[Any]
) -> None:
    mention = Mention.objects.filter(article=articles[0]).first()
    assert mention is not None
    client = logged_in(users["analyst"], "en")
    response = client.post(
        f"/facts/mention/{mention.pk}/review/", {"state": "rejected"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "state-rejected" in response.content.decode()
    mention.refresh_from_db()
    assert mention.review_state == "rejected" and mention.reviewed_by == users["analyst"]
    assert AuditLog.objects.filter(object_type="mention", object_id=mention.pk).exists()
    audit = client.get(f"/audit/mention/{mention.pk}/").content.decode()
    assert ">rejected</td>" in audit and "analyst" in audit  # the action in words, not its code
    assert f'href="/articles/{mention.article_id}/#f-mention-{mention.pk}"' in audit  # back to its words


def test_viewers_may_not_review(users: dict[str, Any], articles: list[Any]) -> None:
    mention = Mention.objects.filter(article=articles[0]).first()
    assert mention is not None
    response = logged_in(users["viewer"]).post(f"/facts/mention/{mention.pk}/review/", {"state": "accepted"})
    assert response.status_code == 403
    page = logged_in(users["viewer"]).get(f"/articles/{articles[0].pk}/").content.decode()
    assert 'name="state"' not in page


def test_an_editor_reviews_only_articles_of_their_region(users: dict[str, Any], articles: list[Any]) -> None:
    gilan = Article.objects.get(pk=articles[0].pk)  # mentions Gilan (IR-01)
    other = Article.objects.get(pk=articles[2].pk)  # the Russian article: Astrakhan, no Gilan
    assert Mention.objects.filter(article=gilan, entity__ref="IR-01").exists()
    assert not Mention.objects.filter(article=other, entity__ref="IR-01").exists()
    editor = logged_in(users["editor"])
    own = Mention.objects.filter(article=gilan).first()
    foreign = Mention.objects.filter(article=other).first()
    assert own is not None and foreign is not None
    assert editor.post(f"/facts/mention/{own.pk}/review/", {"state": "accepted"}).status_code == 302
    assert editor.post(f"/facts/mention/{foreign.pk}/review/", {"state": "accepted"}).status_code == 403


def test_only_analysts_merge_split_and_upload(users: dict[str, Any], articles: list[Any]) -> None:
    person = Entity.objects.filter(type="person").first()
    assert person is not None
    for role in ("viewer", "editor"):
        client = logged_in(users[role])
        assert client.post(f"/people/{person.pk}/merge/", {"into": person.pk}).status_code == 403
        assert client.post(f"/people/{person.pk}/split/", {"mentions": [1]}).status_code == 403
        assert client.get("/upload/").status_code == 403
    bad = logged_in(users["analyst"]).post(f"/people/{person.pk}/merge/", {"into": "abc"})
    assert bad.status_code == 400


def test_the_admin_is_for_administrators_only(users: dict[str, Any]) -> None:
    assert logged_in(users["analyst"]).get("/admin/").status_code == 302
    assert logged_in(users["admin"]).get("/admin/").status_code == 200


def test_forms_carry_a_csrf_token_and_posts_without_it_are_refused(
    users: dict[str, Any], articles: list[Any]
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["analyst"])
    page = client.get(f"/articles/{articles[0].pk}/").content.decode()
    assert page.count("csrfmiddlewaretoken") >= page.count("<form")
    mention = Mention.objects.filter(article=articles[0]).first()
    assert mention is not None
    assert client.post(f"/facts/mention/{mention.pk}/review/", {"state": "accepted"}).status_code == 403


def test_upload_reports_bad_files_and_stores_good_ones(users: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = logged_in(users["analyst"], "en")
    files = [
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("binary.bin", bytes(range(256)) * 4),
        SimpleUploadedFile("good.txt", b"Governor of Gilan Province Hadi Haqshenas met a delegation."),
    ]
    response = client.post(
        "/upload/", {"files": files, "url": "ftp://example.org/x", "text": "   "}, follow=True
    )
    body = text_of(response)
    assert response.redirect_chain[0][0].startswith("/jobs/")
    assert "empty.txt: file is empty" in body and "binary.bin: binary file" in body
    assert "ftp://example.org/x: an address must start with http:// or https://" in body
    assert "good.txt" not in body and not Article.objects.exists()  # the worker stores it
    assert jobs_run_waiting() == 1
    assert "good.txt: stored" in text_of(client.get(response.redirect_chain[0][0]))
    assert Article.objects.count() == 1


def test_upload_refuses_a_loopback_address_and_fetches_nothing(
    users: dict[str, Any], recording_server: Recorder
) -> None:
    client = logged_in(users["analyst"], "en")
    for path in ("/page", "/news.rss"):
        job = client.post("/upload/", {"url": recording_server.url(path)})["Location"]
        assert jobs_run_waiting() == 1
        shown = re.sub(r"<[^>]+>", "", client.get(job).content.decode())  # the values are isolated (<bdi>)
        assert "refused: 127.0.0.1 is a loopback address" in shown
    assert recording_server.hits == [] and not Article.objects.exists()


def test_search_folds_persian_variants(users: dict[str, Any], articles: list[Any]) -> None:
    client = logged_in(users["viewer"])
    pages = [client.get("/search/", {"q": q}).content.decode() for q in ("همکاری", "همكاري", "همکاری")]
    assert pages[0].count("/articles/") == pages[1].count("/articles/") == pages[2].count("/articles/") > 0


def test_list_pages_use_a_fixed_number_of_queries(users: dict[str, Any], articles: list[Any]) -> None:
    from hamkari.kb import services

    client = logged_in(users["viewer"])

    def count(path: str) -> int:
        from django.core.cache import cache

        from hamkari.partners import finder

        cache.clear()  # compare the work of uncached pages
        finder._profiles.cache_clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    before = {p: count(p) for p in ("/", "/regions/IR-01/", "/review/", "/search/?q=همکاری")}
    for n in range(10):
        services.article_ingest(
            text=f"date 2024-0{1 + n % 9}-1{n % 9}\nبه گزارش ایرنا، استاندار گیلان "
            f"با هیئت روسی درباره همکاری شیلات گفتگو کرد {n}.",
            source=str(n),
        )
    after = {p: count(p) for p in before}
    assert after == before


def test_the_article_page_costs_the_same_queries_however_many_facts_were_reviewed(
    users: dict[str, Any], articles: list[Any]
) -> None:
    from hamkari.kb import services

    client = logged_in(users["analyst"])
    article = articles[0]

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/articles/{article.pk}/").status_code == 200
        return len(captured)

    before = count()
    for mention in Mention.objects.filter(article=article):
        services.fact_review(kind="mention", fact_id=mention.pk, state="accepted", user=users["analyst"])
    assert Mention.objects.filter(article=article, reviewed_by__isnull=False).count() > 1
    assert count() == before


def test_editors_edit_only_their_own_profiles(users: dict[str, Any], articles: list[Any]) -> None:
    gilan = Entity.objects.get(type="region", ref="IR-01")
    astrakhan = Entity.objects.get(type="region", ref="RU-AST")
    editor = logged_in(users["editor"], "en")
    assert 'name="summary"' in editor.get("/regions/IR-01/").content.decode()
    assert 'name="summary"' not in editor.get("/regions/RU-AST/").content.decode()
    assert (
        editor.post(
            f"/entities/{gilan.pk}/profile/", {"summary": "Contact: the international office"}
        ).status_code
        == 302
    )
    assert editor.post(f"/entities/{astrakhan.pk}/profile/", {"summary": "x"}).status_code == 403
    assert (
        logged_in(users["analyst"]).post(f"/entities/{gilan.pk}/profile/", {"summary": "y"}).status_code
        == 403
    )
    assert "Contact: the international office" in editor.get("/regions/IR-01/").content.decode()
    assert AuditLog.objects.filter(action="profile.update", object_id=gilan.pk).exists()
    from hamkari.kb import services

    services.article_ingest(
        text="به گزارش ایرنا، اتاق بازرگانی گیلان با هیئت تجاری آستاراخان دیدار کرد.", source="o"
    )
    organization = Entity.objects.get(type="organization")
    page = editor.get(f"/entities/{organization.pk}/").content.decode()
    assert "اتاق بازرگانی گیلان" in page and 'name="summary"' not in page


def test_every_string_of_the_templates_has_a_persian_and_a_russian_translation() -> None:
    import re
    from pathlib import Path

    import polib

    root = Path(__file__).resolve().parents[2] / "hamkari"
    wanted: set[str] = set()
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        wanted |= set(re.findall(r'{%\s*translate\s+"([^"]+)"', text)) | set(
            re.findall(r"{%\s*translate\s+'([^']+)'", text)
        )
    for views in [*root.glob("*/views.py"), *root.glob("*/views/*.py")]:
        wanted |= set(re.findall(r'_\(\s*"([^"]+)"\s*\)', views.read_text(encoding="utf-8")))
    for services in [*root.glob("*/services.py"), *root.glob("*/services/*.py")]:  # reasons a form shows
        wanted |= set(re.findall(r'gettext\(\s*"([^"]+)"\s*\)', services.read_text(encoding="utf-8")))
    for language in ("fa", "ru"):
        # web's catalogue and those apps keep in their own locale folder (alerts/locale)
        catalogues = [polib.pofile(str(p)) for p in root.glob(f"*/locale/{language}/LC_MESSAGES/django.po")]
        translated = {e.msgid for catalogue in catalogues for e in catalogue if e.msgstr or e.msgstr_plural}
        assert len(catalogues) >= 2 and not sorted(wanted - translated), language


def test_every_code_the_catalogues_translate_has_an_english_name_too() -> None:
    import re
    from pathlib import Path

    import polib

    locale = Path(__file__).resolve().parents[2] / "hamkari" / "web" / "locale"
    persian = polib.pofile(str(locale / "fa" / "LC_MESSAGES" / "django.po"))
    codes = {e.msgid for e in persian if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", e.msgid)}
    english = {e.msgid for e in polib.pofile(str(locale / "en" / "LC_MESSAGES" / "django.po")) if e.msgstr}
    assert codes and not sorted(codes - english)


def test_error_pages_are_in_the_sites_layout_and_language(users: dict[str, Any]) -> None:
    client = logged_in(users["viewer"], "fa")
    missing = client.get("/articles/987654/")
    body = missing.content.decode()
    assert missing.status_code == 404 and 'lang="fa"' in body and "پیدا نشد" in body and 'class="top"' in body
    refused = client.get("/upload/").content.decode()
    assert "اجازه ندارید" in refused and 'class="top"' in refused
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["analyst"])
    strict.cookies["django_language"] = "ru"
    expired = strict.post("/upload/", {"text": "x"})
    assert expired.status_code == 403 and "Форма устарела" in expired.content.decode()


def test_a_refused_split_of_a_person_comes_back_in_the_page_with_its_reason(
    users: dict[str, Any], articles: list[Any]
) -> None:
    """Nothing checked (or a value that is no number) is refused in the person's page, in its language,
    not as a bare line of text."""
    person = Entity.objects.filter(type="person", merged_into=None).first()
    assert person is not None
    client = logged_in(users["analyst"], "fa")
    for sent in ({}, {"mentions": ["x"]}):
        refused = client.post(f"/people/{person.pk}/split/", sent)
        body = refused.content.decode()
        assert refused.status_code == 400 and 'class="top"' in body, sent
        assert 'role="alert">برای جداسازی، یادکردهایی از همین شخص را برگزینید</p>' in body, sent


REFUSED_HEADINGS = [("fa", "درخواست خوانده نشد"), ("ru", "Не удалось прочитать запрос")]


@pytest.mark.parametrize(("language", "heading"), REFUSED_HEADINGS)
def test_a_request_the_site_refuses_is_a_400_page_in_the_sites_layout_and_language(
    users: dict[str, Any], language: str, heading: str
) -> None:
    """A NUL character in a search (refused before any view runs) gets the site's page, not Django's
    bare English «Bad Request (400)»."""
    refused = logged_in(users["viewer"], language).get("/search/", {"q": "گیلان\x00"})
    body = refused.content.decode()
    assert refused.status_code == 400 and f'lang="{language}"' in body, body
    assert heading in body and 'class="top"' in body and 'class="skip"' in body


def test_the_key_facts_come_in_the_order_the_fact_kind_registry_ranks_them(
    users: dict[str, Any], articles: list[Any]
) -> None:
    from hamkari.kb.facts import FACT_KINDS

    response = logged_in(users["analyst"]).get(f"/articles/{articles[0].pk}/")
    kinds = [row["kind"] for row in response.context["key_rows"]]
    ranks = [FACT_KINDS[k].key_order if FACT_KINDS[k].key_order is not None else 99 for k in kinds]
    assert len(set(ranks)) > 1 and ranks == sorted(ranks), kinds


def test_capacity_bars_are_as_long_as_the_share_they_show(users: dict[str, Any], articles: list[Any]) -> None:
    import re

    from hamkari.partners.services import capacity_set

    organization = Entity.objects.create(type="organization", name="Caspian Shipping Union")
    capacity_set(entity=organization, sector="fisheries", kind="offer", strength=2, user=None)
    capacity_set(entity=organization, sector="steel", kind="need", strength=5, user=None)
    client = logged_in(users["analyst"], "en")
    pages = [client.get(f"/entities/{organization.pk}/"), client.get("/regions/IR-01/")]
    bars = [
        (int(width), int(shown))
        for page in pages
        for width, shown in re.findall(
            r'<rect width="(\d+)" height="10" class="bar"/></svg> <span class="value">(\d+)%</span>',
            page.content.decode(),
        )
    ]
    assert (40, 40) in bars and (100, 100) in bars and len(bars) > 2
    assert all(width == shown for width, shown in bars), bars


def test_a_figure_is_edited_in_persian_digits_and_sent_back_unchanged_is_no_edit(
    users: dict[str, Any],
) -> None:
    from hamkari.kb import services
    from hamkari.kb.models import Quantity

    kb_article = services.article_ingest(
        text="Kazan exported 680,000 tonnes of grain to Tabriz in 2025.", source="t"
    )
    quantity = Quantity.objects.filter(article=kb_article.article).first()
    assert quantity is not None and quantity.value == 680000
    client = logged_in(users["analyst"], "fa")
    page = client.get(f"/articles/{kb_article.article.pk}/").content.decode()
    assert 'name="value" value="۶۸۰۰۰۰"' in page  # not «680000.0»
    url = f"/facts/quantity/{quantity.pk}/review/"
    assert (
        client.post(url, {"state": "accepted", "value": "۶۸۰۰۰۰"}, HTTP_HX_REQUEST="true").status_code == 200
    )
    quantity.refresh_from_db()
    assert (quantity.value, quantity.edited, quantity.review_state) == (680000, False, "accepted")
    assert (
        client.post(url, {"state": "accepted", "value": "۷۰۰٬۰۰۰"}, HTTP_HX_REQUEST="true").status_code == 200
    )
    quantity.refresh_from_db()
    assert (quantity.value, quantity.edited) == (700000, True)


@pytest.mark.parametrize(
    ("language", "name"), [("fa", "، فارسی، "), ("ru", " · персидский · "), ("en", " · Persian · ")]
)
def test_the_article_page_names_the_articles_language(
    users: dict[str, Any], articles: list[Any], language: str, name: str
) -> None:
    page = logged_in(users["viewer"], language).get(f"/articles/{articles[0].pk}/").content.decode()
    line = page[page.index('<p class="muted">') : page.index("</p>", page.index('<p class="muted">'))]
    assert name in line and "fa " not in line
