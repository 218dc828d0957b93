"""A WordPress export, imported: its posts as reviews (drafts, or published with their
dates), their categories and tags as the review's tags, featured images from the
copied uploads folder, comments as replies, and redirects from the old permalinks."""

import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.validators import URLValidator, validate_email
from django.db import connection, transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from willow.image import UnrecognisedImageFormatError

from replies.models import Reply, one_line, plain_text

from .models import ImportedReply
from .reviews import EDITED, NO_FILM, FilmIndex, ReviewSource, digest_of, import_review
from .wordpress import attachment_urls, items, paragraphs_of, post_of

# How long an import pauses after each post on SQLite, for other writers.
SQLITE_PAUSE_SECONDS = 0.02

# WordPress's comment_approved values, as a reply's status.
COMMENT_STATUSES = {
    "1": Reply.Status.APPROVED,
    "0": Reply.Status.PENDING,
    "spam": Reply.Status.SPAM,
    "trash": Reply.Status.REJECTED,
}


def import_export(
    path,
    parent,
    report,
    publish=False,
    dry_run=False,
    media_dir=None,
    on_progress=None,
    user=None,
):
    """Imports every post of the export at ``path`` (as ``user``, if given), calling
    ``report`` with each outcome; returns how many items of other types (pages,
    attachments…) it skipped. A file that cannot be read to its end changes nothing:
    it is read whole (for its attachments) before anything is written. Each post is
    written in a transaction of its own, so that other editors' saves wait for one post
    at most, never for the whole export."""
    attachments = attachment_urls(path)
    films = FilmIndex()
    skipped = Counter()
    for item in items(path, on_progress):
        post = post_of(item)
        if isinstance(post, str):
            skipped[post] += 1
            continue
        with transaction.atomic():
            outcome = import_post(
                post, parent, attachments, films, publish, dry_run, media_dir, user
            )
        report(outcome)
        if connection.vendor == "sqlite" and not dry_run:
            # SQLite lets one connection write at a time, and one that writes post after
            # post would starve the editors' saves: this pause lets them in.
            time.sleep(SQLITE_PAUSE_SECONDS)
    return skipped


def import_post(post, parent, attachments, films, publish, dry_run, media_dir, user):
    """Imports one post, with its image, comments and old address; returns the outcome."""
    hero_image = None
    if not dry_run:
        hero_image = image_from(attachments.get(post.thumbnail_id), media_dir)
    review = ReviewSource(
        source=f"wordpress:{post.guid}",
        headline=post.title,
        paragraphs=paragraphs_of(post.content),
        digest=digest_of(f"{post.title}\n{post.content}\n{post.terms}"),
        tags=post.terms,
        hero_image=hero_image,
    )
    outcome = import_review(review, parent, dry_run, films, user)
    outcome.points_to_check += status_points(post)
    wanted_published = publish and post.status == "publish" and not post.password
    if outcome.page is None or dry_run:
        if dry_run and wanted_published and not outcome.action.startswith("refused"):
            # Without its film, a review is not published (the rules a publish checks).
            filmless = any(point.startswith(NO_FILM) for point in outcome.points_to_check)
            outcome.action += ", would stay a draft" if filmless else ", would be published"
        return outcome
    if wanted_published and outcome.reasons == [EDITED]:
        outcome.action += ", not published"
    import_comments(post, outcome.page)
    redirect_from(post.link, outcome.page)
    if (
        wanted_published
        and not outcome.page.live
        and outcome.reasons != [EDITED]  # an editor's draft is theirs to publish
    ):
        problems = publish_with_date(outcome.page, post.date, user)
        outcome.points_to_check += problems
        if problems:
            outcome.action += ", not published"
        else:
            done = outcome.action
            outcome.action = "published" if done == "skipped" else f"{done}, published"
            outcome.reasons = []
    return outcome


def status_points(post):
    """What the editor should know of how the blog kept the post."""
    points = []
    if post.status == "private":
        points.append("It was private on the blog.")
    elif post.status == "future":
        points.append("It was scheduled on the blog: schedule it here if it still should be.")
    elif post.status == "pending":
        points.append("It was waiting for review on the blog.")
    if post.password:
        points.append("It was password-protected on the blog: it stays a draft.")
    return points


def image_from(url, media_dir):
    """The Wagtail image of an uploaded file, from the copy of the uploads folder."""
    if not url or media_dir is None or "/uploads/" not in url:
        return None
    relative = urlsplit(url).path.split("/uploads/", 1)[1]
    file_path = Path(media_dir, relative).resolve()
    if not file_path.is_relative_to(Path(media_dir).resolve()) or not file_path.is_file():
        return None
    image_model = get_image_model()
    image = image_model.objects.filter(title=relative).first()
    if image is None:
        try:
            with open(file_path, "rb") as file:
                image = image_model.objects.create(
                    title=relative, file=ImageFile(file, name=file_path.name)
                )
        except (OSError, UnrecognisedImageFormatError):  # not an image after all
            return None
    return image


def import_comments(post, page):
    """The post's comments as replies, each once; answers to answers answer the reply
    that answers the review (replies go one level deep)."""
    by_id = {comment.id: comment for comment in post.comments}
    imported = {}
    for comment in sorted(post.comments, key=lambda comment: int(comment.id or 0)):
        source = f"wordpress:{post.guid}:comment:{comment.id}"
        record = ImportedReply.objects.filter(source=source).select_related("reply").first()
        if record is not None:
            imported[comment.id] = record.reply
            continue
        body = plain_text(comment.content)[: Reply._meta.get_field("body").max_length]
        if not body:
            continue
        top = thread_start(comment, by_id)
        reply = Reply.objects.create(
            page=page,
            parent=imported.get(top.id) if top is not comment else None,
            name=one_line(comment.author)[:100] or "Anonymous",
            email=comment.email if is_email(comment.email) else "",
            website=comment.url if is_web_address(comment.url) else "",
            body=body,
            created_at=comment.date or timezone.now(),
            status=COMMENT_STATUSES.get(comment.status, Reply.Status.PENDING),
        )
        ImportedReply.objects.create(source=source, reply=reply)
        imported[comment.id] = reply


def thread_start(comment, by_id):
    """The comment that answers the post, at the top of this one's thread."""
    seen = set()
    while comment.parent_id in by_id and comment.id not in seen:
        seen.add(comment.id)
        comment = by_id[comment.parent_id]
    return comment


def is_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return False
    return len(value) <= 254


def is_web_address(value):
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return len(value) <= 200


def redirect_from(link, page):
    """A redirect from the post's old address to the review, so that old links keep
    working on the frontend."""
    try:
        old_path = Redirect.normalise_path(urlsplit(link).path)
    except ValueError:
        return
    if old_path not in ("", "/"):
        Redirect.objects.get_or_create(
            old_path=old_path, site=None, defaults={"redirect_page": page}
        )


def publish_with_date(page, date, user=None):
    """Publishes the review, dated as the blog dated the post; or says why not."""
    page = page.specific
    if problems := page.publication_problems():
        return [f"Not published: {' '.join(problems)}"]
    page.get_latest_revision().publish(user=user)
    if date is not None:
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=date, last_published_at=date
        )
    return []
