"""``koers programmes``: the programmes in this installation, one a line (short name, tab, name)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from koers.programmes.models import Programme


class Command(BaseCommand):
    help = _("List the programmes: short name and name, separated by a tab, sorted by short name.")

    def handle(self, *args, **options) -> None:
        for slug, name in Programme.objects.order_by("slug").values_list("slug", "name"):
            self.stdout.write(f"{slug}\t{name}")
