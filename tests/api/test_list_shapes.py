"""What a list can be asked for beyond a page, on both stores: a total (`count`), CSV (`format=csv` or
`Accept: text/csv`), some fields (`fields=`) and related objects (`include=`), with the number of
queries fixed whatever the page holds."""

from __future__ import annotations

import csv
import io

import pytest

from tests.support.factories import interview_document

LISTS = ["/v1/interviews", "/v1/questions", "/v1/answers", "/v1/speakers", "/v1/topics"]


@pytest.fixture
def three(load) -> None:
    load(
        [
            interview_document(
                f"shape-{n}",
                interviewee=f"guest-{n}",
                topics=["trade", f"topic-{n}"],
                questions=[(f"Question {n}.{k}?", [f"Answer {n}.{k}, with a comma, and \"quotes\"."]) for k in (1, 2)],
            )
            for n in (1, 2, 3)
        ]
    )  # fmt: skip


@pytest.mark.parametrize("path", LISTS)
def test_count_exact_gives_the_whole_list_s_total(client, three, path) -> None:
    everything = []
    url = f"{path}?limit=100"
    while url:
        page = client.get(url).json()
        everything += page["items"]
        url = f"{path}?limit=100&cursor={page['next_cursor']}" if page["next_cursor"] else ""
    first = client.get(path, params={"limit": 1, "count": "exact"})
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["total"], body["total_exact"]) == (len(everything), True)
    assert len(body["items"]) == 1 and body["next_cursor"]
    plain = client.get(path, params={"limit": 1}).json()
    assert "total" not in plain and "total_exact" not in plain


def test_count_follows_the_filters(client, three) -> None:
    body = client.get("/v1/interviews", params={"topic": "topic-2", "count": "exact"}).json()
    assert body["total"] == 1 == len(body["items"])
    body = client.get("/v1/answers", params={"interview": "shape-3", "count": "exact", "limit": 1}).json()
    assert body["total"] == 2


def test_an_estimated_count_says_whether_it_is_exact(client, three, store) -> None:
    body = client.get("/v1/questions", params={"count": "estimated"}).json()
    if store.name == "sqlite":
        assert (body["total"], body["total_exact"]) == (6, True)
    else:
        assert body["total_exact"] is False and body["total"] >= 0


def test_an_unknown_count_mode_is_a_problem(client) -> None:
    response = client.get("/v1/interviews", params={"count": "roughly"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("path", LISTS)
def test_a_list_page_as_csv(client, three, path) -> None:
    json_items = client.get(path).json()["items"]
    for response in (
        client.get(path, params={"format": "csv"}),
        client.get(path, headers={"Accept": "text/csv"}),
    ):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [int(row["id"]) for row in rows] == [item["id"] for item in json_items]
        assert not any(isinstance(v, (dict, list)) for row in rows for v in row.values())


def test_csv_flattens_nested_fields_and_quotes_text(client, three) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/answers?format=csv&interview=shape-1").text)))
    assert [row["text"] for row in rows] == [
        'Answer 1.1, with a comma, and "quotes".',
        'Answer 1.2, with a comma, and "quotes".',
    ]
    assert {row["speaker.slug"] for row in rows} == {"guest-1"}
    assert {row["interview.slug"] for row in rows} == {"shape-1"}
    interviews = list(csv.DictReader(io.StringIO(client.get("/v1/interviews?format=csv&topic=topic-1").text)))
    assert interviews[0]["topics"] == "trade; topic-1"
    assert interviews[0]["participants"] == "ivy-asker (interviewer); guest-1 (interviewee)"


def test_csv_pages_link_to_the_next_one(client, three) -> None:
    response = client.get("/v1/questions", params={"format": "csv", "limit": 2, "count": "exact"})
    assert 'rel="next"' in response.headers["link"] and "format=csv" in response.headers["link"]
    assert response.headers["x-total-count"] == "6"


def test_fields_keep_only_what_is_asked(client, three) -> None:
    body = client.get("/v1/interviews", params={"fields": "slug,title"}).json()
    assert body["items"] and all(set(item) == {"slug", "title"} for item in body["items"])
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/speakers?fields=slug,name&format=csv").text)))
    assert rows and all(set(row) == {"slug", "name"} for row in rows)


@pytest.mark.parametrize("value", ["slug,nope", "", " , "])
def test_unknown_fields_are_a_problem_that_lists_the_right_ones(client, value) -> None:
    response = client.get("/v1/interviews", params={"fields": value})
    assert response.status_code == 422
    assert "published_at" in response.json()["detail"]


def test_include_adds_each_related_object_once(client, three) -> None:
    body = client.get("/v1/interviews", params={"include": "speakers,topics"}).json()
    speakers = {s["slug"]: s for s in body["included"]["speakers"]}
    assert set(speakers) == {"ivy-asker", "guest-1", "guest-2", "guest-3"}
    assert {"title", "organization", "country"} <= set(speakers["guest-1"])
    assert sorted(t["slug"] for t in body["included"]["topics"]) == ["topic-1", "topic-2", "topic-3", "trade"]
    answers = client.get("/v1/answers", params={"include": "speakers", "fields": "id,text"}).json()
    assert {s["slug"] for s in answers["included"]["speakers"]} == {"guest-1", "guest-2", "guest-3"}
    assert all(set(item) == {"id", "text"} for item in answers["items"])


def test_include_is_a_problem_where_a_list_has_nothing_to_include(client) -> None:
    for url in ("/v1/interviews?include=authors", "/v1/interviews?include=speakers&format=csv"):
        response = client.get(url)
        assert response.status_code == 422, url
        assert response.headers["content-type"] == "application/problem+json"
    assert "include" not in {
        p["name"] for p in client.get("/openapi.json").json()["paths"]["/v1/speakers"]["get"]["parameters"]
    }


def test_search_hits_as_csv_and_with_some_fields(client, three) -> None:
    body = client.get("/v1/search", params={"q": "answer", "fields": "id,type,snippet"}).json()
    assert body["items"] and all(set(hit) == {"id", "type", "snippet"} for hit in body["items"])
    assert {"facets", "total", "exact"} <= set(body)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/v1/search", params={"q": "answer", "format": "csv"}).text))
    )
    full = client.get("/v1/search", params={"q": "answer"}).json()
    assert [(row["type"], int(row["id"])) for row in rows] == [(h["type"], h["id"]) for h in full["items"]]


def test_search_counts_every_hit_beyond_the_window(client, load, store, monkeypatch) -> None:
    from app.config import get_settings

    load([interview_document(f"common-{n}", questions=[("Common?", ["A common word."])]) for n in range(25)])
    monkeypatch.setenv("SEARCH_WINDOW", "20")
    get_settings.cache_clear()
    try:
        windowed = client.get("/v1/search", params={"q": "common", "type": "answer"}).json()
        assert (windowed["exact"], windowed["total"]) == (False, 20)
        assert "total_exact" not in windowed
        counted = client.get("/v1/search", params={"q": "common", "type": "answer", "count": "exact"}).json()
        assert (counted["total"], counted["total_exact"], counted["exact"]) == (25, True, False)
        estimated = client.get(
            "/v1/search", params={"q": "common", "type": "answer", "count": "estimated"}
        ).json()
        assert estimated["total_exact"] is (store.name == "sqlite")
        if store.name == "sqlite":
            assert estimated["total"] == 25
    finally:
        get_settings.cache_clear()


def test_the_whole_export_as_csv_has_a_row_per_answer(client, three) -> None:
    response = client.get("/v1/export/answers.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 6
    assert {(r["interview_slug"], r["question"], r["speaker"]) for r in rows} >= {
        ("shape-2", "Question 2.1?", "guest-2")
    }
    assert rows[0]["answer"] == 'Answer 1.1, with a comma, and "quotes".'
    narrowed = list(csv.DictReader(io.StringIO(client.get("/v1/export/answers.csv?interview=shape-3").text)))
    assert {r["interview_slug"] for r in narrowed} == {"shape-3"}
    empty = client.get("/v1/export/answers.csv?interview=nothing-here")
    assert empty.text.splitlines() == [
        ",".join(__import__("app.feeds.export", fromlist=["x"]).ANSWER_COLUMNS)
    ]


def test_the_admin_and_partner_lists_take_the_same_shapes(client, keys) -> None:
    document = interview_document("shaped-history")
    for title in ("First", "Second", "Third"):
        response = client.put(
            "/v1/interviews/shaped-history", json={**document, "title": title}, headers=keys["write"]
        )
        assert response.status_code in (200, 201), response.text
    versions = client.get(
        "/v1/interviews/shaped-history/revisions?count=exact&fields=number,written_by&limit=2"
    ).json()
    assert (versions["total"], versions["items"]) == (
        3,
        [{"number": 3, "written_by": "write key"}, {"number": 2, "written_by": "write key"}],
    )

    audit = client.get("/v1/audit", params={"format": "csv", "count": "exact"}, headers=keys["admin"])
    assert audit.status_code == 200, audit.text
    rows = list(csv.DictReader(io.StringIO(audit.text)))
    assert len(rows) == 3 == int(audit.headers["x-total-count"])
    assert {row["method"] for row in rows} == {"PUT"} and {row["key_name"] for row in rows} == {"write key"}

    for n in (1, 2):
        created = client.post(
            "/v1/webhooks", json={"url": f"https://partner.example/hooks/{n}"}, headers=keys["webhooks"]
        )
        assert created.status_code == 201, created.text
    hooks = client.get(
        "/v1/webhooks", params={"fields": "id,url", "count": "exact"}, headers=keys["webhooks"]
    ).json()
    assert hooks["total"] == 2 and [set(item) for item in hooks["items"]] == [{"id", "url"}] * 2
    deliveries = client.get(
        f"/v1/webhooks/{hooks['items'][0]['id']}/deliveries",
        params={"format": "csv"},
        headers=keys["webhooks"],
    )
    assert deliveries.status_code == 200 and deliveries.headers["content-type"].startswith("text/csv")
    assert deliveries.text.startswith("id,") and len(deliveries.text.splitlines()) == 1  # none yet: a header
