"""Feeds for partners: Atom, RSS and JSON Feed of interviews, and the NDJSON export."""
