from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .bulk_actions import STATUS_ACTIONS, DeleteReplyBulkAction
from .models import Reply
from .permissions import moderation_policy
from .views import ReplyIndexView, StaffReplyCreateView


def listing_url(**filters):
    url = reverse("wagtailsnippets_replies_reply:list")
    return f"{url}?{urlencode(filters)}" if filters else url


def pending_replies():
    return Reply.objects.filter(status=Reply.Status.PENDING)


class PendingCountMenuItemMixin:
    """The menu item says how many replies await moderation."""

    def render_component(self, request):
        component = super().render_component(request)
        if pending := pending_replies().count():
            component.label = f"{self.label} ({pending})"
        return component


def moderators_only(view):
    @wraps(view)
    def checked_view(request, *args, **kwargs):
        if not moderation_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked_view


class ReplyChooserViewSet(SnippetChooserViewSet):
    """The chooser of the staff reply's "in reply to", which lists every reply, pending
    and spam included: Wagtail's choosers are open to every editor."""

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = moderators_only(pattern.callback)
        return patterns


class ReplyViewSet(SnippetViewSet):
    model = Reply
    icon = "comment"
    menu_label = "Replies"
    menu_order = 105
    add_to_admin_menu = True
    index_view_class = ReplyIndexView
    chooser_viewset_class = ReplyChooserViewSet
    add_view_class = StaffReplyCreateView
    list_display = [
        "excerpt",
        Column("name", label="From", sort_key="name"),
        Column("page", label="Review", accessor="page.title"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label="Posted", sort_key="created_at"),
    ]
    list_filter = ["status", "is_staff", "page"]
    search_fields = ["name", "email", "body"]
    search_backend_name = None  # the database's own search: replies are not indexed
    # A copy would be a staff reply in a reader's words.
    copy_view_enabled = False

    # A reader's reply: editors moderate it, and may correct what it shows.
    panels = [
        FieldRowPanel([FieldPanel("page", read_only=True), FieldPanel("parent", read_only=True)]),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("email", read_only=True)]),
        FieldPanel("website"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("created_at", read_only=True),
                FieldPanel("ip_address", read_only=True),
                FieldPanel("user_agent", read_only=True),
            ],
            heading="Sent",
            help_text="The address and user agent are kept for moderation only, and dropped "
            "after a while.",
        ),
    ]
    # A reply from the staff, approved as it is saved.
    staff_reply_panels = [
        FieldPanel("page"),
        FieldPanel("parent"),
        FieldPanel("name", help_text="Shown as the reply's author, marked as from the staff."),
        FieldPanel("body"),
    ]

    @cached_property
    def menu_item_class(self):
        return type("RepliesMenuItem", (PendingCountMenuItemMixin, super().menu_item_class), {})

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.staff_reply_panels).bind_to_model(Reply)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


register_snippet(ReplyViewSet)

for action in STATUS_ACTIONS:
    hooks.register("register_bulk_action", action)
# After Wagtail's delete for every snippet, which it replaces for replies.
hooks.register("register_bulk_action", DeleteReplyBulkAction, order=1)


@hooks.register("register_log_actions")
def moderation_log_actions(actions):
    @actions.register_action("replies.moderate")
    class ModerateReply(LogFormatter):
        label = "Moderate"

        def format_message(self, log_entry):
            status = Reply.Status(log_entry.data["status"]).label.lower()
            return f"Marked as {status}"


@hooks.register("register_snippet_listing_buttons")
def moderation_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Reply) or not moderation_policy.user_has_permission(user, "change"):
        return
    for priority, action in enumerate(STATUS_ACTIONS):
        if snippet.status != action.status:
            url = action.url_for([snippet], next_url)
            yield Button(action.display_name, url, priority=priority)
    if snippet.status == Reply.Status.APPROVED and snippet.parent_id is None:
        url = reverse("wagtailsnippets_replies_reply:add") + f"?parent={snippet.pk}"
        yield Button("Answer as the staff", url, icon_name="comment", priority=10)


@hooks.register("register_page_header_buttons")
def replies_of_the_review(page, user, view_name, next_url=None):
    reviews = Reply._meta.get_field("page").related_model
    if not isinstance(page, reviews) or not moderation_policy.user_has_permission(user, "change"):
        return
    pending = pending_replies().filter(page=page).count()
    label = f"Replies ({pending} pending)" if pending else "Replies"
    yield Button(label, listing_url(page=page.pk), icon_name="comment", priority=90)


class PendingRepliesPanel(Component):
    name = "pending_replies"
    template_name = "replies/pending_replies_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        return {
            "pending_count": pending_replies().count(),
            "listing_url": listing_url(status=Reply.Status.PENDING),
        }


@hooks.register("construct_homepage_panels")
def pending_replies_panel(request, panels):
    if moderation_policy.user_has_permission(request.user, "change"):
        panels.append(PendingRepliesPanel())
