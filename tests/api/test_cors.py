"""Browsers let the frontend, and only the frontend, read the API."""

import pytest
from django.urls import reverse

LISTING_URL = reverse("wagtailapi_v2:pages:listing")


def test_the_frontend_origin_may_read_the_api(client, db):
    response = client.get(LISTING_URL, headers={"Origin": "http://localhost:8020"})

    assert response["Access-Control-Allow-Origin"] == "http://localhost:8020"


def test_the_frontend_may_send_a_preflight_request(client, db):
    response = client.options(
        LISTING_URL,
        headers={"Origin": "http://localhost:8020", "Access-Control-Request-Method": "GET"},
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "http://localhost:8020"


@pytest.mark.parametrize(
    "origin", ["http://localhost:8021", "https://localhost:8020", "http://evil.example"]
)
def test_other_origins_may_not(client, db, origin):
    response = client.get(LISTING_URL, headers={"Origin": origin})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_the_admin_is_not_opened_to_the_frontend(client, db):
    response = client.get("/admin/login/", headers={"Origin": "http://localhost:8020"})

    assert "Access-Control-Allow-Origin" not in response
