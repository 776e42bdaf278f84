from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ledenpanel.core"
    label = "core"

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from ledenpanel.core.taskrows import mail_task_finished

        # Queue bookkeeping, not business logic: a mail task's row (addresses,
        # texts) is deleted as soon as the worker has finished it.
        task_finished.connect(mail_task_finished, dispatch_uid="ledenpanel.mail_task_finished")
