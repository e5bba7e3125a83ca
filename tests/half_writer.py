"""A scorer that dies halfway through a worker's reply, as a worker ended from outside (the
out-of-memory killer, a SIGTERM to the process group) may: the reply's header and the first
bytes of it are in the pipe, the rest never comes. Imported by the pool tests' workers."""

from __future__ import annotations

import gc
import os
import struct
from multiprocessing.queues import SimpleQueue

from quality.analysis import Document
from quality.scorers.base import Scorer, ScorerResult

MARK = "DIE-MID-REPLY"


class HalfWriter(Scorer):
    id = "half-writer"
    version = "1"
    needs_language_rules = False

    def __init__(self) -> None:
        pass

    def can_score(self, language: str) -> bool:
        return True

    def score(self, doc: Document) -> ScorerResult:
        if MARK in doc.text:
            (replies,) = [q for q in gc.get_objects() if isinstance(q, SimpleQueue)]
            # A length far past what follows, as a reply cut short would leave it.
            os.write(replies._writer.fileno(), struct.pack("!i", 100_000) + b"\x80" * 10)
            os._exit(9)
        return ScorerResult(1.0)
