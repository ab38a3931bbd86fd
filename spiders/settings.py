"""Scrapy settings of the one hardened fetch path every Relais crawl goes through."""

# Deployment knobs come from the environment: RELAIS_ALLOWED_HOSTS (comma-separated `host` or
# `host:port` admitted even on loopback/private addresses), RELAIS_DOWNLOAD_MAXSIZE (bytes, the
# decoded body cap of documents read in memory), RELAIS_FEED_MAXSIZE (bytes, the same cap for
# the XML feeds written to disk as they arrive: RSS, Atom, Indeed-style), RELAIS_DOWNLOAD_TIMEOUT
# and RELAIS_FEED_TIMEOUT (seconds a whole download may take), RELAIS_MAX_ITEMS (items per
# document) and RELAIS_DOWNLOAD_DELAY (seconds between two requests to one host; lower it only
# for local test servers).

from __future__ import annotations

import os

BOT_NAME = "relais"
SPIDER_MODULES = [
    "spiders.feeds",
    "spiders.ats",
    "spiders.francetravail",
    "spiders.sites",
    "spiders.probe",
]
NEWSPIDER_MODULE = "spiders.feeds"

USER_AGENT = "RelaisBot/0.1 (+https://github.com/relais-jobs/relais)"
DEFAULT_REQUEST_HEADERS = {
    "Accept": (
        "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
        "text/xml;q=0.9, */*;q=0.5"
    ),
    "Accept-Language": "fr, en;q=0.8",
}

# Only http and https have a download handler; the guard middleware says so plainly first.
# Scrapy's HTTP/1.1 handler, but for the XML feeds, whose body goes to a file (spiders.spool).
DOWNLOAD_HANDLERS = {
    "file": None,
    "data": None,
    "ftp": None,
    "s3": None,
    "http": "spiders.spool.SpoolingDownloadHandler",
    "https": "spiders.spool.SpoolingDownloadHandler",
}
DOWNLOADER_MIDDLEWARES = {
    "spiders.middlewares.FetchGuardMiddleware": 10,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.robots.Rfc9309RobotsMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.GuardedRetryMiddleware": 550,
    "spiders.backoff.HostBackoffMiddleware": 560,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "spiders.middlewares.LoopAwareRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "spiders.httpcache.RevalidatingCacheMiddleware": 900,
    "spiders.middlewares.ConnectedAddressMiddleware": 990,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,  # sites are checked by hand
}
TWISTED_DNS_RESOLVER = "spiders.resolver.GuardedResolver"
RELAIS_ALLOWED_HOSTS = os.environ.get("RELAIS_ALLOWED_HOSTS", "")

# Conditional GET for the pages of multi-page kinds (API pages, postings): enabled per crawl
# by `spiders.crawl --cache-dir`, one directory per source.
HTTPCACHE_ENABLED = False
HTTPCACHE_POLICY = "spiders.httpcache.RevalidatePolicy"
HTTPCACHE_STORAGE = "spiders.httpcache.JsonFileCacheStorage"

# Limits.
REDIRECT_MAX_TIMES = 5
METAREFRESH_ENABLED = False
DOWNLOAD_TIMEOUT = int(os.environ.get("RELAIS_DOWNLOAD_TIMEOUT", "30"))
DNS_TIMEOUT = 10
DOWNLOAD_MAXSIZE = int(os.environ.get("RELAIS_DOWNLOAD_MAXSIZE", str(32 * 1024 * 1024)))
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True
DOWNLOAD_VERIFY_CERTIFICATES = True
# XML feeds are written to disk and split from there in bounded memory: an Indeed-style feed of
# a million offers is about 4 GB of XML (far less gzip-encoded on the wire).
RELAIS_FEED_MAXSIZE = int(os.environ.get("RELAIS_FEED_MAXSIZE", str(8 * 1024**3)))
RELAIS_FEED_TIMEOUT = int(os.environ.get("RELAIS_FEED_TIMEOUT", "600"))
RELAIS_MAX_ITEMS = int(os.environ.get("RELAIS_MAX_ITEMS", "2000000"))

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = float(os.environ.get("RELAIS_DOWNLOAD_DELAY", "1.0"))
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RELAIS_RETRY_AFTER_MAX = 60  # seconds a host may ask to wait (Retry-After) within a crawl
RELAIS_RETRY_AFTER_TIMES = 2  # times one request is sent again after such a wait

# Nothing a feed fetch does not need: no cookies, proxies, Referer, consoles or remote control.
COOKIES_ENABLED = False
HTTPPROXY_ENABLED = False
REFERRER_POLICY = "no-referrer"
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
EXTENSIONS = {  # not even imported: each crawl is a fresh process and start-up time counts
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
    "scrapy.extensions.memdebug.MemoryDebugger": None,
    "scrapy.extensions.feedexport.FeedExporter": None,
    "scrapy.extensions.spiderstate.SpiderState": None,
}
STATS_DUMP = False
LOGSTATS_INTERVAL = 0.0
LOG_LEVEL = "INFO"
