"""The query language and the Python matcher, without a database."""

from __future__ import annotations

import pytest

from annotator.errors import ValidationError
from annotator.services.search_query import matches, parse, to_fts5, to_tsquery
from annotator.services.search_text import Folded, snippet


def test_one_parse_two_database_readings():
    simple = parse('vardane "was shelled" dron* -drill')
    assert to_fts5(simple) == '("vardane" AND "was shelled" AND "dron" *) NOT "drill"'
    assert to_tsquery(simple) == "(('vardane') & ('was' <-> 'shelled') & ('dron':*) & !('drill'))"
    either = parse("harvest OR talks")
    assert to_fts5(either) == '("harvest" OR "talks")'
    assert to_tsquery(either) == "(('harvest') | ('talks'))"


def test_lower_case_or_is_a_word_and_punctuation_splits_words():
    assert to_fts5(parse("war or peace")) == '("war" AND "or" AND "peace")'
    assert to_fts5(parse("Vardanë's")) == '"vardane s"'


def test_decomposed_text_keeps_its_own_code_points():
    text = "At Vardane\u0308 and Vardanë."  # the first written with a combining diaeresis
    found = matches(parse("vardane"), Folded.of(text))
    assert [text[a:b] for a, b in found] == ["Vardane\u0308", "Vardanë"]


def test_phrase_prefix_and_not_in_python():
    text = Folded.of("Shells fell; the shelling went on near the school.")
    assert matches(parse('"the shell*"'), text) == [(13, 25)]
    assert matches(parse("shell* -school"), text) is None
    assert matches(parse("shell"), text) is None  # whole words only


@pytest.mark.parametrize("bad", ['"open', "(a", "a)", "-x", "NOT", "a OR", "a OR -b"])
def test_malformed_queries_are_refused(bad):
    with pytest.raises(ValidationError, match="search query"):
        parse(bad)


def test_snippet_is_one_line_around_the_hit():
    text = "First line\n" + "word " * 30 + "TARGET " + "tail " * 30
    line, a, b = snippet(text, text.index("TARGET"), text.index("TARGET") + 6)
    assert line[a:b] == "TARGET" and "\n" not in line
    assert line.startswith("…") and line.endswith("…") and len(line) < 100
