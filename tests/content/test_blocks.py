import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError

from content.blocks import (
    MAX_TRACKS_PER_REVIEW,
    ConclusionBlock,
    ReviewBodyBlock,
    TrackCommentaryBlock,
)
from tests.factories import conclusion, intro, track


def clean(*raw_blocks):
    block = ReviewBodyBlock()
    return block.clean(block.to_python(list(raw_blocks)))


def non_block_messages(error):
    return [message for e in error.non_block_errors.as_data() for message in e.messages]


def test_intro_tracks_and_conclusion_in_order_are_valid():
    value = clean(intro(), track("Sleepwalker"), track("Photograph"), conclusion())
    assert [child.block_type for child in value] == [
        "intro",
        "track_commentary",
        "track_commentary",
        "conclusion",
    ]


def test_conclusion_is_optional():
    assert len(clean(intro(), track("Sleepwalker"))) == 2


def test_review_must_start_with_intro():
    with pytest.raises(StreamBlockValidationError) as error:
        clean(track("Sleepwalker"), intro(), conclusion())
    assert non_block_messages(error.value) == ["Start the review with exactly one intro block."]


def test_review_has_only_one_intro():
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), intro(), track("Sleepwalker"))
    assert non_block_messages(error.value) == ["Start the review with exactly one intro block."]


def test_review_needs_at_least_one_track_commentary():
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), conclusion())
    assert non_block_messages(error.value) == ["Add at least one track commentary."]


def test_conclusion_must_be_last_block():
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), conclusion(), track("Sleepwalker"))
    assert non_block_messages(error.value) == ["Move the conclusion to the end of the review."]


def test_review_has_at_most_one_conclusion():
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), track("Sleepwalker"), conclusion(), conclusion())
    assert non_block_messages(error.value) == ["A review has at most one conclusion."]


def test_track_title_may_not_repeat_in_one_review():
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), track("Photograph"), track(" photograph "), conclusion())
    assert list(error.value.block_errors) == [2]
    track_title_error = error.value.block_errors[2].block_errors["track_title"]
    assert track_title_error.messages == ["This track already has a commentary in this review."]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Café", "Cafe\u0301"),  # composed, and with a combining accent
        ("Photograph", "ＰＨＯＴＯＧＲＡＰＨ"),  # full-width letters
        ("Loneliness #3", "loneliness  #3"),
        ("Straße", "STRASSE"),  # case-folded
    ],
)
def test_track_titles_that_differ_only_in_unicode_form_or_case_are_the_same(first, second):
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), track(first), track(second))
    assert list(error.value.block_errors) == [2]


@pytest.mark.parametrize("second", ["Caf\u00e9\u200b", "Caf\u00ad\u00e9", "\ufeffCAF\u00c9"])
def test_track_titles_that_differ_only_in_characters_that_take_no_space_are_the_same(second):
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), track("Café"), track(second))
    assert list(error.value.block_errors) == [2]


@pytest.mark.parametrize("title", ["\u200b", " \u00ad ", "\ufeff\u2060"])
def test_a_track_title_of_nothing_visible_is_refused(title):
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), track(title))
    assert "Give the track a title that can be read." in str(error.value.as_json_data())


def test_every_rule_is_reported_at_once_with_the_blocks_own_errors():
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro("<p> </p>"), track("Café"), track("Cafe\u0301"), conclusion("<p></p>"))
    messages = str(error.value.as_json_data())
    assert "it has nothing to read" in messages
    assert "This track already has a commentary in this review." in messages


@pytest.mark.parametrize(
    "html",
    ["<p></p>", "<p> </p>", "<p>&nbsp;</p>", "<p>\u200b</p>", "<p><br/></p>", "<ul><li></li></ul>"],
)
def test_an_intro_or_a_conclusion_with_nothing_to_read_is_refused(html):
    for body in (
        [intro(html), track("Sleepwalker")],
        [intro(), track("Sleepwalker"), conclusion(html)],
    ):
        with pytest.raises(StreamBlockValidationError) as error:
            clean(*body)
        assert "Write some text here: it has nothing to read." in str(error.value.as_json_data())


def test_a_review_discusses_at_most_150_tracks():
    tracks = [track(f"Track {number}") for number in range(MAX_TRACKS_PER_REVIEW + 1)]

    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), *tracks)

    assert "The maximum number of items is 150" in str(error.value.as_json_data())
    assert len(clean(intro(), *tracks[:-1])) == MAX_TRACKS_PER_REVIEW + 1


@pytest.mark.parametrize(
    "duration, seconds",
    [("4:05", 245), ("0:59", 59), ("12:00", 720), ("123:45", 7425), ("1:05:00", 3900)],
)
def test_duration_accepts_minutes_and_seconds_or_hours_minutes_and_seconds(duration, seconds):
    body = clean(intro(), track("Sleepwalker", duration=duration))

    assert body[1].block.get_api_representation(body[1].value)["duration_seconds"] == seconds


@pytest.mark.parametrize(
    "duration, message",
    [
        ("4:7", "Give the seconds two digits: 4:07, not 4:7."),
        ("1:05:0", "Give the seconds two digits: 1:05:00, not 1:05:0."),
        ("4:75", "Seconds go up to 59: did you mean 5:15?"),
        ("1:65:00", "With hours, give the minutes two digits up to 59"),
        ("four minutes", "Enter the duration as minutes:seconds, for example 4:05, or as"),
        ("100:00:00", "Ensure this value has at most 8 characters"),
    ],
)
def test_a_duration_gets_a_message_that_says_what_is_wrong(duration, message):
    with pytest.raises(StreamBlockValidationError) as error:
        clean(intro(), track("Sleepwalker", duration=duration))
    duration_error = error.value.block_errors[1].block_errors["duration"]
    assert message in " ".join(duration_error.messages)


def test_track_title_and_commentary_are_required():
    block = TrackCommentaryBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"track_title": "", "commentary": ""}))
    assert set(error.value.block_errors) == {"track_title", "commentary"}


def test_track_api_representation_adds_duration_in_seconds_and_nulls_blanks():
    block = TrackCommentaryBlock()
    value = block.to_python(
        {"track_title": "Photograph", "duration": "2:42", "commentary": "<p>Long chords.</p>"}
    )
    representation = block.get_api_representation(value)
    assert representation["duration"] == "2:42"
    assert representation["duration_seconds"] == 162
    assert representation["scene"] is None
    assert representation["quote"] is None
    assert representation["artists"] == []


def test_optional_fields_left_blank_in_the_admin_come_out_as_null():
    track_block = TrackCommentaryBlock()
    conclusion_block = ConclusionBlock()
    track_value = track_block.to_python(
        {"track_title": "Dimensions", "commentary": "<p>Slow.</p>", "scene": "", "quote": ""}
    )
    conclusion_value = conclusion_block.to_python({"text": "<p>End.</p>", "verdict": ""})

    track = track_block.get_api_representation(track_value)
    conclusion = conclusion_block.get_api_representation(conclusion_value)

    assert (track["scene"], track["quote"], track["track_title"]) == (None, None, "Dimensions")
    assert conclusion == {"text": "<p>End.</p>", "verdict": None}


@pytest.mark.parametrize("duration", ["abc", "4:7", 245])
def test_a_duration_that_is_not_minutes_and_seconds_comes_out_without_seconds(duration):
    block = TrackCommentaryBlock()
    value = block.to_python({"track_title": "One", "commentary": "<p>x</p>", "duration": duration})

    assert block.get_api_representation(value)["duration_seconds"] is None
