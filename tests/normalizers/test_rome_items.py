from normalizers import rome_items
from normalizers.job_titles import text_stems


def test_a_sentence_votes_for_the_metiers_whose_items_it_says() -> None:
    # cleaning sanitaires and floors is said by the cleaning agent's items (K2204), not by the
    # building maintenance agent's (I1203)
    scores = rome_items.scores_of(
        "Vous assurez le nettoyage des sanitaires et lavez les sols avec l'autolaveuse.",
        ("I1203", "K2204"),
    )
    assert scores["K2204"] > 1.5 * scores["I1203"]


def test_a_description_is_read_once() -> None:
    rome_items.clear_memo()
    description = "Vous réalisez le câblage des armoires électriques selon les schémas."
    first = rome_items.item_scores(description)
    assert rome_items.item_scores(description) is first


def test_unsaid_words_are_not_read() -> None:
    description = "Vous encadrez l'équipe du laboratoire de contrôle qualité."
    codes = ("E1209", "H1501")
    read = rome_items.scores_of(description, codes)
    unsaid = rome_items.scores_of(description, codes, unsaid=frozenset(text_stems("laboratoire")))
    assert unsaid["E1209"] < read["E1209"]
