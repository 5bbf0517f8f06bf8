# Two commands for a fresh Debian/Ubuntu machine with python3 and make:
#   make book   set up .venv, check the data, build the site into _build/html
#   make test   set up .venv, run every test
# and: make book-etudiant (student edition, no solutions, in _build/etudiant),
#      make pdf (chapters, exercise sheets, cases, course page as PDF, in the site),
#      make branche-etudiante (the git branch Binder and the hub open, no solutions),
#      make test-rapide (unit tests only, under a minute), make serve / serve-etudiant
#      (serve an edition on 127.0.0.1), make notes COPIES=<folder or zip> (grade a class's notebooks),
#      make banque (the Moodle question bank), make bench, make clean,
#      make verrou (rewrite requirements.lock after a pin changed in requirements.txt).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
# Every package of the environment at its exact version (pip freeze of a venv made from
# requirements.txt): `pip install -c` holds the transitive ones too. `make verrou` rewrites it.
LOCK   := requirements.lock
PORT   ?= 8000
ETUDIANT := _build/etudiant

.PHONY: book book-etudiant pdf pdf-etudiant branche-etudiante test test-rapide serve serve-etudiant notes banque bench clean verrou

$(READY): requirements.txt $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Impossible de créer $(VENV) : installez python3-venv (apt-get install python3-venv)."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip -c $(LOCK)
	$(BIN)/python -m pip install --quiet -r requirements.txt -c $(LOCK)
	@touch $@

# Rewrite the lock: a throwaway venv gets the newest pip and requirements.txt without the
# lock (so pip resolves every transitive version afresh, within the direct pins), then
# `pip freeze --all` of it, minus the kit itself (-e .), becomes requirements.lock. The old
# lock stays if anything fails. Then: make clean book, make test (README: « Mettre à jour »).
verrou:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip && \
	"$$tmp/venv/bin/python" -m pip install --quiet -r requirements.txt && \
	{ echo "# Généré par « make verrou » depuis requirements.txt : ne pas modifier à la main."; \
	  echo "# Chaque paquet de l'environnement à sa version exacte ; make l'applique (pip install -c)."; \
	  "$$tmp/venv/bin/python" -m pip freeze --all --exclude-editable; } > "$$tmp/verrou" && \
	mv "$$tmp/verrou" $(LOCK)
	@echo "$(LOCK) réécrit : relancez « make clean book » puis « make test » (README, « Mettre à jour »)."

book: $(READY)
	$(BIN)/python -m transfonum.site

# Debian's Chromium prints the toc's chapters, sheets, course page, syllabus and cases
# (apt-get install chromium), into _build/html/impressions/.
pdf: book
	$(BIN)/python -m transfonum.outils.impression

pdf-etudiant: book-etudiant
	$(BIN)/python -m transfonum.outils.impression --site $(ETUDIANT)/_build/html --etudiant

book-etudiant: $(READY)
	$(BIN)/python -m transfonum.site --etudiant

# Standard library and git only: works before any setup, on any host.
branche-etudiante:
	$(PYTHON) -m transfonum.outils.branche_etudiante

# Serve an edition on 127.0.0.1: the teacher's (make serve) or the students' (make serve-etudiant).
serve: SITE = _build/html
serve: CONSTRUIRE = book
serve-etudiant: SITE = $(ETUDIANT)/_build/html
serve-etudiant: CONSTRUIRE = book-etudiant
serve serve-etudiant:
	@test -f $(SITE)/index.html || { echo "Pas de site dans $(SITE) : lancez d'abord « make $(CONSTRUIRE) »."; exit 1; }
	@echo "Site servi sur http://127.0.0.1:$(PORT)/ (Ctrl+C pour arrêter)"
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory $(SITE) $(PORT)

# A class's notebooks graded: one folder per student, a Moodle download, or its zip.
NOTES ?= _build/notes
notes: $(READY)
	@test -n "$(COPIES)" || { echo "Indiquez les copies : make notes COPIES=dossier-ou-archive.zip"; exit 1; }
	$(BIN)/python -m transfonum.exercices.notes "$(COPIES)" --sortie "$(NOTES)"

# Every question of the keys as a Moodle question bank (XML, and GIFT); SITE= the
# published book's address, for each question's link to its chapter.
banque: $(READY)
	$(BIN)/python -m transfonum.exercices.moodle --sortie _build/banque.xml --gift _build/banque.gift $(if $(SITE),--site $(SITE))

test: $(READY)
	$(BIN)/python -m pytest

test-rapide: $(READY)
	$(BIN)/python -m pytest -m "not lent"

# Build times, bytes each page transfers (served with gzip), Lighthouse scores when a
# `lighthouse` command is on the PATH (or TRANSFONUM_LIGHTHOUSE names it), Binder env,
# and the time to grade a class of 30 (--seulement notes: that part alone).
bench: $(READY)
	$(BIN)/python -m transfonum.outils.banc

clean:
	rm -rf _build
