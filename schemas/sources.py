"""What an HR club registers: a source of job offers, its defaults and its kind's settings."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, HttpUrl, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from schemas.base import StrictModel
from schemas.validation_fr import french_validation

SourceName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=80,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="Nom unique, montré dans Airflow et la CLI (lettres, chiffres, . _ -).",
    ),
]


class SourceKind(StrEnum):
    """Comment une source publie ses offres ; chaque type a son spider et son extracteur."""

    RSS = "rss"
    ATOM = "atom"
    INDEED_XML = "indeed-xml"
    JSONLD = "jsonld"
    GREENHOUSE = "greenhouse"
    LEVER = "lever"
    RECRUITEE = "recruitee"
    SMARTRECRUITERS = "smartrecruiters"
    WORKABLE = "workable"
    ASHBY = "ashby"
    FRANCETRAVAIL = "francetravail"
    HTML = "html"


KIND_LABELS = {
    "rss": "flux RSS",
    "atom": "flux Atom",
    "indeed-xml": "flux XML de type Indeed",
    "jsonld": "pages portant des offres schema.org JobPosting",
    "greenhouse": "espace carrières Greenhouse",
    "lever": "site d'offres Lever",
    "recruitee": "site carrières Recruitee",
    "smartrecruiters": "offres SmartRecruiters",
    "workable": "compte Workable",
    "ashby": "espace carrières Ashby",
    "francetravail": "API des offres de France Travail",
    "html": "site carrières lu par sélecteurs HTML",
}
"""Each SourceKind in the words of a recruiter."""

ATS_KINDS = frozenset(
    {
        SourceKind.GREENHOUSE,
        SourceKind.LEVER,
        SourceKind.RECRUITEE,
        SourceKind.SMARTRECRUITERS,
        SourceKind.WORKABLE,
        SourceKind.ASHBY,
    }
)


class SourceDefaults(StrictModel):
    """Les valeurs prises quand une offre de la source ne les dit pas elle-même."""

    company_name: str | None = Field(default=None, max_length=200)
    place: str | None = Field(default=None, max_length=200)
    contract: str | None = Field(default=None, max_length=100)


def _compiles(pattern: str | None) -> str | None:
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"expression régulière invalide : {error}") from None
    return pattern


Pattern = Annotated[str, Field(min_length=1, max_length=500)]
Selector = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        description="A CSS selector, or an XPath expression when it starts with '/' or '('.",
    ),
]


class NoSettings(StrictModel):
    """Feeds need nothing besides their URL."""


class BoardSettings(StrictModel):
    """An ATS job board: its token or site name, and the API root (tests serve it locally)."""

    board: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$",
        description="Board token, site name, company identifier, account or board name.",
    )
    api_base: HttpUrl | None = Field(
        default=None, description="The API root when not the ATS's public one."
    )


class PagedBoardSettings(BoardSettings):
    """An ATS job board whose API pages its postings."""

    page_size: int = Field(default=100, ge=1, le=100)


class SmartRecruitersSettings(PagedBoardSettings):
    """SmartRecruiters also serves each posting's full ad on its own URL."""

    details: bool = Field(default=True, description="Fetch each posting's ad (description).")


class JsonLdSettings(StrictModel):
    """Careers sites publishing schema.org JobPosting: where postings are found."""

    discovery: Literal["listing", "sitemap"] | None = Field(
        default=None,
        description="listing: follow links from the page; sitemap: read the sitemap. "
        "Unset: a sitemap document is read as one, anything else as a listing.",
    )
    follow: Pattern | None = Field(
        default=None,
        description="Regular expression a posting URL matches; default: links under the "
        "listing's own path.",
    )
    pagination: Pattern | None = Field(
        default=None,
        description="Regular expression a next-page URL matches; default: rel=next links "
        "and page/offset parameters on the listing's path.",
    )
    max_pages: int = Field(default=500, ge=1, le=10_000)

    _check_patterns = field_validator("follow", "pagination")(_compiles)


class HtmlFields(StrictModel):
    """Where each field of a posting page is, as CSS selectors or XPath expressions: title
    (required), description, company, place, contract, working_time, salary, experience,
    remote, category, reference, posted_at, valid_through, start (the start date, « Prise de
    poste », read as a start date like any source's), apply_url."""

    title: Selector
    description: Selector | None = None
    company: Selector | None = None
    place: Selector | None = None
    contract: Selector | None = None
    working_time: Selector | None = None
    salary: Selector | None = None
    experience: Selector | None = None
    remote: Selector | None = None
    category: Selector | None = None
    reference: Selector | None = None
    posted_at: Selector | None = None
    valid_through: Selector | None = None
    start: Selector | None = None
    apply_url: Selector | None = None


class HtmlSettings(StrictModel):
    """A careers site without structured data: list page -> posting links -> fields."""

    links: Selector = Field(description="Posting links on the list page (a elements).")
    next: Selector | None = Field(default=None, description="The list's next-page link.")
    container: Selector | None = Field(
        default=None, description="The posting itself on its page; stored instead of the page."
    )
    fields: HtmlFields
    max_pages: int = Field(default=500, ge=1, le=10_000)


class FranceTravailSettings(StrictModel):
    """A France Travail "Offres d'emploi v2"-compatible API (the URL is its /offres/search)."""

    client_id: str = Field(min_length=1, max_length=200)
    client_secret_env: str = Field(
        pattern=r"^[A-Z_][A-Z0-9_]{0,99}$",
        description="Name of the environment variable holding the client secret; the secret "
        "itself is never stored.",
    )
    token_url: HttpUrl = Field(
        default=HttpUrl(
            "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire"
        )
    )
    scope: str = Field(default="api_offresdemploiv2 o2dsoffre", max_length=500)
    query: dict[str, str] = Field(
        default_factory=dict, description="Search parameters (motsCles, departement, …)."
    )
    shard_by_departement: bool = Field(
        default=True, description="Split a query over the 3,150-result cap by département."
    )


SETTINGS_MODELS: dict[SourceKind, type[StrictModel]] = {
    SourceKind.RSS: NoSettings,
    SourceKind.ATOM: NoSettings,
    SourceKind.INDEED_XML: NoSettings,
    SourceKind.JSONLD: JsonLdSettings,
    SourceKind.GREENHOUSE: BoardSettings,
    SourceKind.LEVER: PagedBoardSettings,
    SourceKind.RECRUITEE: BoardSettings,
    SourceKind.SMARTRECRUITERS: SmartRecruitersSettings,
    SourceKind.WORKABLE: BoardSettings,
    SourceKind.ASHBY: BoardSettings,
    SourceKind.FRANCETRAVAIL: FranceTravailSettings,
    SourceKind.HTML: HtmlSettings,
}


def _problems(error: ValidationError) -> str:
    return french_validation(error)


def validate_settings(
    kind: SourceKind | str, settings: dict[str, Any], *, with_defaults: bool = False
) -> dict[str, Any]:
    """The settings of a `kind` source, checked and converted to JSON-ready values.

    Only the settings given are returned, unless `with_defaults`. Raises ValueError naming
    each field at fault in French ("identifiant du compte (board) : obligatoire, absent";
    schemas.validation_fr).
    """
    model = SETTINGS_MODELS[SourceKind(kind)]
    try:
        checked = model.model_validate(settings)
    except ValidationError as error:
        raise ValueError(_problems(error)) from None
    return checked.model_dump(mode="json", exclude_unset=not with_defaults)


# A web address written without its scheme: a host with a dot (a name or an IPv4 address),
# "localhost" or an IPv6 address in brackets, then perhaps a port and a path.
_ADDRESS_WITHOUT_SCHEME = re.compile(
    r"^(?:(?:[\w-]+\.)+[\w-]+|localhost|\[[0-9a-f:.]+\])(?::\d+)?(?:[/?#]\S*)?$", re.I
)


def url_with_scheme(value: object) -> object:
    """Refuse, before it is parsed, an address written without its scheme
    ("127.0.0.1:8771/x.rss", "www.example.fr/emplois"), saying what to write instead; any
    other value goes on to be parsed (and refused as no address, if it is none)."""
    written = value.strip() if isinstance(value, str) else ""
    if "://" not in written and _ADDRESS_WITHOUT_SCHEME.match(written):
        raise PydanticCustomError(
            "url_without_scheme",
            "« {url} » n'a pas de http:// ni de https:// au début : écrivez https://{url} "
            "(ou http://{url})",
            {"url": written},
        )
    return value


class SourceRegistration(StrictModel):
    """A feed or careers site registered once by an organization."""

    name: SourceName
    kind: SourceKind
    url: HttpUrl
    organization: str | None = Field(default=None, min_length=1, max_length=200)
    schedule_minutes: int = Field(
        default=60, ge=5, le=7 * 24 * 60, description="Minimum time between two collections."
    )
    defaults: SourceDefaults = SourceDefaults()
    settings: dict[str, Any] = Field(
        default_factory=dict,
        description="Ce que le type demande en plus de l'adresse : le tableau d'un ATS, "
        "des sélecteurs CSS…",
    )
    threads: list[str] = Field(default_factory=list, description="Fils thématiques à nourrir.")
    max_age_days: int | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="Offers older than this many days expire, even if still listed (ghost jobs).",
    )
    recheck_after_days: int | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="Offers older than this many days have their apply page checked again; "
        "a page that is gone (404, 410) withdraws the offer.",
    )

    _url_scheme = field_validator("url", mode="before")(url_with_scheme)

    @field_validator("url")
    @classmethod
    def _http_or_https(cls, url: HttpUrl) -> HttpUrl:
        if url.scheme not in ("http", "https"):
            raise ValueError("seules les adresses http et https peuvent être enregistrées")
        return url

    @field_validator("settings")
    @classmethod
    def _settings_of_the_kind(cls, settings: dict[str, Any], info: ValidationInfo) -> Any:
        kind = info.data.get("kind")
        if kind is None:  # the kind itself is invalid; that error says it
            return settings
        try:
            return validate_settings(kind, settings)
        except ValueError as error:
            raise PydanticCustomError(
                "settings",
                "{problems} (pour une source de type {kind})",
                {"problems": str(error), "kind": kind.value},
            ) from None
