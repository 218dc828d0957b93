"""The editorial roles, on Wagtail's own Editors and Moderators groups.

Wagtail's migrations give both groups the pages and media: Editors add and change pages
(saving drafts, previewing, submitting for moderation); Moderators also publish,
unpublish, schedule, lock and approve. This adds what a review site needs beside that.
Administrators are Wagtail superusers.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission

# Films, reviewers and their media are shared records that either role keeps up.
SHARED_RECORDS = [
    "content.add_film",
    "content.change_film",
    "content.delete_film",
    "content.add_reviewer",
    "content.change_reviewer",
    "content.delete_reviewer",
]
# Renaming, merging or deleting a tag changes live reviews at once, as publishing does.
TAG_MANAGEMENT = ["taggit.add_tag", "taggit.change_tag", "taggit.delete_tag"]
# Wagtail's migrations let both groups add and change media in every collection, but
# not delete it.
MEDIA_DELETION = ["wagtailimages.delete_image", "wagtaildocs.delete_document"]

ROLE_PERMISSIONS = {
    "Editors": SHARED_RECORDS,
    "Moderators": SHARED_RECORDS + TAG_MANAGEMENT,
}


def permissions(names):
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in (name.split(".") for name in names)
    ]


def set_up_roles():
    """Gives the Editors and Moderators groups their permissions; running it again
    changes nothing."""
    root_collection = Collection.get_first_root_node()
    for group_name, names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        group.permissions.add(*permissions(names))
        for permission in permissions(MEDIA_DELETION):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
