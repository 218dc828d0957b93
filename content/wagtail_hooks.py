from django.contrib import messages
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FilmReviewPage
from .snippets import Film, Reviewer


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


class FilmReviewPageListingViewSet(PageListingViewSet):
    """Every review in one listing, with its film and rating."""

    model = FilmReviewPage
    icon = "music"
    menu_label = "Reviews"
    menu_order = 100
    add_to_admin_menu = True
    columns = [
        *PageListingViewSet.columns,
        Column("film", label="Film"),
        Column("rating", label="Rating", accessor="get_rating_display"),
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
