"""``python -m transfonum.exercises`` : liste les exercices ; ``--json`` écrit les clés
résolues (références aux données remplacées par leurs valeurs), pour le navigateur."""

from __future__ import annotations

import json
import sys

from transfonum.exercises.keys import default_keys, export_keys


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée ; renvoie le code de sortie."""
    args = sys.argv[1:] if argv is None else argv
    if "--json" in args:
        print(json.dumps(export_keys(), ensure_ascii=False, indent=2, allow_nan=False))
        return 0
    for ex in default_keys().values():
        print(f"{ex.id:<28} {ex.type:<15} {ex.chapter}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
