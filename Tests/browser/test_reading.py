"""Reading Seguia in a browser: every page in every language, search with facets and the back
button, a sheet with its figures, the language switch, the phone width, axe on every page."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import screenshot

LANGUAGES = ["fr", "en", "ar"]
PAGES = [
    "", "/practices", "/practices?q=eau", "/practices/cle-en-mediterranee", "/territories", "/territories/MA", "/territories/PS-TBS",
    "/indicators", "/indicators/6.1.1", "/documents", "/agreements/OCCITANIE-TUBAS-2019-2022", "/organisations/OCCITANIE-COOPERATION",
    "/nulle-part",
]
AXE = Axe()


def serious_violations(page):
    results = AXE.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_reads_in_every_language_without_serious_accessibility_issues(server, page, language, path):
    response = page.goto(f"{server}/{language}{path}")
    assert response.status == (404 if path == "/nulle-part" else 200)
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.title().endswith("— Seguia")
    assert serious_violations(page) == []
    # Readable on a phone: nothing wider than the screen.
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    name = (path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "home")
    screenshot(page, f"{name}-{language}")


def test_a_visitor_finds_the_reuse_practices_of_morocco_and_reads_one_with_its_figures(server, page):
    page.goto(f"{server}/fr")
    page.get_by_role("searchbox").fill("réutilisation des eaux usées")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/fr/practices\?q=r%C3%A9utilisation\+des\+eaux\+us%C3%A9es"))
    assert "Pratiques trouvées : 1" in page.get_by_role("status").inner_text()
    searched = page.url
    page.get_by_role("navigation", name="Territoire").get_by_role("link", name="Maroc").click()
    assert "territory=MA" in page.url
    page.get_by_role("navigation", name="Thème").get_by_role("link", name="Réutilisation des eaux usées traitées").click()
    assert "theme=wastewater_reuse" in page.url and "territory=MA" in page.url
    assert "Pratiques trouvées : 1" in page.get_by_role("status").inner_text()
    # Each applied filter can be removed; the back button walks the searches back.
    assert page.locator(".active-filters a").count() == 2
    page.go_back()
    page.go_back()
    assert page.url == searched
    page.get_by_role("link", name=re.compile("Clé en Méditerranée")).first.click()
    assert page.url.endswith("/fr/practices/cle-en-mediterranee")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Clé en Méditerranée")
    # Its figures beside it: one chart per indicator, with the territories that borrow figures said once.
    charts = page.locator("aside.evidence figure")
    assert charts.count() >= 1
    legend = charts.first.locator("svg text.label").all_text_contents()
    assert len([name for name in legend if name.startswith("France")]) <= 1
    assert page.locator("aside.evidence .notice").count() >= 1


def test_the_language_switch_keeps_the_page_and_arabic_reads_right_to_left(server, page):
    page.goto(f"{server}/fr/practices?q=eau&theme=governance")
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="العربية").click()
    assert page.url.endswith("/ar/practices?q=eau&theme=governance")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "الممارسات الموجودة" in page.get_by_role("status").inner_text()
    # Names of the other direction are isolated so that mixed text keeps its order.
    assert page.locator("h3 a[dir=auto]").count() >= 1


def test_keyboard_users_can_skip_to_the_content_and_see_where_they_are(server, page):
    page.goto(f"{server}/en")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


def test_the_sheet_downloads_as_markdown(server, page):
    page.goto(f"{server}/en/practices/cle-en-mediterranee")
    with page.expect_download() as download:
        page.get_by_role("link", name="Markdown").click()
    path = download.value.path()
    text = open(path, encoding="utf-8").read()
    assert text.startswith("# Clé en Méditerranée")
    assert "Translation not available" in text


def test_a_coordinator_compares_france_morocco_and_palestine_and_downloads_the_table(server, page, tmp_path):
    import csv
    import openpyxl

    page.goto(f"{server}/ar")
    page.get_by_role("navigation", name="التنقل الرئيسي").get_by_role("link", name="مقارنة").click()
    for name in ["فرنسا", "المغرب", "فلسطين"]:
        page.get_by_role("group", name="الأقاليم").get_by_label(name, exact=True).check()
    for code in ["6.1.1", "6.2.1"]:
        page.locator(f"input[name=indicators][value='{code}']").check()
    page.get_by_role("group", name="مواضيع الممارسات").get_by_label("إعادة استعمال المياه العادمة المعالجة").check()
    page.get_by_role("button", name="قارن").click()
    assert "territories=FR" in page.url and "indicators=6.1.1" in page.url
    table = page.locator("table.comparison").first
    headers = table.locator("thead th").all_inner_texts()
    assert headers[1:] == ["فرنسا", "المغرب", "فلسطين"]
    assert table.locator("tbody tr").count() == 2
    # Each sheet once, with its recommendations beside its levers, limits and lessons.
    assert page.locator("section.sheet-summary").count() == 1
    assert page.locator("section.sheet-summary h4").count() == 4
    screenshot(page, "compare-ar")

    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").first.click()
    saved = tmp_path / download.value.suggested_filename
    assert saved.suffix == ".xlsx"
    download.value.save_as(saved)
    workbook = openpyxl.load_workbook(saved)
    sheet = workbook.worksheets[0]
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any("6.1.1" in text for text in texts)
    assert sheet.sheet_view.rightToLeft
    # Printed landscape, fit to the width, with the title above the table.
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert str(sheet["A1"].value).startswith("مقارنة المؤشرات")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).first.click()
    rows = list(csv.reader(open(download.value.path(), encoding="utf-8-sig")))
    assert len(rows) >= 3
    assert any("6.2.1" in cell for row in rows for cell in row)
