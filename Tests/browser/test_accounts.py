"""Signing in and managing accounts in a browser: the sign-in form, the account page and its
API tokens, the administrators' page, signing out, and a form sent without its token."""
import json
import urllib.error
import urllib.request

import pytest

from conftest import PASSWORD, screenshot
from test_reading import serious_violations


@pytest.fixture(scope="module")
def accounts(seguia):
    seguia.create_account("admin@seguia.test", "Nadia Admin", "admin", PASSWORD)
    seguia.create_account("amal@seguia.test", "أمل حداد", "contributor", PASSWORD, organisation="EXPERTS-SOLIDAIRES", languages="ar,fr")
    return seguia


def sign_in(page, server, language, email, password=PASSWORD):
    page.goto(f"{server}/{language}")
    page.locator("header .viewer a").click()
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("form.stacked button[type=submit]").click()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_person_signs_in_from_any_page_and_comes_back_to_it(server, page, accounts, language):
    page.goto(f"{server}/{language}/practices")
    page.locator("header .viewer a").click()
    assert page.url.startswith(f"{server}/{language}/sign-in?next=")
    assert serious_violations(page) == []
    screenshot(page, f"sign-in-{language}")
    page.fill("input[name=email]", "amal@seguia.test")
    page.fill("input[name=password]", "pas le bon mot de passe")
    page.locator("form.stacked button[type=submit]").click()
    assert page.locator("[role=alert]").is_visible()
    assert page.input_value("input[name=email]") == "amal@seguia.test"
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    assert page.url == f"{server}/{language}/practices"
    assert page.locator("header .viewer-name").inner_text() == "أمل حداد"
    page.locator("header .viewer-name").click()
    assert page.locator("h1").inner_text() in ("Mon compte", "حسابي")
    assert serious_violations(page) == []
    screenshot(page, f"account-{language}")
    page.locator("header .viewer button").click()
    assert page.url == f"{server}/{language}"
    assert page.locator("header .viewer a").inner_text() in ("Se connecter", "تسجيل الدخول")


def test_a_token_made_on_the_account_page_is_shown_once_and_works_until_revoked(server, page, accounts):
    sign_in(page, server, "fr", "amal@seguia.test")
    page.goto(f"{server}/fr/account")
    page.fill("#token-name", "Tableur du réseau")
    page.select_option("#token-days", "30")
    page.locator("form[action$='/account/tokens'] button").click()
    secret = page.locator("code.secret").inner_text()
    assert secret.startswith("sgu_")
    request = urllib.request.Request(f"{server}/api/v1/practices?status=draft", headers={"Authorization": f"Bearer {secret}"})
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 200
    page.goto(f"{server}/fr/account")
    assert secret not in page.content()
    row = page.locator("tr", has_text="Tableur du réseau")
    assert "actif" in row.inner_text()
    row.locator("button").click()
    assert "révoqué" in page.locator("tr", has_text="Tableur du réseau").inner_text()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 401


def test_an_administrator_creates_and_disables_an_account(server, browser, page, accounts):
    sign_in(page, server, "en", "admin@seguia.test")
    page.goto(f"{server}/en/admin/accounts")
    assert serious_violations(page) == []
    page.fill("#new-account-email", "sami@seguia.test")
    page.fill("#new-account-name", "Sami")
    page.select_option("#new-account-organisation", "AFD")
    page.select_option("#new-account-role", "reviewer")
    page.check("#new-account-language-en")
    page.fill("#new-account-password", PASSWORD)
    page.locator("form[action$='/admin/accounts'] button[type=submit]").click()
    assert page.locator("[role=status]").is_visible()
    screenshot(page, "admin-accounts-en")

    other = browser.new_context(viewport={"width": 360, "height": 800})
    sami = other.new_page()
    sign_in(sami, server, "en", "sami@seguia.test")
    sami.goto(f"{server}/en/account")
    assert "reviewer" in sami.content()

    page.locator("tr", has_text="sami@seguia.test").locator("form[action$='/disable'] button").click()
    sami.goto(f"{server}/en/account")
    assert "/en/sign-in" in sami.url
    other.close()


def test_a_form_sent_without_its_token_is_refused_and_changes_nothing(server, page, accounts):
    page.goto(f"{server}/fr/sign-in")
    answer = page.request.post(f"{server}/fr/sign-in", form={"email": "admin@seguia.test", "password": PASSWORD})
    assert answer.status == 403
    page.goto(f"{server}/fr/account")
    assert "/fr/sign-in" in page.url
    sign_in(page, server, "fr", "admin@seguia.test")
    answer = page.request.post(f"{server}/fr/account/tokens", form={"name": "forgé", "days": "30"})
    assert answer.status == 403
    page.goto(f"{server}/fr/account")
    assert "forgé" not in page.content()
