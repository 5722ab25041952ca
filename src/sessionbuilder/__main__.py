from sessionbuilder.cli import main

main()
