"""The web front end: `sessionbuilder serve`. Pages and a JSON API that parse input, call the same
functions in `commands/` as the CLI, and show their result, warnings or errors. See app.py for
how a page is added."""
