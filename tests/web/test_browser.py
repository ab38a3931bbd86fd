"""The community pages in a real headless chromium (Debian's), as a job seeker sees them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.browser import watched_tab

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    with watched_tab(browser, 390, 844) as tab:  # a phone
        yield tab


def test_the_pages_send_a_content_security_policy(page, live_server: str, offers) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(f"{live_server}/offres/{offers['a']}")
    assert "script-src 'nonce-" in response.headers["content-security-policy"]


def test_the_offer_pages_jsonld_is_allowed_by_the_policy(page, live_server: str, offers) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/offres/{offers['a']}")
    posting = page.locator("script[type='application/ld+json']")
    assert '"JobPosting"' in posting.inner_text()  # and no violation reported (the fixture)


def test_an_inline_script_slipped_into_a_page_does_not_run(browser, live_server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(live_server + "/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "document.title = 'pwned'";
            document.body.appendChild(script);
        }"""
    )
    title = page.title()
    context.close()
    assert title != "pwned"
    assert any("Content Security Policy" in text for text in refused)


def test_the_community_page_renders_the_offers(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    titles = page.locator("ol.offers h2").all_inner_texts()
    assert titles == [
        "Technicien de maintenance H/F",
        "Comptable fournisseurs F/H",
        "Développeur Python H/F",
    ]


def test_a_reader_reaches_an_offer_from_the_list(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    page.get_by_role("link", name="Développeur Python H/F", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Développeur Python H/F"


def test_hostile_html_in_a_description_has_no_effect(page, live_server: str, offers) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server}/offres/{offers['c']}")
    page.get_by_text("clic").click()
    assert page.title() != "pwned"
    assert dialogs == []
    hostile = "script:not([type='application/ld+json']), [onerror], a[href^='javascript']"
    assert page.locator(hostile).count() == 0


@pytest.fixture
def thread_server(catalogue: dict[str, int]) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from pipeline.publish import create_thread, deliver
    from schemas.threads import Thread, ThreadFilter
    from tests.support.webserver import serving
    from web.app import create_app

    create_thread(
        Thread(
            slug="rhone", title="Emplois dans le Rhône", filter=ThreadFilter(departements=["69"])
        )
    )
    deliver("thread:rhone")
    with serving(create_app()) as url:
        yield url


def test_a_thread_page_renders_and_its_filter_works(page, thread_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(thread_server + "/fils/rhone")
    assert page.locator("ol.offers h2").count() == 2
    page.get_by_text("Plus de critères").click()
    page.get_by_label("CDD (1)").check()
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**contrat=CDD**")
    assert page.locator("ol.offers h2").all_inner_texts() == ["Développeuse Java F/H"]


def test_the_thread_filter_is_usable_with_the_keyboard(page, thread_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(thread_server + "/fils/rhone")
    page.get_by_label("Mots-clés").focus()
    page.keyboard.type("python")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=python**")
    assert page.locator("ol.offers h2").all_inner_texts() == ["Développeur Python H/F"]
