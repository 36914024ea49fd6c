"""What a phone downloads for the public results page: HTML, CSS and JavaScript, compressed.

    .venv/bin/python -m bench.page_weight                # on the 10,000-service directory
    .venv/bin/python -m bench.page_weight --size 100000

Asks the hub (in-process, through the whole middleware stack and WhiteNoise, as served) for a full
results page in each language, then for every stylesheet, script and manifest the page links to,
and prints each one's bytes as sent and gzip-compressed (level 6, a common proxy setting), plus
the response headers. Target: ≤ 40 KB compressed in all, per page. Run ``bench.generate`` first.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from html.parser import HTMLParser

from bench.common import PROGRAMME, database, setup

TARGET_BYTES = 40 * 1024
PAGES = [("en", "?q=violence"), ("es", "?q=violencia")]


class _Links(HTMLParser):
    """The addresses a browser fetches when it loads the page (no images are used)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.found.append(("script", values["src"]))  # type: ignore[arg-type]
        elif tag == "link" and values.get("href"):
            relation = (values.get("rel") or "").lower()
            if relation in ("stylesheet", "manifest", "icon", "preload", "modulepreload"):
                self.found.append((relation, values["href"]))  # type: ignore[arg-type]
        elif tag == "img" and values.get("src"):
            self.found.append(("image", values["src"]))  # type: ignore[arg-type]


def _header_bytes(response) -> int:  # type: ignore[no-untyped-def]
    lines = [f"HTTP/1.1 {response.status_code} {response.reason_phrase}"]
    lines += [f"{name}: {value}" for name, value in response.items()]
    return len("\r\n".join(lines).encode()) + 4


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def measure(language: str, query: str) -> int:
    from django.test import Client

    client = Client()
    url = f"/{language}/directory/{PROGRAMME}/{query}"
    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    html = _body(response)
    links = _Links()
    links.feed(html.decode())
    rows = [("page", url, response, html)]
    for kind, address in links.found:
        if address.startswith(("http:", "https:", "//")):
            sys.exit(f"The page loads {address} from another host")
        linked = client.get(address)
        if linked.status_code != 200:
            sys.exit(f"{address} answered {linked.status_code}")
        rows.append((kind, address, linked, _body(linked)))
    print(f"\n{url}")
    print(f"{'what':<10} {'address':<58} {'bytes':>7} {'gzip':>7} {'headers':>8}")
    total_raw = total_gzip = total_headers = 0
    for kind, address, answer, body in rows:
        compressed = len(gzip.compress(body, compresslevel=6))
        headers = _header_bytes(answer)
        total_raw += len(body)
        total_gzip += compressed
        total_headers += headers
        print(f"{kind:<10} {address[:58]:<58} {len(body):>7,} {compressed:>7,} {headers:>8,}")
    total = total_gzip + total_headers
    print(
        f"{'total':<10} {'':<58} {total_raw:>7,} {total_gzip:>7,} {total_headers:>8,}"
        f"\n  transferred, compressed bodies + headers: {total:,} bytes = {total / 1024:.1f} KB "
        f"(target ≤ {TARGET_BYTES // 1024} KB: {'met' if total <= TARGET_BYTES else 'MISSED'})"
    )
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="generated directory")
    args = parser.parse_args()
    if not database(args.size).exists():
        sys.exit(f"No {database(args.size)}: run python -m bench.generate --size {args.size}")
    setup(args.size)
    for language, query in PAGES:
        measure(language, query)


if __name__ == "__main__":
    main()
