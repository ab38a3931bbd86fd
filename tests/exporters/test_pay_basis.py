"""A pay's basis, gross or net, shown in French and exported the way France Travail does."""

from __future__ import annotations

from exporters.francetravail import to_francetravail
from exporters.wording import salary_wording
from schemas import PayBasis, Salary, SalaryPeriod
from tests.store.factories import offer


def monthly(text: str, basis: PayBasis | None) -> Salary:
    return Salary(
        text=text,
        minimum=1500,
        maximum=1500,
        period=SalaryPeriod.MONTH,
        currency="EUR",
        basis=basis,
    )


def test_a_gross_pay_says_brut_on_the_page() -> None:
    assert (
        salary_wording(monthly("1 500 € brut", PayBasis.GROSS)) == "1\u202f500\u00a0€ brut par mois"
    )


def test_a_net_pay_says_net_on_the_page() -> None:
    assert salary_wording(monthly("1 500 € net", PayBasis.NET)) == "1\u202f500\u00a0€ net par mois"


def test_a_pay_of_unknown_basis_says_neither() -> None:
    assert salary_wording(monthly("1 500 €", None)) == "1\u202f500\u00a0€ par mois"


def test_a_net_basis_read_from_a_label_goes_to_france_travail_s_comment() -> None:
    # The text as written is the comment: France Travail's labels are gross amounts
    salary = monthly("Rémunération (nette) : 1 500 € par mois", PayBasis.NET)
    assert to_francetravail(offer(salary=salary))["salaire"] == {
        "commentaire": "Rémunération (nette) : 1 500 € par mois"
    }


def test_a_gross_pay_gets_france_travail_s_label() -> None:
    salary = monthly("1 500 € brut par mois", PayBasis.GROSS)
    assert to_francetravail(offer(salary=salary))["salaire"] == {
        "libelle": "Mensuel de 1500.00 Euros"
    }


def test_a_gross_basis_wins_over_a_stray_net_word_of_the_text() -> None:
    salary = monthly("1 500 € brut, soit environ 1 170 € net", PayBasis.GROSS)
    assert "libelle" in to_francetravail(offer(salary=salary))["salaire"]
