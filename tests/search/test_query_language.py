"""The query parser: syntax becomes a tree, anything else becomes plain words, nothing raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.search.patterns import Pattern, expand
from app.search.query import AnyOf, Phrase, Word, parse_query
from app.storage.terms import index_terms


def test_words_phrases_or_exclusions_and_prefixes() -> None:
    query = parse_query('visa "raw materials" trade OR energy -oil export*')
    assert query.required == [
        AnyOf((Word("visa"),)),
        AnyOf((Phrase(("raw", "materials")),)),
        AnyOf((Word("trade"), Word("energy"))),
        AnyOf((Word("export", prefix=True),)),
    ]
    assert query.excluded == [Word("oil")]


def test_malformed_syntax_is_read_as_plain_words() -> None:
    assert parse_query('"unclosed phrase').required == [AnyOf((Word("unclosed"),)), AnyOf((Word("phrase"),))]
    assert parse_query("OR OR visa OR").required == [AnyOf((Word("visa"),))]
    # Words joined by punctuation are matched as a phrase, as they would be in the text.
    assert parse_query("NEAR(a b) and c:d").required == [
        AnyOf((Phrase(("near", "a")),)),
        AnyOf((Word("b"),)),
        AnyOf((Word("and"),)),
        AnyOf((Phrase(("c", "d")),)),
    ]
    assert parse_query("* - \" ' ( ) 😀").is_empty
    assert parse_query("-only -negative").is_empty


def test_operators_are_written_in_capitals() -> None:
    both = [AnyOf((Word("visa"),)), AnyOf((Word("trade"),))]
    assert parse_query("visa AND trade").required == both
    assert parse_query("visa trade").required == both
    assert parse_query("visa and trade").required == [AnyOf((Word("visa"),)), AnyOf((Word("and"),)), both[1]]
    assert parse_query("visa OR trade").required == [AnyOf((Word("visa"), Word("trade")))]
    assert parse_query("visa or trade").required == [both[0], AnyOf((Word("or"),)), both[1]]
    for query in ("visa NOT trade", "visa -trade", "visa AND NOT trade"):
        parsed = parse_query(query)
        assert (parsed.required, parsed.excluded) == ([both[0]], [Word("trade")]), query
    assert parse_query('visa NOT "raw materials"').excluded == [Phrase(("raw", "materials"))]
    assert parse_query("visa not trade").excluded == []
    assert parse_query("NOT AND OR").is_empty


def test_inflections_share_a_term() -> None:
    assert index_terms("export exports exporting exported", "en") == "export export export export"
    assert index_terms("visa visas", "en") == "visa visa"
    assert index_terms("Síkela ÉTÉ", "fr") == index_terms("sikela ete", "fr")


def test_a_query_word_expands_to_its_stem_in_each_language_searched() -> None:
    expanded = expand(parse_query("visas"), ("en", "fr"))
    assert expanded.required == [[Pattern(("vis",)), Pattern(("visa",))]]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses(text: str) -> None:
    query = parse_query(text)
    for term in query.positive_terms() + query.excluded:
        words = term.words if isinstance(term, Phrase) else (term.text,)
        assert all(word.isalnum() for word in words)


def test_very_short_prefixes_are_read_as_words_so_they_stay_cheap() -> None:
    assert parse_query("a* th* tra*").required == [
        AnyOf((Word("a"),)),
        AnyOf((Word("th"),)),
        AnyOf((Word("tra", prefix=True),)),
    ]
