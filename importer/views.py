from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import DetailView, FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .forms import ImportReviewsForm, indexes_to_import_under
from .models import ImportRun
from .tasks import run_import

# How many of the latest imports the import view lists.
RECENT_RUNS = 20


class ImporterViewMixin(WagtailAdminTemplateMixin):
    """Open to those who may add reviews under some review index."""

    header_icon = "upload"
    breadcrumbs_items = [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {"url": reverse_lazy("importer:index"), "label": "Import reviews"},
    ]

    def dispatch(self, request, *args, **kwargs):
        if not indexes_to_import_under(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportReviewsView(ImporterViewMixin, FormView):
    """Upload an export or a review; the import runs in the background."""

    page_title = "Import reviews"
    template_name = "importer/import_reviews.html"
    form_class = ImportReviewsForm

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items[:-1] + [{"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            action_url=reverse("importer:index"),
            submit_button_label="Import",
            submit_button_active_label="Uploading…",
            runs=self.recent_runs(),
        )

    def recent_runs(self):
        runs = list(ImportRun.objects.select_related("started_by")[:RECENT_RUNS])
        for run in runs:
            run.stop_if_stalled()
        return runs

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        run = ImportRun.objects.create(
            file=upload,
            filename=upload.name,
            parent=form.cleaned_data["parent"],
            film_title=form.cleaned_data["film"],
            publish=form.cleaned_data.get("publish", False),
            dry_run=form.cleaned_data["dry_run"],
            started_by=self.request.user,
        )
        transaction.on_commit(lambda: run_import.enqueue(run.pk))
        return redirect("importer:run", run.pk)


class ImportRunView(ImporterViewMixin, DetailView):
    """What an import did: each review with a link to its draft and the points to check.
    While it runs, the page reloads itself."""

    model = ImportRun
    template_name = "importer/import_run.html"
    context_object_name = "run"

    def get_page_title(self):
        return f"Import of {self.object.filename}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.object.filename}]

    def get_object(self, queryset=None):
        run = super().get_object(queryset)
        run.stop_if_stalled()
        return run

    def get_context_data(self, **kwargs):
        page_ids = [outcome["page_id"] for outcome in self.object.outcomes if outcome["page_id"]]
        pages = Page.objects.in_bulk(page_ids)
        user = self.request.user
        outcomes = [
            {
                **outcome,
                "page": (page := pages.get(outcome["page_id"])),
                "can_edit": page is not None and page.permissions_for_user(user).can_edit(),
            }
            for outcome in self.object.outcomes
        ]
        return super().get_context_data(**kwargs, outcomes=outcomes)
