from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from annotator.errors import ImportFileError
from annotator.importing.html import parse_html, parse_html_text, sniff_html_charset

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Ceasefire holds | Example Wire</title>
  <meta property="og:title" content="Ceasefire holds in the south">
  <meta property="og:site_name" content="Example Wire">
  <meta property="og:url" content="https://example.org/og-url">
  <meta name="author" content="Jane Roe">
  <meta property="article:published_time" content="2020-11-10T08:30:00+04:00">
  <link rel="canonical" href="https://example.org/ceasefire">
  <link rel="stylesheet" href="http://cdn.example.net/site.css">
  <style>body { color: red; } .STYLE-CONTENT { display: none; }</style>
  <script>var tracker = "INLINE-SCRIPT-CONTENT"; fetch("http://example.net/beacon");</script>
  <script src="http://cdn.example.net/remote.js"></script>
</head>
<body>
  <header class="site">SITE-HEADER Home News</header>
  <nav><a href="/">NAV-LINK Home</a> <a href="/world">World</a></nav>
  <main>
    <article>
      <header><h1>Ceasefire  holds</h1><p class="byline">By Jane&nbsp;Roe</p></header>
      <p>The guns fell   silent at
         midnight &amp; both sides &#8212; for now &mdash; kept to the truce.</p>
      <img src="http://images.example.net/photo.jpg" alt="IMG-ALT">
      <iframe src="http://video.example.net/embed"></iframe>
      <div>Villagers returned to <b>Ağdam</b> and <i>Şuşa</i>.<br>Some stayed away.</div>
      <noscript>NOSCRIPT-CONTENT</noscript>
      <ul><li>First point</li><li>Second point</li></ul>
      <blockquote><p>“We want peace,” said a resident of Երևան.</p></blockquote>
      <form><input name="q"><button>FORM-BUTTON</button></form>
      <svg><text>SVG-TEXT</text></svg>
      <template><p>TEMPLATE-CONTENT</p></template>
      <p hidden>HIDDEN-CONTENT</p>


      <p>Last    paragraph.</p>
      <footer>ARTICLE-FOOTER share this</footer>
    </article>
    <aside>ASIDE-RELATED stories</aside>
  </main>
  <footer>PAGE-FOOTER copyright</footer>
</body>
</html>
"""

EXPECTED_TEXT = (
    "Ceasefire holds\n\n"
    "By Jane Roe\n\n"
    "The guns fell silent at midnight & both sides — for now — kept to the truce.\n\n"
    "Villagers returned to Ağdam and Şuşa.\nSome stayed away.\n\n"
    "First point\nSecond point\n\n"
    "“We want peace,” said a resident of Երևան.\n\n"
    "Last paragraph."
)


def test_html_main_text_without_scripts_styles_or_chrome(tmp_path: Path, no_network) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = parse_html(path.read_bytes(), path)
    assert doc.text == EXPECTED_TEXT
    for junk in (
        "INLINE-SCRIPT",
        "tracker",
        "STYLE-CONTENT",
        "color",
        "remote.js",
        "SITE-HEADER",
        "NAV-LINK",
        "IMG-ALT",
        "NOSCRIPT",
        "FORM-BUTTON",
        "SVG-TEXT",
        "TEMPLATE",
        "HIDDEN",
        "ARTICLE-FOOTER",
        "ASIDE",
        "PAGE-FOOTER",
    ):
        assert junk not in doc.text
    assert "\n\n\n" not in doc.text
    assert no_network == []


def test_no_network_is_touched(tmp_path: Path, no_network) -> None:
    # the fixture replaced the socket layer: prove it bites, then parse a page full of
    # remote references
    with pytest.raises(AssertionError, match="network access"):
        socket.create_connection(("example.org", 80))
    no_network.clear()
    path = tmp_path / "remote.htm"
    path.write_text(
        '<html><head><script src="http://evil.example/x.js"></script>'
        '<link rel="stylesheet" href="https://evil.example/s.css"></head>'
        '<body><p>Text <img src="http://evil.example/p.png"> here.</p>'
        '<iframe src="https://evil.example/f"></iframe><script>alert(1)</script></body></html>',
        encoding="utf-8",
    )
    doc = parse_html(path.read_bytes(), path)
    assert doc.text == "Text here."
    assert no_network == []


def test_html_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = parse_html(path.read_bytes(), path)
    assert doc.title == "Ceasefire holds in the south"
    assert doc.outlet == "Example Wire"
    assert doc.author == "Jane Roe"
    assert doc.published == dt.date(2020, 11, 10)
    assert doc.language == "en-GB"
    assert doc.url == "https://example.org/ceasefire"
    assert doc.source == str(path)
    assert doc.meta == {"source_file": "page.html"}


def test_title_falls_back_to_title_tag_then_h1_then_text() -> None:
    doc = parse_html_text("<title> Page  title </title><h1>Head</h1><p>x</p>", "a.html")
    assert doc.title == "Page title"
    doc = parse_html_text("<body><h1>The <em>head</em></h1><p>x</p></body>", "a.html")
    assert doc.title == "The head"
    doc = parse_html_text("<body><p>Only a paragraph.</p></body>", "a.html")
    assert doc.title == "Only a paragraph."


def test_other_metadata_sources() -> None:
    html = """<html><head>
      <meta name="date" content="2019-03-04">
      <meta property="article:author" content="https://facebook.com/someone">
      <meta property="og:url" content="https://example.org/og">
      <meta http-equiv="content-language" content="ru">
      <script type="application/ld+json">
        {"@context": "https://schema.org", "@type": "NewsArticle",
         "author": {"@type": "Person", "name": "Ivan Petrov"},
         "publisher": {"@type": "Organization", "name": "LD Outlet"}}
      </script></head><body><p>Body text.</p></body></html>"""
    doc = parse_html_text(html, "a.html")
    assert doc.published == dt.date(2019, 3, 4)
    assert doc.author == "Ivan Petrov"  # article:author was a URL
    assert doc.outlet == "LD Outlet"
    assert doc.url == "https://example.org/og"
    assert doc.language == "ru"


def test_time_itemprop_and_bad_dates() -> None:
    doc = parse_html_text(
        '<body><time itemprop="datePublished" datetime="2022-09-13T01:00">x</time>'
        "<p>Body.</p></body>",
        "a.html",
    )
    assert doc.published == dt.date(2022, 9, 13)
    doc = parse_html_text(
        '<meta name="date" content="yesterday"><body><p>Body.</p></body>', "a.html"
    )
    assert doc.published is None


def test_body_used_without_article_or_main() -> None:
    doc = parse_html_text(
        "<body><header>H</header><div><h2>Sub</h2><p>One</p><p>Two</p></div>"
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
        "<pre>line 1\n  line 2</pre></body>",
        "a.html",
    )
    assert doc.text == "Sub\n\nOne\n\nTwo\n\na b\nc d\n\nline 1\nline 2"


def test_several_articles_of_similar_size_use_main_or_body() -> None:
    html = (
        "<body><h1>Listing</h1><article><h2>First</h2><p>One story.</p></article>"
        "<article><h2>Second</h2><p>Another story.</p></article></body>"
    )
    doc = parse_html_text(html, "a.html")
    assert doc.text == "Listing\n\nFirst\n\nOne story.\n\nSecond\n\nAnother story."


def test_dominant_article_wins_over_teaser_cards() -> None:
    long = "<p>" + "Long story sentence. " * 40 + "</p>"
    html = (
        f"<body><p>Intro</p><article><h1>Main</h1>{long}</article>"
        "<article><p>Related teaser</p></article></body>"
    )
    doc = parse_html_text(html, "a.html")
    assert doc.text.startswith("Main\n\nLong story sentence.")
    assert "Related" not in doc.text
    assert "Intro" not in doc.text


def test_cp1251_page_with_meta_charset(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Перемирие</title></head><body><p>Стороны договорились о прекращении огня.</p>"
        "</body></html>"
    )
    data = html.encode("cp1251")
    assert sniff_html_charset(data) == "windows-1251"
    path = tmp_path / "ru.htm"
    path.write_bytes(data)
    doc = parse_html(data, path)
    assert doc.title == "Перемирие"
    assert doc.text == "Стороны договорились о прекращении огня."


def test_crlf_html_and_utf16(tmp_path: Path) -> None:
    html = "<html><body>\r\n<p>Line\r\none</p>\r\n<p>Two</p>\r\n</body></html>"
    path = tmp_path / "w.html"
    path.write_bytes(html.encode("utf-16"))
    doc = parse_html(path.read_bytes(), path)
    assert doc.text == "Line one\n\nTwo"


def test_page_without_text_is_an_error() -> None:
    with pytest.raises(ImportFileError, match="no text"):
        parse_html_text("<html><head><title>T</title></head><body><script>x</script>", "a.html")


def test_binary_html_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="binary file, not text"):
        parse_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", tmp_path / "x.html")
