"""A stand-in for the other departments' registries, for development and tests.

It serves the demo residents' records of form_schemas/demo/registry.json over HTTP the way the
`http-json` connectors of form_schemas/datasources/ expect, and can be switched to answer slowly,
with errors, with garbage or not at all, so that failures can be shown and tested.
"""

from backend.devregistry.app import create_registry_app
from backend.devregistry.server import DEFAULT_RECORDS, run, serve_registry
from backend.devregistry.switches import BadSwitches, Switches

__all__ = [
    "DEFAULT_RECORDS",
    "BadSwitches",
    "Switches",
    "create_registry_app",
    "run",
    "serve_registry",
]
