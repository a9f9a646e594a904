"""Who may make an archive package: a functional administrator (and only of a closed programme,
which the view checks)."""

import rules

from koers.programmes.rules import is_functional_admin

rules.add_perm("archive.make_package", is_functional_admin)
