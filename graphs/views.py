"""The network views, importable without NetworkX (the CLI lists them as choices)."""

#: The network views, by the ``ag:view`` of the relation families.
VIEWS = ("all", "influence", "conflict", "cooperation")
