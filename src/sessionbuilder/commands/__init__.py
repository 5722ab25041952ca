"""What each command does: one function per command, called by the CLI and the web app."""
