"""What reading a feed liberally repaired, counted, and said in French for people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_ITEM_NOTES = 10
"""Repairs said item by item, at most; those past it are counted."""


@dataclass
class Repairs:
    """What reading one document repaired, counted, with the line of the first of each kind."""

    encoding_note: str | None = None
    declared: str | None = None
    read_as: str = "utf-8"
    fallback_bytes: int = 0
    undefined_entities: Counter[str] = field(default_factory=Counter)
    unknown_entities: Counter[str] = field(default_factory=Counter)
    declared_entities: int = 0
    bare_ampersands: int = 0
    bare_brackets: int = 0
    forbidden_characters: int = 0
    windows_1252_references: int = 0
    void_tags: int = 0
    unclosed_tags: int = 0
    """Elements left open inside another (`<b>` in a title), closed with it."""
    stray_end_tags: int = 0
    """End tags that closed no open element, dropped."""
    mismatched_end_tags: int = 0
    """End tags naming no open element (`</titel>`), read as ending the innermost one."""
    broken_tags: int = 0
    """Tags whose attributes were not XML (a quote left open, a value without quotes), mended."""
    case_end_tags: int = 0
    """End tags written in another case than their start tag (`<Item>…</item>`)."""
    case_example: str | None = None
    """The first of them, as "</item> pour <Item>"."""
    unclosed_items: int = 0
    """Items or entries without their end tag, ended where the next one starts."""
    item_names: list[str] = field(default_factory=lambda: ["item", "entry"])
    """The local names of the document's items, as notes say them."""
    dtd: bool = False
    unclosed: list[str] = field(default_factory=list)
    structure: str | None = None
    truncated: str | None = None
    leading_junk: str | None = None
    """The first words of what came before the document (a server's warning), dropped."""
    lines_dropped: int = 0
    last_line: int = 0
    ends_closed: bool = False
    """True when the document's last tag ends its root element: it is not cut short."""
    """The number of lines of the document, once read."""
    first_lines: dict[str, int] = field(default_factory=dict)
    first_items: dict[str, int] = field(default_factory=dict)
    """The number of the item (from 1; 0 outside items) the first repair of each kind is in."""
    stray_cdata_ends: int = 0
    """`]]>` outside any CDATA section, dropped."""
    nested_cdata: int = 0
    """CDATA sections opened inside another, their markers dropped and their text kept."""
    unterminated_cdata: int = 0
    """CDATA sections without `]]>`, ended before their element's end tag."""
    item: int = 0
    """The number of the item (from 1) being read, 0 outside items."""
    item_titles: dict[int, str] = field(default_factory=dict)
    """The title of each item read, by its number: notes name the item a repair was made in."""
    item_faults: list[tuple[int, str]] = field(default_factory=list)
    """(item number, what was repaired in it and whether text was lost), in document order."""

    broken_items: dict[int, str] = field(default_factory=dict)
    """Why an item cannot be read, by its number (from 1): a field left open that swallowed
    its neighbours, an item too long or too deeply nested. Such an item comes as an error."""

    def item_broken(self, number: int, reason: str) -> None:
        """Note that item `number` cannot be read, and why (French); its first reason stays."""
        if number:
            self.broken_items.setdefault(number, reason)

    def seen(self, kind: str, line: Callable[[], int]) -> None:
        """Keep the line of the first repair of `kind` (computed only then), and its item."""
        if kind not in self.first_lines:
            self.first_lines[kind] = line()
            self.first_items[kind] = self.item

    def item_fault(self, text: str) -> None:
        """Note `text` (French: what was repaired, what was lost) against the item being read."""
        if len(self.item_faults) < MAX_ITEM_NOTES + 1:
            self.item_faults.append((self.item, text))
        else:
            self.item_faults_left += 1

    item_faults_left: int = 0
    """Item faults past the first MAX_ITEM_NOTES + 1, counted only."""

    def item_label(self, number: int) -> str:
        """« l'offre « Titre » » for item `number`, by its number when it has no title."""
        if number == 0:
            return "hors des offres"
        if number in self.broken_items:  # its title may hold the fields it swallowed
            return f"dans l'offre n° {number}, refusée"
        title = self.item_titles.get(number)
        return f"dans l'offre « {title} »" if title else f"dans l'offre n° {number}"

    def _at(self, kind: str, feminine: bool = False) -> str:
        line = self.first_lines.get(kind)
        first = "la première" if feminine else "le premier"
        item = self.first_items.get(kind, 0)
        where = f", {self.item_label(item)}" if item else ""
        return f" ({first} à la ligne {line}{where})" if line else ""

    def notes(self) -> list[str]:
        """What was repaired, one sentence each, in French, for the people who run the source."""
        notes = [self.encoding_note] if self.encoding_note else []
        if self.leading_junk:
            notes.append(
                f"texte avant le début du document ignoré (« {self.leading_junk} »), sur "
                f"{_count(self.lines_dropped, 'ligne', 'lignes')}"
            )
        if self.fallback_bytes:
            declared = (
                f"encodage déclaré {self.declared}" if self.declared else "aucun encodage déclaré"
            )
            notes.append(
                f"{declared}, lu comme windows-1252 pour "
                f"{_count(self.fallback_bytes, 'octet', 'octets')} qui ne se "
                f"{_agree(self.fallback_bytes, 'lit', 'lisent')} pas en {self.read_as}"
                f"{self._at('fallback')}"
            )
        if self.undefined_entities:
            total = sum(self.undefined_entities.values())
            shown = ", ".join(f"&{name};" for name, _ in self.undefined_entities.most_common(3))
            notes.append(
                f"{_count(total, 'entité non définie', 'entités non définies')} en XML "
                f"({shown}) {_agree(total, 'lue comme une entité', 'lues comme des entités')} HTML"
                f"{self._at('entity', feminine=True)}"
            )
        if self.unknown_entities:
            total = sum(self.unknown_entities.values())
            shown = ", ".join(f"&{name};" for name, _ in self.unknown_entities.most_common(3))
            notes.append(
                f"{_count(total, 'entité inconnue', 'entités inconnues')} ({shown}) "
                f"{_agree(total, 'gardée telle quelle', 'gardées telles quelles')} comme du "
                f"texte{self._at('unknown', feminine=True)}"
            )
        if self.bare_ampersands:
            notes.append(
                f"{_count(self.bare_ampersands, '« & » isolé', '« & » isolés')} "
                f"{_agree(self.bare_ampersands, 'lu', 'lus')} comme du texte{self._at('ampersand')}"
            )
        if self.bare_brackets:
            notes.append(
                f"{_count(self.bare_brackets, '« < » isolé', '« < » isolés')} "
                f"{_agree(self.bare_brackets, 'lu', 'lus')} comme du texte{self._at('bracket')}"
            )
        if self.forbidden_characters:
            notes.append(
                f"{_count(self.forbidden_characters, 'caractère interdit', 'caractères interdits')}"
                f" en XML {_agree(self.forbidden_characters, 'retiré', 'retirés')}"
                f"{self._at('forbidden')}"
            )
        if self.windows_1252_references:
            notes.append(
                f"{_count(self.windows_1252_references, 'référence', 'références')} &#128; à "
                f"&#159; {_agree(self.windows_1252_references, 'lue', 'lues')} comme "
                f"windows-1252{self._at('reference', feminine=True)}"
            )
        if self.void_tags:
            notes.append(
                f"{_count(self.void_tags, 'balise HTML', 'balises HTML')} <br>, <hr>, <img> "
                f"{_agree(self.void_tags, 'non fermée fermée', 'non fermées fermées')}"
                f"{self._at('void', feminine=True)}"
            )
        if self.unclosed_tags:
            notes.append(
                f"{_count(self.unclosed_tags, 'balise non fermée', 'balises non fermées')} "
                f"dans un élément {_agree(self.unclosed_tags, 'fermée', 'fermées')} avec lui"
                f"{self._at('unclosed', feminine=True)}"
            )
        if self.stray_end_tags:
            notes.append(
                f"{_count(self.stray_end_tags, 'balise fermante', 'balises fermantes')} sans "
                f"balise ouvrante {_agree(self.stray_end_tags, 'retirée', 'retirées')}, le "
                f"texte gardé{self._at('stray', feminine=True)}"
            )
        if self.mismatched_end_tags:
            total = self.mismatched_end_tags
            notes.append(
                f"{_count(total, 'balise fermante', 'balises fermantes')} au nom d'aucun élément "
                f"ouvert {_agree(total, 'lue', 'lues')} comme la fin de l'élément en cours"
                f"{self._at('mismatched', feminine=True)}"
            )
        if self.broken_tags:
            notes.append(
                f"{_count(self.broken_tags, 'balise', 'balises')} aux attributs mal écrits "
                "(guillemet non fermé, valeur sans guillemets, texte parasite) "
                f"{_agree(self.broken_tags, 'réparée', 'réparées')}"
                f"{self._at('attribute', feminine=True)}"
            )
        if self.case_end_tags:
            total = self.case_end_tags
            notes.append(
                f"{_count(total, 'balise fermante', 'balises fermantes')} d'une autre casse que "
                f"{_agree(total, 'sa balise ouvrante lue', 'leur balise ouvrante lues')} comme "
                f"la fin de l'élément ({self.case_example}){self._at('case', feminine=True)}"
            )
        if self.unclosed_items:
            notes.append(
                f"{_count(self.unclosed_items, 'élément', 'éléments')} "
                f"{' ou '.join(f'<{name}>' for name in self.item_names)} sans "
                f"balise fermante {_agree(self.unclosed_items, 'fermé', 'fermés')} où commence "
                f"le suivant{self._at('item')}"
            )
        if self.dtd:
            replaced = (
                f" ; {_count(self.declared_entities, 'entité simple remplacée', 'entités simples remplacées')}"  # noqa: E501
                if self.declared_entities
                else ""
            )
            notes.append(f"DTD ignorée (jamais chargée){replaced}")
        if self.unclosed:
            notes.append(
                f"section non fermée à la fin du document fermée : {', '.join(self.unclosed)}"
            )
        faults = self.item_faults[:MAX_ITEM_NOTES]
        left = len(self.item_faults) - len(faults) + self.item_faults_left
        notes.extend(f"{self.item_label(item)} : {text}" for item, text in faults)
        if left:
            others = _count(left, "autre réparation", "autres réparations")
            notes.append(f"et {others} dans des offres")
        if self.structure:
            notes.append(f"structure XML réparée : {self.structure}")
        if self.truncated:
            notes.append(self.truncated)
        return notes


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {_agree(number, singular, plural)}"


def _agree(number: int, singular: str, plural: str) -> str:
    return singular if number == 1 else plural
