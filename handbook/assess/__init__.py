"""The self-assessment: a form per profile that staff fill in in their own browser, and the team's
competence picture a leader makes from the files they choose to share. Nothing leaves the browser:
the pages carry their data, and a Content-Security-Policy forbids every connection."""
