"""The benchmark's endpoints measure what `make bench` says they do."""

import pytest

from tests.factories import make_review


@pytest.fixture(autouse=True)
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


@pytest.fixture
def review(review_index):
    return make_review(review_index, title="Her")


def without_detail_urls(data):
    """The JSON without its API addresses, which name the endpoint that served it."""
    if isinstance(data, dict):
        return {
            key: without_detail_urls(value) for key, value in data.items() if key != "detail_url"
        }
    if isinstance(data, list):
        return [without_detail_urls(item) for item in data]
    return data


def test_the_cold_endpoint_serves_the_api_json_without_caching_it(
    client, review, django_assert_max_num_queries
):
    cached = client.get(f"/api/v2/pages/{review.pk}/").json()
    client.get(f"/bench/cold/api/v2/pages/{review.pk}/")

    with django_assert_max_num_queries(100) as queries:
        cold = client.get(f"/bench/cold/api/v2/pages/{review.pk}/").json()

    assert len(queries) > 5  # built afresh, not read from the cache
    assert without_detail_urls(cold) == without_detail_urls(cached)


def test_the_stock_endpoint_is_wagtails_own(client, review):
    stock = client.get(f"/bench/stock/api/v2/pages/{review.pk}/")

    # Wagtail's viewset pretty-prints; the project's answers compact JSON.
    assert stock.content.startswith(b'{\n    "id"')
    assert stock.json()["title"] == "Her"


def test_the_bare_endpoint_answers_fixed_json(client, db):
    response = client.get("/bench/bare/")

    assert response.status_code == 200
    assert response.json()["padding"] == ""
