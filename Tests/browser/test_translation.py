"""Translating a published sheet in the browser: the translator writes an Arabic version of a
section beside the French, sees both, and the published sheet keeps its text until the new
version is published; an earlier revision is then restored as a new one."""
import pytest

from conftest import PASSWORD, screenshot, signed_in
from test_reading import serious_violations

SLUG = "reutilisation-a-tubas"


@pytest.fixture(scope="module")
def translator(seguia):
    seguia.create_account("traductrice@seguia.test", "Nour Traductrice", "contributor", PASSWORD, organisation="EXPERTS-SOLIDAIRES")
    token = seguia.create_token("translation-admin", "admin")
    status, _, answer = seguia.json("POST", "/api/v1/practices", {
        "slug": SLUG, "title": "Réutilisation des eaux usées à Tubas", "organisation": "OCCITANIE-COOPERATION",
        "organisations": [{"code": "EXPERTS-SOLIDAIRES", "role": "rédaction"}], "status": "published",
        "summary": "Des eaux traitées irriguent les vergers.",
        "sections": [{"key": "levers", "title": "Ce qui a aidé", "text": "Un comité d'usagers élu."}],
    }, token=token)
    assert status == 201, answer
    return seguia


def test_an_arabic_translation_is_written_beside_the_french_and_an_old_revision_restored(server, browser, translator):
    context, page = signed_in(browser, server, "traductrice@seguia.test", language="ar", width=360)
    try:
        page.goto(f"{server}/ar/practices/{SLUG}/translate?to=ar")
        assert serious_violations(page) == []
        assert "Un comité d'usagers élu." in page.locator("section.pair .original").first.inner_text()
        page.fill("#tr-title", "إعادة استخدام المياه العادمة في طوباس")
        page.fill("#s0-tr-title", "ما الذي ساعد")
        page.fill("#s0-tr-text", "لجنة مستخدمين منتخبة.")
        page.locator("form.translate button[type=submit]").click()
        # The sheet is published: the translation is its new version, shown with the original beside it on the translation page.
        assert page.url.startswith(f"{server}/ar/practices/{SLUG}/draft")
        main = page.locator("main").inner_text()
        assert "لجنة مستخدمين منتخبة." in main and "ما الذي ساعد" in main
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, "translation-draft-ar")
        page.goto(f"{server}/ar/practices/{SLUG}/translate?to=ar")
        assert page.input_value("#s0-tr-text") == "لجنة مستخدمين منتخبة."
        assert "Un comité d'usagers élu." in page.locator("section.pair .original").first.inner_text()

        visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        visitor.goto(f"{server}/ar/practices/{SLUG}")
        assert "لجنة مستخدمين منتخبة." not in visitor.locator("main").inner_text()
        assert "Un comité d'usagers élu." in visitor.locator("main").inner_text()
        visitor.context.close()

        # Restoring revision 1 writes it as a new revision of the draft: the Arabic goes, the French stays.
        page.goto(f"{server}/ar/practices/{SLUG}/history")
        page.locator("tr", has=page.locator("input[name=number][value='1']")).locator("form button").click()
        page.goto(f"{server}/ar/practices/{SLUG}/draft")
        main = page.locator("main").inner_text()
        assert "لجنة مستخدمين منتخبة." not in main and "Un comité d'usagers élu." in main
        page.goto(f"{server}/ar/practices/{SLUG}/history")
        assert page.locator("tbody tr").count() == 3
    finally:
        context.close()
