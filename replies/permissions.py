from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Reply


class ModerationPermissionPolicy(ModelPermissionPolicy):
    """Every action on replies (adding a staff reply, editing, moderating, deleting)
    takes the one permission to moderate them."""

    def _get_permission_codename(self, action):
        return "moderate_reply"


moderation_policy = ModerationPermissionPolicy(Reply)
register_permission_policy(Reply, moderation_policy)
