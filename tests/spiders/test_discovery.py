"""Finding postings on a careers site and telling a URL's kind, offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spiders.detect import JSON_NOT_KNOWN, detect_from_document, detect_from_url
from spiders.discovery import is_pagination, listing_links, looks_like_sitemap, read_sitemap
from spiders.extractors import FeedError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITES = FIXTURES / "sites"
LISTING = "https://fournil.example/carrieres/"


def test_listing_links_lead_to_postings_under_the_listing_and_to_its_next_page() -> None:
    links = listing_links((SITES / "careers_listing.html").read_text(), LISTING, LISTING)
    assert links.postings == [
        "https://fournil.example/carrieres/boulanger-lyon",
        "https://fournil.example/carrieres/vendeur-villeurbanne",
    ]
    assert links.next_pages == ["https://fournil.example/carrieres/?page=2"]


def test_a_follow_pattern_chooses_the_postings() -> None:
    links = listing_links(
        (SITES / "careers_listing.html").read_text(),
        LISTING,
        LISTING,
        follow=re.compile(r"/blog/"),
    )
    assert links.postings == ["https://fournil.example/blog/"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://fournil.example/carrieres/?page=3", True),
        ("https://fournil.example/carrieres?offset=20", True),
        ("https://fournil.example/carrieres/page/2/", True),
        ("https://fournil.example/carrieres/boulanger-lyon", False),
        ("https://other.example/carrieres/?page=2", False),
        ("https://fournil.example/blog/?page=2", False),
    ],
)
def test_pagination_is_on_the_listing_s_own_path(url: str, expected: bool) -> None:
    assert is_pagination(url, LISTING) is expected


def test_a_sitemap_lists_its_urls_once() -> None:
    body = (SITES / "sitemap.xml").read_bytes().replace(b"HOST", b"fournil.example")
    sitemap = read_sitemap(body, max_size=1 << 20)
    assert not sitemap.index
    assert sitemap.urls[0] == "http://fournil.example/carrieres/boulanger-lyon"
    assert len(sitemap.urls) == 3
    assert looks_like_sitemap(body)


def test_a_sitemap_index_says_so() -> None:
    body = (SITES / "sitemap_index.xml").read_bytes().replace(b"HOST", b"fournil.example")
    assert read_sitemap(body, max_size=1 << 20).index


def test_a_page_is_not_a_sitemap() -> None:
    with pytest.raises(FeedError, match="pas un plan de site : l'élément racine est <html>"):
        read_sitemap(b"<html><body/></html>", max_size=1 << 20)


@pytest.mark.parametrize(
    ("url", "kind", "settings"),
    [
        ("https://boards.greenhouse.io/atelierlumiere", "greenhouse", {"board": "atelierlumiere"}),
        (
            "https://boards.greenhouse.io/embed/job_board?for=atelier",
            "greenhouse",
            {"board": "atelier"},
        ),
        ("https://boards-api.greenhouse.io/v1/boards/acme/jobs", "greenhouse", {"board": "acme"}),
        ("https://jobs.lever.co/cordee/7b1c", "lever", {"board": "cordee"}),
        (
            "https://jobs.eu.lever.co/cordee",
            "lever",
            {"board": "cordee", "api_base": "https://api.eu.lever.co"},
        ),
        ("https://granitfroid.recruitee.com/o/technicien", "recruitee", {"board": "granitfroid"}),
        (
            "https://careers.smartrecruiters.com/RoulottesDuSud",
            "smartrecruiters",
            {"board": "RoulottesDuSud"},
        ),
        ("https://apply.workable.com/brasserie/", "workable", {"board": "brasserie"}),
        ("https://jobs.ashbyhq.com/velonantes", "ashby", {"board": "velonantes"}),
        (
            "https://api.francetravail.io/partenaire/offresdemploi/v2/offres/search",
            "francetravail",
            {},
        ),
    ],
)
def test_known_hosts_are_recognised_without_fetching(
    url: str, kind: str, settings: dict[str, str]
) -> None:
    detection = detect_from_url(url)
    assert detection is not None
    assert (detection.kind, detection.settings) == (kind, settings)
    assert detection.reasons


def test_a_teamtailor_site_is_its_rss_feed() -> None:
    detection = detect_from_url("https://fournil.teamtailor.com/jobs")
    assert detection is not None
    assert (detection.kind, detection.url) == ("rss", "https://fournil.teamtailor.com/jobs.rss")


def test_an_ordinary_site_is_not_recognised_from_its_address() -> None:
    assert detect_from_url("https://fournil.example/carrieres/") is None


def test_a_feed_document_is_recognised() -> None:
    body = (FIXTURES / "feeds" / "atom_jobs.xml").read_bytes()
    detection = detect_from_document(body, "https://x.example/feed")
    assert (detection.kind, detection.reasons) == ("atom", ["le document est un flux Atom"])


def test_a_json_answer_of_no_known_api_is_not_taken_for_a_page() -> None:
    body = b'{"results": [{"title": "Vendeur", "location": {"display_name": "Lyon"}}]}'
    detection = detect_from_document(body, "https://api.agregateur.example/jobs")
    assert (detection.kind, detection.reasons) == (None, [JSON_NOT_KNOWN])


def test_a_sitemap_is_a_jsonld_source_read_by_its_sitemap() -> None:
    body = (SITES / "sitemap.xml").read_bytes()
    detection = detect_from_document(body, "https://x.example/sitemap.xml")
    assert (detection.kind, detection.settings) == ("jsonld", {"discovery": "sitemap"})


def test_a_page_with_job_postings_is_jsonld() -> None:
    body = (SITES / "posting_boulanger.html").read_bytes()
    detection = detect_from_document(body, "https://fournil.example/carrieres/boulanger-lyon")
    assert detection.kind == "jsonld"
    assert detection.reasons == [
        "la page porte une offre schema.org JobPosting (JSON-LD ou microdonnées)"
    ]


def test_an_ats_embed_wins_over_a_blog_feed_which_stays_an_alternative() -> None:
    body = b"""<html><head>
      <link rel="alternate" type="application/rss+xml" title="Le blog" href="/feed/">
    </head><body>
      <div id="grnhse_app"></div>
      <script src="https://boards.greenhouse.io/embed/job_board/js?for=fournil"></script>
    </body></html>"""
    detection = detect_from_document(body, "https://fournil.example/carrieres/")
    assert (detection.kind, detection.settings) == ("greenhouse", {"board": "fournil"})
    assert detection.reasons == [
        "la page intègre ou cite un espace carrières Greenhouse : "
        "https://boards.greenhouse.io/embed/job_board/js?for=fournil"
    ]
    assert [(other.kind, other.url) for other in detection.alternatives] == [
        ("rss", "https://fournil.example/feed/")
    ]


def test_a_job_feed_link_is_preferred_to_another_feed() -> None:
    body = b"""<html><head>
      <link rel="alternate" type="application/rss+xml" title="Actualites" href="/feed/">
      <link rel="alternate" type="application/atom+xml" title="Nos offres d'emploi" href="/o.xml">
    </head><body></body></html>"""
    detection = detect_from_document(body, "https://fournil.example/")
    assert (detection.kind, detection.url) == ("atom", "https://fournil.example/o.xml")
    assert "un flux d'offres Atom « Nos offres d'emploi »" in detection.reasons[0]


def test_a_plain_page_is_not_detected_and_says_why() -> None:
    detection = detect_from_document(b"<html><body><p>Bonjour</p></body></html>", LISTING)
    assert detection.kind is None
    assert detection.reasons == [
        "la page ne contient ni lien vers un flux, ni offre schema.org JobPosting, "
        "ni logiciel de recrutement connu"
    ]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            b'\xef\xbb\xbf<?xml version="1.0"?><rss><channel><title>R&D</title></channel></rss>',
            "rss",
        ),
        (
            b'<feed xmlns="http://purl.org/atom/ns#" version="0.3">'
            b"<title>Caf&eacute;</title></feed>",
            "atom",
        ),
        (b"<source><job><title>Ing\xe9nieur R&D</title></job></source>", "indeed-xml"),
    ],
    ids=["rss-bom-bare-ampersand", "atom03-html-entity", "indeed-latin1-bytes"],
)
def test_a_feed_that_is_not_well_formed_is_still_recognised(body: bytes, kind: str) -> None:
    assert detect_from_document(body, "https://emplois.example/flux").kind == kind


def test_a_page_written_as_xhtml_with_its_declaration_is_read_as_a_page() -> None:
    posting = '{"@type": "JobPosting", "title": "Cuisinier", "identifier": "X1"}'
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        f'<script type="application/ld+json">{posting}</script></head><body></body></html>'
    ).encode()
    detection = detect_from_document(body, "https://emplois.example/offre")
    assert detection.kind == "jsonld"
