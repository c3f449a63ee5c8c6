"""The project's own deterministic corpus of interview documents, for tests and benchmarks."""

from app.corpus.generator import CorpusMeta, generate_documents, meta_path, write_corpus

__all__ = ["CorpusMeta", "generate_documents", "meta_path", "write_corpus"]
