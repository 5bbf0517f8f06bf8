"""Every extract of ``data/citations.csv`` stands, word for word, in the post it names,
within the length and the budget the kit allows itself: checked by the team's own tool
(``../shared/tools/quotecheck.py``, beside the repository here and in CI)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from transfonum.chemins import RACINE

VERIFICATION = RACINE.parent / "shared" / "tools" / "quotecheck.py"


def test_every_extract_stands_in_its_post():
    if not VERIFICATION.exists():
        pytest.fail(f"outil de vérification des extraits introuvable : {VERIFICATION} "
                    "(le dossier shared/ doit être à côté du dépôt)")
    fait = subprocess.run([sys.executable, str(VERIFICATION), str(RACINE)], capture_output=True, text=True)
    assert fait.returncode == 0, fait.stdout + fait.stderr


def test_the_check_refuses_words_the_post_does_not_hold(tmp_path):
    (tmp_path / "data").mkdir()
    for nom in ("billets.csv", "citations.csv"):
        (tmp_path / "data" / nom).write_text((RACINE / "data" / nom).read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "data" / "citations.csv", "a", encoding="utf-8") as f:
        f.write("cit-invente,b-cdo-forrester,une phrase que personne n'a jamais écrite nulle part,,\n")
    fait = subprocess.run([sys.executable, str(VERIFICATION), str(tmp_path)], capture_output=True, text=True)
    assert fait.returncode == 1 and "cit-invente" in fait.stdout, fait.stdout
