"""Plugin support: test helpers (``auditor.plugins.testing``), the scaffold
(``auditor new-plugin``) and declarative rule packs (``auditor.plugins.packs``)."""
