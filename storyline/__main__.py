"""``python -m storyline`` = the ``storyline`` command."""

from storyline.cli import main

main()
