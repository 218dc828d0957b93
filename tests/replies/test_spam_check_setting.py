"""A spam check that cannot be called stops the CMS at start-up, not every reply."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


@pytest.mark.parametrize(
    "path, reason",
    [
        ("nowhere.spam_check", "cannot be imported: No module named 'nowhere'"),
        ("replies.spam.LINK", "not a callable"),
    ],
)
def test_a_spam_check_that_is_not_a_callable_fails_the_system_checks(settings, path, reason):
    settings.REPLIES_SPAM_CHECK = path

    with pytest.raises(SystemCheckError, match=reason):
        call_command("check")


def test_the_shipped_spam_check_passes_them(settings):
    call_command("check")
