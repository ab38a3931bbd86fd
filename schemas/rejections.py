"""Why an item could not become an offer: kept in quarantine, never dropped silently.

Each reason carries a stable machine code (`field`, `code`) and, for people, a French sentence
that says what is wrong and what to change at the source (`explain`). The sentences are fixed
per code, so rejections stored before a wording changed read the same as new ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from schemas.base import StrictModel
from schemas.legacy_text import french_error

FIELD_LABELS = {
    "title": "le titre",
    "description": "la description",
    "company": "le nom de l'entreprise",
    "company_name": "le nom de l'entreprise",
    "place": "le lieu",
    "other_places": "les autres lieux",
    "contract": "le type de contrat",
    "salary": "le salaire",
    "experience": "l'expérience demandée",
    "remote": "le télétravail",
    "category": "la catégorie",
    "reference": "la référence",
    "url": "le lien vers la page de l'offre",
    "apply_url": "le lien pour postuler",
    "contact": "le contact pour postuler",
    "posted_at": "la date de publication",
    "updated_at": "la date de mise à jour",
    "source_updated_at": "la date de mise à jour",
    "valid_through": "la date de fin de l'offre",
    "language": "la langue",
    "rome": "le métier (code ROME)",
    "external_id": "l'identifiant de l'élément dans le flux",
}
"""The SourceOffer and Offer fields, in the words of the person who writes the feed."""

_FIXED_TEXTS = {
    ("title", "missing"): (
        "L'offre n'a pas de titre. À corriger dans votre flux : donnez à chaque offre "
        "l'intitulé du poste."
    ),
    ("description", "missing"): (
        "L'offre n'a pas de description. À corriger dans votre flux : décrivez le poste "
        "(missions, profil, conditions)."
    ),
    ("description", "empty"): (
        "La description est vide une fois la mise en forme retirée : les candidats ne "
        "verraient rien du poste. À corriger dans votre flux : écrivez la description en "
        "texte, pas seulement en images ou en balises."
    ),
    ("url", "no_way_to_apply"): (
        "L'offre ne dit pas comment postuler. À corriger dans votre flux : ajoutez le lien de "
        "la page de l'offre ou du formulaire de candidature (adresse complète en https://…), "
        "ou une adresse e-mail ou un numéro de téléphone à contacter."
    ),
    ("contact", "invalid_contact"): (
        "Le contact indiqué{value} ne contient ni adresse e-mail ni numéro de téléphone. "
        "À corriger dans votre flux : indiquez une adresse e-mail ou un téléphone."
    ),
    # no longer given (an offer dated after its collection is kept, undated, and noted): said
    # for the rejections stored before
    ("posted_at", "in_future"): (
        "La date de publication{value} est postérieure au jour de la collecte. À corriger "
        "dans votre flux : indiquez la date à laquelle l'offre a vraiment été publiée."
    ),
    ("valid_through", "before_posted"): (
        "La date de fin de l'offre{value} précède sa date de publication. À corriger dans "
        "votre flux : vérifiez ces deux dates."
    ),
    ("valid_through", "expired"): (
        "La date limite de candidature écrite dans l'offre{value} est passée : l'offre a "
        "expiré, Relais ne la publie pas. À corriger dans votre flux : retirez les offres "
        "closes, ou mettez à jour la date limite si l'offre est encore ouverte."
    ),
    ("updated_at", "before_posted"): (
        "La date de mise à jour{value} précède la date de publication. À corriger dans votre "
        "flux : vérifiez ces deux dates."
    ),
}
_CODE_TEXTS = {
    "invalid_url": (
        "{label}{value} n'est pas une adresse web utilisable. À corriger dans votre flux : "
        "indiquez une adresse complète en http:// ou https://."
    ),
    "invalid": (
        "{label}{value} n'a pas une forme acceptée. À corriger dans votre flux : vérifiez "
        "cette information."
    ),
    "missing": "Il manque {label}. À corriger dans votre flux : ajoutez cette information.",
    "empty": "{label} : aucune valeur. À corriger dans votre flux : remplissez cette information.",
}
_UNREADABLE = (
    "Relais n'a pas pu lire cet élément de votre flux{detail}. À corriger à la source : "
    "vérifiez que l'élément est complet et bien formé."
)
_UNKNOWN = "{label} pose problème{detail}. À vérifier dans votre flux."


def _quoted(value: object) -> str:
    text = str(value).strip() if value is not None else ""
    return f" (« {text} »)" if text else ""


def _detail(message: object) -> str:
    text = (french_error(str(message)) or "").strip().rstrip(".") if message else ""
    return f" : {text}" if text else ""


def explain(reason: Mapping[str, Any] | RejectionReason) -> str:
    """A rejection reason as one French sentence for the person who can fix the source.

    `reason` is a RejectionReason or its stored dict (`field`, `code`, `message`, `value`).
    The sentence is chosen by (field, code); it names the field in plain words (`FIELD_LABELS`),
    quotes the offending value when there is one, and says what to change. Only an unreadable
    item ("item", "unreadable") or an unknown code quotes the stored message, as a detail.
    """
    data = reason.model_dump() if isinstance(reason, RejectionReason) else dict(reason)
    field, code = str(data.get("field") or "item"), str(data.get("code") or "")
    value = _quoted(data.get("value"))
    label = FIELD_LABELS.get(field, "une information de l'offre")
    fixed = _FIXED_TEXTS.get((field, code))
    if fixed is not None:
        return fixed.format(value=value)
    if code == "unreadable" or field == "item":
        return _UNREADABLE.format(detail=_detail(data.get("message")))
    template = _CODE_TEXTS.get(code, _UNKNOWN)
    text = template.format(label=label, value=value, detail=_detail(data.get("message")))
    return text[0].upper() + text[1:]


def offer_label(title: str | None, reference: str | None, external_id: str | None) -> str:
    """How a person recognizes a rejected item: « title » (réf. X), else its id in the feed.

    The reference is the employer's own (`SourceOffer.reference`); without a title, the item's
    identifier in the feed is named as such, never shown bare, and never when it is a sha256
    Relais made of an item without one (it would name nothing to a recruiter).
    """
    reference_text = f" (réf. {reference})" if reference and reference != title else ""
    if title:
        return f"« {title} »{reference_text}"
    if reference:
        return f"Offre sans titre (réf. {reference})"
    if external_id and not external_id.startswith("sha256:"):  # a hash Relais made names nothing
        return f"Offre sans titre (identifiant dans le flux : {external_id})"
    return "Offre sans titre"


class RejectionReason(StrictModel):
    """One problem with one field, said so that the person who can fix it understands."""

    field: str = Field(description="The SourceOffer field at fault, or 'item' for the whole item.")
    code: str = Field(
        description="Stable machine code, e.g. 'missing', 'invalid_url', 'unreadable'."
    )
    message: str
    value: str | None = Field(default=None, description="The offending value, shortened.")


class Rejection(StrictModel):
    """An item of a source that cannot make a valid offer."""

    source: str
    external_id: str | None = None
    title: str | None = Field(default=None, description="The item's title, when it has one.")
    reference: str | None = Field(default=None, description="The employer's reference, if any.")
    reasons: list[RejectionReason] = Field(min_length=1)

    def label(self) -> str:
        """The item as a person recognizes it (`offer_label`)."""
        return offer_label(self.title, self.reference, self.external_id)

    def summary(self) -> str:
        """One line in French naming the item and every reason, for logs and the CLI."""
        return f"{self.label()} : " + " ".join(explain(reason) for reason in self.reasons)
