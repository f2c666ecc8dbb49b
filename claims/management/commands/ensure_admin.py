import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the admin login if it does not exist. The password comes from "
        "FACTCHECK_ADMIN_PASSWORD, or is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("FACTCHECK_ADMIN_USER", "admin"))

    def handle(self, *args, **options):
        users = get_user_model()
        username = options["username"]
        if users.objects.filter(username=username).exists():
            self.stdout.write(f"Admin login '{username}' already exists.")
            return
        password = os.environ.get("FACTCHECK_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        if os.environ.get("FACTCHECK_ADMIN_PASSWORD"):
            self.stdout.write(f"Created admin login '{username}' (password from environment).")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Created admin login '{username}' with password: {password}\n"
                    "It is shown only this once; change it in the admin."
                )
            )
