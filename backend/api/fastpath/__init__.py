"""The fast path: shortcuts that answer exactly as the general path does, only sooner.

- `execution`: plain fields (an attribute of a scalar or enum type) read and coerced directly
  instead of through graphql-core's general completion;
- `answers`: anonymous catalog reads answered from memory until the catalog changes;
- `replay`: the same request bytes again answered with the response sent before, unparsed.

One setting turns all three off: `Settings.fast_path` (`ZERORUN_FAST_PATH=0`; on by default),
read by `build_schema` (plain fields are marked only when on) and by the view (answers kept and
replayed only when on). tests/api/test_fast_path.py fails when a shortcut is not taken, and
compares the clients' operations answered with the fast path on and off.
"""
