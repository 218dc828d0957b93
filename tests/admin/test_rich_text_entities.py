"""Links and images in rich text that name nothing, or nothing the site has, are refused
on save with a message on the field: the editor's controls write none, a hand-made post
can."""

import json

import pytest
from wagtail.test.utils.form_data import rich_text

from tests.factories import ImageFactory
from tests.forms import ReviewEditorTestCase, track_form_value


def contentstate(entity_type, data, atomic=False):
    """The editor's JSON for one paragraph (or, ``atomic``, one image) holding an entity."""
    block = {
        "key": "a1b2c",
        "type": "atomic" if atomic else "unstyled",
        "depth": 0,
        "text": " " if atomic else "Arrival",
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": 0, "length": 1 if atomic else 7, "key": 0}],
        "data": {},
    }
    entity = {"type": entity_type, "mutability": "MUTABLE", "data": data}
    return json.dumps({"blocks": [block], "entityMap": {"0": entity}})


class TestEntitiesThroughTheAdmin(ReviewEditorTestCase):
    def publish_with_intro(self, intro):
        body = [("intro", intro), ("track_commentary", track_form_value("One"))]
        return self.publish_new_review(body)

    def test_a_link_to_a_page_that_does_not_exist_is_refused(self):
        response = self.publish_with_intro(contentstate("LINK", {"id": 999_999, "url": "/x/"}))

        self.assert_refused_and_nothing_saved(
            response, "A link in this text goes to a page that does not exist (id 999999)."
        )

    def test_a_link_whose_id_is_not_a_number_is_refused(self):
        response = self.publish_with_intro(contentstate("LINK", {"id": "abc", "url": "/x/"}))

        self.assert_refused_and_nothing_saved(
            response, "A link in this text goes to a page that does not exist (&#x27;abc&#x27;)."
        )

    def test_a_link_whose_id_no_database_holds_is_refused(self):
        response = self.publish_with_intro(
            contentstate("LINK", {"id": "99999999999999999999", "url": "/x/"})
        )

        self.assert_refused_and_nothing_saved(
            response, "A link in this text goes to a page that does not exist"
        )

    def test_a_link_to_a_document_that_does_not_exist_is_refused(self):
        response = self.publish_with_intro(contentstate("DOCUMENT", {"id": 4242}))

        self.assert_refused_and_nothing_saved(
            response, "A link in this text goes to a document that does not exist (id 4242)."
        )

    def test_an_image_in_a_format_the_site_does_not_have_is_refused(self):
        image = ImageFactory()
        data = {"id": image.pk, "format": "bogus", "alt": "Cover"}

        response = self.publish_with_intro(contentstate("IMAGE", data, atomic=True))

        self.assert_refused_and_nothing_saved(
            response, "An image in this text has a format this site lacks (&#x27;bogus&#x27;)."
        )

    def test_a_link_to_a_page_that_exists_is_kept(self):
        response = self.publish_with_intro(
            rich_text(f'<p><a linktype="page" id="{self.index.pk}">Reviews</a></p>')
        )

        self.assertEqual(response.status_code, 302)


@pytest.mark.parametrize(
    "html", ['<a linktype="page" id="1">', '<embed embedtype="image" id="1" format="fullwidth"/>']
)
def test_a_reference_check_asks_the_database_once_per_kind_of_link(
    html, db, django_assert_num_queries
):
    from headless.references import broken_references

    with django_assert_num_queries(1):
        broken_references([html * 50])
