"""The compose file and the proxy configuration agree with the service: no docker here to run them, so
what can drift silently is checked (a misspelt setting is ignored by the service, not refused)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from app.config import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
API_SERVICES = [name for name, service in SERVICES.items() if "serve" in service.get("command", [])]


def test_every_setting_the_compose_file_gives_the_api_is_one_the_service_reads() -> None:
    known = {name.upper() for name in Settings.model_fields}
    assert len(API_SERVICES) >= 2
    for name in [*API_SERVICES, "migrate"]:
        given = set(SERVICES[name]["environment"])
        assert given <= known, f"{name}: {sorted(given - known)} are not settings"


def test_the_api_processes_read_from_the_replica_and_share_their_limits_in_redis() -> None:
    for name in API_SERVICES:
        environment = Settings(**{k.lower(): v for k, v in SERVICES[name]["environment"].items()})
        assert environment.database_read_url and "db-replica" in environment.database_read_url
        assert environment.rate_limit_storage_url.startswith("redis://redis:")
    assert {"db", "db-replica", "redis", "proxy"} <= set(SERVICES)


def test_the_proxy_sends_traffic_to_every_api_process() -> None:
    upstreams = re.findall(r"server (\S+):8000", (ROOT / "deploy" / "nginx.conf").read_text())
    assert sorted(upstreams) == sorted(API_SERVICES)


def test_the_scripts_the_compose_file_mounts_exist() -> None:
    for service in SERVICES.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).is_file(), source
