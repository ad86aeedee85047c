"""The competence handbook's build: profiles.yaml and content/ into a bilingual site.

Modules, in the order a build uses them:
  yaml_source     YAML files into values that remember their lines
  schema          the shape of profiles.yaml; validation into the model
  model           the handbook as typed, frozen objects
  content         Markdown pages and interface strings from content/
  markdown_render Markdown into safe HTML
  site            which pages exist and how they link
  a_to_z          the A–Z index in each language's alphabet
  render          Jinja2 templates into HTML
  downloads       what the downloads page offers, under which file names
  exports         the framework as open data: SKOS (Turtle, JSON-LD), CSV, schema.org
  checklists      which checklist PDFs exist and what each lists
  book            the whole handbook as one PDF per language
  pdf             HTML into PDF with WeasyPrint: sandboxed, cached, in parallel
  sitemap         sitemap.xml
  search_index    Pagefind's search index over the rendered pages
  output          the only writer of the output folder
  pipeline        the phases tied together
  progress        what a build prints while it runs
  translation     how complete each translation is (for `check`)
  serve           live preview: serve, watch, rebuild, reload
  cli             the command line
"""
