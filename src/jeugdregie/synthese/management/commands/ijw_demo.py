"""``manage.py ijw_demo``: a handful of real iJw messages of the demo provider for the embedded
demo (``synthese.ijw_demo``); development and demo only, like the whole ``synthese`` app."""

from django.core.management.base import BaseCommand

from jeugdregie.synthese.ijw_demo import speel


class Command(BaseCommand):
    help = "Stuur een handvol echte demoberichten van de demo-aanbieder (alleen de demo)."

    def handle(self, *args, **opties):
        self.stdout.write("\n".join(speel()))
