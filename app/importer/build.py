"""Exchanges and speakers become the document's questions, with clutter removed and topics attached."""

from __future__ import annotations

from app.contract.document import AnswerDocument, QuestionDocument, TopicDocument
from app.importer.clutter import clean_answer
from app.importer.errors import ArticleError
from app.importer.formats import Exchange
from app.importer.metadata import ArticleMetadata, TopicMeta
from app.importer.speakers import Speakers

ANSWER_SEPARATOR = "\n\n"


def topic_document(topic: TopicMeta) -> TopicDocument:
    """Metadata topics are already validated; only the shape changes."""
    return TopicDocument(slug=topic.slug, name=topic.name, description=topic.description)


def build_question_topics(metadata: ArticleMetadata, count: int) -> dict[int, list[TopicDocument]]:
    """Per-question topics by position; a bare slug refers to one of the interview's `topics`."""
    known = {topic.slug: topic_document(topic) for topic in metadata.topics or []}
    result: dict[int, list[TopicDocument]] = {}
    for position, topics in (metadata.question_topics or {}).items():
        if not 1 <= position <= count:
            raise ArticleError(f"question_topics names question {position}, but the article has {count}")
        resolved = []
        for topic in topics:
            if isinstance(topic, TopicMeta):
                resolved.append(topic_document(topic))
            elif topic in known:
                resolved.append(known[topic])
            else:
                raise ArticleError(
                    f"question_topics: topic '{topic}' of question {position} is not among `topics` "
                    f"({', '.join(known) or 'none given'})"
                )
        result[position] = resolved
    return result


def build_answers(
    exchange: Exchange, position: int, speakers: Speakers, *, last: bool
) -> list[AnswerDocument]:
    """Each reply's paragraphs without clutter, joined; replies left empty are dropped, none left is an error."""
    answers: list[AnswerDocument] = []
    for index, reply in enumerate(exchange.replies):
        kept = clean_answer(reply.paragraphs, last=last and index == len(exchange.replies) - 1)
        if not kept:
            continue
        speaker = speakers.by_key.get(reply.speaker or "", speakers.answerer)
        if speaker is None:
            raise ArticleError(
                f"question {position} (line {exchange.line}): nobody known answers it; "
                "give `interviewee` in metadata"
            )
        text = ANSWER_SEPARATOR.join(paragraph.text for paragraph in kept)
        if answers and answers[-1].speaker == speaker:
            answers[-1] = answers[-1].model_copy(update={"text": answers[-1].text + ANSWER_SEPARATOR + text})
        else:
            answers.append(AnswerDocument(position=len(answers) + 1, speaker=speaker, text=text))
    if not answers:
        raise ArticleError(f"question {position} (line {exchange.line}) has no answer")
    return answers


def build_questions(
    exchanges: list[Exchange], speakers: Speakers, metadata: ArticleMetadata
) -> list[QuestionDocument]:
    """One question per exchange, asked by its label's speaker or the interviewer, in text order."""
    topics = build_question_topics(metadata, len(exchanges))
    return [
        QuestionDocument(
            position=position,
            text=exchange.question,
            asked_by=speakers.by_key.get(exchange.asked_by or "", speakers.asker),
            topics=topics.get(position, []),
            answers=build_answers(exchange, position, speakers, last=position == len(exchanges)),
        )
        for position, exchange in enumerate(exchanges, start=1)
    ]
