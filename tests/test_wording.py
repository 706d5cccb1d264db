"""Wording that depends on the data, tested without a kernel."""

import re

from analysis import wording
from analysis.briefing import chart_data

HOSTILE = "<script>alert(1)</script> *bold* [link](http://x) US$5"


def test_plain_shows_values_as_written():
    text = wording.plain(HOSTILE)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\*bold\\*" in text and "\\[link\\]\\(http:&#47;&#47;x\\)" in text and "\\$" in text


def test_plain_escapes_survive_markdown_rendering():
    from nbconvert.filters.markdown import markdown2html

    html = markdown2html(f"{wording.plain(HOSTILE)} hosted the most")
    assert "<script>" not in html and "<em>" not in html and "<strong>" not in html
    assert not re.search(r"<a\s", html) and "*bold*" in html and "US$5" in html


def test_rise_or_fall_and_counts():
    assert wording.change(3, 2) == "rose" and wording.change(2, 3) == "fell"
    assert wording.change(2, 2) == "did not change"
    assert wording.more_or_fewer(101, 100) == "1% more"
    assert wording.more_or_fewer(99, 100) == "1% fewer"
    assert wording.countries(1) == "one country" and wording.countries(3) == "3 countries"
    assert wording.people(0) == "no" and wording.people(None) == "an unknown number of"


def test_provisional_year_and_listing():
    assert wording.when(2025, True) == "at mid-2025"
    assert wording.when(2024, False) == "at the end of 2024"
    assert wording.listing(["Chad"]) == "Chad"
    assert wording.listing(["A", "B", "C"]) == "A, B and C"
    assert wording.listing(["*x*"]) == "\\*x\\*"


def test_chart_data_is_escaped_and_formatted():
    import pandas as pd

    data = pd.DataFrame({"name": ["<b>X</b>"], "value": [1234567], "share": [0.25]})
    html = chart_data("top", "A <title>", data)
    assert "<b>X</b>" not in html and "1,234,567" in html and "25.0%" in html
    assert 'download="top.csv"' in html and "data:text/csv" in html
