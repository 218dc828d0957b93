"""Editors preview drafts in the frontend, which reads them from /api/v2/page_preview/."""

import datetime
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text
from wagtail_headless_preview.models import PagePreview

from content.models import FilmReviewPage
from tests.factories import FilmFactory, make_review, sign_preview_token_at
from tests.forms import review_form_data, track_form_value

PREVIEW_URL = reverse("wagtailapi_v2:page_preview:preview")


def draft_body(intro_text):
    return [
        ("intro", rich_text(f"<p>{intro_text}</p>")),
        ("track_commentary", track_form_value("Sleepwalker")),
        ("track_commentary", track_form_value("Photograph")),
        ("conclusion", {"text": rich_text("<p>Bittersweet.</p>"), "verdict": "Hopeful."}),
    ]


def open_preview(client, preview_url, form_data):
    """Posts the editor's form to the admin's preview view, as the preview panel does,
    then opens the preview and returns the frontend URL it redirects to."""
    assert client.post(preview_url, form_data).json()["is_valid"]
    response = client.get(preview_url)
    assert response.status_code == 302
    return response["Location"]


def preview_params(frontend_url):
    query = parse_qs(urlsplit(frontend_url).query)
    return {"content_type": query["content_type"][0], "token": query["token"][0]}


@pytest.fixture
def review(review_index):
    review = make_review(review_index, title="Her, live", slug="her", film=FilmFactory(title="Her"))
    return FilmReviewPage.objects.get(pk=review.pk)


@pytest.fixture
def edit_preview_url(review):
    return reverse("wagtailadmin_pages:preview_on_edit", args=[review.pk])


def test_admin_preview_redirects_to_the_frontend_with_a_token(
    admin_client, admin_user, review, edit_preview_url
):
    location = open_preview(
        admin_client, edit_preview_url, review_form_data(review.film, draft_body("Draft."))
    )

    assert location.startswith("http://localhost:8020/?")
    params = preview_params(location)
    assert params["content_type"] == "content.filmreviewpage"
    assert params["token"].startswith(f"id={review.pk};editor={admin_user.pk}:")


def test_preview_of_an_unchanged_page_is_its_live_detail_json_marked_as_a_preview(
    client, review, admin_user
):
    preview = review.create_page_preview(editor=admin_user)

    previewed = client.get(
        PREVIEW_URL, {"content_type": "content.filmreviewpage", "token": preview.token}
    ).json()
    live = client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk])).json()

    assert previewed.pop("meta") == {**live.pop("meta"), "is_preview": True}
    assert previewed == live


@pytest.mark.parametrize(
    "template, expected",
    [
        (
            "https://reviews.example/api/draft?token={token}&path={path}",
            "https://reviews.example/api/draft?token=TOKEN&path=/reviews/her-2013/",
        ),
        (
            "https://reviews.example/preview{path}?type={content_type}&t={token}",
            "https://reviews.example/preview/reviews/her-2013/?type=content.filmreviewpage&t=TOKEN",
        ),
    ],
)
def test_the_preview_goes_where_frontend_preview_url_says(
    admin_client, admin_user, review, edit_preview_url, settings, template, expected
):
    settings.FRONTEND_PREVIEW_URL = template
    form = review_form_data(review.film, draft_body("Draft."), slug="her-2013")

    location = open_preview(admin_client, edit_preview_url, form)

    token = parse_qs(urlsplit(location).query)["token" if "token=" in location else "t"][0]
    assert token.startswith(f"id={review.pk};editor={admin_user.pk}:")
    assert location == expected.replace("TOKEN", quote(token, safe=""))


def test_preview_shows_the_draft_while_the_live_page_keeps_its_content(
    admin_client, client, review, edit_preview_url
):
    location = open_preview(
        admin_client,
        edit_preview_url,
        review_form_data(review.film, draft_body("Unpublished thoughts."), title="Her, redrafted"),
    )

    previewed = client.get(PREVIEW_URL, preview_params(location)).json()
    live = client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk])).json()

    assert previewed["id"] == review.pk
    assert previewed["title"] == "Her, redrafted"
    assert previewed["body"][0]["type"] == "intro"
    assert "Unpublished thoughts." in previewed["body"][0]["value"]
    assert [track["title"] for track in previewed["tracklist"]] == ["Sleepwalker", "Photograph"]
    assert previewed["meta"]["html_url"] == "http://localhost:8020/reviews/her/"
    assert live["title"] == "Her, live"


def test_preview_serves_a_page_that_was_never_saved(admin_client, client, review_index):
    film = FilmFactory(title="Arrival")
    add_preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["content", "filmreviewpage", review_index.pk]
    )

    location = open_preview(
        admin_client,
        add_preview_url,
        review_form_data(film, draft_body("A first draft."), title="Arrival, first draft"),
    )
    response = client.get(PREVIEW_URL, preview_params(location))

    assert response.status_code == 200
    page = response.json()
    assert page["id"] is None
    assert "detail_url" not in page["meta"]
    assert page["meta"]["type"] == "content.FilmReviewPage"
    assert page["title"] == "Arrival, first draft"
    assert page["film"]["title"] == "Arrival"
    assert "A first draft." in page["body"][0]["value"]
    assert not FilmReviewPage.objects.filter(title="Arrival, first draft").exists()


def test_rich_text_format_works_in_preview_as_in_the_detail_view(client, review, admin_user):
    preview = review.create_page_preview(editor=admin_user)

    response = client.get(
        PREVIEW_URL,
        {
            "content_type": "content.filmreviewpage",
            "token": preview.token,
            "rich_text_format": "markdown",
        },
    )

    assert response.json()["body"][0]["value"].strip() == "An intro."


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({}, 400, "content_type must name a page type, for example content.filmreviewpage"),
        ({"content_type": "content.filmreviewpage"}, 400, "token is required"),
        ({"content_type": "auth.user", "token": "x"}, 400, "content_type must name a page"),
        ({"content_type": "nonsense", "token": "x"}, 400, "content_type must name a page"),
        ({"content_type": "content.filmreviewpage", "token": "garbage"}, 403, "not valid"),
        (
            {"content_type": "content.filmreviewpage", "token": "x", "page": "1"},
            400,
            "query parameter is not an operation or a recognised field: page",
        ),
    ],
)
def test_bad_preview_requests_get_a_json_error(client, db, params, status, message):
    response = client.get(PREVIEW_URL, params)

    assert response.status_code == status
    assert message in response.json()["message"]


def test_a_tampered_token_is_refused(client, review, admin_user):
    token = review.create_page_preview(editor=admin_user).token
    identifier, timestamp, signature = token.split(":")
    tampered = f"id={review.pk + 1};editor={admin_user.pk}:{timestamp}:{signature}"
    PagePreview.objects.create(
        token=tampered, content_type=review.content_type, content_json=review.to_json()
    )

    response = client.get(
        PREVIEW_URL, {"content_type": "content.filmreviewpage", "token": tampered}
    )

    assert response.status_code == 403
    assert response.json() == {"message": "this preview link is not valid"}


def test_a_token_expires_after_preview_token_max_age(client, review, settings, admin_user):
    settings.PREVIEW_TOKEN_MAX_AGE = 600
    preview = review.create_page_preview(editor=admin_user)
    preview.token = sign_preview_token_at(
        datetime.datetime.now() - datetime.timedelta(seconds=601),
        f"id={review.pk};editor={admin_user.pk}",
    )
    preview.save()

    response = client.get(
        PREVIEW_URL, {"content_type": "content.filmreviewpage", "token": preview.token}
    )

    assert response.status_code == 403
    assert "expired" in response.json()["message"]
    assert "Her" not in response.content.decode()


def test_a_token_is_good_only_for_its_own_content_type(client, review, admin_user):
    preview = review.create_page_preview(editor=admin_user)

    response = client.get(
        PREVIEW_URL, {"content_type": "content.reviewindexpage", "token": preview.token}
    )

    assert response.status_code == 404
    assert response.json() == {"message": "no preview for this token and content_type"}


def test_previews_are_never_cached(client, review, admin_user):
    preview = review.create_page_preview(editor=admin_user)

    good = client.get(
        PREVIEW_URL, {"content_type": "content.filmreviewpage", "token": preview.token}
    )
    bad = client.get(PREVIEW_URL, {"content_type": "content.filmreviewpage", "token": "x"})

    for response in (good, bad):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_opening_a_preview_deletes_drafts_of_expired_tokens(
    admin_client, admin_user, review, edit_preview_url
):
    expired = PagePreview.objects.create(
        token=sign_preview_token_at(
            datetime.datetime.now() - datetime.timedelta(hours=2),
            f"id={review.pk};editor={admin_user.pk}",
        ),
        content_type=review.content_type,
        content_json=review.to_json(),
    )

    location = open_preview(
        admin_client, edit_preview_url, review_form_data(review.film, draft_body("Draft."))
    )

    assert not PagePreview.objects.filter(pk=expired.pk).exists()
    assert list(PagePreview.objects.values_list("token", flat=True)) == [
        preview_params(location)["token"]
    ]


def an_editor():
    editor = get_user_model().objects.create_user(username="writer", password="secret")
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def lose_group(editor):
    editor.groups.clear()


def deactivate(editor):
    editor.is_active = False
    editor.save()


def delete(editor):
    editor.delete()


@pytest.mark.parametrize("lose_permission", [lose_group, deactivate, delete])
def test_a_token_is_refused_once_its_editor_may_no_longer_edit_the_page(
    client, review, edit_preview_url, lose_permission
):
    editor = an_editor()
    client.force_login(editor)
    params = preview_params(
        open_preview(client, edit_preview_url, review_form_data(review.film, draft_body("Mine.")))
    )
    client.logout()
    assert client.get(PREVIEW_URL, params).status_code == 200

    lose_permission(editor)
    response = client.get(PREVIEW_URL, params)

    assert response.status_code == 403
    assert response.json() == {
        "message": "the editor who opened this preview can no longer edit the page"
    }


def test_a_token_for_a_new_page_is_refused_once_its_editor_may_not_add_it(client, review_index):
    editor = an_editor()
    client.force_login(editor)
    add_preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["content", "filmreviewpage", review_index.pk]
    )
    params = preview_params(
        open_preview(client, add_preview_url, review_form_data(FilmFactory(), draft_body("New.")))
    )
    client.logout()
    assert client.get(PREVIEW_URL, params).status_code == 200

    lose_group(editor)

    assert client.get(PREVIEW_URL, params).status_code == 403


def test_a_signed_token_that_names_no_editor_is_refused(client, review):
    token = FilmReviewPage.get_preview_signer().sign(f"id={review.pk}")
    PagePreview.objects.create(
        token=token, content_type=review.content_type, content_json=review.to_json()
    )

    response = client.get(PREVIEW_URL, {"content_type": "content.filmreviewpage", "token": token})

    assert response.status_code == 403
    assert response.json() == {"message": "this preview link is not valid"}


def test_a_draft_with_an_intro_alone_and_no_film_previews(admin_client, client, review_index):
    add_preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["content", "filmreviewpage", review_index.pk]
    )
    form_data = review_form_data(
        FilmFactory(), [("intro", rich_text("<p>Only an intro so far.</p>"))], teaser=""
    ) | {"film": ""}

    location = open_preview(admin_client, add_preview_url, form_data)
    page = client.get(PREVIEW_URL, preview_params(location)).json()

    assert page["film"] is None
    assert page["teaser"] == ""
    assert [block["type"] for block in page["body"]] == ["intro"]
    assert page["tracklist"] == []
