"""``python -m transfonum.exercices`` : liste les exercices ; ``--json`` écrit les clés
résolues (références aux données remplacées par leurs valeurs), pour le navigateur."""

from __future__ import annotations

import json
import sys

from transfonum.exercices.cles import cles_du_kit, exporter_cles


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée ; renvoie le code de sortie."""
    args = sys.argv[1:] if argv is None else argv
    if "--json" in args:
        print(json.dumps(exporter_cles(), ensure_ascii=False, indent=2, allow_nan=False))
        return 0
    for ex in cles_du_kit().values():
        print(f"{ex.id:<28} {ex.type:<15} {ex.chapter}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
