"""``python -m actorgraph`` runs the command line."""

from actorgraph.cli import main

main()
