"""``python -m transfonum.donnees`` : une ligne par table, son nombre de lignes et son titre."""

from transfonum.donnees import charger_table, noms_tables


def main() -> int:
    """Affiche les tables du paquet de données ; renvoie le code de sortie."""
    for nom in noms_tables():
        table = charger_table(nom)
        print(f"{nom:<28} {len(table):>6}  {table.attrs['title']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
