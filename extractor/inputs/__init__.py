"""Input formats behind `extractor.readers` (the facade other code imports).

- `html.py`   HTML pages -> main text, title, date (trafilatura); HTML fragments -> text
- `feeds.py`  RSS and Atom feeds -> one item per entry (feedparser)
- `jsonl.py`  JSONL (gzip'd or not, stdin) and `.json` files -> rows
- `sources.py` command-line inputs (files, folders, `-`) -> `Source`s with unique doc_ids
"""
