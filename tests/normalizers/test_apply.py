"""How a job seeker applies: usable links, a contact, or a rejection saying there is none."""

from __future__ import annotations

import pytest

from normalizers.apply import contact_of, how_to_apply, web_address


def test_a_link_to_the_offer_is_enough() -> None:
    found = how_to_apply("https://acme.example/jobs/1", None, None, None)
    assert (found.url, found.apply_url, found.problems) == ("https://acme.example/jobs/1", None, ())


def test_relative_links_are_resolved_against_the_source() -> None:
    found = how_to_apply("/jobs/1", "apply?id=1", None, "https://acme.example/careers/feed.xml")
    assert found.url == "https://acme.example/jobs/1"
    assert found.apply_url == "https://acme.example/careers/apply?id=1"


@pytest.mark.parametrize(
    "contact",
    [
        "rh@acme.example",
        "Envoyez votre CV à recrutement@acme.example",
        "Tél. 04 72 00 00 00",
        "+33 4 72 00 00 00",
    ],
)
def test_a_contact_without_a_link_is_a_way_to_apply(contact: str) -> None:
    found = how_to_apply(None, None, contact, None)
    assert (found.contact, found.problems) == (contact, ())


def test_a_mailto_link_is_read_as_a_contact() -> None:
    found = how_to_apply(None, "mailto:rh@acme.example?subject=CV", None, None)
    assert (found.apply_url, found.contact, found.problems) == (None, "rh@acme.example", ())


def test_no_way_to_apply_at_all() -> None:
    (problem,) = how_to_apply(None, None, None, None).problems
    assert (problem.field, problem.code) == ("url", "no_way_to_apply")
    assert "ni adresse e-mail ou numéro de téléphone" in problem.message


def test_every_unusable_value_is_reported() -> None:
    problems = how_to_apply("javascript:alert(1)", "ftp://x", "Postulez !", None).problems
    assert [(p.field, p.code) for p in problems] == [
        ("url", "no_way_to_apply"),
        ("url", "invalid_url"),
        ("apply_url", "invalid_url"),
        ("contact", "invalid_contact"),
    ]
    assert problems[1].value == "javascript:alert(1)"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("javascript:alert(1)", "est un lien javascript:, pas une page web (http ou https)"),
        ("/jobs/1", "est un lien relatif et l'adresse de la source est inconnue"),
        ("http://[::1", "n'est pas une adresse web valide"),
        ("https://acme.example/" + "a" * 2100, "dépasse 2083 caractères"),
    ],
)
def test_why_a_link_is_not_usable(value: str, why: str) -> None:
    assert web_address(value, None) == (None, why)


def test_www_links_get_a_scheme() -> None:
    assert web_address("www.acme.example/jobs", None) == ("https://www.acme.example/jobs", None)


@pytest.mark.parametrize("text", [None, "", "Postulez sur notre site", "mailto:not-an-address"])
def test_no_contact(text: str | None) -> None:
    assert contact_of(text) is None
