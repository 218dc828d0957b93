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
        parent = Reply.objects.filter(pk=self.request.GET.get("parent") or None).first()
        if parent is not None:
            reply.parent, reply.page_id = parent, parent.page_id
        elif (page := self.request.GET.get("page", "")).isdigit():
            reply.page_id = int(page)
        return reply
