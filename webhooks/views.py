from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .events import deliver_soon, ping
from .models import Delivery, Endpoint

permission_policy = ModelPermissionPolicy(Endpoint)
register_permission_policy(Endpoint, permission_policy)


def shown_once(request, form):
    if form.shown_secret:
        messages.warning(
            request,
            format_html(
                "The endpoint's secret, shown this once: <code>{}</code>. Keep it where the "
                "frontend reads it.",
                form.shown_secret,
            ),
        )


class EndpointCreateView(generic.CreateView):
    def save_instance(self):
        endpoint = super().save_instance()
        shown_once(self.request, self.form)
        return endpoint


class EndpointEditView(generic.EditView):
    def save_instance(self):
        resumed = "is_active" in self.form.changed_data and self.form.instance.is_active
        endpoint = super().save_instance()
        shown_once(self.request, self.form)
        if resumed:  # what it kept goes now, not at the retry times it had
            endpoint.deliveries.filter(status=Delivery.Status.PENDING).update(
                next_attempt_at=timezone.now()
            )
            transaction.on_commit(lambda: deliver_soon(endpoint.pk))
        return endpoint

    def get_header_buttons(self):
        log = reverse("webhooks:deliveries", args=[self.object.pk])
        return [HeaderButton("Delivery log and ping", url=log, icon_name="history")]


class DeliveryLogView(WagtailAdminTemplateMixin, TemplateView):
    """An endpoint's deliveries, newest first, each with its attempts."""

    template_name = "webhooks/delivery_log.html"
    header_icon = "history"
    page_size = 25

    def dispatch(self, request, pk):
        if not permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.endpoint = get_object_or_404(Endpoint, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return f"Deliveries to {self.endpoint.url}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("webhooks:index"), "label": "Webhooks"},
            {"url": reverse("webhooks:edit", args=[self.endpoint.pk]), "label": self.endpoint.url},
            {"url": "", "label": "Delivery log"},
        ]

    def get_context_data(self, **kwargs):
        deliveries = self.endpoint.deliveries.order_by("-pk").prefetch_related("log")
        page = Paginator(deliveries, self.page_size).get_page(self.request.GET.get("p"))
        return super().get_context_data(**kwargs, endpoint=self.endpoint, page=page)

    def post(self, request, pk):
        """Redelivers one delivery, or pings the endpoint."""
        with transaction.atomic():
            if request.POST.get("ping"):
                ping(self.endpoint)
                if self.endpoint.is_active:
                    messages.success(request, "A ping is on its way.")
                else:
                    messages.warning(
                        request, "A ping is queued: it goes once the endpoint resumes."
                    )
            else:
                deliveries = self.endpoint.deliveries
                delivery = get_object_or_404(deliveries, pk=request.POST.get("delivery"))
                delivery.redeliver()
                transaction.on_commit(lambda: deliver_soon(self.endpoint.pk))
                messages.success(request, f"The {delivery.event} event is on its way again.")
        return redirect("webhooks:deliveries", pk)
