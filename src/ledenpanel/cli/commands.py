"""The `ledenpanel` command line: the parser and the subcommands' handlers.

Exit codes everywhere (``exitcodes``): 0 success, 1 invalid input (nothing
written), 2 wrong usage. Django is set up only for the commands that need
it, so handlers import Django and the apps inside the function.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from ledenpanel.cli.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_USAGE


class MigrationsPending(Exception):
    """The database schema is behind the code (PostgreSQL only)."""


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledenpanel.config.settings")
    import django

    django.setup()


def _setup_django_without_debug() -> None:
    """Start Django with DEBUG off in this process only (`ledenpanel demo`).

    The demo loads its party and panels in this process, then runs the web
    server and the worker as child processes (``cli.serving``) and only
    watches them: it serves no page itself. DEBUG, the demo's default for
    those servers, would here make Django keep and log every query of the
    loading (on SQLite it even quotes each query's parameters with a query of
    its own), which made loading the panels about a fifth slower. Settings
    read DEBUG once, as Django starts; the environment is put back right
    after, so the servers inherit it as it was.
    """
    before = os.environ.get("DEBUG")
    os.environ["DEBUG"] = "0"
    try:
        _setup_django()
    finally:
        if before is None:
            del os.environ["DEBUG"]
        else:
            os.environ["DEBUG"] = before


def _is_sqlite() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"


def ensure_migrated() -> None:
    """Apply pending migrations on embedded SQLite; refuse on PostgreSQL.

    A party's PostgreSQL database is shared by several servers: migrating it is
    an operator's deliberate step (`ledenpanel manage migrate`), never a side
    effect of starting a command.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return
    if _is_sqlite():
        call_command("migrate", interactive=False, verbosity=0)
        return
    raise MigrationsPending(
        f"The database has {len(plan)} pending migration(s). "
        "Run `ledenpanel manage migrate` once, then start this command again."
    )


def _cmd_manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line, get_commands

    name = args.django_args[0] if args.django_args else "help"
    if not name.startswith("-") and name != "help" and name not in get_commands():
        print(
            f"ledenpanel manage: unknown command {name!r}; see `ledenpanel manage help`.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        execute_from_command_line(["ledenpanel manage", *args.django_args])
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_INVALID
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from ledenpanel import demo
    from ledenpanel.cli import serving

    if not _is_sqlite():
        print(
            "ledenpanel demo: runs on the embedded SQLite database only; unset DATABASE_URL "
            "(a demo must never load a fictional party into a real one).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    ensure_migrated()
    logins = demo.ensure_demo_party(members=args.members, out=sys.stderr)
    return serving.run_web_and_worker(
        host=args.host,
        port=args.port,
        web_workers=2,
        banner=demo.banner(logins, url=serving.served_url(args.host, args.port)),
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command

    from ledenpanel.cli import serving
    from ledenpanel.cli.checks import refuse_insecure_production

    if settings.DEMO_MODE:
        print(
            "ledenpanel serve: LEDENPANEL_DEMO is set; it turns off production safeguards. "
            "Unset it (it belongs to `ledenpanel demo` only).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    refuse_insecure_production()
    ensure_migrated()
    call_command("collectstatic", interactive=False, verbosity=0)
    os.environ["LEDENPANEL_STATIC_MANIFEST"] = "1"
    banner = f"Ledenpanel serving at http://{args.host}:{args.port}/"
    if args.site_url_from_address:
        banner += (
            f"\nLinks in e-mails and letters point at {settings.SITE_URL}/; "
            "set SITE_URL to the public address."
        )
    return serving.run_web_and_worker(
        host=args.host,
        port=args.port,
        web_workers=args.workers,
        with_worker=not args.no_worker,
        banner=banner,
    )


def _cmd_import_units(args: argparse.Namespace) -> int:
    from ledenpanel.cli import roster

    ensure_migrated()
    return roster.import_units(args)


def _cmd_import_members(args: argparse.Namespace) -> int:
    from ledenpanel.cli import roster

    ensure_migrated()
    return roster.import_members(args)


def _cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ledenpanel.core.backup import backup_database

    ensure_migrated()
    backup_database(destination=Path(args.file))
    print(f"Backup written to {args.file}", file=sys.stderr)
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ledenpanel.core.backup import restore_database

    if not args.yes:
        print(
            "ledenpanel: restore replaces everything in the database; "
            "stop the servers and run again with --yes.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    restore_database(source=Path(args.file))
    print(f"Database restored from {args.file}", file=sys.stderr)
    return EXIT_OK


def _cmd_add_staff(args: argparse.Namespace) -> int:
    from django.db import transaction

    from ledenpanel.accounts.services import password_set_url
    from ledenpanel.organisations.models import RoleKind, Unit
    from ledenpanel.organisations.services import RoleError, staff_add_to_unit

    ensure_migrated()
    unit = Unit.objects.filter(code=args.unit).first()
    if unit is None:
        print(f"ledenpanel: no unit with code {args.unit!r}; see `import-units`.", file=sys.stderr)
        return EXIT_INVALID
    try:
        with transaction.atomic():
            role = staff_add_to_unit(
                email=args.email,
                full_name=args.name,
                unit=unit,
                kind=RoleKind(args.role),
                added_by=None,
            )
    except RoleError as exc:
        print(f"ledenpanel: {exc}", file=sys.stderr)
        return EXIT_INVALID
    user = role.user
    print(f"{user.email} is {role.get_kind_display()} of {unit.name}.", file=sys.stderr)
    if not user.has_usable_password():
        print("An e-mail with a link to choose a password was sent.", file=sys.stderr)
        if args.print_link:
            print(password_set_url(user=user))
    return EXIT_OK


def _cmd_reset_2fa(args: argparse.Namespace) -> int:
    from django.db import transaction

    from ledenpanel.accounts.models import User
    from ledenpanel.accounts.services import user_second_factor_reset

    ensure_migrated()
    user = User.objects.filter(email=args.email.strip().lower()).first()
    if user is None:
        print(f"ledenpanel: no staff account for {args.email!r}.", file=sys.stderr)
        return EXIT_INVALID
    with transaction.atomic():
        user_second_factor_reset(user=user)
    print(
        f"Authenticator and password of {user.email} removed; "
        "an e-mail with a link to choose a new password was sent.",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_bounces(args: argparse.Namespace) -> int:
    from ledenpanel.invitations.bounces import run_bounces

    ensure_migrated()
    return run_bounces(args)


def _cmd_analyse(args: argparse.Namespace) -> int:
    from ledenpanel.cli.analyse import run_analyse

    return run_analyse(args)


def _cmd_lint(args: argparse.Namespace) -> int:
    from ledenpanel.cli.lint import run_lint

    return run_lint(args)


def _site_url_from_served_address(args: argparse.Namespace) -> None:
    """Unless SITE_URL is set, links in mails and letters point where we serve.

    Settings read SITE_URL once, so this runs before Django starts; the web
    server and the worker inherit it with the rest of the environment.
    """
    from ledenpanel.cli.serving import served_url

    args.site_url_from_address = not os.environ.get("SITE_URL")
    if args.site_url_from_address:
        os.environ["SITE_URL"] = served_url(args.host, args.port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ledenpanel", description="Ledenpanel: member panels, end to end."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str):
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        return command

    demo = add("demo", _cmd_demo, "Run the app with a demo party on the embedded database.")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument(
        "--members", type=int, default=20_000, help="size of the demo party (first run only)"
    )

    serve = add("serve", _cmd_serve, "Run the production web server and background worker.")
    serve.add_argument("--host", default=os.environ.get("HOST", "0.0.0.0"))  # noqa: S104
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="web server only (run workers elsewhere with `ledenpanel manage db_worker`)",
    )

    manage = add("manage", _cmd_manage, "Run one of Django's management commands.")
    manage.add_argument("django_args", nargs=argparse.REMAINDER, metavar="ARGS")

    backup = add("backup", _cmd_backup, "Write a backup of the database to FILE.")
    backup.add_argument("file", metavar="FILE")
    restore = add("restore", _cmd_restore, "Replace the database with the backup in FILE.")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="confirm: overwrite the database")

    staff = add("add-staff", _cmd_add_staff, "Give a person a role on a unit (invites by e-mail).")
    staff.add_argument("email", metavar="EMAIL")
    staff.add_argument("--name", required=True, help="full name")
    staff.add_argument("--unit", required=True, help="unit code (national unit for coordinators)")
    staff.add_argument("--role", required=True, choices=["bestuurder", "coach", "coordinator"])
    staff.add_argument(
        "--print-link",
        action="store_true",
        help="also print the one-time password link (e.g. for the first coordinator)",
    )

    reset = add(
        "reset-2fa",
        _cmd_reset_2fa,
        "For a lost phone: remove a staff member's authenticator and e-mail a new password link.",
    )
    reset.add_argument("email", metavar="EMAIL")

    from ledenpanel.cli.lint import add_lint_arguments

    lint = add("lint", _cmd_lint, "Check an XLSForm questionnaire against the question guideline.")
    add_lint_arguments(lint)

    from ledenpanel.cli.analyse import add_analyse_arguments

    analyse = add(
        "analyse",
        _cmd_analyse,
        "Analyse a panel's responses from files: XLSForm, responses CSV, optional population.",
    )
    add_analyse_arguments(analyse)

    bounces = add(
        "bounces", _cmd_bounces, "Record bounced member mail from the bounce mailbox (VERP)."
    )
    source = bounces.add_mutually_exclusive_group(required=True)
    source.add_argument("--maildir", metavar="PATH", help="a maildir folder")
    source.add_argument("--imap", metavar="URL", help="imaps://user:password@host/INBOX")
    bounces.add_argument(
        "--delete", action="store_true", help="delete processed messages instead of marking them"
    )

    from ledenpanel.cli.roster import add_import_arguments

    units = add("import-units", _cmd_import_units, "Import or update the units tree (CSV).")
    add_import_arguments(units, full=False)
    members = add("import-members", _cmd_import_members, "Import the member roster.")
    add_import_arguments(members, full=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "analyse":  # files only: no database, no Django
        return args.handler(args)
    if args.command == "demo":
        os.environ["LEDENPANEL_DEMO"] = "1"
    if args.command in {"demo", "serve"}:
        _site_url_from_served_address(args)
    if args.command == "demo":
        _setup_django_without_debug()
    else:
        _setup_django()
    from django.core.exceptions import ImproperlyConfigured
    from django.utils import translation

    translation.activate(getattr(args, "lang", None) or "nl")

    from ledenpanel.core.backup import BackupError

    try:
        return args.handler(args)
    except (MigrationsPending, ImproperlyConfigured, BackupError) as exc:
        print(f"ledenpanel: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return EXIT_OK
