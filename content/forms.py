from wagtail.admin.forms import WagtailAdminPageForm


class FilmReviewPageForm(WagtailAdminPageForm):
    """The review editor's form: it says which fields of the version it opened point at
    something deleted since, and open empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in getattr(self.instance, "deleted_since_saved", []):
            if name in self.fields:
                field = self.fields[name]
                field.help_text = (
                    f"The {(field.label or name).lower()} this version had has been deleted "
                    "since: choose another."
                )
