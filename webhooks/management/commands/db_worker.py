from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from webhooks.tasks import resume_deliveries


class Command(DatabaseWorkerCommand):
    """django-tasks-db's worker, that first resumes the webhook deliveries a stopped
    worker left pending: the task delivering them stopped with it."""

    def handle(self, *args, **options):
        resume_deliveries()
        super().handle(*args, **options)
