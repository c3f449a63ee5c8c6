"""Done when: a partner syncing from a real server over HTTP ends with exactly the server's interviews,
while another thread creates, updates and deletes 500 interviews under it."""

from __future__ import annotations

import importlib.util
import json
import random
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import uvicorn
from sqlalchemy import select
from sqlmodel import Session

from app.contract.document import InterviewDocument
from app.models import Interview
from app.storage.exporter import iter_documents
from app.storage.loader import Catalog, store_document
from tests.conftest import Store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sync_partner.py"
INTERVIEWS = 500
OPS_PER_TRANSACTION = 4
SPEAKERS = [f"speaker-{n:02d}" for n in range(24)]
TOPICS = [f"topic-{n:02d}" for n in range(12)]


def sync_partner() -> ModuleType:
    """The runnable example itself, imported, so the test runs the loop partners are told to run."""
    spec = importlib.util.spec_from_file_location("sync_partner", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sync_partner"] = module
    spec.loader.exec_module(module)
    return module


@contextmanager
def running_server() -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1, in a thread, with DATABASE_URL already set."""
    from app.main import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(), log_level="warning", ws="none", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


class Churn:
    """A writer that creates INTERVIEWS interviews and updates, deletes and re-creates some as it goes."""

    def __init__(self, store: Store, seed: int) -> None:
        self.store = store
        self.rng = random.Random(seed)
        self.titles = dict.fromkeys(SPEAKERS, "Reporter")
        self.live: set[str] = set()
        self.deleted: list[str] = []
        self.counts = {"create": 0, "update": 0, "delete": 0, "speaker": 0}
        self.started = threading.Event()
        self.errors: list[BaseException] = []

    def document(self, slug: str, version: int) -> dict[str, Any]:
        asker, answerer = self.rng.sample(SPEAKERS, 2)
        people = {
            s: {"slug": s, "name": s.replace("-", " ").title(), "title": self.titles[s]}
            for s in (asker, answerer)
        }
        return {
            "slug": slug,
            "title": f"Talk {slug} v{version}",
            "summary": f"Version {version}.",
            "language": "en",
            "published_at": f"2024-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
            "participants": [
                {"speaker": people[asker], "role": "interviewer"},
                {"speaker": people[answerer], "role": "interviewee"},
            ],
            "topics": [{"slug": t, "name": t.title()} for t in self.rng.sample(TOPICS, 2)],
            "questions": [
                {
                    "position": n,
                    "text": f"Question {n} of {slug}?",
                    "asked_by": asker,
                    "answers": [
                        {"position": 1, "speaker": answerer, "text": f"Answer {n}, version {version}."}
                    ],
                }
                for n in range(1, self.rng.randint(1, 4) + 1)
            ],
        }

    def operations(self, i: int) -> list[tuple[str, str]]:
        ops = [("create", f"talk-{i:03d}")]
        if i % 3 == 0 and self.live:
            ops.append(("update", self.rng.choice(sorted(self.live))))
        if i % 5 == 0 and self.live:
            ops.append(("delete", self.rng.choice(sorted(self.live))))
        if i % 40 == 0 and self.deleted:
            ops.append(("create", self.deleted.pop(0)))
        if i % 25 == 0:
            self.titles[self.rng.choice(SPEAKERS)] = f"Editor {i}"
            self.counts["speaker"] += 1
        return ops

    def run(self) -> None:
        try:
            pending: list[tuple[str, str]] = []
            for i in range(INTERVIEWS):
                pending += [op for op in self.operations(i) if op[1] not in {slug for _, slug in pending}]
                if len(pending) >= OPS_PER_TRANSACTION or i == INTERVIEWS - 1:
                    self.commit(pending)
                    pending = []
                if i == 60:
                    self.started.set()
        except BaseException as error:
            self.errors.append(error)
        finally:
            self.started.set()

    def commit(self, ops: list[tuple[str, str]]) -> None:
        catalog = Catalog()
        with Session(self.store.engine) as session:
            for action, slug in ops:
                if action == "delete":
                    interview = session.execute(select(Interview).where(Interview.slug == slug)).scalar_one()
                    session.delete(interview)
                    self.live.discard(slug)
                    self.deleted.append(slug)
                else:
                    version = self.counts[action] + 1
                    store_document(
                        session, InterviewDocument.model_validate(self.document(slug, version)), catalog
                    )
                    self.live.add(slug)
                self.counts[action] += 1
            session.commit()


def server_state(store: Store) -> dict[str, Any]:
    with Session(store.engine) as session:
        return {d.slug: json.loads(d.model_dump_json()) for d in iter_documents(session)}


def test_a_partner_sync_ends_equal_to_the_server(store) -> None:
    started = time.monotonic()
    partner = sync_partner()
    churn = Churn(store, seed=5)
    writer = threading.Thread(target=churn.run)
    with running_server() as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        writer.start()
        assert churn.started.wait(30)
        replica = partner.initial_sync(client)
        exported = len(replica.documents)
        applied_during = 0
        while writer.is_alive():
            applied_during += partner.follow_changes(client, replica)
            time.sleep(0.02)
        writer.join()
        assert not churn.errors, churn.errors
        partner.follow_changes(client, replica)
        assert partner.follow_changes(client, replica) == 0, "caught up: nothing left"
    expected = server_state(store)
    assert exported > 0 and applied_during > 0, "the export and the change feed both did work"
    assert churn.counts["delete"] > 50 and churn.counts["update"] > 100 and churn.counts["speaker"] > 10
    assert len(expected) == len(churn.live)
    assert sorted(replica.documents) == sorted(expected)
    assert replica.documents == expected
    assert time.monotonic() - started < 60
