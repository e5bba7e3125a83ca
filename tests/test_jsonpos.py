"""Positions of a JSON article's string field in its file."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from quality.lint.jsonpos import string_field


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=60),
    title=st.text(max_size=10),
    ascii_only=st.booleans(),
    indent=st.sampled_from([None, 2]),
)
def test_each_character_maps_to_what_encodes_it(text, title, ascii_only, indent):
    document = json.dumps(
        {"title": title, "text": text, "n": [1, {"text": "inner"}]},
        ensure_ascii=ascii_only,
        indent=indent,
    )
    field = string_field(document, "text")
    assert field is not None
    for index, char in enumerate(text):
        start, end = field.file_offset(index), field.file_offset(index + 1)
        assert json.loads('"' + document[start:end] + '"') == char
    assert document[field.file_offset(len(text))] == '"'


def test_the_last_of_a_repeated_key_is_the_one_read():
    document = '{"text": "first", "text": "second"}'
    field = string_field(document, "text")
    assert field is not None and document[field.file_offset(0) :].startswith("second")


def test_no_position_for_a_missing_or_non_string_field_or_other_json():
    assert string_field('{"html": "<p>x</p>"}', "text") is None
    assert string_field('{"text": 3}', "text") is None
    assert string_field("[1, 2]", "text") is None
    assert string_field('{"text": "unterminated', "text") is None
