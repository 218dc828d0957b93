from pathlib import Path

from django import forms

from content.models import FilmReviewPage, ReviewIndexPage

from .readers import FORMATS
from .wordpress import is_export


def indexes_to_import_under(user):
    """The review indexes where ``user`` may add reviews."""
    return [
        index
        for index in ReviewIndexPage.objects.order_by("path")
        if FilmReviewPage.can_create_at(index)
        and index.permissions_for_user(user).can_add_subpage()
    ]


def may_publish_under(index, user):
    return index.permissions_for_user(user).can_publish_subpage()


class ImportReviewsForm(forms.Form):
    file = forms.FileField(
        help_text="A WordPress export (Tools → Export in WordPress, an .xml file) or a "
        "single review as text, Markdown or HTML (.txt, .md, .html)."
    )
    parent = forms.TypedChoiceField(label="Import under", coerce=int)
    film = forms.CharField(
        required=False,
        max_length=255,
        help_text="For a single review whose headline does not name its film.",
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish what the blog had published",
        help_text="Posts that were published on the blog are published here, with their "
        "original dates, once they are complete. Everything else comes in as drafts.",
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Only report what would happen",
        help_text="Nothing is written: see the report first.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.indexes = {index.pk: index for index in indexes_to_import_under(user)}
        self.fields["parent"].choices = [
            (index.pk, index.get_admin_display_title()) for index in self.indexes.values()
        ]
        if not any(may_publish_under(index, user) for index in self.indexes.values()):
            del self.fields["publish"]

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not is_export(file.name) and Path(file.name).suffix.lower() not in FORMATS:
            raise forms.ValidationError(
                "Choose a WordPress export (.xml) or a review in a .txt, .md or .html file."
            )
        return file

    def clean_parent(self):
        return self.indexes[self.cleaned_data["parent"]]

    def clean(self):
        cleaned = super().clean()
        file, parent = cleaned.get("file"), cleaned.get("parent")
        export = file is not None and is_export(file.name)
        if export and cleaned.get("film"):
            self.add_error(
                "film",
                "An export's posts name their films in their headlines: leave this empty.",
            )
        if cleaned.get("publish") and file is not None and not export:
            self.add_error(
                "publish", "A single review comes in as a draft: publish it once checked."
            )
        if (
            cleaned.get("publish")
            and parent is not None
            and not may_publish_under(parent, self.user)
        ):
            self.add_error("publish", "You may not publish reviews here: import them as drafts.")
        return cleaned
