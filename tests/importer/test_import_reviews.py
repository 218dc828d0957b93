"""python manage.py import_reviews: prose reviews become drafts, once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from content.models import FilmReviewPage
from content.snippets import Film
from tests.factories import FilmFactory

HER = """“Her” Soundtrack Review: warm static

A score woven through its film. It lifts every scene it touches.

“Sleepwalker,” opens the record in a curious mood.

Some Other Places” mixes the feelings that come out of love.

All in all, music that serves the story.

Leave a Reply
"""


def run(*args):
    out = StringIO()
    call_command("import_reviews", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def her_file(tmp_path):
    path = tmp_path / "her.txt"
    path.write_text(HER, encoding="utf-8")
    return path


def test_a_prose_review_becomes_a_structured_draft(review_index, her_file):
    her = FilmFactory(title="HER", release_year=2013)

    output = run(her_file)

    review = FilmReviewPage.objects.get()
    assert output.split()[:2] == ["created", f"#{review.pk}"]
    assert (review.live, review.film, review.get_parent().specific) == (False, her, review_index)
    assert review.teaser == "A score woven through its film. It lifts every scene it touches."
    assert [block.block_type for block in review.body] == [
        "intro",
        "track_commentary",
        "track_commentary",
        "conclusion",
    ]
    assert [track["title"] for track in review.tracklist] == ["Sleepwalker", "Some Other Places"]
    assert review.body[3].value["text"].source == "<p>All in all, music that serves the story.</p>"
    assert review.get_latest_revision() is not None


def test_importing_the_same_file_again_creates_nothing(review_index, her_file):
    FilmFactory(title="Her", release_year=2013)
    run(her_file)

    output = run(her_file)

    assert output.startswith("skipped")
    assert FilmReviewPage.objects.count() == 1


def test_a_dry_run_writes_nothing(review_index, her_file):
    output = run(her_file, "--dry-run")

    assert output.startswith("would be created")
    assert not FilmReviewPage.objects.exists()
    assert not Film.objects.exists()


def test_a_film_is_matched_in_any_case_and_accent(review_index, tmp_path):
    amelie = FilmFactory(title="Amélie", release_year=2001)
    path = tmp_path / "amelie.md"
    path.write_text("# AMELIE soundtrack review\n\nIntro.\n\n“La Valse d'Amélie” turns.\n\nEnd.")

    run(path)

    assert FilmReviewPage.objects.get().film == amelie


def test_a_film_not_yet_known_is_added_when_the_headline_gives_its_year(review_index, tmp_path):
    path = tmp_path / "moon.txt"
    path.write_text("Review: Moon (2009)\n\nIntro.\n\n“Welcome to Lunar Industries” hums.\n\nEnd.")

    output = run(path)

    assert Film.objects.get().release_year == 2009
    assert "The film “Moon” (2009) was added: complete its credits." in output


def test_without_a_year_the_draft_waits_for_its_film(review_index, tmp_path):
    path = tmp_path / "moon.txt"
    path.write_text(
        "Moon Soundtrack Review\n\nIntro.\n\n“Welcome to Lunar Industries” hums.\n\nEnd."
    )

    output = run(path)

    assert FilmReviewPage.objects.get().film is None
    assert "the headline gives no year to add it with. Choose it in the draft." in " ".join(
        output.split()
    )


def test_film_names_the_film_where_the_headline_does_not(review_index, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Late-night listening\n\nIntro.\n\n“Photograph” is brief.\n\nEnd.")

    without = run(path)
    review = FilmReviewPage.objects.get()
    assert (without.split()[0], review.film) == ("created", None)
    assert "No film: the headline names none. Choose it in the draft." in without

    named = run(path, "--film", "Her (2013)")

    draft = FilmReviewPage.objects.get(pk=review.pk).get_latest_revision_as_object()
    assert named.split()[:2] == ["updated", f"#{review.pk}"]
    assert (draft.film.title, draft.film.release_year) == ("Her", 2013)


def test_a_review_that_names_no_track_is_refused_and_nothing_is_written(review_index, tmp_path):
    path = tmp_path / "essay.txt"
    path.write_text("Review: Her (2013)\n\nNo track is named here.\n\nNor here.")

    output = run(path)

    assert output.startswith("refused")
    assert "Add at least one track commentary." in output
    assert not FilmReviewPage.objects.exists()


@pytest.mark.parametrize(
    "name, content, reason",
    [("empty.txt", "", "no paragraphs to read"), ("missing.txt", None, "No such file")],
)
def test_an_unreadable_file_stops_with_a_reason(review_index, tmp_path, name, content, reason):
    if content is not None:
        (tmp_path / name).write_text(content)

    with pytest.raises(CommandError, match=reason):
        run(tmp_path / name)
    assert not FilmReviewPage.objects.exists()


@pytest.mark.parametrize(
    "headline, film",
    [
        ("Review – Arrival (2016)", "Arrival"),
        ("Soundtrack Review: Arrival", "Arrival"),
        ("Arrival OST review", "Arrival"),
        ("Arrival (2016) Original Score Review", "Arrival"),
        ("Arrival Soundtrack Review: voices from elsewhere", "Arrival"),
        ("Arrival – Jóhann Jóhannsson (2016)", "Arrival"),
        ("Score review: Arrival by Jóhann Jóhannsson", "Arrival"),
        ("Jóhann Jóhannsson's Arrival score, revisited", "Arrival"),
        ("[Review] Arrival | a language of strings", "Arrival"),
        ("Listening diary #14: Arrival", "Arrival"),
        ("Soundtrack Spotlight: Arrival", "Arrival"),
        ("ARRIVAL review — the heptapods sing", "Arrival"),
        ("Listening to Arrival (2016) on vinyl", "Arrival"),
    ],
)
def test_headlines_of_many_shapes_name_their_film(review_index, tmp_path, headline, film):
    FilmFactory(title="Arrival", release_year=2016)
    path = tmp_path / "review.txt"
    path.write_text(f"{headline}\n\nIntro.\n\n“Heptapod B” chatters.\n\nEnd.")

    run(path)

    assert FilmReviewPage.objects.get().film.title == film


def test_a_review_without_an_intro_is_refused_saying_why(review_index, tmp_path):
    path = tmp_path / "moon.txt"
    path.write_text("Review: Moon (2009)\n\n“Welcome to Lunar Industries” opens it.\n\nEnd.")

    output = run(path)

    assert output.startswith("refused")
    assert "it discusses a track from its first words: there is no intro to take" in output


def test_a_films_title_is_told_from_its_label_and_composer_when_it_is_new(review_index, tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("Soundtrack Spotlight: Lost in Time – A. Composer (2003)\n\nIntro.\n\n“A” is.")

    run(path)

    assert Film.objects.get().title == "Lost in Time"


def test_the_blogs_rating_line_rates_the_review(review_index, her_file):
    her_file.write_text(HER.replace("Leave a Reply", "Rating: 9/10"), encoding="utf-8")

    output = run(her_file, "--film", "Her")

    review = FilmReviewPage.objects.get()
    assert str(review.rating) == "4.5"
    assert "check: The blog rated it “Rating: 9/10”: rated 4.5 / 5." in " ".join(output.split())


def test_post_content_without_a_headline_takes_its_files_name(review_index, tmp_path):
    path = tmp_path / "arrival-soundtrack-review.html"
    path.write_text("<p>Intro.</p><p>“Heptapod B” chatters.</p><p>Overall, fine.</p>")

    output = run(path)

    assert FilmReviewPage.objects.get().title == "Arrival soundtrack review"
    assert "The file has no headline: it was made from the file's name." in output
