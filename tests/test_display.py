"""Terminal text: escaping, display width and wrapping (display.py)."""

from diplograph.display import display_width, escape_controls, wrap


def test_escape_controls_makes_every_control_visible():
    assert escape_controls("a\x1b[31mb\rc\x07\u202ed\x00") == "a\\x1b[31mb\\rc\\x07\\u202ed\\x00"
    assert escape_controls("plain text, 이재명") == "plain text, 이재명"


def test_wide_characters_count_two_columns():
    assert display_width("이재명") == 6
    assert display_width("高市早苗 x") == 10
    assert display_width("e\u0301") == 1  # a combining accent takes no column


def test_wrap_breaks_at_spaces_then_inside_long_words():
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("event:2025-10-30-summit", 10) == ["event:2025", "-10-30-sum", "mit"]
    assert wrap("이재명 대통령", 6) == ["이재명", "대통령"]
