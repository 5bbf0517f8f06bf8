"""Le navigateur des outils et des tests : le Chromium de Debian (jamais un navigateur
téléchargé), sans tête, et sans appels vers l'extérieur."""

from __future__ import annotations

import os

#: Le Chromium de Debian (``apt-get install chromium``) ; ``TRANSFONUM_CHROMIUM`` pour un autre chemin.
CHROMIUM = os.environ.get("TRANSFONUM_CHROMIUM", "/usr/bin/chromium")
#: Ce qui garde un Chromium sans tête de tout appel vers l'extérieur sur un réseau fermé.
ARGUMENTS = [
    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps",
]
