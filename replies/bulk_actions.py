"""Approve, mark as spam and reject: bulk actions on the Replies listing, also offered
on each reply's row."""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import Reply
from .moderation import set_status
from .permissions import moderation_policy


class SetStatusBulkAction(SnippetBulkAction):
    models = [Reply]
    template_name = "replies/confirm_bulk_status.html"
    status = None

    @classmethod
    def url_for(cls, replies, next_url):
        url = reverse("wagtail_bulk_action", args=["replies", "reply", cls.action_type])
        return f"{url}?{urlencode([*(('id', reply.pk) for reply in replies), ('next', next_url)])}"

    def check_perm(self, reply):
        return moderation_policy.user_has_permission(self.request.user, "change")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return set_status(objects, cls.status), 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.display_name}

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
    action_priority = 10


class MarkSpamBulkAction(SetStatusBulkAction):
    display_name = "Mark as spam"
    action_type = "mark_spam"
    aria_label = "Mark the selected replies as spam"
    status = Reply.Status.SPAM
    action_priority = 20


class RejectBulkAction(SetStatusBulkAction):
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected replies"
    status = Reply.Status.REJECTED
    action_priority = 25


STATUS_ACTIONS = [ApproveBulkAction, MarkSpamBulkAction, RejectBulkAction]
