from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string


@register()
def spam_check_is_a_callable(app_configs, **kwargs):
    """REPLIES_SPAM_CHECK names a callable: else every reply posted would fail."""
    try:
        check = import_string(settings.REPLIES_SPAM_CHECK)
    except ImportError as error:
        return [Error(f"REPLIES_SPAM_CHECK cannot be imported: {error}", id="replies.E001")]
    if not callable(check):
        return [Error(f"REPLIES_SPAM_CHECK names {check!r}, not a callable", id="replies.E001")]
    return []
