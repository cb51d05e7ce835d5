"""Test helpers kept out of the installed package: the pytest environment (`env`, loaded by
`-p ipbureau_testing.env`), the browser fixtures and the path to the shared real data.
Importable through pytest's `pythonpath` option (pyproject.toml); bench scripts add the folder
to sys.path themselves."""
