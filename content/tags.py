"""Tags in the admin: rename, merge and delete the tags on reviews (and on images and
documents, which share them)."""

from django.db import transaction
from taggit.models import Tag
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from .usage import revisions_that_may_go_live


def tagged_item_models():
    """The models that tie a tag to what carries it: reviews' tags, and taggit's own for
    images and documents."""
    return [
        related.related_model
        for related in Tag._meta.related_objects
        if related.field.name == "tag" and related.one_to_many
    ]


def merge_tags(source, target):
    """Moves everything tagged ``source`` to ``target``, then deletes ``source``.

    Rows are saved and deleted one by one, so that the signals that keep the API's cache
    and the search index exact see each change. Drafts and scheduled revisions that
    carry ``source`` carry ``target`` instead, or they would lose it when opened.
    """
    with transaction.atomic():
        for model in tagged_item_models():
            # What identifies the tagged object: its id, and for taggit's own its type.
            identity = [
                field.attname
                for field in model._meta.concrete_fields
                if not field.primary_key and field.name != "tag"
            ]
            already_tagged = set(model.objects.filter(tag=target).values_list(*identity))
            for tagged_item in model.objects.filter(tag=source):
                if tuple(getattr(tagged_item, name) for name in identity) in already_tagged:
                    tagged_item.delete()
                else:
                    tagged_item.tag = target
                    tagged_item.save()
        for revision in revisions_that_may_go_live():
            tagged_items = revision.content.get("tagged_items", [])
            if any(item.get("tag") == source.pk for item in tagged_items):
                carries_target = any(item.get("tag") == target.pk for item in tagged_items)
                revision.content["tagged_items"] = [
                    {**item, "tag": target.pk} if item.get("tag") == source.pk else item
                    for item in tagged_items
                    if not (item.get("tag") == source.pk and carries_target)
                ]
                revision.save(update_fields=["content"])
        source.delete()
        target.save()


class TagForm(WagtailAdminModelForm):
    """A tag's name; renaming it to the name of another tag merges this one into it."""

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        self.merge_into = None
        renamed = self.instance.pk and name != self.instance.name
        if renamed:
            others = Tag.objects.exclude(pk=self.instance.pk)
            self.merge_into = others.filter(name__iexact=name).first()
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
                    "Renaming changes the tag on every review, image and document that "
                    "carries it, drafts included. Give it the name of another tag to merge "
                    "the two."
                ),
            )
        ],
        base_form_class=TagForm,
    )
    list_display = ["name"]
    search_fields = ["name"]
