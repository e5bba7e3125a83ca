"""Measuring the scorers on labelled data: readers, measures, and the rendered report.

``quality eval`` is the command-line front end; ``quality.calibration`` fits weights on
the same readers.
"""

from quality.evaluation.datasets import DEFAULT_FILES, KINDS, default_data_dir, read_kind
from quality.evaluation.measures import Evaluation, evaluate

__all__ = ["DEFAULT_FILES", "KINDS", "Evaluation", "default_data_dir", "evaluate", "read_kind"]
