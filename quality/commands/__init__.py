"""Subcommands of the ``quality`` command line, one module each."""
