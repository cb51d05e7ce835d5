from ipbureau.cli import main

main()
