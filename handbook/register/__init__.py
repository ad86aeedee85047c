"""The partnership register: partnerships.yaml into pages, feeds, calendars, open data and printed agreements.

Optional: a handbook without partnerships.yaml builds exactly as before. The register sits
after `pdf/` and `data/` (it uses their PDF engine and CSV rules) and before `site/`, whose
plan, page cache, navigation and A–Z index add its pages.

  model.py      partnerships, goals, coordinators; status and reviews judged as of the build date
  source.py     partnerships.yaml's shape, validation with located messages, and its JSON Schema
  pages.py      which pages exist, what each shows (for the page cache), where the files go
  feeds.py      the Atom feed of new partnerships and the iCalendar file of review dates
  exports.py    the register as CSV and schema.org JSON-LD
  documents.py  the partnership agreement and evaluation form of each partnership, as HTML for PDFs
  files.py      every file the register adds beside its pages
"""
