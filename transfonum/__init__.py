"""Code partagé du kit « Transformation numérique » : données, graphiques, exercices."""
