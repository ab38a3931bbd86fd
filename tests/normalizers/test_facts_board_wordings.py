"""Facts written the way job boards and small careers pages write them (issue 16): a place and its
postal code or département beside its name, labels not in the list ("Ville de travail", "Où ?",
"Statut", "Fourchette de salaire"), chips at the top of a description ("CDI · Annecy (74000) ·
2 000 € brut/mois") and contract words standing alone or in English."""

from __future__ import annotations

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas import FactOrigin, Offer, SalaryPeriod, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(title: str = "Vendeur H/F", description: str = "Un poste en magasin.") -> Offer:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description=description
    )
    result = normalize_offer(item, CONTEXT)
    assert isinstance(result, Offer), result
    return result


def pay(read: Offer) -> tuple[SalaryPeriod | None, float | None, float | None] | None:
    return (read.salary.period, read.salary.minimum, read.salary.maximum) if read.salary else None


# A. A name with its postal code or its département ------------------------------------


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Serveur (H/F) en CDI à Scionzier (74950)", "74264"),
        ("Comptable en CDD 6 mois à Annecy (74000)", "74010"),
        ("Plombier en intérim à SALLANCHES (74700)", "74256"),
        # The postal code names the commune beside it, not another commune it also serves.
        ("Serveur (H/F) - Ville-la-Grand - 74100", "74305"),
        ("Cuisinier H/F - Alex - 74290", "74003"),
        ("Vendeur H/F – Vallières-sur-Fier (74150)", "74289"),
    ],
)
def test_a_title_place_with_its_postal_code_is_that_commune(title: str, insee: str) -> None:
    assert offer(title=title).place.insee_code == insee


@pytest.mark.parametrize(
    ("value", "insee"),
    [
        ("Archamps 74", "74016"),
        ("Publier 74", "74218"),
        ("Marignier 74", "74164"),
        ("Annecy, Haute-Savoie", "74010"),
        ("Morzine / Haute-Savoie", "74191"),
        ("Bonne (Haute-Savoie)", "74040"),
        ("LES HOUCHES", "74143"),
        ("SILLINGY", "74272"),
        ("Alex - 74290", "74003"),
        ("Vallières-sur-Fier (74150)", "74289"),
    ],
)
def test_a_labelled_place_with_its_departement_or_in_capitals_is_read(
    value: str, insee: str
) -> None:
    assert offer(description=f"Lieu : {value}\n\nUn poste en magasin.").place.insee_code == insee


# B. Labels not in the list, read by their words; or by the value alone --------------------


@pytest.mark.parametrize(
    "label", ["Ville de travail", "Où ?", "Lieu d'exercice", "Site d'affectation", "Work location"]
)
def test_a_label_made_of_place_words_gives_the_place(label: str) -> None:
    read = offer(description=f"{label} : Cluses (74300)\n\nUn poste en atelier.")
    assert read.place.insee_code == "74081"
    assert read.fact_sources["place"].origin == FactOrigin.DESCRIPTION


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Statut : CDI", "CDI"),
        ("Type de poste : CDD", "CDD"),
        ("Nature du poste : Intérim", "MIS"),
        ("Job Types: Full-time, permanent", "CDI"),
        ("Forme du contrat : Saisonnier", "SAI"),
    ],
)
def test_a_label_made_of_contract_words_gives_the_contract(line: str, code: str) -> None:
    assert offer(description=f"{line}\n\nUn poste en magasin.").contract.type_contrat == code


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Fourchette de salaire : 30K - 35K€ brut annuel", (SalaryPeriod.YEAR, 30000, 35000)),
        ("Prétentions salariales : 2 000 € brut/mois", (SalaryPeriod.MONTH, 2000, 2000)),
        ("Pay: €2,000 per month", (SalaryPeriod.MONTH, 2000, 2000)),
    ],
)
def test_a_label_made_of_pay_words_gives_the_pay(line: str, expected: tuple) -> None:
    assert pay(offer(description=f"{line}\n\nUn poste en magasin.")) == expected


def test_an_unknown_label_is_read_by_its_value_when_it_can_only_be_a_contract() -> None:
    read = offer(description="Nous offrons : Intérim\n\nUn poste en entrepôt.")
    assert read.contract.type_contrat == "MIS"
    assert read.fact_sources["contract"].confidence < 0.9  # no label said it


def test_an_unknown_label_with_a_value_that_is_no_fact_gives_nothing() -> None:
    read = offer(description="Nos valeurs : Respect, Engagement\n\nUn poste en magasin.")
    assert read.place.insee_code is None and read.contract.type_contrat is None


def test_a_label_about_something_else_is_not_a_place() -> None:
    read = offer(description="Secteur d'activité : Commerce\n\nUn poste en magasin.")
    assert read.place.insee_code is None


# C. Chips at the top of a description ------------------------------------------------------


def test_a_chips_line_gives_contract_place_and_pay() -> None:
    read = offer(description="CDI · Annecy (74000) · 2 000 € brut/mois\n\nNous recrutons.")
    assert read.place.insee_code == "74010"
    assert read.contract.type_contrat == "CDI"
    assert pay(read) == (SalaryPeriod.MONTH, 2000, 2000)


def test_chips_after_pictograms_each_on_a_line() -> None:
    read = offer(
        description="📍 Annecy (74000)\n📝 Intérim\n💰 12,50 € de l'heure\n\nNous recrutons."
    )
    assert read.place.insee_code == "74010"
    assert read.contract.type_contrat == "MIS"
    assert pay(read) == (SalaryPeriod.HOUR, 12.5, 12.5)


def test_a_chips_line_keeps_a_pay_range_whole() -> None:
    read = offer(description="Intérim | Morzine 74 | 30K - 35K€ brut annuel\n\nNous recrutons.")
    assert read.place.insee_code == "74191"
    assert read.contract.type_contrat == "MIS"
    assert pay(read) == (SalaryPeriod.YEAR, 30000, 35000)


def test_a_commune_in_capitals_is_a_chip_beside_a_contract() -> None:
    read = offer(description="Saisonnier - LES HOUCHES\n\nNous recrutons pour l'hiver.")
    assert read.place.insee_code == "74143"
    assert read.contract.type_contrat == "SAI"


def test_a_postal_code_chip_goes_with_the_name_before_it() -> None:
    read = offer(description="CDD - Ville-la-Grand - 74100\n\nNous recrutons.")
    assert read.place.insee_code == "74305"


def test_a_list_of_towns_with_nothing_else_is_no_chips_line() -> None:
    read = offer(description="Annecy · Cluses · Sallanches\n\nNos agences recrutent.")
    assert read.fact_sources.get("place") is None or read.place.insee_code != "74010"


# D. Contract words standing alone or in English --------------------------------------------


@pytest.mark.parametrize(
    ("words", "code", "months"),
    [
        ("Full-time, permanent", "CDI", None),
        ("Temp agency assignment", "MIS", None),
        ("Intérim", "MIS", None),
        ("Travail temporaire (18 mois)", "MIS", 18),
        ("Indépendant / freelance", "LIB", None),
        ("Freelance", "LIB", None),
        ("Seasonal job", "SAI", None),
    ],
)
def test_a_contract_word_alone_at_the_top_is_the_contract(
    words: str, code: str, months: int | None
) -> None:
    read = offer(description=f"{words}\n\nUn poste en magasin.")
    assert read.contract.type_contrat == code
    assert read.contract.duration_value == months


def test_a_labelled_contract_beats_the_title_and_the_disagreement_is_kept() -> None:
    read = offer(
        title="Animateur - Cap Loisirs - CDD (H/F)",
        description="Type de contrat : CDI (contrat à durée indéterminée)\n\nAccueil des enfants.",
    )
    assert read.contract.type_contrat == "CDI"
    assert [(d.fact, d.text_value, d.text_origin) for d in read.disagreements] == [
        ("contract", "CDD", FactOrigin.TITLE)
    ]


def test_an_unlabelled_chip_yields_to_the_title_and_the_disagreement_is_kept() -> None:
    read = offer(title="Animateur - CDD (H/F)", description="CDI\n\nAccueil des enfants.")
    assert read.contract.type_contrat == "CDD"
    assert [(d.fact, d.text_value) for d in read.disagreements] == [("contract", "CDI")]


@pytest.mark.parametrize(
    ("chips", "departement"),
    [
        ("Ille Et Vilaine - Poste en CDI", "35"),
        ("Lozère\nCDD (12 mois)", "48"),
        ("Temp agency assignment (4 months)\nCôtes D'Armor", "22"),
        ("Savoie (Haute)\nContrat à durée déterminée (3 mois)", "74"),
    ],
)
def test_a_departement_named_beside_a_contract_chip_is_the_place(
    chips: str, departement: str
) -> None:
    assert offer(description=f"{chips}\n\nNous recrutons.").place.departement_code == departement


def test_saison_alone_as_a_chip_is_a_seasonal_contract() -> None:
    read = offer(
        description="Saison | Morzine, Haute-Savoie | €2,100 - €2,300 per month\n\nCuisine."
    )
    assert read.contract.type_contrat == "SAI"
    assert read.place.insee_code == "74191"
    assert pay(read) == (SalaryPeriod.MONTH, 2100, 2300)


# A known label after a determiner, its value followed by another sentence -----------------


@pytest.mark.parametrize(
    "description",
    [
        "Votre lieu de travail : Sallanches. Le contrat proposé est un CDI.",
        "Un cadre agréable. Votre lieu de travail : Sallanches. Nous offrons un CDI.",
        "- Notre lieu de travail : Sallanches. Poste en CDI.",
    ],
)
def test_a_label_after_a_determiner_gives_its_value_up_to_its_sentence(description: str) -> None:
    read = offer(description=description)
    assert (read.place.insee_code, read.contract.type_contrat) == ("74256", "CDI")


def test_a_determiner_inside_a_sentence_makes_no_label() -> None:
    """ "… sur le lieu : …" inside a sentence is no label opening a segment."""
    read = offer(description="Vous serez formé sur le lieu : Sallanches reste à confirmer")
    assert read.place.insee_code is None or read.place.confidence < 0.9


# A sentence's place written postal code first, or with its département in square brackets ----


@pytest.mark.parametrize(
    ("sentence", "insee"),
    [
        ("Poste situé à 74000, Annecy.", "74010"),
        ("Poste situé à 74000 - ANNECY.", "74010"),
        ("Nous recrutons pour notre site de 74330, Sillingy.", "74272"),
        ("Poste situé à Chaumont [74].", "74065"),  # not Chaumont (52), the most populous
    ],
)
def test_a_sentence_place_with_its_postal_code_first_or_its_code_in_square_brackets(
    sentence: str, insee: str
) -> None:
    assert offer(description=f"Un poste en magasin. {sentence}").place.insee_code == insee


# A sentence that is nothing but the contract -------------------------------------------------


@pytest.mark.parametrize(
    ("description", "contract"),
    [
        ("Job based in Annecy. Fixed term (6 months). Pay: €2,000 a month.", "CDD"),
        ("Temporary (agency). Warehouse work in Annecy.", "MIS"),
        ("Auto-entrepreneur basé à Annecy.", "LIB"),
        ("Intérim / 12 mois basé à Annecy.", "MIS"),
        ("Permanent. Competitive salary.", "CDI"),
        ("Poste à pourvoir à Annecy, 74000 en Auto-entrepreneur.", "LIB"),
    ],
)
def test_a_sentence_that_is_only_the_contract_gives_it(description: str, contract: str) -> None:
    assert offer(description=description).contract.type_contrat == contract


@pytest.mark.parametrize(
    "description",
    [
        "Indépendant et rigoureux, vous aimez le terrain.",
        "Profil : indépendant.",
        "Qualités : Indépendant",
        "Temporary staff welcome at our events.",
        "Vous aidez nos clients auto-entrepreneurs dans leur comptabilité.",
    ],
)
def test_a_quality_or_a_label_about_the_candidate_is_no_contract(description: str) -> None:
    assert offer(description=description).contract.type_contrat is None


@pytest.mark.parametrize(
    "description",
    [
        "Cuisinier pour l'Hôtel de Paris. Poste basé à Annecy.",
        "Pour notre Auberge du Moulin de Léré. CDI à pourvoir dès que possible à Annecy.",
    ],
)
def test_an_inn_named_after_a_place_yields_to_where_the_job_is(description: str) -> None:
    assert offer(description=description).place.insee_code == "74010"


def test_a_restaurant_of_a_town_alone_still_places_the_job() -> None:
    assert offer(description="Rejoignez notre restaurant de Lyon.").place.insee_code == "69123"


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Annecy 74 : Chirurgien orthopédiste (H/F)", "74010"),
        ("Publier 74 : Equipier Polyvalent 35H (H/F) (CDI)", "74218"),
        ("Annecy (74000) : Vendeur H/F", "74010"),
    ],
)
def test_a_title_opening_with_a_coded_place_and_a_colon_gives_it(title: str, insee: str) -> None:
    assert offer(title=title).place.insee_code == insee


def test_a_title_opening_with_a_word_and_a_colon_gives_no_place() -> None:
    assert offer(title="Urgent : Vendeur H/F").place.insee_code is None
