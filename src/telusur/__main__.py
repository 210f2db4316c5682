"""``python -m telusur``: the same command line as ``telusur``."""

from telusur.cli import main

if __name__ == "__main__":  # pragma: no cover
    main(prog_name="telusur")
