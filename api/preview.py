"""The preview endpoints: an editor's draft, by preview token, for the frontend to render,
and Wagtail's user bar for that preview, which runs the editor's content checks."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.signing import BadSignature, SignatureExpired
from django.http import Http404
from django.urls import path
from django.utils.cache import add_never_cache_headers
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview

from headless.models import HeadlessPageMixin, editor_may_still_edit
from headless.userbar import render_preview_userbar

from .validation import check_known_parameters
from .views import PagesAPIViewSet


class PagePreviewAPIViewSet(PagesAPIViewSet):
    """A draft in exactly the JSON of the pages endpoint's detail view, through its serializer.

    The admin's preview redirects to the frontend with ``content_type`` and ``token``;
    the frontend passes both on here.
    Eg: /api/v2/page_preview/?content_type=content.filmreviewpage&token=id=5:1vC3xY:Qm…
    """

    # A draft changes without a publish: it is built afresh for every request.
    cache_responses = False
    known_query_parameters = frozenset(
        ["content_type", "token", "fields", "rich_text_format", "format", "_"]
    )
    known_userbar_parameters = frozenset(
        ["content_type", "token", "in_preview_panel", "format", "_"]
    )

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "preview_view"}), name="preview"),
            path("userbar/", cls.as_view({"get": "userbar_view"}), name="userbar"),
        ]

    def preview_view(self, request):
        check_known_parameters(request.GET, self.known_query_parameters)
        response = self.detail_view(request, pk=None)
        # So that a frontend with one route for pages and previews knows which it shows.
        response.data["meta"]["is_preview"] = True
        return response

    def userbar_view(self, request):
        """Wagtail's user bar for the draft, as ``{"html": …}``: the frontend puts it in
        the preview, where it runs the editor's content checks (``headless.userbar``).
        ``in_preview_panel=true`` when the preview is in the admin's preview panel."""
        check_known_parameters(request.GET, self.known_userbar_parameters)
        page = self.get_object()
        editor = get_user_model().objects.get(pk=self.preview_editor_id)
        in_preview_panel = request.GET.get("in_preview_panel", "false")
        if in_preview_panel not in ("true", "false"):
            raise BadRequestError("in_preview_panel must be true or false")
        in_preview_panel = in_preview_panel == "true"
        html = render_preview_userbar(request._request, page, editor, in_preview_panel)
        return Response({"html": html})

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            self._cached_object = self.get_previewed_page()
        return self._cached_object

    def get_previewed_page(self):
        model = self.get_preview_model()
        token = self.request.GET.get("token", "")
        if not token:
            raise BadRequestError("token is required")
        claims = model.check_preview_token(token)
        if not editor_may_still_edit(claims):
            raise PermissionDenied("the editor who opened this preview can no longer edit the page")
        self.preview_editor_id = claims["editor"]
        preview = PagePreview.objects.filter(
            content_type=ContentType.objects.get_for_model(model), token=token
        ).first()
        if preview is None:
            raise Http404("no preview for this token and content_type")
        page = preview.as_page()
        if page.pk is not None:
            # The stored draft keeps times to the millisecond; the live page's are exact.
            page.first_published_at, page.last_published_at = (
                Page.objects.filter(pk=page.pk)
                .values_list("first_published_at", "last_published_at")
                .get()
            )
        return page

    def get_preview_model(self):
        content_type = self.request.GET.get("content_type", "")
        try:
            model = apps.get_model(content_type)
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, HeadlessPageMixin):
            raise BadRequestError(
                "content_type must name a page type, for example content.filmreviewpage"
            )
        return model

    def handle_exception(self, exc):
        if isinstance(exc, SignatureExpired):
            message = "this preview link has expired: preview the page again from the admin"
            return Response({"message": message}, status=403)
        if isinstance(exc, BadSignature):
            return Response({"message": "this preview link is not valid"}, status=403)
        if isinstance(exc, PermissionDenied):
            return Response({"message": str(exc)}, status=403)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # A draft is for the editor's eyes: no browser or CDN may keep it.
        add_never_cache_headers(response)
        return response
