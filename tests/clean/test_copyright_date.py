"""A page's copyright year is never its publication date."""

from __future__ import annotations

import datetime as dt

from storyline.clean.html import clean_html

_BODY = (
    "<p>قتل 12 مدنيا في غارات جوية على مدينة إدلب يوم السبت، وقال المرصد السوري لحقوق الإنسان "
    "إن الطائرات قصفت السوق الرئيسي في المدينة.</p>"
    "<p>وأضاف المرصد أن عدد القتلى مرشح للارتفاع بسبب وجود جرحى في حالة خطرة، فيما تواصلت "
    "الاشتباكات في ريف المدينة الجنوبي.</p>"
)


def _page(head: str = "", footer: str = "") -> str:
    head_html = f"<head><title>غارات</title>{head}</head>"
    return f"<html>{head_html}<body><article><h1>غارات</h1>{_BODY}</article>{footer}</body></html>"


def test_copyright_year_is_no_publication_date() -> None:
    page = _page(footer="<footer>© 2013 الأخبار. جميع الحقوق محفوظة</footer>")
    assert clean_html(page, "x.html").published is None


def test_a_real_date_next_to_a_copyright_notice_stays() -> None:
    head = '<meta property="article:published_time" content="2013-08-03T10:00:00Z">'
    page = _page(head=head, footer="<footer>© 2013 الأخبار</footer>")
    assert clean_html(page, "x.html").published == dt.date(2013, 8, 3)
