from urllib.parse import urljoin

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
    PageTitleColumn,
    ParentPageColumn,
)
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.images import get_image_model
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FilmReviewPage
from .snippets import Film, Reviewer
from .tags import TagViewSet
from .usage import linked_reviews, refuse_deleting_what_reviews_use
from .views import ImageDeleteView


@hooks.register("register_icons")
def register_icons(icons):
    return [*icons, "content/icons/music.svg"]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def say_what_a_draft_needs_before_publishing(request, page):
    """Beside "Page saved", what the review still needs: Wagtail saves drafts with
    required fields and the body's rules deferred, and checks them only on publishing."""
    if not isinstance(page, FilmReviewPage) or not request.accepts("text/html"):
        return
    if problems := page.publication_problems():
        messages.warning(
            request,
            format_html(
                "Saved as a draft. Before it can be published or submitted:<ul>{}</ul>",
                format_html_join("", "<li>{}</li>", ((problem,) for problem in problems)),
            ),
        )


# Columns that a phone's width leaves out (editor.css), so that headlines stay readable.
WIDE_SCREENS_ONLY = "liner-notes-wide-screens-only"


class FilmReviewPageListingViewSet(PageListingViewSet):
    """Every review in one listing: its headline, film, rating and status, and, on wider
    screens, where it lies and when it last changed."""

    model = FilmReviewPage
    icon = "music"
    menu_label = "Reviews"
    menu_order = 100
    add_to_admin_menu = True
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label="Headline", sort_key="title", classname="title"),
        Column("film", label="Film", classname="liner-notes-film"),
        Column(
            "rating", label="Rating", accessor="get_rating_display", classname="liner-notes-rating"
        ),
        PageStatusColumn("status", label="Status", sort_key="live"),
        ParentPageColumn("parent", label="Section", classname=WIDE_SCREENS_ONLY),
        DateColumn(
            "latest_revision_created_at",
            label="Updated",
            sort_key="latest_revision_created_at",
            classname=WIDE_SCREENS_ONLY,
        ),
    ]


@hooks.register("register_admin_viewset")
def register_review_listing():
    return FilmReviewPageListingViewSet("film_reviews")


class FilmViewSet(SnippetViewSet):
    model = Film
    icon = "media"
    menu_label = "Films"
    list_display = ["title", "release_year", "composer_names"]
    list_filter = ["release_year"]


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = "Reviewers"
    list_display = ["name", "email"]


class ReviewSnippetsGroup(SnippetViewSetGroup):
    items = (FilmViewSet, ReviewerViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Films & reviewers"
    menu_order = 110


register_snippet(ReviewSnippetsGroup)
register_snippet(TagViewSet)


@hooks.register("before_delete_snippet")
def refuse_deleting_films_and_reviewers_that_reviews_use(request, instances):
    model = type(instances[0]) if instances else None
    if model not in (Film, Reviewer):
        return None
    url_name = f"wagtailsnippets_content_{model._meta.model_name}"
    back_url = (
        reverse(f"{url_name}:edit", args=[instances[0].pk])
        if len(instances) == 1
        else reverse(f"{url_name}:list")
    )
    return refuse_deleting_what_reviews_use(request, instances, back_url)


@hooks.register("before_bulk_action")
def refuse_deleting_images_that_reviews_use(request, action_type, objects, action):
    if action_type == "delete" and action.model is get_image_model():
        return refuse_deleting_what_reviews_use(request, objects, reverse("wagtailimages:index"))
    return None


@hooks.register("before_bulk_action")
def refuse_publishing_incomplete_reviews(request, action_type, objects, action):
    """Bulk publishing publishes each page's latest revision without a form: a draft
    saved with its rules deferred would go live incomplete, without its film."""
    if action_type != "publish":
        return None
    incomplete = [
        (review, problems)
        for review in (page.specific for page in objects)
        if isinstance(review, FilmReviewPage)
        and (problems := review.get_latest_revision_as_object().publication_problems())
    ]
    if not incomplete:
        return None
    messages.error(
        request,
        format_html(
            "Nothing was published: {} not ready.{}",
            "a review is" if len(incomplete) == 1 else f"{len(incomplete)} reviews are",
            linked_reviews((review, f": {' '.join(problems)}") for review, problems in incomplete),
        ),
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("film_reviews:index"))


# Before Wagtail's own image URLs (order 0): its delete view has no hook to refuse with.
@hooks.register("register_admin_urls", order=-1)
def register_image_delete_view():
    return [
        path(
            "images/<int:image_id>/delete/",
            ImageDeleteView.as_view(),
            name="image_delete_unless_reviews_use_it",
        )
    ]


@hooks.register("insert_editor_js")
def editor_scripts():
    """Saving right after typing in rich text keeps the last words; what is typed while
    an autosave is on its way is autosaved too; text over a field's limit is counted, not
    cut; a focused field never sits behind the save bar: see each script."""
    scripts = [
        "flush-rich-text.js",
        "autosave-what-changed-while-saving.js",
        "character-count.js",
        "keep-focus-in-view.js",
    ]
    return format_html_join(
        "", '<script src="{}"></script>', [(static(f"content/js/{name}"),) for name in scripts]
    )


@hooks.register("insert_global_admin_css")
def editor_styles():
    # Absolute: Wagtail's user bar carries this into the frontend's previews too.
    href = urljoin(settings.CMS_BASE_URL, static("content/css/editor.css"))
    return format_html('<link rel="stylesheet" href="{}">', href)
