import sys

from aiprinciples.cli import main

sys.exit(main())
