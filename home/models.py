from wagtail.models import Page

from headless.models import HeadlessPageMixin


class HomePage(HeadlessPageMixin, Page):
    """The root of the site: the frontend's front door, holding the review sections."""

    subpage_types = ["content.ReviewIndexPage"]
    max_count = 1
