from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import EVENTS, SHORTEST_SECRET, Endpoint, new_secret
from .transport import Refused, check_url


class EndpointForm(WagtailAdminModelForm):
    """An endpoint's address, events and state. Its secret is given or made when it is
    added, and made anew on request: it is shown once, never again."""

    url = forms.URLField(label="URL", max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=[(name, f"{name}: {description}") for name, description in EVENTS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text="A ping can be sent to any endpoint, whatever it subscribes to.",
    )
    secret = forms.CharField(
        required=False,
        min_length=SHORTEST_SECRET,
        max_length=128,
        help_text="Signs each delivery. Leave empty to have one made; it is shown once, "
        "after saving.",
    )
    new_secret = forms.BooleanField(
        required=False,
        label="Make a new secret",
        help_text="The old one stops working at once; the new one is shown once, after saving.",
    )

    class Meta:
        model = Endpoint
        fields = ["url", "description", "events", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["secret"]
            self.fields["new_secret"].help_text = (
                f"Its secret ends in {self.instance.secret_hint}. "
                + self.fields["new_secret"].help_text
            )
        else:
            del self.fields["new_secret"]
        if self.instance.paused_because:
            self.fields[
                "is_active"
            ].help_text = (
                f"{self.instance.paused_because} Tick to resume: what was kept is delivered."
            )

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_url(url)
        except Refused as error:
            raise forms.ValidationError(f"Refused: {error}.") from error
        return url

    def save(self, commit=True):
        endpoint = self.instance
        self.shown_secret = None
        if self.cleaned_data.get("secret") or self.cleaned_data.get("new_secret"):
            endpoint.secret = self.cleaned_data.get("secret") or new_secret()
            self.shown_secret = endpoint.secret
        elif endpoint.pk is None:
            self.shown_secret = endpoint.secret
        if "is_active" in self.changed_data and endpoint.is_active:  # resumed
            endpoint.failures_in_a_row, endpoint.paused_because = 0, ""
        return super().save(commit)
