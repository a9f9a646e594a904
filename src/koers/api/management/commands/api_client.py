"""Manage clients of the REST API: ``koers api_client create NAME --user USERNAME`` prints the
token once; ``koers api_client revoke NAME`` switches a client off; ``koers api_client list``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from koers.api.models import ApiClient
from koers.api.services import api_client_create, api_client_revoke


class Command(BaseCommand):
    help = "Create, revoke or list clients of the REST API (/api/v1)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a client and print its token once.")
        create.add_argument("name")
        create.add_argument(
            "--user", required=True, help="The user whose permissions the client acts with."
        )
        revoke = sub.add_parser("revoke", help="Switch a client off; its token stops working.")
        revoke.add_argument("name")
        sub.add_parser("list", help="List the clients.")

    def handle(self, *args, action: str, **options):
        if action == "create":
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Unknown user: {options['user']}")
            try:
                client, token = api_client_create(name=options["name"], user=user)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(f"Client {client.name} acts as {user.username}. Token (shown once):")
            self.stdout.write(token)
        elif action == "revoke":
            client = ApiClient.objects.filter(name=options["name"]).first()
            if client is None:
                raise CommandError(f"Unknown client: {options['name']}")
            api_client_revoke(client=client)
            self.stdout.write(f"Client {client.name} revoked.")
        else:
            for client in ApiClient.objects.select_related("user"):
                state = "active" if client.active else "revoked"
                used = client.last_used.isoformat() if client.last_used else "never"
                self.stdout.write(
                    f"{client.name}\t{client.user.username}\t{state}\tlast used: {used}"
                )
