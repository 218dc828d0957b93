from django.contrib.auth.management import create_permissions
from django.db import migrations


def let_moderators_moderate_replies(apps, schema_editor):
    """Approving a reader's reply publishes it, as approving a review does: Wagtail's
    Moderators group may. Once, as the app is installed: a site may change it since."""
    # Django creates permissions after the migrations; this one is needed now.
    app_config = apps.get_app_config("replies")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    moderators = apps.get_model("auth", "Group").objects.filter(name="Moderators").first()
    if moderators is not None:
        permission = apps.get_model("auth", "Permission").objects.get(
            content_type__app_label="replies", codename="moderate_reply"
        )
        moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("replies", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [
        migrations.RunPython(let_moderators_moderate_replies, migrations.RunPython.noop),
    ]
