"""The competence handbook's build: profiles.yaml and content/ into a bilingual site, PDFs and open data.

A build flows through the subpackages in this order; each depends only on those
above it (and on `problems`, which every step uses to report an editor's mistakes):

  sources/  read: the handbook's folder, YAML with line numbers, the schema that
            validates profiles.yaml into the model, Markdown pages and interface strings,
            and the sources' history (dates without a clock)
  model/    the handbook as typed, frozen objects; how complete each translation is
  render/   what every output shares: Jinja2 (sandboxed, strict), Markdown into safe
            HTML, and the pools of worker processes that render in parallel
  site/     the HTML site: which pages exist, rendering them, the A–Z index, the
            sitemap and the search index
  pdf/      the printable PDFs: the checklists, the whole handbook, WeasyPrint
  data/     the framework as open data (SKOS, CSV, schema.org), and the downloads page's list
  write/    the only writer of output/, the caches, knowing that nothing changed
  build/    the steps tied together: the pipeline, progress, the live preview

  problems  what can go wrong with an editor's input, and how it is reported
  i18n      the build's own language: its messages in Danish or English, from gettext catalogues
  cli       the command line (`python build.py`)
  scaffold  `python build.py new KIND CODE`: a new block in profiles.yaml, from the schema's declarations
  environment  the hint for a Python without the handbook's libraries (imported first, standard library only)
"""
