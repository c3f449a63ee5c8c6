"""The demo interview, imported by `interviews demo` from the bundled article, as a newcomer sees it."""

from __future__ import annotations

from app.cli import main

SEED_SLUG = "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"
# (question start, answer start, answer end), read off the article by hand.
EXPECTED = [
    ("What steps is Kazakhstan taking to strengthen bilateral relations", "This year, we mark 32 years",
     "many more developments in the coming years."),
    ("What steps is Kazakhstan taking to strengthen bilateral trade", "Kazakhstan is actively working",
     "maintain a strong and successful presence in our country."),
    ("How do you assess the outcomes of the first EU–Central Asia Summit", "The Central Asia – EU Summit in Samarkand",
     "strategic coordination between the EU and Central Asia."),
    ("The EU recently launched a €12 billion Global Gateway", "Kazakhstan welcomes the Global Gateway",
     "turn our commitments into concrete actions."),
    ("As Kazakhstan and the EU deepen collaboration", "Both Kazakhstan and the EU place paramount importance",
     "constructive political engagement and global cooperation."),
    ("During a recent official meeting with the President of Kazakhstan", "It is worth noting that",
     "receiving visas in a simplified manner."),
    ("What are the anticipated goals of the upcoming Astana International Forum", "For us, this forum is an opportunity",
     "Cooperation is always better than confrontation."),
    ("What is the significance of the Astana Media Forum", "The Central Asia Media Forum is an initiative",
     "bring the countries of Central Asia closer together."),
]  # fmt: skip
CLUTTER = [
    "Advertisement",
    "SHARE",
    "Share this article",
    "Photo by",
    "EU Reporter publishes",
    "Trending",
    "sign-up",
]


def test_demo_imports_the_seed_interview_once(client) -> None:
    assert main(["demo"]) == 0
    assert main(["demo"]) == 0  # a second run sees data and imports nothing
    listing = client.get("/v1/interviews").json()
    assert [item["slug"] for item in listing["items"]] == [SEED_SLUG]
    item = listing["items"][0]
    assert item["title"] == "Interview with Kazakhstan Deputy Minister of Foreign Affairs Roman Vassilenko"
    assert item["question_count"] == 8
    assert item["language"] == "en"
    assert item["source"]["name"] == "EU Reporter"
    assert [(p["speaker"]["name"], p["role"]) for p in item["participants"]] == [
        ("Derya Soysal", "interviewer"),
        ("Roman Vassilenko", "interviewee"),
    ]
    assert item["summary"].startswith("On the occasion of the Central Asia Media Forum")


def test_seed_questions_have_their_full_answers_in_order_without_clutter(client) -> None:
    assert main(["demo"]) == 0
    interview = client.get(f"/v1/interviews/{SEED_SLUG}").json()
    questions = interview["questions"]
    assert [q["position"] for q in questions] == list(range(1, 9))
    for question, (question_start, answer_start, answer_end) in zip(questions, EXPECTED, strict=True):
        assert question["text"].startswith(question_start)
        assert question["asked_by"]["name"] == "Derya Soysal"
        assert len(question["answers"]) == 1
        answer = question["answers"][0]
        assert answer["speaker"]["name"] == "Roman Vassilenko"
        assert answer["text"].startswith(answer_start), answer["text"][:80]
        assert answer["text"].endswith(answer_end), answer["text"][-80:]
        assert not answer["text"].startswith("Answer:")
        for clutter in CLUTTER:
            assert clutter not in answer["text"], (question["position"], clutter)
    first_answer = questions[0]["answers"][0]["text"]
    assert "\n\nAt the most recent summit, Kazakhstan acknowledged" in first_answer
    speaker = client.get("/v1/speakers/roman-vassilenko").json()
    assert speaker["title"] == "Deputy Minister of Foreign Affairs of Kazakhstan"
