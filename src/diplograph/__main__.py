from diplograph.cli import main

main()
