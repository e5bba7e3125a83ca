"""The machinery behind ``quality lint``: finding files, reading configuration, honouring
suppression comments, mapping findings back to the file, and running the pipeline."""
