"""Form data for the admin's review editor, as an editor's browser would post it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def track_form_value(title, **fields):
    return {
        "track_title": title,
        "track_number": "",
        "artists": {"count": 0},
        "duration": "",
        "scene": "",
        "commentary": rich_text(f"<p>On {title}.</p>"),
        "quote": "",
        "listening_link": "",
        **fields,
    }


def review_form_data(film, body, **fields):
    return nested_form_data(
        {
            "title": "Her, track by track",
            "slug": "her-track-by-track",
            "film": film.pk,
            "reviewer": "",
            "teaser": "A score that lifts its film.",
            "rating": "4.5",
            "tags": "bittersweet, ambient",
            "hero_image": "",
            "album_title": "Her (Original Score)",
            "album_label": "",
            "album_release_year": "",
            "body": streamfield(body),
            "comments": inline_formset([]),
            **fields,
        }
    )
