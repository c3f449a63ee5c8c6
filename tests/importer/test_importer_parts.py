"""The building blocks: paragraphs, clutter rules, people patterns and language guessing."""

# Russian test text: Cyrillic letters that look Latin are meant

from __future__ import annotations

import pytest

from app.importer import parse_article
from app.importer.blocks import markdown_blocks
from app.importer.cast import make_slug
from app.importer.clutter import is_boilerplate, is_clutter, is_credit, is_furniture
from app.importer.language import detect_language
from app.importer.people import Person, find_cast


def test_blocks_remember_their_first_line_and_join_wrapped_lines() -> None:
    text = "Title line\n\n\nA long first line of a wrapped paragraph that keeps\ngoing here.\n\nNext one.\n"
    assert [(b.text, b.line) for b in markdown_blocks(text, first_line=5)] == [
        ("Title line", 5),
        ("A long first line of a wrapped paragraph that keeps going here.", 8),
        ("Next one.", 11),
    ]


def test_blocks_normalise_spacing() -> None:
    assert [b.text for b in markdown_blocks("  Non\u00a0breaking \t space\u200b here.  ")] == [
        "Non breaking space here."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Anzeige",
        "Реклама",
        "Publicité",
        "Sponsored",
        "- Advertisement -",
        "Story continues below advertisement",
        "Share this article:",
        "SHARE:",
        "Connect with us",
        "Photo by Derya Soysal.",
        "Photo: Reuters",
        "Image credit: NASA",
        "(Foto: dpa)",
        "© AFP",
        "Crédit photo : AFP",
        "Related articles",
        "Trending",
        "Tags: energy, wind",
        "Accueil › Économie",
        "Home > World > Asia",
    ],
)
def test_clutter(text: str) -> None:
    assert is_clutter(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cooperation is always better than confrontation.",
        "We share a commitment to open markets.",
        "Advertisement revenue fell by a third last year, and we had to adapt.",
        "The photo by the river was taken in 1920 and shows how the town looked before the war.",
        "Our trade policy for the region is clear.",
        "We subscribe to the principles of the UN Charter.",
        "More on that later.",
        "Yes.",
        "Yes / no",
        "It is 3 > 2, obviously.",
    ],
)
def test_not_clutter(text: str) -> None:
    assert not is_clutter(text)


def test_disclaimers_are_recognised_by_their_nature() -> None:
    assert is_boilerplate(
        "The Daily Planet publishes articles from many contributors. Opinions in them are not necessarily "
        "those of the Daily Planet; see our Terms and Conditions."
    )
    assert is_boilerplate("Sign up to our newsletter. We will only use your email with your consent.")
    assert is_boilerplate("Mit der Anmeldung zum Newsletter akzeptieren Sie unsere Datenschutzerklärung.")
    assert is_boilerplate("Les propos tenus n'engagent que leur auteur.")
    assert is_boilerplate("© 2025 Harbour Media. All rights reserved.")
    assert not is_boilerplate("The visa policy will be simplified for students and researchers.")
    assert not is_boilerplate("We rewrote our privacy policy so that people can read it in five minutes.")
    assert not is_boilerplate("Nobody reads the terms and conditions, so we made them one page long.")


def test_credit_and_furniture() -> None:
    assert is_credit("Photo by Derya Soysal.")
    assert not is_credit("Photographers were not allowed into the room, which I regret.")
    assert is_furniture("Most read")
    assert not is_furniture("Yes, absolutely.")


def test_last_answer_loses_the_page_tail_but_keeps_its_first_paragraph() -> None:
    text = (
        "Jane Roe spoke with Tom Ash.\n\nROE: Is it old?\n\nASH: Older than me.\n\nROE: And the keeper?\n\n"
        "ASH: He is retired now, and lives in town.\n\nPhoto by Jane Roe.\n\nRead more\n\n"
        "A long headline of another story that we would rather not import here\n"
    )
    document = parse_article(text)
    assert [a.text for q in document.questions for a in q.answers] == [
        "Older than me.",
        "He is retired now, and lives in town.",
    ]


@pytest.mark.parametrize(
    ("text", "interviewer", "interviewee", "outlet"),
    [
        (
            "On Monday, Roman Vassilenko, Deputy Minister of Foreign Affairs of Kazakhstan (pictured), "
            "gave an exclusive interview to Derya Soysal from EU Reporter.",
            Person("Derya Soysal", organization="EU Reporter"),
            Person("Roman Vassilenko", title="Deputy Minister of Foreign Affairs of Kazakhstan"),
            "EU Reporter",
        ),
        (
            "In an interview with Sam Cole of The Ledger, Maria Santos, the mayor of Lisbon, explains her plan.",
            Person("Sam Cole", organization="The Ledger"),
            Person("Maria Santos", title="mayor of Lisbon"),
            "The Ledger",
        ),
        (
            "Ada Byron, chief engineer, was interviewed by Lee Park from Tech Weekly last week.",
            Person("Lee Park", organization="Tech Weekly"),
            Person("Ada Byron", title="chief engineer"),
            "Tech Weekly",
        ),
        (
            "Lee Park spoke with Ludwig van Beethoven about deafness.",
            Person("Lee Park"),
            Person("Ludwig van Beethoven"),
            None,
        ),
        ("By Anna Maria Schmidt", Person("Anna Maria Schmidt"), None, None),
        ("Nothing about people here.", None, None, None),
    ],
)
def test_cast_phrasings(
    text: str, interviewer: Person | None, interviewee: Person | None, outlet: str | None
) -> None:
    cast = find_cast([text])
    assert (cast.interviewer, cast.interviewee, cast.outlet) == (interviewer, interviewee, outlet)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We think that the trade with the region is important for all of us.", "en"),
        ("Wir glauben, dass der Handel mit der Region für uns alle wichtig ist und bleibt.", "de"),
        ("Nous pensons que le commerce avec la région est important pour nous tous.", "fr"),
        ("Creemos que el comercio con la región es importante para todos los vecinos.", "es"),
        ("Мы считаем, что торговля с регионом важна для всех нас.", "ru"),
        ("Ok.", None),
        ("", None),
    ],
)
def test_language(text: str, code: str | None) -> None:
    assert detect_language(text) == code


def test_slug_is_cut_on_a_word_boundary() -> None:
    slug = make_slug("A very long title " * 10, "title")
    assert slug == "a-very-long-title-a-very-long-title-a-very-long-title-a-very-long-title-a-very"
