from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .views import ImportReviewsView, ImportRunView

urlpatterns = [
    path("", ImportReviewsView.as_view(), name="index"),
    path("<int:pk>/", ImportRunView.as_view(), name="run"),
]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("import-reviews/", include((urlpatterns, "importer"), namespace="importer"))]


class ImportReviewsMenuItem(MenuItem):
    def is_shown(self, request):
        # Cheap on every admin page; the view checks where exactly.
        return PagePermissionPolicy().user_has_permission(request.user, "add")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportReviewsMenuItem(
        "Import reviews", reverse("importer:index"), icon_name="upload", order=105
    )
