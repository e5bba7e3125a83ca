"""One JSON object per line, one line per file (streams well into log pipelines).

A file that could not be linted is ``{"path": ..., "error": ...}``; the others have the
shape of a ``files`` entry of the json format.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from quality.formats.json import file_dict

if TYPE_CHECKING:
    from quality.formats import RenderOptions
    from quality.lint.runner import LintRun


def write(run: LintRun, out: TextIO, options: RenderOptions) -> None:
    for result in run.files:
        out.write(json.dumps(file_dict(result), ensure_ascii=False) + "\n")
