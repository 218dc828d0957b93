from django.urls import reverse
from wagtail.images.views.images import DeleteView

from .usage import refuse_deleting_what_reviews_use


class ImageDeleteView(DeleteView):
    """Wagtail's image delete view, refused while a review uses the image."""

    def run_before_hook(self):
        back_url = reverse("wagtailimages:edit", args=[self.object.pk])
        return refuse_deleting_what_reviews_use(self.request, [self.object], back_url)
