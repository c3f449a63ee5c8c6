"""The first real input: an EU Reporter interview copied from the web page with all its clutter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.importer import load_article, parse_article

SEED = Path(__file__).resolve().parents[2] / "data" / "samples" / "eu-reporter-vassilenko-2025.txt"
CLUTTER = ("Advertisement", "Share this article", "Photo by", "EU Reporter publishes", "Trending", "SHARE:")
QUESTION_STARTS = (
    "What steps is Kazakhstan taking to strengthen bilateral relations",
    "What steps is Kazakhstan taking to strengthen bilateral trade relations",
    "How do you assess the outcomes of the first EU",
    "The EU recently launched a €12 billion Global Gateway Investment Package",
    "As Kazakhstan and the EU deepen collaboration beyond economic matters",
    "During a recent official meeting with the President of Kazakhstan",
    "What are the anticipated goals of the upcoming Astana International Forum",
    "What is the significance of the Astana Media Forum",
)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_title_summary_and_language() -> None:
    document = parse_article(seed_text())
    assert document.title == "Interview with Kazakhstan Deputy Minister of Foreign Affairs Roman Vassilenko"
    assert document.summary is not None
    assert document.summary.startswith("On the occasion of the Central Asia Media Forum held in Astana")
    assert document.summary.endswith("understanding among Central Asian countries.")
    assert document.language == "en"
    assert document.slug == "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"


def test_eight_questions_in_order_each_with_one_answer() -> None:
    document = parse_article(seed_text())
    assert [q.position for q in document.questions] == list(range(1, 9))
    for question, start in zip(document.questions, QUESTION_STARTS, strict=True):
        assert question.text.startswith(start)
        assert question.text.endswith("?")
        assert len(question.answers) == 1
        assert question.answers[0].position == 1


def test_answers_keep_every_paragraph_and_no_clutter() -> None:
    answers = [q.answers[0].text for q in parse_article(seed_text()).questions]
    first = answers[0]
    assert first.startswith("This year, we mark 32 years of our relations.\n\nSince their establishment")
    assert "Recently, two Commissioners visited Kazakhstan" in first
    assert (
        "Today, we believe we are at a very important juncture in our relationship.\n\nAt the most" in first
    )
    assert first.count("\n\n") == 12  # 13 paragraphs; the advertisement between them is gone
    for answer in answers:
        for clutter in CLUTTER:
            assert clutter not in answer
        assert not answer.startswith("Answer:")
        assert "\n\nAnswer:" not in answer
    assert answers[1].startswith("Kazakhstan is actively working to strengthen bilateral trade relations")
    assert answers[6].startswith("For us, this forum is an opportunity")
    assert answers[6].endswith(
        "This forum is our contribution to international dialogue in an increasingly "
        "interconnected world.\n\nCooperation is always better than confrontation."
    )
    assert answers[7].startswith(
        "The Central Asia Media Forum is an initiative launched by President Tokayev."
    )
    assert answers[7].endswith("bring the countries of Central Asia closer together.")


def test_people_and_source_come_from_the_lede() -> None:
    document = parse_article(seed_text())
    roles = {p.role.value: p.speaker for p in document.participants}
    assert roles["interviewee"].name == "Roman Vassilenko"
    assert roles["interviewee"].slug == "roman-vassilenko"
    assert roles["interviewee"].title == "Deputy Minister of Foreign Affairs of Kazakhstan"
    assert roles["interviewer"].name == "Derya Soysal"
    assert roles["interviewer"].organization == "EU Reporter"
    assert document.source is not None and document.source.name == "EU Reporter"
    for question in document.questions:
        assert question.asked_by == "derya-soysal"
        assert question.answers[0].speaker == "roman-vassilenko"


def test_sidecar_adds_what_the_text_does_not_say() -> None:
    parsed = parse_article(seed_text())
    loaded = load_article(SEED)
    assert loaded.slug == "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"
    assert loaded.published_at == date(2025, 4, 16)
    assert loaded.location == "Astana"
    assert loaded.event == "Central Asia Media Forum"
    assert loaded.source is not None
    assert loaded.source.name == "EU Reporter"
    assert loaded.source.url is None
    assert {t.slug for t in loaded.topics} >= {"eu-kazakhstan-relations", "trade", "visa-policy", "media"}
    topics = {q.position: [t.slug for t in q.topics] for q in loaded.questions}
    assert "visa-policy" in topics[6]
    assert "trade" in topics[2]
    assert "media" in topics[8]
    assert [(q.text, q.answers) for q in loaded.questions] == [(q.text, q.answers) for q in parsed.questions]
    assert loaded.title == parsed.title


def test_same_result_without_blank_lines_or_with_windows_line_ends() -> None:
    expected = parse_article(seed_text())
    one_per_line = "\n".join(line for line in seed_text().splitlines() if line.strip())
    for variant in (one_per_line, seed_text().replace("\n", "\r\n")):
        document = parse_article(variant)
        assert document.title == expected.title
        assert document.summary == expected.summary
        assert document.questions == expected.questions
