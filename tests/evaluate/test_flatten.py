"""Flattening a page as scrapers do, and gold labels from the page's own markup (our own HTML)."""

from __future__ import annotations

from storyline.evaluate.flatten import BODY, BOILERPLATE, IGNORE, label_page

PARAGRAPH = "The council approved the new budget after a long debate that lasted well into the night. " * 3

PAGE = f"""<html><head><title>T</title><script>var x = 1;</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="cookie">We use cookies. <a href="#">Accept</a></div>
<article>
 <h1>Council approves budget</h1>
 <p class="byline">By Jane Doe · 3 May 2024</p>
 <div itemprop="articleBody">
  <p>{PARAGRAPH}</p>
  <p>{PARAGRAPH} <a href="/x">A link</a> inside.</p>
  <aside class="related"><p>Related: another story</p></aside>
  <p><a href="/tag">Budget</a></p>
  <h2>Reactions</h2>
  <p>{PARAGRAPH}</p>
 </div>
</article>
<footer>© 2024 Example News<br>Privacy policy</footer>
</body></html>"""


def test_block_elements_become_lines_and_scripts_vanish() -> None:
    page = label_page(PAGE)
    assert page is not None
    assert page.locator == "itemprop=articleBody"
    assert page.lines[:3] == ("Home", "World", "We use cookies. Accept")
    assert "© 2024 Example News" in page.lines and "Privacy policy" in page.lines
    assert not any("var x" in line for line in page.lines)


def test_gold_labels_come_from_the_markup() -> None:
    page = label_page(PAGE)
    assert page is not None
    label = dict(zip(page.lines, page.labels, strict=True))
    assert label["Home"] == label["We use cookies. Accept"] == BOILERPLATE
    assert label["By Jane Doe · 3 May 2024"] == BOILERPLATE
    assert label["Council approves budget"] == IGNORE  # the headline
    assert label["Related: another story"] == IGNORE  # nested aside
    assert label["Budget"] == IGNORE  # a link-only line inside the body
    assert label["Reactions"] == BODY
    assert label[f"{PARAGRAPH} A link inside.".replace("  ", " ").strip()] == BODY
    assert label["© 2024 Example News"] == BOILERPLATE


def test_pages_without_a_clear_body_are_refused() -> None:
    assert label_page("<html><body><div><p>Short.</p></div></body></html>") is None
    listing = "".join(f"<article><p>{PARAGRAPH}</p></article>" for _ in range(6))
    assert label_page(f"<html><body><nav>Home</nav><nav>A</nav><nav>B</nav>{listing}</body></html>") is None
