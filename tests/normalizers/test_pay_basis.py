"""Whether a pay is gross or net, as its words say: a typed fact of the offer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.offer import SourceContext, content_hash, normalize_offer
from normalizers.salary import parse_salary
from schemas import Offer, PayBasis, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)
GROSS, NET = PayBasis.GROSS, PayBasis.NET


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("35 k€ bruts annuels", GROSS),
        ("De 35 à 40 k€ brut annuel selon profil", GROSS),
        ("1 900 € brut / mois", GROSS),
        ("Salaire brut : 35 k€", GROSS),
        ("£40k gross", GROSS),
        ("€50,000 a year before tax", GROSS),
        ("1 500 € net/mois", NET),
        ("1 950 € net mensuel, logé nourri", NET),
        ("2 000 € a month after tax", NET),
        ("1 654 € net (2 120 € brut)", GROSS),  # the gross restatement is the salary read
        ("1 578 € nets (1 964 € bruts)", GROSS),
    ],
)
def test_the_words_beside_the_amount_say_gross_or_net(text: str, basis: PayBasis) -> None:
    salary = parse_salary(text)
    assert salary is not None and salary.basis is basis


@pytest.mark.parametrize("text", ["45 k€", "Selon profil", "Développeur .NET, 45 k€ par an"])
def test_a_pay_that_says_neither_has_no_basis(text: str) -> None:
    salary = parse_salary(text)
    assert salary is not None and salary.basis is None


def offer_of(description: str, **fields: str) -> Offer:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title="Comptable",
        description=description,
        **fields,
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    return offer


def test_a_labelled_pay_takes_the_basis_its_label_says() -> None:
    salary = offer_of("Un poste.\nSalaire brut annuel : 35 000 €").salary
    assert salary is not None and (salary.basis, salary.minimum) == (GROSS, 35000)


def test_a_labelled_pay_keeps_its_label_s_words_as_written() -> None:
    salary = offer_of("Un poste.\nRémunération (nette) : 1 500 € par mois").salary
    assert salary is not None
    assert (salary.text, salary.basis) == ("Rémunération (nette) : 1 500 € par mois", NET)


def test_a_plain_label_is_not_kept_with_the_pay() -> None:
    salary = offer_of("Un poste.\nSalaire : 1 500 € net par mois").salary
    assert salary is not None and (salary.text, salary.basis) == ("1 500 € net par mois", NET)


def test_a_sentence_s_pay_takes_its_basis() -> None:
    salary = offer_of("Rémunération de 35 à 40 k€ bruts annuels selon profil.").salary
    assert salary is not None and salary.basis is GROSS


def test_a_structured_salary_field_takes_its_basis() -> None:
    salary = offer_of("Un poste.", salary="1 800 € net par mois").salary
    assert salary is not None and salary.basis is NET


def test_an_unknown_basis_leaves_the_content_hash_as_before() -> None:
    # Offers stored before the basis was read keep their hash
    dumped = offer_of("Un poste.", salary="45 k€ par an").model_dump(mode="json")
    salary = {key: value for key, value in dumped["salary"].items() if key != "basis"}
    assert content_hash({**dumped, "salary": salary}) == content_hash(dumped)
