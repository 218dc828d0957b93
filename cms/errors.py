"""Errors Django answers itself, before or after any view: JSON under /api/, as every API
answer is, and a page that says what happened elsewhere (``templates/400.html``)."""

from django.http import JsonResponse
from django.views import csrf, defaults

API_PREFIX = "/api/"


def bad_request(request, exception):
    """A request Django refused to read: more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS,
    a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a host it does not serve."""
    if request.path.startswith(API_PREFIX):
        message = "this request could not be read: it is malformed or too large"
        return JsonResponse({"message": message}, status=400)
    return defaults.bad_request(request, exception)


def csrf_failure(request, reason=""):
    """A form post without its CSRF token: the API takes no form posts."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"message": "this address takes no posts"}, status=403)
    return csrf.csrf_failure(request, reason=reason)


def server_error(request):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"message": "the server failed: the error is in its log"}, status=500)
    return defaults.server_error(request)
