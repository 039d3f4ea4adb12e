"""auditor: a rules-based compliance auditor for Chinese public-budget documents.

The package is organised as a pipeline: a *reader* turns a file into a typed
:class:`~auditor.models.Document`, *rules* turn a document into findings and
*reporters* turn findings into output. Each of the three registers through the
same pluggy hooks (:mod:`auditor.hookspecs`), built-ins included.
"""
__version__ = "0.1.0"

from .hookspecs import hookimpl  # noqa: E402  (re-exported for plugin authors)

__all__ = ["__version__", "hookimpl"]
