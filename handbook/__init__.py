"""The competence handbook's build: profiles.yaml and content/ into a bilingual site, PDFs and open data.

A build reads the sources into the model, makes the site, the PDFs and the data from it,
and writes them: read → model → site / PDFs / data → write. The subpackages are listed
here so that each depends only on those above it (and on `problems`, which every step
uses to report an editor's mistakes):

  model/    the handbook as typed, frozen objects (the partnership register's too); how complete
            each translation is
  sources/  read: the handbook's folder, YAML with line numbers, the schema that validates
            profiles.yaml into the model, Markdown pages into safe HTML (refusing those that would
            take too long to convert), interface strings,
            the sources' history (dates without a clock), and site.yaml's branding
            (colours checked for contrast, the logo sanitised)
  render/   what every output shares: Jinja2 (sandboxed, strict) and the pools of worker
            processes that render in parallel
  write/    the only writer of output/, the caches kept between builds, knowing that
            nothing changed
  data/     the framework as open data (SKOS, CSV, schema.org), and the downloads page's list
  pdf/      the printable PDFs: the checklists, the whole handbook, WeasyPrint, and
            finishing its PDFs (forms every client reads alike, PDF/UA-1 tags, only our fonts)
  assess/   the self-assessment per profile and the team's competence picture: the pages'
            data and the forms they fill in
  register/ the partnership register (optional partnerships.yaml): its pages, feeds,
            calendars, open data and printed agreements, added to the site's plan
  site/     the HTML site: which pages exist, rendering them, the A–Z index, the sitemap,
            each page's date and description, and the search index
  build/    the steps tied together: the pipeline, progress, the live preview

  problems  what can go wrong with an editor's input, and how it is reported
  i18n      the build's own language: its messages in Danish or English, from gettext catalogues
  cli       the command line (`python build.py`)
  scaffold  `python build.py new KIND CODE`: a new block in profiles.yaml, from the schema's declarations
  environment  the hint for a Python without the handbook's libraries (imported first, standard library only)
"""
