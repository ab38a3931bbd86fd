"""The vendored referentials: complete, licensed, indexed, and quick to load."""

from __future__ import annotations

from importlib import resources

from normalizers import referentials
from normalizers.referentials.build import index_bytes, rome_index_bytes, rome_profiles_bytes

DATA = resources.files("normalizers.referentials").joinpath("data")


def test_every_commune_and_arrondissement_is_there() -> None:
    communes = referentials.communes()
    assert len(communes) == 35_094
    assert communes["75056"].name == "Paris"
    assert communes["69384"].name == "Lyon 4e"
    assert communes["13208"].postal_codes == ("13008",)


def test_commune_rows_carry_codes_and_coordinates() -> None:
    lyon = referentials.communes()["69123"]
    assert (lyon.departement_code, lyon.region_code, lyon.postal_code) == ("69", "84", "69001")
    assert lyon.latitude and lyon.longitude


def test_departements_and_regions() -> None:
    assert len(referentials.departements()) == 101
    assert referentials.departements()["2A"].name == "Corse-du-Sud"
    assert len(referentials.regions()) == 18
    assert referentials.regions()["11"].name == "Île-de-France"


def test_name_keys_group_homonyms() -> None:
    assert len(referentials.communes_by_name_key()["STE COLOMBE"]) == 12


def test_committed_index_is_built_from_the_committed_csv_files() -> None:
    assert DATA.joinpath(referentials.INDEX_NAME).read_bytes() == index_bytes(), (
        "run `python -m normalizers.referentials.build` and commit data/places.json.gz"
    )


def test_committed_rome_index_is_built_from_the_committed_csv_files() -> None:
    assert DATA.joinpath(referentials.ROME_INDEX_NAME).read_bytes() == rome_index_bytes(), (
        "run `python -m normalizers.referentials.build` and commit data/rome.json.gz"
    )


def test_committed_rome_profiles_are_built_from_the_committed_rome_texts() -> None:
    assert DATA.joinpath(referentials.ROME_PROFILES_NAME).read_bytes() == rome_profiles_bytes(), (
        "run `python -m normalizers.referentials.build` and commit data/rome_profiles.json.gz"
    )


def test_every_metier_has_a_profile_of_its_own_words() -> None:
    profiles = referentials.rome_profiles()
    assert set(profiles) == set(referentials.rome_metiers())
    metrologist = profiles["H1516"]  # Expert / Experte métrologue
    assert {"METROLO", "ETALONN", "MESURE"} <= set(metrologist)
    assert abs(sum(weight * weight for weight in metrologist.values()) - 1) < 0.01


def test_every_rome_metier_and_appellation_is_there() -> None:
    assert len(referentials.rome_metiers()) == 1_584
    assert len(referentials.rome_appellations()) == 13_120
    assert len(referentials.rome_domaines()) == 110
    assert len(referentials.rome_grands_domaines()) == 14


def test_a_metier_carries_its_parent_and_domaines() -> None:
    data_engineer = referentials.rome_metiers()["M1811"]
    assert data_engineer.label == "Data engineer"
    assert (data_engineer.parent_code, data_engineer.domaine_code) == ("M1802", "M18")
    assert data_engineer.grand_domaine_code == "M" and data_engineer.cadre


def test_an_appellation_names_its_metier() -> None:
    appellation = referentials.rome_appellations()["38971"]
    assert (appellation.label, appellation.rome_code) == ("Data analyst", "M1419")


def test_every_appellation_belongs_to_a_known_metier() -> None:
    metiers = referentials.rome_metiers()
    assert all(a.rome_code in metiers for a in referentials.rome_appellations().values())


def test_domaines_and_grands_domaines_are_labelled() -> None:
    assert referentials.rome_domaines()["M18"].label.startswith("Systèmes d'information")
    assert referentials.rome_grands_domaines()["M"].label


def test_mobilities_are_in_rome_order() -> None:
    mobilities = referentials.rome_mobilities()
    assert sum(len(targets) for targets in mobilities.values()) == 14_912
    assert mobilities["A1101"][:3] == ("A1414", "A1205", "A1416")  # numero_ordre 1, 2, 3


def test_rome_files_and_notice_are_vendored() -> None:
    for name in (
        "rome_metiers.csv",
        "rome_appellations.csv",
        "rome_domaines_professionnels.csv",
        "rome_grands_domaines.csv",
        "rome_mobilites.csv",
        "unix_texte_v460_utf8.csv.gz",
        "unix_item_v460_utf8.csv.gz",
        "unix_coherence_item_v460_utf8.csv.gz",
        "unix_arborescence_secteur_activite_v460_utf8.csv.gz",
    ):
        assert DATA.joinpath(name).is_file(), name
    notice = resources.files("normalizers.referentials").joinpath("NOTICE.md").read_text("utf-8")
    assert "Licence Ouverte" in notice and "v460" in notice and "geo.api.gouv.fr" in notice


def test_communes_merged_without_a_commune_deleguee_are_known_by_their_former_names() -> None:
    former = referentials.communes_by_former_name_key()
    assert former["SEYNOD"] == ("74010",)  # Annecy, 2017
    assert former["OLONNE SUR MER"] == ("85194",)  # Les Sables-d'Olonne, 2019


def test_a_former_commune_the_referential_still_has_is_left_to_it() -> None:
    # Pierre-Bénite merged into Oullins-Pierre-Bénite (69149) in 2024, after the snapshot.
    assert "PIERRE BENITE" not in referentials.communes_by_former_name_key()


def test_a_former_name_that_begins_the_present_one_is_left_to_the_first_words_reading() -> None:
    # Boulogne-Billancourt was "Boulogne" until 1926; the village Boulogne (Vendée) merged.
    assert referentials.communes_by_former_name_key()["BOULOGNE"] == ("85084",)


def test_the_former_names_file_and_its_notice_are_vendored() -> None:
    assert DATA.joinpath("communes_anciennes.csv").is_file()
    notice = resources.files("normalizers.referentials").joinpath("NOTICE.md").read_text("utf-8")
    assert "communes_anciennes.csv" in notice and "decoupage-administratif" in notice
