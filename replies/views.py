"""The admin's views of replies: the listing, and writing a reply from the staff."""

from django.conf import settings
from wagtail.snippets.views.snippets import CreateView, IndexView

from .models import Reply
from .moderation import forget_old_addresses_now_and_then


class ReplyIndexView(IndexView):
    """Newest first, each with its review's title, loaded with the replies."""

    default_ordering = "-created_at"

    def get_filterset_kwargs(self):
        # A review id that is not one would reach the database as it is, and fail there.
        kwargs = super().get_filterset_kwargs()
        if "page" in kwargs["data"] and as_id(kwargs["data"]["page"]) is None:
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"]["page"] = "none"
        return kwargs

    def get_base_queryset(self):
        forget_old_addresses_now_and_then()
        return super().get_base_queryset().select_related("page")


class StaffReplyCreateView(CreateView):
    """A reply from the staff: approved at once, signed with the site's name unless the
    editor signs it otherwise (their own name is theirs to publish, not ours), with the
    editor as its author. ``?page=`` and ``?parent=`` say what it answers."""

    def get_initial_form_instance(self):
        reply = Reply(
            is_staff=True,
            status=Reply.Status.APPROVED,
            name=settings.WAGTAIL_SITE_NAME,
            author=self.request.user,
        )
        parent, page = (as_id(self.request.GET.get(name, "")) for name in ("parent", "page"))
        if parent and (answered := Reply.objects.filter(pk=parent).first()):
            reply.parent, reply.page_id = answered, answered.page_id
        elif page:
            reply.page_id = page
        return reply


def as_id(value):
    """The id a query parameter gives, or None: ids are a few ASCII digits."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None
