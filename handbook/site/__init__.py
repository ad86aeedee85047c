"""The HTML site: which pages exist, how they link, rendering them, the A–Z index, sitemap and search."""
