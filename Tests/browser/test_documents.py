"""The partners' documents in browsers: a mission report added from the agreement's page in
French, its Arabic translation beside it; a partner reading the agreement's page in Arabic on a
phone finds both and downloads one; an anonymous visitor sees neither."""
import os
import urllib.request

import pytest

from conftest import PASSWORD, screenshot, signed_in
from test_reading import serious_violations

AGREEMENT = "OCCITANIE-TUBAS-2019-2022"
FIXTURES = os.path.join(os.path.dirname(__file__), "..", "SeguiaTestSupport", "Fixtures")


@pytest.fixture(scope="module")
def partners(seguia):
    seguia.create_account("coordinatrice@seguia.test", "Salma Coordinatrice", "contributor", PASSWORD, organisation="OCCITANIE-COOPERATION")
    seguia.create_account("partenaire@seguia.test", "Yousef Partenaire", "reader", PASSWORD, organisation="GOUVERNORAT-TUBAS")
    return seguia


def public_page(server, path):
    with urllib.request.urlopen(f"{server}{path}") as answer:
        return answer.read().decode("utf-8")


def test_a_mission_report_and_its_arabic_version_are_found_from_the_agreements_page(server, browser, partners):
    context, page = signed_in(browser, server, "coordinatrice@seguia.test")
    reader_context, reader = signed_in(browser, server, "partenaire@seguia.test", language="ar", width=360)
    try:
        page.goto(f"{server}/fr/agreements/{AGREEMENT}")
        page.locator("#documents a.button").click()
        assert serious_violations(page) == []
        page.set_input_files("#document-file", os.path.join(FIXTURES, "fiche-tubas.docx"))
        page.fill("#document-title", "Rapport de mission à Tubas, mars 2022")
        page.select_option("#document-kind", "mission_report")
        page.fill("#document-date", "2022-03-14")
        page.locator("main form button[type=submit]").click()
        assert f"/fr/agreements/{AGREEMENT}" in page.url
        assert "Rapport de mission à Tubas, mars 2022" in page.locator("#documents").inner_text()

        page.locator("#documents a.button").click()
        page.set_input_files("#document-file", os.path.join(FIXTURES, "fiche-ar.pdf"))
        page.fill("#document-title", "تقرير البعثة إلى طوباس، آذار 2022")
        page.select_option("#document-kind", "mission_report")
        page.select_option("#document-language", "ar")
        page.select_option("#document-original", label="Rapport de mission à Tubas, mars 2022 (français)")
        page.locator("main form button[type=submit]").click()
        listed = page.locator("#documents").inner_text()
        assert "Rapport de mission (2)" in listed and "تقرير البعثة إلى طوباس، آذار 2022" in listed
        # The French report names its Arabic version.
        french = page.locator("#documents li", has_text="Rapport de mission à Tubas, mars 2022")
        assert "Traductions" in french.inner_text() and "تقرير البعثة" in french.inner_text()

        reader.goto(f"{server}/ar/agreements/{AGREEMENT}")
        documents = reader.locator("#documents")
        assert "تقرير البعثة إلى طوباس، آذار 2022" in documents.inner_text()
        assert "Rapport de mission à Tubas, mars 2022" in documents.inner_text()
        assert serious_violations(reader) == []
        assert reader.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(reader, "agreement-documents-ar")
        with reader.expect_download() as download:
            documents.locator("a[download]", has_text="Rapport de mission à Tubas").click()
        with open(os.path.join(FIXTURES, "fiche-tubas.docx"), "rb") as original, open(download.value.path(), "rb") as received:
            assert received.read() == original.read()

        # For partners: an anonymous visitor sees the agreement, not its documents.
        seen = public_page(server, f"/fr/agreements/{AGREEMENT}")
        assert "Rapport de mission à Tubas" not in seen and "تقرير البعثة" not in seen
    finally:
        context.close()
        reader_context.close()


def test_a_focal_point_is_added_in_arabic_and_shown_to_partners_only(server, browser, partners):
    partners.create_account("tubas@seguia.test", "Lina Tubas", "contributor", PASSWORD, organisation="GOUVERNORAT-TUBAS")
    context, page = signed_in(browser, server, "tubas@seguia.test", language="ar", width=360)
    try:
        page.goto(f"{server}/ar/organisations/GOUVERNORAT-TUBAS")
        page.locator("#people a.button").click()
        assert serious_violations(page) == []
        page.fill("#person-name", "رامي حداد")
        page.fill("#person-job", "مهندس المياه")
        page.fill("#person-email", "rami@tubas.example")
        page.fill("#person-phone", "+970 9 257 1234")
        page.check("#person-language-ar")
        page.check(f"input[name=focal][value={AGREEMENT}]")
        page.locator("main form button[type=submit]").click()
        # Without the day of consent, refused, nothing typed lost.
        assert page.locator("[role=alert]").is_visible()
        assert page.input_value("#person-name") == "رامي حداد"
        page.check("#person-language-ar")
        page.check(f"input[name=focal][value={AGREEMENT}]")
        page.fill("#person-consent", "2022-03-14")
        page.locator("main form button[type=submit]").click()
        assert "/ar/organisations/GOUVERNORAT-TUBAS" in page.url
        assert "رامي حداد" in page.locator("#people").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, "organisation-people-ar")
        page.goto(f"{server}/ar/agreements/{AGREEMENT}")
        assert "rami@tubas.example" in page.locator("#focal-points").inner_text()
        seen = public_page(server, f"/ar/agreements/{AGREEMENT}")
        assert "رامي" not in seen and "257 1234" not in seen
    finally:
        context.close()
