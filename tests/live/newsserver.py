"""A small news site on 127.0.0.1 for the live-source tests: a real HTTP server in a thread.

It serves an RSS feed, an Atom feed, a news sitemap and a sitemap index,
article pages in English, French, German and Spanish (our own sentences
about real events), a redirect chain, pages that answer conditional GETs
with 304, a page that answers 429 once, a robots.txt that disallows
``/private/``, a 50 MB response (streamed in chunks, never built whole),
one that declares 50 MB up front, and a page that never finishes.  Every
request is logged, so tests can assert what was (not) fetched.
"""

from __future__ import annotations

import gzip
import threading
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

LAST_MODIFIED = "Sat, 14 Dec 2024 08:00:00 GMT"
HUGE_BYTES = 50_000_000
_CHUNK = b"<p>" + b"x" * 65_000 + b"</p>\n"


def _page(lang: str, title: str, paragraphs: list[str], published: str | None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n</article><footer>© Example News</footer></body></html>"
    )
    return html.encode("utf-8")


ARTICLES: dict[str, bytes] = {
    "/news/olympics-close": _page(
        "en",
        "Paris Olympics come to a close",
        [
            "The Paris 2024 Summer Olympics ended with a closing ceremony at the Stade de France in "
            "Saint-Denis, north of the French capital.",
            "The United States finished top of the medal table with forty gold medals, level with China "
            "on golds but ahead on the total number of medals.",
            "Los Angeles will host the next Summer Games in 2028, the International Olympic Committee said.",
        ],
        "2024-08-11T21:00:00Z",
    ),
    "/news/notre-dame": _page(
        "fr",
        "Notre-Dame de Paris rouvre ses portes",
        [
            "La cathédrale Notre-Dame de Paris a rouvert ses portes plus de cinq ans après l'incendie "
            "qui avait détruit sa flèche et une grande partie de sa toiture.",
            "Le président Emmanuel Macron a remercié les compagnons, les artisans et les donateurs qui ont "
            "permis la restauration de l'édifice.",
            "Les messes ont repris le lendemain, en présence de l'archevêque de Paris, Laurent Ulrich.",
        ],
        "2024-12-07T18:00:00Z",
    ),
    "/news/em-finale": _page(
        "de",
        "Spanien gewinnt die Europameisterschaft",
        [
            "Spanien hat das Finale der Fußball-Europameisterschaft in Berlin mit 2:1 gegen England "
            "gewonnen und ist damit zum vierten Mal Europameister.",
            "Mikel Oyarzabal erzielte kurz vor dem Ende der Partie im Olympiastadion das entscheidende Tor.",
            "Das Turnier fand in zehn deutschen Städten statt, das Eröffnungsspiel war in München.",
        ],
        "2024-07-14T22:30:00Z",
    ),
    # No date anywhere in this page: the feed's date must be used.
    "/news/conseil-securite": _page(
        "fr",
        "Le Conseil de sécurité élit cinq membres non permanents",
        [
            "L'Assemblée générale des Nations unies a élu cinq nouveaux membres non permanents du Conseil "
            "de sécurité pour un mandat de deux ans.",
            "Le Conseil compte quinze membres, dont cinq permanents disposant d'un droit de veto: la Chine, "
            "les États-Unis, la France, le Royaume-Uni et la Russie.",
        ],
        None,
    ),
    "/news/eurocopa": _page(
        "es",
        "España gana la Eurocopa",
        [
            "La selección española ganó la Eurocopa al vencer a Inglaterra por dos goles a uno en la final "
            "disputada en el Estadio Olímpico de Berlín.",
            "Es el cuarto título europeo para España, que ya había ganado el torneo en 1964, 2008 y 2012.",
        ],
        "2024-07-14T23:00:00Z",
    ),
    "/news/nobel-peace": _page(
        "en",
        "Nobel Peace Prize for Nihon Hidankyo",
        [
            "The Norwegian Nobel Committee awarded the Nobel Peace Prize to Nihon Hidankyo, the Japanese "
            "organisation of survivors of the atomic bombs dropped on Hiroshima and Nagasaki.",
            "The committee said the survivors had worked for decades to keep nuclear weapons from ever being "
            "used again.",
        ],
        "2024-10-11T09:00:00Z",
    ),
    "/news/typhoon-yagi": _page(
        "en",
        "Typhoon Yagi reaches northern Vietnam",
        [
            "Typhoon Yagi made landfall in the coastal provinces of Quang Ninh and Hai Phong in northern "
            "Vietnam, bringing winds of more than 140 kilometres per hour.",
            "Floods and landslides followed in the days after the storm, and the government mobilised "
            "soldiers to help evacuate residents.",
        ],
        "2024-09-07T12:00:00Z",
    ),
    "/private/internal-memo": _page(
        "en",
        "Internal memo",
        ["This page is disallowed by robots.txt and must never be requested by a polite crawler at all."],
        "2024-12-01T00:00:00Z",
    ),
}

# What a polite run stores: every article except the one behind /private/.
ALLOWED = sorted(p for p in ARTICLES if not p.startswith("/private/"))


def _rss(base: str) -> bytes:
    items = [
        ("/news/olympics-close", "Sun, 11 Aug 2024 21:00:00 GMT"),
        ("/news/conseil-securite", "Fri, 06 Dec 2024 10:00:00 GMT"),
        ("/private/internal-memo", "Sun, 01 Dec 2024 00:00:00 GMT"),
        ("/redirect/1", "Sun, 14 Jul 2024 23:00:00 GMT"),
    ]
    xml = "".join(
        f"<item><title>t</title><link>{base}{p}</link><pubDate>{d}</pubDate></item>" for p, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example News</title>'
        f"<link>{base}/</link><description>All the news</description>{xml}</channel></rss>"
    ).encode()


def _atom(base: str) -> bytes:
    entries = "".join(
        f'<entry><title>t</title><id>{base}{p}</id><link rel="alternate" href="{p}"/>'
        f"<updated>2024-07-14T22:30:00Z</updated></entry>"
        for p in ("/news/em-finale", "/news/olympics-close")
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/">'
        f"<title>Example News (Atom)</title><id>{base}/atom</id><updated>2024-12-14T08:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def _sitemap(base: str) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><news:news><news:publication><news:name>Example</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{d}</news:publication_date><news:title>t</news:title></news:news></url>"
        for p, d in (("/news/nobel-peace", "2024-10-11T09:00:00Z"), ("/news/notre-dame", "2024-12-07"))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def _index(base: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap-news.xml.gz</loc></sitemap></sitemapindex>"
    ).encode()


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    status: int


class NewsServer:
    """The site, started on a free port of 127.0.0.1; ``requests`` logs every request served."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.hits: Counter[str] = Counter()
        self.release = threading.Event()  # set to let the never-finishing page end
        self.robots_status = 200  # what /robots.txt answers
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.requests]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.hits.clear()

    def log(self, path: str, headers: dict[str, str], status: int) -> None:
        with self.lock:
            self.requests.append(Request(path, headers, status))
            self.hits[path] += 1


Route = Callable[["NewsServer", "_Handler", str, str], None]


class _Handler(BaseHTTPRequestHandler):
    news: NewsServer  # set on the subclass made for each server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        base = f"http://{self.headers.get('Host', f'127.0.0.1:{self.news.port}')}"
        route = ROUTES.get(path) or (_article if path in ARTICLES else None)
        if route is None:
            self.send(404, b"not found", "text/plain")
            return
        route(self.news, self, path, base)

    def send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.news.log(self.path, dict(self.headers), status)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def conditional(self, body: bytes, ctype: str, etag: str) -> None:
        """200 with validators, or 304 when the client sends them back."""
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if self.headers.get("If-None-Match") == etag or (
            "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self.news.log(self.path, dict(self.headers), 304)
            self.send_response(304)
            for k, v in validators.items():
                self.send_header(k, v)
            self.end_headers()
            return
        self.send(200, body, ctype, validators)

    def start_stream(self, ctype: str, length: int | None = None) -> None:
        self.news.log(self.path, dict(self.headers), 200)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()


def _handler(server: NewsServer) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"news": server})


def _article(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.conditional(ARTICLES[path], "text/html; charset=utf-8", f'"a-{zlib.crc32(path.encode())}"')


def _robots(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.send(s.robots_status, b"User-agent: *\nDisallow: /private/\n", "text/plain")


def _feed(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.conditional(_rss(base), "application/rss+xml; charset=utf-8", '"rss-1"')


def _atom_feed(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.conditional(_atom(base), "application/atom+xml", '"atom-1"')


def _news_sitemap(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.conditional(_sitemap(base), "application/xml", '"sitemap-1"')


def _gz_sitemap(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.conditional(gzip.compress(_sitemap(base)), "application/x-gzip", '"sitemap-gz-1"')


def _sitemap_index(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.conditional(_index(base), "application/xml", '"index-1"')


def _redirect(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    target = {"/redirect/1": "/redirect/2", "/redirect/2": f"{base}/news/eurocopa"}[path]
    h.send(301 if path.endswith("1") else 302, b"", "text/plain", {"Location": target})


def _to_loopback(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.send(302, b"", "text/plain", {"Location": f"http://127.0.0.1:{s.port}/news/nobel-peace"})


def _flaky(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    if s.hits[path] == 0:
        h.send(429, b"slow down", "text/plain", {"Retry-After": "0"})
        return
    _article(s, h, "/news/typhoon-yagi", base)


def _huge(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.start_stream("text/html", HUGE_BYTES if path == "/huge-declared" else None)
    sent = 0
    try:
        while sent < HUGE_BYTES:  # streamed: never more than one chunk in memory
            h.wfile.write(_CHUNK)
            sent += len(_CHUNK)
    except OSError:
        pass  # the client hung up at its limit, as it should


def _hang(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.start_stream("text/html")
    try:
        h.wfile.write(b"<html><body><p>The first words of a page that never")
        h.wfile.flush()
        s.release.wait(30)
    except OSError:
        pass


def _encoded(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    page = ARTICLES["/news/nobel-peace"]
    if path == "/gzip-page":
        h.send(200, gzip.compress(page), "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
    else:
        h.send(200, brotli.compress(page), "text/html; charset=utf-8", {"Content-Encoding": "br"})


def _bomb(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    # 50 MB of zeros gzipped to ~50 kB, compressed chunk by chunk.
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1_000_000)
    body = b"".join(packer.compress(zeros) for _ in range(50)) + packer.flush()
    h.send(200, body, "text/html", {"Content-Encoding": "gzip"})


def _latin1(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    page = ARTICLES["/news/notre-dame"].decode("utf-8").replace('<meta charset="utf-8">', "")
    h.send(200, page.encode("iso-8859-1", errors="replace"), "text/html; charset=ISO-8859-1")


def _bad_feed(s: NewsServer, h: _Handler, path: str, base: str) -> None:
    h.send(200, b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut', "application/rss+xml")


ROUTES: dict[str, Route] = {
    "/bad-feed": _bad_feed,
    "/gzip-page": _encoded,
    "/br-page": _encoded,
    "/bomb": _bomb,
    "/latin1": _latin1,
    "/robots.txt": _robots,
    "/feed.rss": _feed,
    "/feed.atom": _atom_feed,
    "/sitemap-news.xml": _news_sitemap,
    "/sitemap-news.xml.gz": _gz_sitemap,
    "/sitemap-index.xml": _sitemap_index,
    "/redirect/1": _redirect,
    "/redirect/2": _redirect,
    "/to-loopback": _to_loopback,
    "/flaky": _flaky,
    "/huge": _huge,
    "/huge-declared": _huge,
    "/hang": _hang,
}
