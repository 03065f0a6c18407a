"""`python -m moodify ...` is the moodify command."""

from moodify.cli import main

main()
