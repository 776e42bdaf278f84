"""Task queue bookkeeping: finished mail task rows are deleted.

django-tasks' database backend keeps a row per task (``DBTaskResult``) with
its arguments, return value and traceback, after the task has run. For a mail
task those arguments name a recipient (and, for mail rendered in the request,
hold the whole text), so the row is deleted as soon as the task has finished:
the copy in the database, and in the backups made from then on, lives only as
long as the mail waits. Other tasks' rows (panel ids, batch ids) are left as
django-tasks keeps them.

This module defines no task, so ``CoreConfig.ready`` can import it without
binding tasks to a backend before the settings are final (tests switch to the
immediate backend after Django has started).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.db import DatabaseError
from django_tasks import task_backends
from django_tasks.base import TaskResult
from django_tasks.exceptions import InvalidTaskBackendError

logger = logging.getLogger(__name__)

# Mail tasks live in a module named ``mails`` (or in ``core/email.py``), so one
# pattern finds the rows of every one of them, whether or not the module that
# defines a task was imported in this process. ``core.email.mail_task``
# refuses a mail task defined anywhere else. Python's and PostgreSQL's regular
# expressions (and Django's REGEXP function on SQLite) read it alike.
MAIL_TASK_PATH = re.compile(r"^ledenpanel\.([A-Za-z0-9_]+\.)*(email|mails)\.[A-Za-z0-9_]+$")


def mail_task_rows_purge() -> int:
    """Delete the rows of every finished mail task; the number deleted.

    Called each time a mail task finishes in the database queue, so a row
    lives only while its mail waits or is being sent. Deleting all finished
    mail rows (not only the one that just finished) also removes rows a killed
    worker left behind and rows written before this rule existed.
    """
    from django_tasks_db.models import DBTaskResult

    finished = DBTaskResult.objects.finished()
    deleted, _per_model = finished.filter(task_path__regex=MAIL_TASK_PATH.pattern).delete()
    return deleted


def mail_task_finished(sender: object, task_result: TaskResult[Any], **kwargs: Any) -> None:
    """``task_finished`` receiver (connected in ``CoreConfig.ready``): purge mail rows.

    Never raises: the worker sends this signal inside its own error handling,
    and an exception here would make it record a delivered mail as failed.
    """
    from django_tasks_db.backend import DatabaseBackend

    if not MAIL_TASK_PATH.match(task_result.task.module_path):
        return
    try:
        if not isinstance(task_backends[task_result.backend], DatabaseBackend):
            return  # the immediate backend (tests) keeps no rows
        mail_task_rows_purge()
    except (DatabaseError, InvalidTaskBackendError):
        # The next mail task that finishes deletes these rows too.
        logger.exception("could not delete finished mail task rows")
