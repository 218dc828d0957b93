"""Readers' replies to reviews, and their moderation.

A reply is public once an editor approves it, and then only while the reply it answers
(if any) is public too. Replies go one level deep: a reply may answer a reply that
answers the review, not a reply to a reply. The reader's email is for the editors
alone: nothing public ever shows it.
"""

import re

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

# What the public sees of a published reply, and where: the status first, the review second.
SHOWN_FIELDS = (
    "status",
    "page_id",
    "parent_id",
    "name",
    "website",
    "body",
    "created_at",
    "is_staff",
)

LINE_BREAKS = re.compile(r"\r\n?")
PARAGRAPH_BREAKS = re.compile(r"\n\s*\n\s*")


def one_line(text):
    """A name as it is shown: on one line, single spaces."""
    return " ".join(text.split())


def plain_text(text):
    """A reader's text with its paragraphs kept: lines end in \\n, a blank line between
    paragraphs, no space at either end."""
    paragraphs = PARAGRAPH_BREAKS.split(LINE_BREAKS.sub("\n", text).strip())
    return "\n\n".join(paragraph.rstrip() for paragraph in paragraphs)


class ReplyQuerySet(models.QuerySet):
    def public(self):
        """Approved replies, to the review or to an approved reply."""
        return self.filter(
            Q(parent__isnull=True) | Q(parent__status=Reply.Status.APPROVED),
            status=Reply.Status.APPROVED,
        )


class Reply(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REJECTED = "rejected", "Rejected"

    page = models.ForeignKey(
        "content.FilmReviewPage",
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name="review",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name="in reply to",
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(
        max_length=254, blank=True, help_text="For the editors only: never published."
    )
    website = models.URLField(max_length=200, blank=True)
    body = models.TextField(
        "reply", max_length=5000, help_text="Plain text; a blank line starts a paragraph."
    )
    created_at = models.DateTimeField("posted", default=timezone.now)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    is_staff = models.BooleanField(
        "from the staff", default=False, help_text="Written by an editor, as the site."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who wrote a reply from the staff.",
    )
    # For moderation only, and only for REPLIES_KEEP_ADDRESSES_DAYS.
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = ReplyQuerySet.as_manager()

    # A reply is a use of no review (the review's Usage tab and delete warnings list
    # other pages and snippets, not its replies).
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "replies"
        indexes = [models.Index(fields=["page", "status", "created_at"], name="reply_listing_idx")]
        # Moderating is one permission: approving, rejecting, editing and deleting.
        default_permissions = ()
        permissions = [("moderate_reply", "Can moderate reader replies")]

    # Not the reader's name: titles go into the admin's history, which an erasure keeps.
    def __str__(self):
        return f"“{self.excerpt}” on {self.page.title}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.shown_when_loaded = self.shown()

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self.shown_when_loaded = self.shown()

    @classmethod
    def from_db(cls, db, field_names, values):
        reply = super().from_db(db, field_names, values)
        # Whether saving it changes what the public sees depends on what it was too.
        reply.shown_when_loaded = reply.shown()
        return reply

    def shown(self):
        """What the public sees of the reply while it is published (None for a field
        not loaded)."""
        return tuple(self.__dict__.get(field) for field in SHOWN_FIELDS)

    @property
    def was_public(self):
        shown_before = getattr(self, "shown_when_loaded", None)
        return shown_before is not None and shown_before[0] == Reply.Status.APPROVED

    @property
    def page_id_when_loaded(self):
        shown_before = getattr(self, "shown_when_loaded", None)
        return shown_before[1] if shown_before else self.page_id

    @property
    def saving_changes_what_the_public_sees(self):
        """Whether it is published, or was, and what the public sees of it changed."""
        changed = getattr(self, "shown_when_loaded", None) != self.shown()
        return changed and (self.status == Reply.Status.APPROVED or self.was_public)

    def clean(self):
        self.name = one_line(self.name)
        self.body = plain_text(self.body)
        # Where a reply goes is chosen as it is written; it does not change after.
        if not self._state.adding or self.parent_id is None or self.page_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": "A reply cannot answer itself."})
        parent = self.parent
        if parent.page_id != self.page_id:
            raise ValidationError({"parent": "That reply is on another review."})
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": "Replies go one level deep: answer the reply it answers."}
            )
        if parent.status != Reply.Status.APPROVED:
            raise ValidationError({"parent": "That reply is not published."})

    @property
    @admin.display(description="reply")
    def excerpt(self):
        """The start of the text, for listings."""
        words = " ".join(self.body.split())
        return words if len(words) <= 80 else words[:79].rstrip() + "…"
