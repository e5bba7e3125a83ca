"""``python -m quality``: the ``quality`` command."""

from quality.cli import main

# Guarded: worker processes started by "spawn" or "forkserver" (macOS, Windows, and Linux
# from Python 3.14) import the main module again, and must not run the command a second time.
if __name__ == "__main__":
    raise SystemExit(main())
