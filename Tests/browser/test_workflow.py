"""A sheet taken through review in browsers: the author submits it with a message, the reviewer
returns it with a reason, the author submits it again, a publisher publishes it; anonymous
visitors see it only then. Each person in a browser of their own."""
import json
import urllib.error
import urllib.request

import pytest

from conftest import PASSWORD, screenshot, signed_in
from test_reading import serious_violations
SLUG = "suivi-des-puits-de-tubas"


@pytest.fixture(scope="module")
def people(seguia):
    seguia.create_account("auteur@seguia.test", "Layla Auteure", "contributor", PASSWORD, organisation="OCCITANIE-COOPERATION")
    seguia.create_account("relecteur@seguia.test", "Rami Relecteur", "reviewer", PASSWORD, organisation="OCCITANIE-COOPERATION")
    seguia.create_account("editeur@seguia.test", "Paul Éditeur", "publisher", PASSWORD, organisation="OCCITANIE-COOPERATION")
    token = seguia.create_token("workflow-author", "contributor", "OCCITANIE-COOPERATION")
    status, _, answer = seguia.json("POST", "/api/v1/practices", {
        "slug": SLUG, "title": "Suivi des puits de Tubas", "organisation": "OCCITANIE-COOPERATION", "summary": "Un suivi partagé des puits.",
        "territories": [{"code": "PS-TBS", "role": "lead"}], "themes": ["governance"],
    }, token=token)
    assert status == 201, answer
    return seguia


def public_status(server):
    try:
        with urllib.request.urlopen(f"{server}/fr/practices/{SLUG}") as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_sheet_is_submitted_returned_fixed_and_published_by_another_person(server, browser, people):
    assert public_status(server) == 404
    author_context, author = signed_in(browser, server, "auteur@seguia.test")
    reviewer_context, reviewer = signed_in(browser, server, "relecteur@seguia.test", language="ar", width=360)
    publisher_context, publisher = signed_in(browser, server, "editeur@seguia.test")
    try:
        author.goto(f"{server}/fr/practices/{SLUG}")
        panel = author.locator("section.workflow")
        assert "brouillon" in panel.inner_text()
        assert panel.locator("button", has_text="Publier").count() == 0
        # Without a message the sheet is not submitted, and says why.
        panel.locator("#workflow-submit").fill("")
        panel.locator("button", has_text="Soumettre").click()
        assert author.locator("[role=alert]").is_visible()
        author.locator("#workflow-submit").fill("Merci de vérifier les chiffres des puits.")
        author.locator("section.workflow button", has_text="Soumettre").click()
        assert "soumise à relecture" in author.locator("section.workflow").inner_text()

        reviewer.goto(f"{server}/ar/work")
        assert reviewer.locator("header .counter").is_visible()
        assert serious_violations(reviewer) == []
        reviewer.locator("#reviews + ul a", has_text="Suivi des puits de Tubas").click()
        assert reviewer.locator("section.workflow blockquote").inner_text() == "Merci de vérifier les chiffres des puits."
        assert serious_violations(reviewer) == []
        screenshot(reviewer, "workflow-review-ar")
        reviewer.locator("#workflow-return").fill("La source des chiffres de 2022 manque.")
        reviewer.locator("section.workflow form", has=reviewer.locator("#workflow-return")).locator("button").click()
        assert "مسودة" in reviewer.locator("section.workflow").inner_text()

        author.goto(f"{server}/fr/work")
        assert "La source des chiffres de 2022 manque." in author.locator("#notifications + ul").inner_text()
        author.locator("#notifications + ul a").first.click()
        author.locator("#workflow-submit").fill("Source ajoutée : enquête de 2022.")
        author.locator("section.workflow button", has_text="Soumettre").click()
        assert public_status(server) == 404

        publisher.goto(f"{server}/fr/practices/{SLUG}")
        publisher.locator("section.workflow button", has_text="Publier").click()
        assert "publiée" in publisher.locator("section.workflow").inner_text()
        screenshot(publisher, "workflow-published-fr")
        assert public_status(server) == 200
        history = publisher.locator("ol[reversed]").inner_text()
        assert "La source des chiffres de 2022 manque." in history
    finally:
        for context in (author_context, reviewer_context, publisher_context):
            context.close()


def public_page(server):
    with urllib.request.urlopen(f"{server}/fr/practices/{SLUG}") as answer:
        return answer.read().decode("utf-8")


def test_a_published_sheet_changes_through_a_new_version_readers_see_once_published(server, browser, people):
    """The published sheet above, changed by its author: the change is a new version the public
    does not see until a publisher publishes it."""
    assert "Un suivi partagé des puits." in public_page(server)
    author_context, author = signed_in(browser, server, "auteur@seguia.test", language="ar", width=360)
    publisher_context, publisher = signed_in(browser, server, "editeur@seguia.test")
    try:
        author.goto(f"{server}/ar/practices/{SLUG}/edit")
        assert author.locator("main .notice").first.is_visible()
        author.fill("#editor-summary", "Un suivi partagé des puits, relevé chaque mois.")
        author.locator("button[value=save]").click()
        assert author.url.startswith(f"{server}/ar/practices/{SLUG}/draft")
        assert "relevé chaque mois" in author.locator("main").inner_text()
        assert serious_violations(author) == []
        assert author.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(author, "pending-draft-ar-360")
        # The public still reads the published summary.
        assert "relevé chaque mois" not in public_page(server)
        author.locator("#workflow-submit").fill("Fréquence des relevés ajoutée.")
        author.locator("section.workflow form", has=author.locator("#workflow-submit")).locator("button").click()
        assert "relevé chaque mois" not in public_page(server)

        publisher.goto(f"{server}/fr/practices/{SLUG}")
        notice = publisher.locator("section.workflow .notice")
        assert "nouvelle version" in notice.inner_text()
        assert publisher.locator("section.workflow button", has_text="Publier").count() == 0
        notice.locator("a").click()
        assert publisher.url.endswith(f"/fr/practices/{SLUG}/draft")
        screenshot(publisher, "pending-draft-fr")
        publisher.locator("section.workflow button", has_text="Publier").click()
        assert publisher.url.endswith(f"/fr/practices/{SLUG}")
        assert "relevé chaque mois" in public_page(server)
        assert "nouvelle version" not in publisher.locator("section.workflow").inner_text()
    finally:
        for context in (author_context, publisher_context):
            context.close()
