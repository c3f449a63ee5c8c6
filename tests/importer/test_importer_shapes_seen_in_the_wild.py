"""Shapes met in published interviews of the real-world corpus (bench/realworld/), each reduced to a
few lines written here: what the importer must read from them."""

from __future__ import annotations

from app.importer import parse_article


def pairs(text: str) -> list[tuple[str, list[tuple[str | None, str]]]]:
    document = parse_article(text)
    speakers = {p.speaker.slug: p.speaker.name for p in document.participants}
    return [(q.text, [(speakers.get(a.speaker), a.text) for a in q.answers]) for q in document.questions]


def test_html_bold_labels_inside_markdown_are_labels() -> None:
    text = (  # a blog's Markdown export: front matter, then HTML tags in the text
        '---\ntitle: "Ein Gespräch"\ndate: "2020-09-30"\n---\n\nMit Anna Berg sprach die Redaktion.\n\n'
        "_<strong>\nRedaktion</strong>: Frau Berg, wie kam es dazu?_\n\n"
        "<strong>Berg</strong>: Durch Zufall, wie so oft._<strong>\n\n</strong>_\n\n"
        "_<strong>Redaktion</strong>: Und was folgt daraus?_\n\n"
        "<strong>Berg</strong>: Dass man genauer hinsehen muss.\n"
    )
    assert [(q, [t for _, t in a]) for q, a in pairs(text)] == [
        ("Frau Berg, wie kam es dazu?", ["Durch Zufall, wie so oft."]),
        ("Und was folgt daraus?", ["Dass man genauer hinsehen muss."]),
    ]


def test_a_bold_question_closed_after_a_space_and_a_hard_break() -> None:
    text = (
        "# Entretien\n\nEntretien avec Marc Roux.\n\n"
        "Revue : **Comment est-ce arrivé ? **\\\nPar hasard, comme souvent.\n\n"
        "Revue : **Et ensuite ? **\n\n\\\nOn a continué à chercher.\n\n"
        "Revue : **Pourquoi ? **\\\nParce que personne ne l'avait fait.\n"
    )
    assert [(q, [t for _, t in a]) for q, a in pairs(text)] == [
        ("Comment est-ce arrivé ?", ["Par hasard, comme souvent."]),
        ("Et ensuite ?", ["On a continué à chercher."]),
        ("Pourquoi ?", ["Parce que personne ne l'avait fait."]),
    ]


def test_the_floor_handed_on_by_name_answers_nothing() -> None:
    text = (
        "# Press briefing\n\n"
        "MS. LEE:  Good afternoon. Happy to take questions.\n\n"
        "Q    Will the bill pass this week?\n\n"
        "MS. LEE:  We expect a vote on Thursday.\n\n"
        "MS. LEE:  Go ahead, Steven.\n\n"
        "Q    And the budget?\n\n"
        "MS. LEE:  It goes out Monday.  Okay, next question.\n\n"
        "Q    Anything on travel?\n\n"
        "MS. LEE:  Nothing to announce today.\n"
    )
    answers = [[t for _, t in a] for _, a in pairs(text)]
    assert answers == [
        ["We expect a vote on Thursday."],
        ["It goes out Monday."],
        ["Nothing to announce today."],
    ]


def test_a_bare_title_that_asks_takes_its_namesakes() -> None:
    text = (
        "# Committee hearing\n\nEvidence of Dr. Ada Park.\n\n"
        "AP: Thank you for having me. My remarks are brief and I will keep them short today.\n\n"
        "Senator: How does the system stay secure without a central operator?\n\n"
        "AP: By checking every record against the rules, everywhere, all the time.\n\n"
        "Senator Black: Thank you, Chair. I have a question about costs, which worry my constituents.\n\n"
        "AP: Costs fall as more people take part, so the worry fades with use.\n\n"
        "Senator: And who regulates it in the end, if anybody does at all?\n\n"
        "AP: The laws that apply to money already apply to it.\n"
    )
    found = pairs(text)
    assert [q[:24] for q, _ in found] == [
        "How does the system stay",
        "Thank you, Chair. I have",
        "And who regulates it in ",
    ]
    assert all(len(answers) == 1 for _, answers in found)


def test_an_escaped_apostrophe_and_a_name_opening_one_answer() -> None:
    text = (
        "# Entretien\n\nPour le sociologue Paul Marchand, tout change.\n\n"
        "**Qu\\'en pensez-vous ?**\n\n"
        "**Paul Marchand** : Qu\\'il faut du temps.\n\n"
        "**Et demain ?**\n\nOn verra bien.\n\n"
        "**Un dernier mot ?**\n\nMerci à vous.\n"
    )
    found = pairs(text)
    assert found[0] == ("Qu'en pensez-vous ?", [("Paul Marchand", "Qu'il faut du temps.")])
    assert [q for q, _ in found] == ["Qu'en pensez-vous ?", "Et demain ?", "Un dernier mot ?"]


def test_bold_labelled_list_items_in_an_answer_are_a_list() -> None:
    text = (
        "# Spotlight\n\n"
        "**What does the team do?**\n\nIt ships releases in four phases:\n\n"
        "- **Planning:** we agree on the calendar.\n\n"
        "- **Freeze:** no new features go in.\n\n"
        "**How can people join?**\n\nThrough the shadow programme.\n\n"
        "**What is next?**\n\nFaster releases.\n"
    )
    found = pairs(text)
    assert [len(answers) for _, answers in found] == [1, 1, 1]
    assert found[0][1][0][1].endswith("Freeze: no new features go in.")


def test_two_people_answering_after_a_plain_a() -> None:
    text = (
        "# Speaker Q&A\n\nJesse and Matt give a talk on window managers.\n\n"
        "Q: Could you introduce yourselves?\n\n"
        "A (Jesse): I am Jesse and I like design.\n\n"
        "A (Matt): I'm Matt, and I like code.\n\n"
        "Q: What should we expect?\n\n"
        "A: Two students having fun.\n\n"
        "Q: Your worst mistake?\n\n"
        "A (Jesse): Wiping the wrong disk.\n\n"
        "A (Matt): No comment.\n"
    )
    found = pairs(text)
    assert [t for _, t in found[0][1]] == ["I am Jesse and I like design.", "I'm Matt, and I like code."]
    assert [t for _, t in found[2][1]] == ["Wiping the wrong disk.", "No comment."]


def test_a_bold_sign_off_after_the_last_answer_is_not_part_of_it() -> None:
    text = (
        "# Interview\n\n1. Wie fing es an?\n\nMit einer Idee.\n\n2. Was kommt als Nächstes?\n\n"
        "Mehr Spiele.\n\n3. Ein Schlusswort?\n\nDanke an alle Leser.\n\n"
        "**Das Team bedankt sich für die Beantwortung unserer Fragen.**\n"
    )
    assert pairs(text)[-1][1][0][1] == "Danke an alle Leser."


def cast(text: str) -> list[tuple[str, str]]:
    return [(p.speaker.name, p.role.value) for p in parse_article(text).participants]


def test_a_first_name_label_takes_the_full_name_the_lede_gives() -> None:
    text = (
        "At the conference the prize went to Mara van Dijk, the compiler author. We had a chat.\n\n"
        "**Blue**: Are you proud of the prize?\n\n**Mara:** Very, it is for everyone who worked on it.\n\n"
        "**Blue**: What comes next?\n\n**Mara:** A long holiday, and then the next release.\n"
    )
    assert ("Mara van Dijk", "interviewee") in cast(text)


def test_initials_after_a_name_label_stand_for_that_person() -> None:
    text = (
        "# Spotlight\n\nWe talked with the working group.\n\n"
        "**Ravi Nair (RN)**: How did the group start?\n\n"
        "**Lena Ortiz (LO)**: With four people and a chat channel, three years ago.\n\n"
        "**RN**: And today?\n\n**LO**: Forty members in nine countries.\n"
    )
    assert cast(text) == [("Ravi Nair", "interviewer"), ("Lena Ortiz", "interviewee")]
    assert [a for _, answers in pairs(text) for a in answers] == [
        ("Lena Ortiz", "With four people and a chat channel, three years ago."),
        ("Lena Ortiz", "Forty members in nine countries."),
    ]


def test_an_author_with_an_affiliation_in_brackets_and_a_guest_after_a_job_word() -> None:
    text = (
        '---\ntitle: "Five questions for developer Ana Lima"\nauthor: "Tom Reed (Acme)"\n---\n\n'
        "We recently sat down with developer Ana Lima.\n\n"
        "**What do you build?**\n\nA search engine for court records.\n\n"
        "**Oh okay. Who uses it?**\n\nJournalists, mostly, and some judges.\n"
    )
    document = parse_article(text)
    people = {(p.speaker.name, p.role.value, p.speaker.organization) for p in document.participants}
    assert people == {("Tom Reed", "interviewer", "Acme"), ("Ana Lima", "interviewee", None)}
    assert [q.text for q in document.questions] == ["What do you build?", "Oh okay. Who uses it?"]


def test_unlabelled_questions_beside_one_named_asker_are_his() -> None:
    text = (
        "# Entretien\n\n**Revue : Comment avez-vous appris la nouvelle ?**\n\n"
        "Claire : « Par un message, le soir même. »\n\n"
        "**Et ensuite ?**\n\n(**NDLR :** le procès a eu lieu le lendemain.)\n\n"
        "Claire : « Je suis allée au tribunal. »\n"
    )
    document = parse_article(text)
    assert {p.speaker.name for p in document.participants} == {"Revue", "Claire"}
    assert [q.asked_by for q in document.questions] == ["revue", "revue"]
    assert "interviewer-unknown" not in {w.code for w in document.import_warnings}


def test_labels_in_italic_questions_an_embedded_player_and_a_republication_note() -> None:
    text = (
        '---\ntitle: "Ein Gespräch"\nauthor: "Jan Kurz"\n---\n\n'
        "_<strong>Revue</strong>:_ _Herr Berg, wie kam es dazu?_\n\n"
        "<strong>Berg</strong>: Durch Zufall, wie so oft.\n\n"
        "[youtube]EYaWjXM5afY[/youtube]\n\n"
        "_<strong>Revue</strong>: Und was folgt daraus?_\n\n"
        "<strong>Berg</strong>: Dass man genauer hinsehen muss.\n\n"
        "Dieses Interview erscheint auch auf _<a href='https://example.org/'>Example</a>_.\n\n"
        "_Liebe Leser: Unterstützen Sie uns mit einem Beitrag, jeder Beitrag hilft._\n\n_Danke._\n"
    )
    assert pairs(text) == [
        ("Herr Berg, wie kam es dazu?", [("Berg", "Durch Zufall, wie so oft.")]),
        ("Und was folgt daraus?", [("Berg", "Dass man genauer hinsehen muss.")]),
    ]


def test_a_horizontal_rule_after_the_last_answer_ends_the_interview_and_its_list_stays() -> None:
    text = (
        "# Spotlight on the storage group\n\nWe talked with Xing Li about the group.\n\n"
        "**What does the group do?**\n\nIt looks after volumes and snapshots.\n\n"
        "**What comes next?**\n\nThree things, mainly:\n\n- faster snapshots\n- smaller images\n\n"
        "---\n\nThe group meets every other week and welcomes newcomers.\n\n"
        "If you would like to get involved, join the mailing list.\n"
    )
    last = pairs(text)[-1][1][0][1]
    assert last.startswith("Three things, mainly:") and last.endswith("smaller images")
    assert "faster snapshots" in last and "newcomers" not in last


def test_server_code_and_a_copyright_note_in_a_page_stay_out_of_the_last_answer() -> None:
    page = (
        "<html><head><title>Interview with Ann Budd</title></head><body><dl>"
        "<dt>Q1. What do you do?</dt><dd><p>I design websites for small firms.</p></dd>"
        "<dt>Q2. Where do you work?</dt><dd><p>At home, mostly, and in a shared office.</p></dd>"
        "<dt>Q3. Finally, why write a blog?</dt><dd><p>Because people read it, that's my reward.</p></dd>"
        "</dl><?php $n = count($questions); ob_end_flush(); ?>"
        '<p id="copyright">Interview taken from the Web Group, 18th May 2004 '
        '<a href="http://example.org/ann.cfm">http://example.org/ann.cfm</a></p></body></html>'
    )
    assert pairs(page)[-1][1][0][1] == "Because people read it, that's my reward."


def test_a_name_on_its_own_line_labels_the_quoted_paragraphs_below_it() -> None:
    text = (
        "# Intervista\n\n## Introduzione\n\n**Anna Verdi**\n\n> Benvenuto. Qual è il tuo gioco preferito?\n\n"
        "**Luca Neri**\n\n> Un trenino elettrico, da bambino.\n\n> Ci giocavo per ore.\n\n"
        "**Anna Verdi**\n\n> E oggi, di cosa ti occupi?\n\n**Luca Neri**\n\n> Di ricerca sui modelli linguistici.\n"
    )
    assert pairs(text) == [
        (
            "Benvenuto. Qual è il tuo gioco preferito?",
            [("Luca Neri", "Un trenino elettrico, da bambino.\n\nCi giocavo per ore.")],
        ),
        ("E oggi, di cosa ti occupi?", [("Luca Neri", "Di ricerca sui modelli linguistici.")]),
    ]


def test_plain_questions_answered_in_block_quotes() -> None:
    text = (
        "Abbiamo rivolto qualche domanda a Marta Bassi.\n\nCome è nato il progetto?\n\n"
        "> È nato due anni fa da una mia esigenza.\n>\n> Poi è cresciuto.\n\n"
        "Cosa hai imparato?\n\n> Molto, soprattutto sulla pazienza.\n\n"
        "Come si contribuisce?\n\n> Con una pull request.\n"
    )
    assert [(q, [t for _, t in a]) for q, a in pairs(text)] == [
        ("Come è nato il progetto?", ["È nato due anni fa da una mia esigenza. Poi è cresciuto."]),
        ("Cosa hai imparato?", ["Molto, soprattutto sulla pazienza."]),
        ("Come si contribuisce?", ["Con una pull request."]),
    ]


def test_a_label_left_inside_a_paragraph_by_a_lost_line_break_starts_a_turn() -> None:
    text = (
        "# Entrevista\n\n**AM:** “Como começou?”\n\n**OM:** “Pelo Linux, em 1997.”\n\n"
        "**AM:** “E depois?”\n\n**OM:** “Traduzi pacotes.” **AM:** “Qual é a proposta do grupo?”\n\n"
        "**OM:** “Ajudar quem chega.”\n"
    )
    assert [(q, [t for _, t in a]) for q, a in pairs(text)] == [
        ("“Como começou?”", ["“Pelo Linux, em 1997.”"]),
        ("“E depois?”", ["“Traduzi pacotes.”"]),
        ("“Qual é a proposta do grupo?”", ["“Ajudar quem chega.”"]),
    ]


def test_double_angle_labels_and_mis_decoded_accents_are_not_captions() -> None:
    page = (
        "<html><body><p>Michael Kohl caught up with Rich Fogus.</p>"
        "<p><strong>Michael&gt;&gt;</strong> Welcome. Ã© How did you start?</p>"
        "<p><strong>Fogus&gt;&gt;</strong> I am a programmer in Washington.</p>"
        "<p><strong>Michael&gt;&gt;</strong> Why this language, Ã© for you?</p>"
        "<p><strong>Fogus&gt;&gt;</strong> Because it is simple.</p></body></html>"
    )
    assert [(q, [t for _, t in a]) for q, a in pairs(page)] == [
        ("Welcome. Ã© How did you start?", ["I am a programmer in Washington."]),
        ("Why this language, Ã© for you?", ["Because it is simple."]),
    ]


def test_japanese_heading_prompts_that_ask_without_a_question_mark() -> None:
    text = (
        "---\ntitle: インタビュー\n---\n\n今回は神野さんにお話を伺いました。\n\n"
        "## まずはご感想をお聞かせ下さい。\n\nはい、概ね良かったと思っています。\n\n"
        "## 最もよかった点は？\n\n担当の方の対応ですね。\n\n"
        "## 改善ポイントがあれば教えてください。\n\nUIの部分ですね。\n\n"
        "## 検討されている方へ一言\n\nまずやってみることです。\n"
    )
    assert [q for q, _ in pairs(text)] == [
        "まずはご感想をお聞かせ下さい。",
        "最もよかった点は？",
        "改善ポイントがあれば教えてください。",
        "検討されている方へ一言",
    ]


def test_a_first_question_that_asks_midway_is_kept() -> None:
    text = (
        "# Entrevista\n\nEle pediu para responder algumas perguntas.\n\n"
        "**AM:** Bom, toda entrevista tem um começo, não é? Então fale um pouco de você.\n\n"
        "**OM:** Nasci no Amapá em 1974, estudei genética e só depois, por acaso, comecei a programar.\n\n"
        "**AM:** O que é o projeto, afinal?\n\n**OM:** Uma comunidade de pessoas.\n"
    )
    assert next(q for q, _ in pairs(text)).startswith("Bom, toda entrevista")


def test_chapter_headings_between_timed_podcast_turns_are_not_questions() -> None:
    turns = [
        ("Welcome to the show. Who are you?", "I build walking robots for warehouses, for ten years now."),
        ("Why legs and not wheels?", "Because stairs and kerbs are everywhere people work."),
        ("Is walking hard?", "Very, and balance is the hardest part of it."),
        ("Is it expensive?", "Less every year, as parts get cheaper."),
        ("What comes next for you?", "A bigger factory, and more robots on the road."),
        ("And your team?", "It doubles every year, mostly engineers."),
        ("When will we see them at home?", "Not for another ten years, I would guess."),
        ("Any advice for students?", "Learn the mechanics as well as the software."),
    ]
    chapters = {0: "Start", 1: "Why robots?", 3: "How do they walk?", 4: "Wrapping up", 6: "Timeline"}
    text = ""
    for index, (question, answer) in enumerate(turns):
        if index in chapters:
            text += f"## {chapters[index]}\n\n"
        text += f"[00:0{index}:00] **Ann Host:** {question}\n\n[00:0{index}:05] **Bo Guest:** {answer}\n\n"
    assert [(q, [s for s, _ in a]) for q, a in pairs(text)] == [(q, ["Bo Guest"]) for q, _ in turns]


def test_a_number_inside_a_bold_question_is_a_number_not_text() -> None:
    text = (
        "# Fragen an einen Blogger\n\nMartin Lang hat mir Fragen gestellt.\n\n"
        "**1) Warum bloggen Sie?**\n\nUm Gedanken festzuhalten.\n\n"
        "**2) Seit wann?**\n\nSeit 2005.\n\n**3) Wie viel Zeit kostet es?**\n\nEine Stunde am Tag.\n"
    )
    assert [q for q, _ in pairs(text)] == ["Warum bloggen Sie?", "Seit wann?", "Wie viel Zeit kostet es?"]


def test_a_forum_thread_export_gives_the_questions_its_author_answered() -> None:
    text = (
        "---\ntitle: we_are_lighthouse_keepers\n---\n"
        "**r/IAmA** | Posted by u/keepers ⬆️ 320\n\n## We are lighthouse keepers. Ask us anything!\n\n"
        "* **[anna_b](https://example.org/user/anna_b)** ⬆️ 12 _(2023-12-14 15:00:56)_\n\n"
        "\tHow old is the light?\n\n\tAnd who built it?\n\n"
        "\t* **[keepers](https://example.org/user/keepers) (OP)** ⬆️ 30\n\n"
        "\t\t**From Tom Ash:** Older than me, built in 1850.\n\n"
        "\t* **[bo99](https://example.org/user/bo99)** ⬆️ 2\n\n\t\tGreat question!\n\n"
        "* **[carl](https://example.org/user/carl)** ⬆️ 9\n\n\tNobody asked, but I love lighthouses.\n\n"
        "* **[dee](https://example.org/user/dee)** ⬆️ 7\n\n\tDo you ever sleep?\n\n"
        "\t* **[keepers](https://example.org/user/keepers) (OP)** ⬆️ 5\n\n\t\tIn winter, hardly.\n"
    )
    document = parse_article(text)
    assert [(q.text, q.asked_by) for q in document.questions] == [
        ("How old is the light? And who built it?", "anna-b"),
        ("Do you ever sleep?", "dee"),
    ]
    speakers = {p.speaker.slug: p.speaker.name for p in document.participants}
    assert [[(speakers[a.speaker], a.text) for a in q.answers] for q in document.questions] == [
        [("Tom Ash", "Older than me, built in 1850.")],
        [("keepers", "In winter, hardly.")],
    ]


def test_answers_in_quotation_fences_with_their_author_are_read() -> None:
    text = (
        "We met Lea Hart at a conference.\n\n"
        "**Introduce yourself. When did you start?**\n\n"
        '```quote\navatar = "/a.png"\nauthor = "Lea Hart"\ncontent = """\nHello, I am Lea.\n\n'
        'I started in 2017.\n"""\n```\n\n'
        "**How did you join the team?**\n\n"
        '```quote\nauthor = "Lea Hart"\ncontent = """\nBy fixing error messages, one at a time.\n"""\n```\n\n'
        "**What comes next?**\n\n"
        '```quote\nauthor = "Lea Hart"\ncontent = """\nA faster build.\n"""\n```\n\n'
        "```python\nprint('code stays out')\n```\n"
    )
    assert pairs(text) == [
        ("Introduce yourself. When did you start?", [("Lea Hart", "Hello, I am Lea.\n\nI started in 2017.")]),
        ("How did you join the team?", [("Lea Hart", "By fixing error messages, one at a time.")]),
        ("What comes next?", [("Lea Hart", "A faster build.")]),
    ]


def test_asked_by_lines_under_ama_questions_name_the_askers() -> None:
    text = (
        "# Ask me anything\n\nYou asked, I answer.\n\n### What's your passion?\n\n*Asked by @nabb (my mom)*\n\n"
        "I never had a passion. Instead, I have passion*s*.\n\n### Why a blog?\n\n*Asked by @kk_koi*\n\n"
        "To write things down.\n\n### Tea or coffee?\n\n*Asked by @ben*\n\nTea, always.\n"
    )
    document = parse_article(text)
    assert [(q.text, q.asked_by) for q in document.questions] == [
        ("What's your passion?", "nabb"),
        ("Why a blog?", "kk-koi"),
        ("Tea or coffee?", "ben"),
    ]
    assert document.questions[0].answers[0].text == "I never had a passion. Instead, I have passions."
