"""CORS for the API: django-cors-headers, with preflights that advertise only the
methods the address takes."""

from corsheaders import middleware
from django.urls import Resolver404, resolve


class CorsMiddleware(middleware.CorsMiddleware):
    """django-cors-headers' middleware (``CORS_*`` settings), whose preflight answers
    name the methods of the view at the address, where it lists every method."""

    def add_response_headers(self, request, response):
        response = super().add_response_headers(request, response)
        if middleware.ACCESS_CONTROL_ALLOW_METHODS in response:
            response[middleware.ACCESS_CONTROL_ALLOW_METHODS] = ", ".join(methods_at(request))
        return response


def methods_at(request):
    """The methods the view at the request's address takes: a viewset's actions, or the
    read-only methods every view of the API takes."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return ["GET", "HEAD", "OPTIONS"]
    actions = getattr(view, "actions", None) or {"get": None}
    methods = {method.upper() for method in actions}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods | {"OPTIONS"})
