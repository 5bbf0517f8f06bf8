"""The student edition (python -m transfonum.site.construction --etudiant) keeps every exercise and
leaves out every solution; the full edition keeps both."""

from __future__ import annotations

import pytest

from test_construction import make_book

from transfonum.site.construction import construire, main

EXERCISE = """
```{exercise} Un exercice
:label: ex-essai

Énoncé de l'exercice.
```

```{solution} ex-essai
:class: dropdown

Corrigé secret.
```
"""


def _page(root, student: bool) -> str:
    result = construire(make_book(root, EXERCISE), valider=False, capturer=True, etudiant=student)
    assert result.returncode == 0, result.stdout[-3000:]
    return (root / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")


@pytest.mark.lent
def test_full_edition_has_the_solution(tmp_path):
    page = _page(tmp_path, student=False)
    assert "Énoncé de l" in page and "Corrigé secret" in page


@pytest.mark.lent
def test_student_edition_has_the_exercise_without_its_solution(tmp_path):
    page = _page(tmp_path, student=True)
    assert "Énoncé de l" in page and "Corrigé secret" not in page


def test_student_edition_goes_to_its_own_folder_by_default(tmp_path, monkeypatch):
    calls = {}
    monkeypatch.setattr("transfonum.site.construction.construire", lambda *a, **k: calls.update(args=a, kwargs=k) or
                        type("Done", (), {"returncode": 0})())
    assert main(["--etudiant", str(tmp_path)]) == 0
    assert calls["args"][1] == tmp_path / "_build" / "etudiant" and calls["kwargs"]["etudiant"] is True
