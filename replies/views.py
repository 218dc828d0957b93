"""The admin's views of replies: the listing, and writing a reply from the staff."""

from wagtail.snippets.views.snippets import CreateView, IndexView

from .models import Reply
from .moderation import forget_old_addresses_now_and_then


class ReplyIndexView(IndexView):
    """Newest first, each with its review's title, loaded with the replies."""

    default_ordering = "-created_at"

    def get_base_queryset(self):
        forget_old_addresses_now_and_then()
        return super().get_base_queryset().select_related("page")


class StaffReplyCreateView(CreateView):
    """A reply from the staff: approved at once, signed with the editor's name unless
    they sign it otherwise. ``?page=`` and ``?parent=`` say what it answers."""

    def get_initial_form_instance(self):
        user = self.request.user
        reply = Reply(
            is_staff=True,
            status=Reply.Status.APPROVED,
            name=user.get_full_name() or user.get_username(),
            email=user.email,
            author=user,
        )
        parent, page = (self.request.GET.get(name, "") for name in ("parent", "page"))
        if parent.isdigit() and (answered := Reply.objects.filter(pk=parent).first()):
            reply.parent, reply.page_id = answered, answered.page_id
        elif page.isdigit():
            reply.page_id = int(page)
        return reply
