"""What every output shares: Jinja2 (sandboxed, strict), Markdown into safe HTML, and the pools of worker processes."""
