"""Tags in the admin: editors rename, merge and delete the moods and genres on reviews."""

from django.db import transaction
from taggit.models import Tag
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FilmReviewPageTag


def merge_tags(source, target):
    """Moves every review from ``source`` to ``target``, then deletes ``source``.

    Rows are saved and deleted one by one, so that the signals that keep the API's cache
    and the search index exact see each review that changes.
    """
    with transaction.atomic():
        already_tagged = set(
            FilmReviewPageTag.objects.filter(tag=target).values_list("content_object", flat=True)
        )
        for tagged_item in FilmReviewPageTag.objects.filter(tag=source):
            if tagged_item.content_object_id in already_tagged:
                tagged_item.delete()
            else:
                tagged_item.tag = target
                tagged_item.save()
        source.delete()
        target.save()


class TagForm(WagtailAdminModelForm):
    """A tag's name; the name of another tag merges this one into it."""

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        self.merge_into = (
            Tag.objects.exclude(pk=self.instance.pk).filter(name__iexact=name).first()
            if self.instance.pk
            else None
        )
        return name

    def validate_unique(self):
        if not self.merge_into:
            super().validate_unique()

    def save(self, commit=True):
        if self.merge_into:
            merge_tags(self.instance, self.merge_into)
            return self.merge_into
        return super().save(commit=commit)


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = "Tags"
    menu_order = 120
    add_to_admin_menu = True
    edit_handler = ObjectList(
        [
            FieldPanel(
                "name",
                help_text=(
                    "Renaming changes the tag on every review that carries it. Give it the "
                    "name of another tag to merge the two."
                ),
            )
        ],
        base_form_class=TagForm,
    )
    list_display = ["name", "slug"]
    search_fields = ["name"]
