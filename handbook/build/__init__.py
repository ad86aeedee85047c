"""The steps tied together: the build pipeline, what it prints while it runs, and the live preview."""
