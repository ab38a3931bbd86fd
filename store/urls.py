"""The canonical form of a source's URL: one URL, one source, however it is spelled.

Two spellings of one address give one key: `url-normalize` (RFC 3986 normalization: case of
scheme and host, IDNA hosts, default ports, dot segments, duplicate slashes, percent-encoding of
unreserved characters, an empty query) then w3lib's `canonicalize_url` (no fragment, query
parameters sorted, one percent-encoding), after known tracking parameters are dropped.
"""

from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit, urlunsplit

from url_normalize import url_normalize
from w3lib.url import canonicalize_url

TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
"""Parameter prefixes of analytics campaigns (Google Analytics, Matomo/Piwik, HubSpot ads)."""
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "hsctatracking",
        "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "_openstat", "rb_clickid",
        "s_cid", "srsltid", "_ga", "_gl", "wt_mc", "at_medium", "at_campaign", "xtor",
    }
)  # fmt: skip
"""Click and mail-campaign identifiers, as stripped by Firefox's query stripping and the
ClearURLs rules (compared case-insensitively); none of them selects what a feed lists."""


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The key two spellings of one http(s) address share, for example
    `HTTPS://Acme.example:443/a/./b//%6Frgb.xml?utm_source=x#top` →
    `https://acme.example/a/b/orgb.xml`. Anything but http(s) (`intake:…`) is kept as given;
    so is a URL the normalizer cannot read (its own spelling is then its key)."""
    if urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return url
    try:
        normalized = url_normalize(url.strip()) or url
    except (ValueError, UnicodeError):
        return url
    parts = urlsplit(normalized)
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and not _is_tracking(unquote_plus(pair.partition("=")[0]))
    ]
    without_tracking = urlunsplit(parts._replace(query="&".join(kept), fragment=""))
    return canonicalize_url(without_tracking, keep_fragments=False)
