from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import EndpointForm
from .models import Endpoint
from .views import DeliveryLogView, EndpointCreateView, EndpointEditView


class EndpointViewSet(ModelViewSet):
    """Settings → Webhooks, for those with the endpoints' permissions."""

    model = Endpoint
    form_class = EndpointForm
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    list_display = ["url", "description", "subscriptions", "state"]
    # Secrets are nowhere in the admin's history: no revisions, no object data.
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return self.form_class

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("deliveries/<int:pk>/", DeliveryLogView.as_view(), name="deliveries"),
        ]


@hooks.register("register_admin_viewset")
def register_webhooks():
    return EndpointViewSet("webhooks")
