"""The framework as open data (SKOS, CSV, schema.org), and what the downloads page offers."""
