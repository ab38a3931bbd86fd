"""The fetch path's settings say what the design promises."""

from __future__ import annotations

from scrapy.settings import Settings

from spiders import settings as relais


def test_identity_and_limits() -> None:
    assert relais.USER_AGENT == "RelaisBot/0.1 (+https://github.com/relais-jobs/relais)"
    assert relais.REDIRECT_MAX_TIMES == 5
    assert relais.DOWNLOAD_TIMEOUT == 30
    assert relais.DOWNLOAD_MAXSIZE == 32 * 1024 * 1024
    assert 0 < relais.DOWNLOAD_WARNSIZE < relais.DOWNLOAD_MAXSIZE
    assert relais.RELAIS_FEED_MAXSIZE == 8 * 1024**3  # a million-offer feed is 3 to 4 GB
    assert relais.RELAIS_FEED_TIMEOUT == 600
    assert relais.RELAIS_MAX_ITEMS == 2_000_000
    assert 0 < relais.DNS_TIMEOUT <= 30
    assert relais.RETRY_TIMES <= 3


def test_politeness() -> None:
    assert relais.ROBOTSTXT_OBEY is True
    assert relais.CONCURRENT_REQUESTS_PER_DOMAIN == 1
    assert relais.DOWNLOAD_DELAY >= 1
    assert relais.AUTOTHROTTLE_ENABLED is True


def test_only_http_and_https_have_handlers() -> None:
    settings = Settings()
    settings.setmodule(relais, priority="project")
    handlers = settings.getwithbase("DOWNLOAD_HANDLERS")
    assert {scheme for scheme, handler in handlers.items() if handler} == {"http", "https"}
    assert {handlers["http"], handlers["https"]} == {"spiders.spool.SpoolingDownloadHandler"}


def test_the_guard_is_installed_at_both_ends_and_the_resolver_is_ours() -> None:
    middlewares = relais.DOWNLOADER_MIDDLEWARES
    robots = 100  # scrapy's RobotsTxtMiddleware: the guard must refuse before robots.txt is asked
    assert middlewares["spiders.middlewares.FetchGuardMiddleware"] < robots
    assert middlewares["spiders.middlewares.ConnectedAddressMiddleware"] > 900
    assert relais.TWISTED_DNS_RESOLVER == "spiders.resolver.GuardedResolver"


def test_nothing_listens_and_nothing_is_kept_between_requests() -> None:
    assert relais.TELNETCONSOLE_ENABLED is False
    assert relais.REMOTE_CONTROL_ENABLED is False
    assert relais.COOKIES_ENABLED is False
    assert relais.HTTPPROXY_ENABLED is False
    assert relais.STATS_DUMP is False


def test_reactor_is_scrapys_default() -> None:
    assert not hasattr(relais, "TWISTED_REACTOR")
