"""`seed_demo [--families N]`: fill an empty legacy database (built by `legacy_schema create`) with demo data."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from legacy.demo import DemoSeeder
from legacy.models import Location


class Command(BaseCommand):
    help = "Seed the legacy demo database: location tree, facilities, products, families, policies, claims, users."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=21, help="number of families (about 2.5 insurees each)")
        parser.add_argument("--chunk-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2024, help="random seed, for reproducible data")

    def handle(self, *args, families, chunk_size, seed, **options):
        if families < 1:
            raise CommandError("--families must be at least 1")
        if Location.objects.exists():
            raise CommandError("the legacy database already has data; seed_demo only fills an empty one")
        show = families >= 5000 and options["verbosity"] > 0
        with tqdm(total=families, unit="families", disable=not show) as bar:
            report = DemoSeeder(families=families, chunk_size=chunk_size, seed=seed, progress=bar.update).run()
        for table, (current, total) in report.counts.items():
            self.stdout.write(f"{table}: {current} current rows ({total} with history and deleted rows)")
        self.stdout.write("Demo logins: " + ", ".join(f"{login} / {password}" for login, password in report.users))
