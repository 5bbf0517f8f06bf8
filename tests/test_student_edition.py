"""The student edition (python -m transfonum.build --etudiant) keeps every exercise and
leaves out every solution; the full edition keeps both."""

from __future__ import annotations

from test_build import make_book

from transfonum.build import build, main

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
    result = build(make_book(root, EXERCISE), validate=False, capture=True, student=student)
    assert result.returncode == 0, result.stdout[-3000:]
    return (root / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")


def test_full_edition_has_the_solution(tmp_path):
    page = _page(tmp_path, student=False)
    assert "Énoncé de l" in page and "Corrigé secret" in page


def test_student_edition_has_the_exercise_without_its_solution(tmp_path):
    page = _page(tmp_path, student=True)
    assert "Énoncé de l" in page and "Corrigé secret" not in page


def test_student_edition_goes_to_its_own_folder_by_default(tmp_path, monkeypatch):
    calls = {}
    monkeypatch.setattr("transfonum.build.build", lambda *a, **k: calls.update(args=a, kwargs=k) or
                        type("Done", (), {"returncode": 0})())
    assert main(["--etudiant", str(tmp_path)]) == 0
    assert calls["args"][1] == tmp_path / "_build" / "etudiant" and calls["kwargs"]["student"] is True
