"""The frontend's preview loads Wagtail's user bar from /api/v2/page_preview/userbar/, so
that the editor's Checks panel can check the draft as the frontend renders it."""

import json
import re

import pytest
from django.urls import reverse

from content.models import FilmReviewPage
from tests.factories import FilmFactory, make_review

USERBAR_URL = reverse("wagtailapi_v2:page_preview:userbar")
AXE_CONFIGURATION = re.compile(
    r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', re.S
)


def axe_configuration(html):
    return json.loads(AXE_CONFIGURATION.search(html)[1])


@pytest.fixture
def review(review_index):
    review = make_review(review_index, title="Her, live", slug="her", film=FilmFactory(title="Her"))
    return FilmReviewPage.objects.get(pk=review.pk)


@pytest.fixture
def params(review, admin_user):
    token = review.create_page_preview(editor=admin_user).token
    return {"content_type": "content.filmreviewpage", "token": token}


def test_the_preview_panel_gets_a_hidden_user_bar_that_runs_the_content_checks(client, params):
    response = client.get(USERBAR_URL, {**params, "in_preview_panel": "true"})

    assert response.status_code == 200
    html = response.json()["html"]
    assert "<wagtail-userbar></wagtail-userbar>" in html
    assert re.search(r"<aside hidden\b", html)
    assert 'data-wagtail-userbar-origin="//testserver"' in html
    assert '<script src="//testserver/static/wagtailadmin/js/vendor.js' in html
    assert '<script src="//testserver/static/wagtailadmin/js/userbar.js' in html
    assert "Edit this page" not in html
    assert axe_configuration(html)["spec"]["allowedOrigins"] == [
        "<same_origin>",
        "http://127.0.0.1:8000",
        "http://localhost:8020",
        "http://127.0.0.1:8020",
    ]


def test_a_preview_in_its_own_tab_gets_the_whole_user_bar(client, params, review):
    html = client.get(USERBAR_URL, params).json()["html"]

    assert not re.search(r"<aside hidden\b", html)
    edit_url = reverse("wagtailadmin_pages:edit", args=[review.pk])
    assert f'href="//testserver{edit_url}"' in html
    assert "allowedOrigins" in axe_configuration(html)["spec"]


def test_the_editors_checks_panel_lets_axe_answer_the_frontend(admin_client, review):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk])).content.decode()

    assert "http://localhost:8020" in axe_configuration(html)["spec"]["allowedOrigins"]


def test_the_frontend_may_read_the_user_bar(client, params):
    response = client.get(USERBAR_URL, params, headers={"Origin": "http://localhost:8020"})

    assert response["Access-Control-Allow-Origin"] == "http://localhost:8020"


def test_the_user_bar_is_never_cached(client, params):
    assert "no-store" in client.get(USERBAR_URL, params)["Cache-Control"]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"token": "garbage"}, 403, "this preview link is not valid"),
        ({"in_preview_panel": "true", "fields": "*"}, 400, "recognised field: fields"),
        ({"in_preview_panel": "yes"}, 400, "in_preview_panel must be true or false"),
    ],
)
def test_bad_user_bar_requests_get_a_json_error(client, params, query, status, message):
    response = client.get(USERBAR_URL, {**params, **query})

    assert response.status_code == status
    assert message in response.json()["message"]


def test_the_user_bar_is_refused_once_its_editor_may_no_longer_edit(client, params, admin_user):
    admin_user.is_active = False
    admin_user.save()

    response = client.get(USERBAR_URL, params)

    assert response.status_code == 403
    assert "<wagtail-userbar>" not in response.content.decode()
