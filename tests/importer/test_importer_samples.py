"""Small hand-written articles in the numbered format, with other wording, clutter and languages."""

# Russian test text: Cyrillic letters that look Latin are meant

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.contract.document import InterviewDocument, Role
from app.importer import ArticleMetadata, PersonMeta, load_article, parse_article

SAMPLES = Path(__file__).resolve().parent / "samples"


def people(document: InterviewDocument) -> dict[Role, tuple[str, str | None, str | None]]:
    return {p.role: (p.speaker.name, p.speaker.title, p.speaker.organization) for p in document.participants}


def answers(document: InterviewDocument) -> list[str]:
    return [question.answers[0].text for question in document.questions]


def test_german_article_with_antwort_labels() -> None:
    document = load_article(SAMPLES / "rheinpost-berg-digital.de.txt")
    assert document.title == "Digitalministerin Anna Berg über Netze, Daten und Vertrauen"
    assert document.summary is not None and document.summary.startswith("Anna Berg, Ministerin")
    assert document.language == "de"
    assert people(document) == {
        Role.interviewee: ("Anna Berg", "Ministerin für Digitales und Verkehr", None),
        Role.interviewer: ("Jan Kurz", None, "Rheinpost"),
    }
    assert [q.text for q in document.questions] == [
        "Frau Ministerin, wie schnell kommt das Glasfasernetz in ländliche Regionen?",
        "Was sagen Sie Menschen, die dem Staat ihre Daten nicht anvertrauen wollen?",
        "Und wann wird der Personalausweis endlich digital?",
    ]
    assert answers(document) == [
        "Wir haben den Ausbau in den vergangenen zwei Jahren deutlich beschleunigt.\n\n"
        "Bis Ende des Jahres sollen weitere 400 Gemeinden angeschlossen sein.\n\n"
        "Dafür arbeiten Bund, Länder und Kommunen enger zusammen als früher.",
        "Ich verstehe diese Sorge sehr gut. Deshalb setzen wir auf klare Regeln und auf Transparenz.\n\n"
        "Jede Bürgerin und jeder Bürger soll sehen können, welche Behörde welche Daten abgefragt hat.",
        "Noch in dieser Legislaturperiode.",
    ]


def test_french_article_with_reponse_labels_and_byline() -> None:
    document = load_article(SAMPLES / "courrier-dupont-economie.fr.txt")
    assert document.title == "Entretien avec le ministre de l'Économie Jean Dupont"
    assert document.slug == "entretien-avec-le-ministre-de-l-economie-jean-dupont"
    assert document.language == "fr"
    assert document.source is not None and document.source.name == "Courrier Européen"
    assert people(document) == {
        Role.interviewee: ("Jean Dupont", "ministre de l'Économie", None),
        Role.interviewer: ("Marie Lefèvre", None, "Courrier Européen"),
    }
    assert document.questions[1].text == "L'inflation reste-t-elle une menace pour les ménages ?"
    texts = answers(document)
    assert texts[0].startswith("La situation est meilleure")
    assert texts[0].endswith("Nous devons maintenant consolider ces résultats.")
    assert "Publicité" not in texts[0]
    assert "Crédit photo" not in texts[1]
    assert texts[2] == "Le pouvoir d'achat, sans aucun doute."


def test_english_article_with_byline_list_inside_answer_and_one_word_last_answer() -> None:
    document = load_article(SAMPLES / "harbour-times-baker-energy.txt")
    assert document.title == "The Harbour Times sits down with Northwind Energy's chief executive"
    assert people(document) == {
        Role.interviewer: ("Jane Roe", None, "The Harbour Times"),
        Role.interviewee: ("Tom Baker", "chief executive of Northwind Energy", None),
    }
    assert len(document.questions) == 3
    texts = answers(document)
    assert (
        texts[0]
        == "Busy, and mostly good.\n\nWe commissioned two new wind farms and our output grew by a third."
    )
    assert texts[1].startswith(
        "Three things, in this order:\n\n1. Who pays for the grid upgrades?\n\n2. Permits"
    )
    assert texts[1].endswith("That last point is why we are hiring welders.")
    assert "Image credit" not in texts[1]
    assert texts[2] == "Yes."


def test_spanish_article_with_front_matter_and_hard_wrapped_lines() -> None:
    document = load_article(SAMPLES / "front-matter-ramos.es.txt")
    assert document.title == "Lucía Ramos: la ciudad que queremos construir"
    assert document.language == "es"
    assert document.published_at == date(2024, 11, 3)
    assert document.location == "Valdemoro"
    assert document.summary is not None and "los planes de vivienda pública" in document.summary
    assert people(document) == {
        Role.interviewer: ("Pablo Ortiz", None, None),
        Role.interviewee: ("Lucía Ramos", "Alcaldesa de Valdemoro", None),
    }
    assert document.questions[0].text == "¿Qué balance hace de sus primeros meses como alcaldesa?"
    assert answers(document)[0].startswith(
        "Un balance positivo. Hemos cumplido la mayoría de los compromisos"
    )
    assert "con los vecinos" in answers(document)[0]
    assert answers(document)[1] == (
        "Las primeras doscientas se entregarán en primavera.\n\nEl resto llegará antes de que termine el mandato."
    )
    assert [t.slug for t in document.questions[1].topics] == ["vivienda"]
    assert document.questions[0].topics == []


RUSSIAN = """Главная

Интервью с главой агентства по цифровому развитию

Поделиться

Глава агентства рассказал нашему изданию о планах на следующий год, новых сервисах и о том,
как изменится работа с обращениями граждан.

1. Какие сервисы появятся в следующем году?

Ответ: Мы запустим единый кабинет для малого бизнеса и мобильное приложение для обращений.

Реклама

Это позволит сократить сроки рассмотрения заявлений почти вдвое.

2) Когда приложение будет доступно всем?

Уже весной, после открытого тестирования.

Читайте также

Все права защищены.
"""


def test_russian_article_with_metadata_for_the_people() -> None:
    metadata = ArticleMetadata(
        interviewee=PersonMeta(name="Иван Петров", title="Глава агентства"),
        interviewer=PersonMeta(name="Ольга Смирнова"),
    )
    document = parse_article(RUSSIAN, metadata)
    assert document.language == "ru"
    assert document.title == "Интервью с главой агентства по цифровому развитию"
    assert document.slug == "interviu-s-glavoi-agentstva-po-tsifrovomu-razvitiiu"
    assert [p.speaker.slug for p in document.participants] == ["olga-smirnova", "ivan-petrov"]
    assert answers(document) == [
        "Мы запустим единый кабинет для малого бизнеса и мобильное приложение для обращений.\n\n"
        "Это позволит сократить сроки рассмотрения заявлений почти вдвое.",
        "Уже весной, после открытого тестирования.",
    ]
