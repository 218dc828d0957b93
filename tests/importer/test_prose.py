"""Prose becomes the review's structure: the cases real blog reviews bring."""

import pytest

from importer.prose import blog_rating, structure


def tracks(review):
    return [(track.title, track.paragraphs) for track in review.tracks]


def test_intro_tracks_in_order_and_a_conclusion():
    review = structure(
        [
            "A score woven into its film.",
            "The story is small; the music is not.",
            "“Sleepwalker” opens in a curious mood.",
            "“Photograph” is brief.",
            "Overall, the music serves the story.",
        ],
        "Her",
    )

    assert review.intro == ["A score woven into its film.", "The story is small; the music is not."]
    assert tracks(review) == [
        ("Sleepwalker", ["“Sleepwalker” opens in a curious mood."]),
        ("Photograph", ["“Photograph” is brief."]),
    ]
    assert review.conclusion == ["Overall, the music serves the story."]


def test_straight_and_curly_quotes_with_the_sentences_comma_inside():
    review = structure(
        ["Intro.", '"Sleepwalker," it begins.', "“Dimensions.” That is all.", "The end."],
        "Her",
    )

    assert [track.title for track in review.tracks] == ["Sleepwalker", "Dimensions"]


def test_titles_keep_digits_hashes_parentheses_and_apostrophes():
    review = structure(
        ["Intro.", "“Loneliness #3 (Night Talking)” lingers.", "“Theodore's Theme” hums.", "End."],
        "Her",
    )

    assert [track.title for track in review.tracks] == [
        "Loneliness #3 (Night Talking)",
        "Theodore's Theme",
    ]


def test_a_paragraph_that_lost_its_opening_quote_still_names_its_track():
    review = structure(["Intro.", "Some Other Places” is the plainest piece.", "End."], "Her")

    assert tracks(review) == [("Some Other Places", ["“Some Other Places” is the plainest piece."])]


def test_the_films_own_title_in_quotes_is_no_track():
    review = structure(
        ["“Her” is a film about talking.", "“Sleepwalker” opens “Her” well.", "The end."], "her"
    )

    assert review.intro == ["“Her” is a film about talking."]
    assert [track.title for track in review.tracks] == ["Sleepwalker"]


def test_two_tracks_in_one_paragraph_each_get_their_sentences():
    review = structure(
        ["Intro.", "“Dimensions” starts slowly. “Photograph” rushes. Both end softly.", "End."],
        "Her",
    )

    assert tracks(review) == [
        ("Dimensions", ["“Dimensions” starts slowly."]),
        ("Photograph", ["“Photograph” rushes. Both end softly."]),
    ]


def test_two_tracks_in_one_sentence_each_have_it_and_the_editor_is_told():
    review = structure(["Intro.", "“A” and “B” share a plainness.", "End."], "Film")

    assert tracks(review) == [
        ("A", ["“A” and “B” share a plainness."]),
        ("B", ["“A” and “B” share a plainness."]),
    ]
    assert review.points_to_check == [
        "“A”, “B” are discussed together: the text is under each of them, to trim."
    ]


def test_a_commentary_over_two_paragraphs_stays_with_its_track():
    review = structure(
        ["Intro.", "“Photograph” opens on long chords.", "Then it turns faster.", "The end."],
        "Her",
    )

    assert tracks(review) == [
        ("Photograph", ["“Photograph” opens on long chords.", "Then it turns faster."])
    ]
    assert review.conclusion == ["The end."]


def test_a_sentence_that_opens_with_a_known_track_returns_to_it():
    review = structure(
        ["Intro.", "“A” is quiet.", "“B” is loud. “A” comes back here, softer.", "End."], "Film"
    )

    assert tracks(review) == [
        ("A", ["“A” is quiet.", "“A” comes back here, softer."]),
        ("B", ["“B” is loud."]),
    ]


def test_a_last_paragraph_that_names_a_new_track_is_no_conclusion():
    review = structure(["Intro.", "“A” is quiet.", "“B” closes the record."], "Film")

    assert review.conclusion == []
    assert "No closing paragraph was found: the review has no conclusion." in (
        review.points_to_check
    )


def test_emphasis_survives_and_a_sentence_is_not_cut_through_a_tag():
    review = structure(["Intro.", "“A” is <i>quiet. Very</i> quiet. “B” is loud.", "End."], "Film")

    whole = "“A” is <i>quiet. Very</i> quiet. “B” is loud."
    assert tracks(review) == [("A", [whole]), ("B", [whole])]
    assert review.points_to_check == [
        "“A”, “B” are discussed together: the text is under each of them, to trim."
    ]


def test_sentences_before_the_first_track_stay_in_the_intro():
    review = structure(["Intro.", "The album opens quietly. “Main Title” is soft.", "End."], "F")

    assert review.intro == ["Intro.", "The album opens quietly."]
    assert tracks(review) == [("Main Title", ["“Main Title” is soft."])]


def test_a_full_stop_inside_a_title_or_after_an_abbreviation_ends_no_sentence():
    review = structure(
        [
            "Intro.",
            "“Opening” is fine. “St. Elmo's Fire” is soft, as Mr. Parr meant it.",
            "“Mr. Blue Sky” is a cover.",
            "End.",
        ],
        "F",
    )

    assert tracks(review) == [
        ("Opening", ["“Opening” is fine."]),
        ("St. Elmo's Fire", ["“St. Elmo's Fire” is soft, as Mr. Parr meant it."]),
        ("Mr. Blue Sky", ["“Mr. Blue Sky” is a cover."]),
    ]


def test_a_lost_opening_quote_is_found_with_straight_quotes_and_inside_emphasis():
    review = structure(
        ["Intro.", 'Main Title" is soft.', "<i>Rock &amp; Roll</i>” is loud.", "End."], "F"
    )

    assert tracks(review) == [
        ("Main Title", ['"Main Title" is soft.']),
        ("Rock & Roll", ["<i>“Rock &amp; Roll</i>” is loud."]),
    ]


def test_a_measure_in_inches_is_no_title():
    review = structure(["Intro.", 'The 12" pressing is nice. “Main Title” is soft.', "End."], "F")

    assert [track.title for track in review.tracks] == ["Main Title"]


def test_quoted_words_that_are_no_titles_are_set_aside_for_the_editor():
    review = structure(
        [
            "Intro.",
            "“Main Title” is the opposite of “epic”, and all the better for it.",
            'When she says "I know what this is" the strings fall away into "Dimensions".',
            "“The Moon Song” borrows from the album “Love Songs for Machines”, "
            "and recalls the film “Lost in Translation”.",
            "Zimmer tried the same in “Inception”. “Arrival” was colder.",
            "A critic called it “a quiet miracle of restraint that never once raises its "
            "voice above a murmur”. Then came “Photograph”.",
            "The end.",
        ],
        "Her",
        other_films={"inception"},
    )

    assert [track.title for track in review.tracks] == [
        "Main Title",
        "Dimensions",
        "The Moon Song",
        "Arrival",
        "Photograph",
    ]
    assert review.points_to_check[0] == (
        "Quoted, but not taken for tracks: “epic”, “I know what this is”, "
        "“Love Songs for Machines”, “Lost in Translation”, “Inception”, “a quiet miracle of "
        "restraint that never once raises its voice above a murmur”."
    )
    # The sentences stay with the track discussed, the quotes in them untouched.
    assert review.tracks[2].paragraphs == [
        "“The Moon Song” borrows from the album “Love Songs for Machines”, "
        "and recalls the film “Lost in Translation”.",
        "Zimmer tried the same in “Inception”.",
    ]


def test_a_line_of_dialogue_in_the_intro_does_not_start_the_tracks():
    review = structure(
        ["As Samantha asks, “Are these feelings even real?”", "“Sleepwalker” is warm.", "End."],
        "Her",
    )

    assert review.intro == ["As Samantha asks, “Are these feelings even real?”"]
    assert [track.title for track in review.tracks] == ["Sleepwalker"]


def test_french_german_and_mismatched_quotes_name_tracks_too():
    review = structure(
        ["Intro.", "«La Valse des Monstres» spins.", "„Nachtfahrt“ drives.", '"Ice Field” cracks.'],
        "F",
    )

    assert [track.title for track in review.tracks] == [
        "La Valse des Monstres",
        "Nachtfahrt",
        "Ice Field",
    ]


def test_titles_in_single_quotes_are_read_where_none_is_in_double_quotes():
    review = structure(
        [
            "Intro, where the director’s cut isn’t discussed.",
            "‘The Tailor’s Needle’ is the main theme.",
            "'Tea for One' is gentler, and the musicians' timing is superb.",
            "Overall, elegant.",
        ],
        "Phantom Thread",
    )

    assert [track.title for track in review.tracks] == ["The Tailor’s Needle", "Tea for One"]
    assert "The tracks were read from titles in single quotes." in review.points_to_check


def test_a_track_named_in_the_first_paragraph_leaves_it_the_intro():
    review = structure(
        [
            "Everyone came for “Night Drive”, and stayed for the rest.",
            "“Rubber Soul Cue” is cold.",
            "“Night Drive” itself is warmer than you remember.",
            "All in all, night music.",
        ],
        "Drive",
    )

    assert review.intro == ["Everyone came for “Night Drive”, and stayed for the rest."]
    assert [track.title for track in review.tracks] == ["Rubber Soul Cue", "Night Drive"]
    assert not any("in passing" in point for point in review.points_to_check)


def test_a_track_named_only_in_the_intro_is_pointed_out():
    review = structure(
        ["The single “Night Drive” sold it.", "“Rubber Soul Cue” is cold.", "The end."], "Drive"
    )

    assert [track.title for track in review.tracks] == ["Rubber Soul Cue"]
    assert "The intro names “Night Drive” in passing: no commentary of its own." in (
        review.points_to_check
    )


def test_the_original_of_a_sequel_and_a_quoted_line_are_no_tracks():
    review = structure(
        [
            "Intro.",
            "Fans of “Dune” will know the voice in “Ornithopter Flight”.",
            "Her “Fear is the mind-killer” line sits over “Sand Walk”.",
            "The end.",
        ],
        "Dune: Part Two",
    )

    assert [track.title for track in review.tracks] == ["Ornithopter Flight", "Sand Walk"]


def test_a_title_typed_with_another_apostrophe_is_the_same_track():
    review = structure(
        ["Intro.", "“Mia’s Theme” is tender.", 'Later "Mia\'s Theme" returns.', "The end."],
        "F",
    )

    assert tracks(review) == [
        ("Mia’s Theme", ["“Mia’s Theme” is tender.", 'Later "Mia\'s Theme" returns.'])
    ]


@pytest.mark.parametrize(
    "line, rating",
    [
        ("Rating: 8/10", "4.0"),
        ("My score – 3.5 out of 5 stars.", "3.5"),
        ("★★★★½", "4.5"),
        ("Verdict: 7/10", "3.5"),
        ("93/100", "4.5"),
    ],
)
def test_the_blogs_rating_line_becomes_the_rating(line, rating):
    paragraphs, found, as_written = blog_rating(["Intro.", "“A” is fine.", "The end.", line])

    assert (paragraphs, str(found), as_written) == (
        ["Intro.", "“A” is fine.", "The end."],
        rating,
        line,
    )


def test_a_sentence_with_a_number_is_no_rating():
    paragraphs = ["Intro.", "It is 8/10 of a good score, and the rest is padding."]

    assert blog_rating(paragraphs) == (paragraphs, None, None)
