"""What every domain's figures share: reporting periods, ratios, errors, the envelope
(`region`, `period`, `total`, `rows`) of the API, the command-line arguments and the output
formats of `ipbureau stats …`. No models, and no import from a domain app: regions and
accounts, the bottom layer, are all it builds on."""
