"""Approve, mark as spam, reject and delete: bulk actions on the Replies listing, the
first three also on each reply's row."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import Reply
from .moderation import set_status
from .permissions import moderation_policy
from .views import as_id


class ReplyBulkActionMixin:
    """For moderators only; "all in listing" is what the listing shows, filtered and
    searched, where Wagtail would take every reply."""

    models = [Reply]

    def dispatch(self, request, *args, **kwargs):
        # Not even the confirmation, which lists the replies.
        if not moderation_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        if not isinstance(object_ids, QuerySet):  # ids from the address, as they came
            object_ids = [pk for pk in map(as_id, object_ids) if pk is not None]
        # The confirmation names each reply's review.
        return model.objects.filter(pk__in=object_ids).select_related("page")

    def get_all_objects_in_listing_query(self, parent_id):
        viewset = Reply.snippet_viewset
        view = viewset.construct_view(viewset.index_view_class, **viewset.get_index_view_kwargs())
        listing = viewset.index_view_class(**view.view_initkwargs)
        listing.setup(self.request)
        # Wagtail lists every reply when a filter is not valid (a review that is gone):
        # "all" of such a listing is none, not every reply.
        if listing.filters is not None and not listing.filters.is_valid():
            return Reply.objects.none().values_list("pk", flat=True)
        return listing.get_queryset().values_list("pk", flat=True)


class SetStatusBulkAction(ReplyBulkActionMixin, SnippetBulkAction):
    template_name = "replies/confirm_bulk_status.html"
    status = None
    # How the confirmation asks, of "this reply" or "these 3 replies".
    question = None

    @classmethod
    def url_for(cls, replies, next_url):
        url = reverse("wagtail_bulk_action", args=["replies", "reply", cls.action_type])
        return f"{url}?{urlencode([*(('id', reply.pk) for reply in replies), ('next', next_url)])}"

    def check_perm(self, reply):
        return moderation_policy.user_has_permission(self.request.user, "change")

    def execute_action(self, objects, **kwargs):
        return set_status(objects, self.status, user=self.request.user), 0

    def get_execution_context(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = len(context["items"])
        these = "this reply" if count == 1 else f"these {count} replies"
        return {**context, "action": self.display_name, "question": self.question.format(these)}

    def get_success_message(self, num_parent_objects, num_child_objects):
        label = Reply.Status(self.status).label.lower()
        if num_parent_objects == 1:
            return f"1 reply is now {label}."
        return f"{num_parent_objects} replies are now {label}."


class ApproveBulkAction(SetStatusBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected replies"
    status = Reply.Status.APPROVED
    question = (
        "Approve {}? Readers see it at once, under the reply it answers if that is published."
    )
    action_priority = 10


class MarkSpamBulkAction(SetStatusBulkAction):
    display_name = "Mark as spam"
    action_type = "mark_spam"
    aria_label = "Mark the selected replies as spam"
    status = Reply.Status.SPAM
    question = "Mark {} as spam? Answers to a published reply are hidden with it."
    action_priority = 20


class RejectBulkAction(SetStatusBulkAction):
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected replies"
    status = Reply.Status.REJECTED
    question = "Reject {}? Answers to a published reply are hidden with it."
    action_priority = 25


class DeleteReplyBulkAction(ReplyBulkActionMixin, DeleteBulkAction):
    """Wagtail's delete, for moderators only and for what the listing shows."""


STATUS_ACTIONS = [ApproveBulkAction, MarkSpamBulkAction, RejectBulkAction]
