"""Hostile rich text comes out of the API sanitised, whichever way it came in."""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from content.models import FilmReviewPage
from tests.factories import conclusion, intro, make_review, track
from tests.forms import ReviewEditorTestCase, track_form_value

# Each hides script in a way a browser would run it.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<p onclick=alert(1)>click</p>",
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href="  javascript:alert(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    '<object data="https://evil.example/x.swf"></object>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example"><input name="q"></form>',
]
FORMATS = ["html", "db_html", "markdown"]
# All that review prose may hold, in any format the API gives it.
HARMLESS_TAGS = {"p", "br", "b", "i", "a", "ol", "ul", "li", "img", "embed"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}


class MarkupAudit(HTMLParser):
    """Every element and attribute in a piece of HTML, as a browser would read them."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += attrs


def assert_harmless(markup, rich_text_format="html"):
    if rich_text_format == "markdown":
        # In Markdown, a backslash before "<" makes it a literal "<", not a tag.
        markup = markup.replace("\\<", "&lt;")
    audit = MarkupAudit()
    audit.feed(markup)
    assert audit.tags <= HARMLESS_TAGS, markup
    for name, value in audit.attributes:
        assert not name.startswith("on"), markup
        if name in ("href", "src"):
            assert urlsplit((value or "").strip()).scheme.lower() in SAFE_SCHEMES, markup


def rich_texts(detail):
    """The review's prose in an API response: intro, commentaries, conclusion."""
    for block in detail["body"]:
        if block["type"] == "intro":
            yield block["value"]
        elif block["type"] == "track_commentary":
            yield block["value"]["commentary"]
        else:
            yield block["value"]["text"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payloads_stored_by_code_come_out_of_the_api_sanitised(client, review_index, payload):
    """As from a command or an import, which no editor's form checked."""
    review = make_review(
        review_index,
        body=[
            intro(f"<p>Before {payload} after.</p>"),
            track("One", commentary=payload, listening_link="javascript:alert(1)"),
            conclusion(payload),
        ],
    )

    for rich_text_format in FORMATS:
        response = client.get(
            reverse("wagtailapi_v2:pages:detail", args=[review.pk]),
            {"rich_text_format": rich_text_format},
        )
        detail = response.json()
        for markup in rich_texts(detail):
            assert_harmless(markup, rich_text_format)
        assert "Before" in detail["body"][0]["value"] and "after." in detail["body"][0]["value"]
        assert detail["body"][1]["value"]["listening_link"] is None


def test_what_the_features_write_survives_sanitising(client, review_index):
    html = (
        '<p>A <b>bold</b>, <i>quiet</i> <a href="https://example.org/listen">score</a>.</p>'
        "<ul><li>One</li></ul>"
    )
    review = make_review(review_index, body=[intro(html), track("One")])

    detail = client.get(reverse("wagtailapi_v2:pages:detail", args=[review.pk])).json()

    assert detail["body"][0]["value"] == html


def hostile_contentstate():
    """What a hostile browser could post from Draftail: each payload typed as text, and
    linked to a javascript: address."""
    blocks = [
        {
            "key": f"b{number}",
            "text": payload,
            "type": "unstyled",
            "depth": 0,
            "inlineStyleRanges": [],
            "entityRanges": [{"offset": 0, "length": len(payload), "key": number}],
            "data": {},
        }
        for number, payload in enumerate(XSS_PAYLOADS)
    ]
    entities = {
        str(number): {
            "type": "LINK",
            "mutability": "MUTABLE",
            "data": {"url": "javascript:alert(1)"},
        }
        for number in range(len(XSS_PAYLOADS))
    }
    return json.dumps({"blocks": blocks, "entityMap": entities})


class TestPayloadsThroughTheAdmin(ReviewEditorTestCase):
    def test_payloads_typed_or_linked_in_the_editor_come_out_harmless(self):
        body = [("intro", hostile_contentstate())] + [
            ("track_commentary", track_form_value("One", commentary=hostile_contentstate()))
        ]

        self.publish_new_review(body)

        review = FilmReviewPage.objects.get(slug="her-track-by-track")
        for rich_text_format in FORMATS:
            api = self.client.get(
                reverse("wagtailapi_v2:pages:detail", args=[review.pk]),
                {"rich_text_format": rich_text_format},
            )
            for markup in rich_texts(api.json()):
                assert_harmless(markup, rich_text_format)

    def test_a_javascript_listening_link_is_refused_with_a_message(self):
        body = [
            ("intro", rich_text("<p>Intro.</p>")),
            ("track_commentary", track_form_value("One", listening_link="javascript:alert(1)")),
        ]

        response = self.publish_new_review(body)

        self.assert_refused_and_nothing_saved(response, "Enter a valid URL.")
