"""Reading a handbook: its folder, YAML with line numbers, the schema of profiles.yaml, Markdown pages and strings."""
