"""Line and column numbers of character offsets: one index shared by scorers and the linter."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """1-based line and column of offsets in one text (lines end at ``\\n``)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.starts, offset) - 1)
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Line, column, end line and end column of ``text[start:end]``."""
        return (*self.line_col(start), *self.line_col(end))

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    @property
    def line_count(self) -> int:
        return len(self.starts)
